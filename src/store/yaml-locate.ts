// Where in the editor's text an object (and one of its fields) is, so an error the apiserver reports
// by field path ("spec.ports[0].port: Invalid value") can be shown at its line and column.
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';

export interface Pos {
  line: number;
  col: number;
}

interface Located {
  kind: string;
  name: string;
  node: unknown;
}

interface Ranged {
  range?: [number, number, number] | null;
}

export interface DocIndex {
  objects: Located[];
  pos(offset: number): Pos;
}

const str = (v: unknown) => (isScalar(v) ? String(v.value ?? '') : typeof v === 'string' ? v : '');

function getIn(node: unknown, path: (string | number)[]): unknown {
  let cur = node;
  for (const k of path) {
    if (isMap(cur)) cur = cur.items.find((p) => str(p.key) === String(k))?.value;
    else if (isSeq(cur) && typeof k === 'number') cur = cur.items[k];
    else return undefined;
    if (cur === undefined || cur === null) return undefined;
  }
  return cur;
}

/** Every object in the text (a List's items too), with its kind and name. */
export function indexDocs(text: string): DocIndex {
  const lc = new LineCounter();
  const objects: Located[] = [];
  let docs: ReturnType<typeof parseAllDocuments> = [];
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  } catch {
    /* a text the parser rejects has no objects to point at */
  }
  const take = (node: unknown) => {
    if (!isMap(node)) return;
    const kind = str(getIn(node, ['kind']));
    if (kind === 'List') {
      const items = getIn(node, ['items']);
      if (isSeq(items)) items.items.forEach(take);
      return;
    }
    objects.push({ kind, name: str(getIn(node, ['metadata', 'name'])), node });
  };
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    const c = (d as { contents?: unknown }).contents;
    if (isSeq(c)) c.items.forEach(take);
    else take(c);
  }
  return {
    objects,
    pos: (offset) => {
      const p = lc.linePos(offset);
      return { line: p.line, col: p.col };
    },
  };
}

/** "spec.ports[0].port" → ["spec", "ports", 0, "port"]; "metadata.labels[app]" → [..., "app"]. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

/** The position of the object (kind/name), or of the deepest part of `field` that the text has. */
export function locate(idx: DocIndex, kind: string | null, name: string, field?: string): Pos | undefined {
  const found = idx.objects.filter((o) => o.name === name && (!kind || o.kind === kind));
  // by name alone only when that is unambiguous
  const obj = kind ? found[0] : found.length === 1 ? found[0] : undefined;
  if (!obj) return undefined;
  let best = obj.node;
  if (field) {
    const path = parseFieldPath(field);
    for (let i = path.length; i > 0; i--) {
      const n = getIn(obj.node, path.slice(0, i));
      if (n !== undefined && n !== null) {
        best = n;
        break;
      }
    }
  }
  const r = (best as Ranged).range;
  return r ? idx.pos(r[0]) : undefined;
}
