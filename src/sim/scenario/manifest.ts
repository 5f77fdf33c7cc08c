// Manifests → objects: multi-document YAML or JSON, `kind: List`, real `kubectl get -o yaml` output.
// Errors carry the line and column they were found at and read as kubectl's would.
import { LineCounter, parseAllDocuments, isMap, isSeq, type Document } from 'yaml';
import type { ManifestInput } from '../model/types';
import { KINDS, isManifestInput } from '../model/types';
import { checkFields } from './schema';

export interface ManifestError {
  line: number;
  col: number;
  message: string;
  doc: number;
}
export interface ClusterDoc {
  kind: 'Cluster';
  apiVersion: string;
  nodes?: { role?: string }[];
  networking?: { podSubnet?: string; serviceSubnet?: string };
}
export interface PlaygroundDoc {
  kind: 'Playground';
  apiVersion: string;
  spec?: Record<string, unknown>;
}
export interface ParsedManifests {
  objects: ManifestInput[];
  cluster?: ClusterDoc;
  playground?: PlaygroundDoc;
  errors: ManifestError[];
  /** notes about what was left out on import: server-set fields, objects a controller recreates */
  ignored: string[];
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** kind's Cluster document, the parts the playground reads (the nodes' roles, the two subnets). */
function clusterDoc(o: Record<string, unknown>, apiVersion: string): ClusterDoc {
  const doc: ClusterDoc = { kind: 'Cluster', apiVersion };
  if (Array.isArray(o.nodes))
    doc.nodes = o.nodes.map((n) => (isMapping(n) && text(n.role) ? { role: text(n.role) } : {}));
  if (isMapping(o.networking))
    doc.networking = { podSubnet: text(o.networking.podSubnet), serviceSubnet: text(o.networking.serviceSubnet) };
  return doc;
}

/** The Playground document: its spec is read field by field (settingsFrom). */
function playgroundDoc(o: Record<string, unknown>, apiVersion: string): PlaygroundDoc {
  return { kind: 'Playground', apiVersion, ...(isMapping(o.spec) ? { spec: o.spec } : {}) };
}

const MAX_DOCS = 2000;
const MAX_BYTES = 2_000_000;

export const API_VERSIONS: Record<string, string> = Object.fromEntries(
  Object.entries(KINDS).map(([k, v]) => [k, v.apiVersion]),
);

/** Server-populated fields dropped on import (kubectl get -o yaml output carries them). */
function stripServerFields(o: Record<string, unknown>, ignored: Set<string>): void {
  const m = o.metadata as Record<string, unknown> | undefined;
  if (m && typeof m === 'object') {
    for (const f of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'generation',
      'managedFields',
      'selfLink',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'finalizers',
    ]) {
      if (f in m) {
        delete m[f];
        ignored.add(`metadata.${f}`);
      }
    }
    const ann = m.annotations as Record<string, string> | undefined;
    if (ann && typeof ann === 'object') {
      for (const k of Object.keys(ann))
        if (k === 'kubectl.kubernetes.io/last-applied-configuration' || k.startsWith('deployment.kubernetes.io/')) {
          delete ann[k];
          ignored.add(`metadata.annotations["${k}"]`);
        }
      if (Object.keys(ann).length === 0) delete m.annotations;
    }
  }
  if ('status' in o) {
    delete o.status;
    ignored.add('status');
  }
}

/** The yaml library's error, in the words of go-yaml (which kubectl uses). */
function goYamlMessage(code: string, line: number, text: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return `yaml: unmarshal errors:\n  line ${line}: ${text.match(/key/i) ? 'mapping key already defined' : text}`;
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'BAD_INDENT':
      return `yaml: line ${line}: mapping values are not allowed in this context`;
    case 'TAB_AS_INDENT':
      return `yaml: line ${line}: found character that cannot start any token`;
    case 'MISSING_CHAR':
      return `yaml: line ${line}: did not find expected ',' or ']'`;
    case 'UNEXPECTED_TOKEN':
      return `yaml: line ${line}: did not find expected key`;
    default:
      return `yaml: line ${line}: ${text.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
  }
}

function posOf(lc: LineCounter, offset: number): { line: number; col: number } {
  const p = lc.linePos(offset);
  return { line: p.line, col: p.col };
}

function docNodeOffset(doc: Document, path: (string | number)[]): number {
  let node: unknown = doc.contents;
  let off = (doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0;
  for (const k of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown })?.value === k);
      if (!pair) break;
      off = (pair.key as { range?: number[] })?.range?.[0] ?? off;
      node = pair.value;
    } else if (isSeq(node) && typeof k === 'number') {
      node = node.items[k];
      off = (node as { range?: number[] })?.range?.[0] ?? off;
    } else break;
  }
  return off;
}

export function parseManifests(text: string, opts: { source?: string; importing?: boolean } = {}): ParsedManifests {
  const out: ParsedManifests = { objects: [], errors: [], ignored: [] };
  const ignored = new Set<string>();
  if (text.length > MAX_BYTES) {
    out.errors.push({
      line: 1,
      col: 1,
      doc: 0,
      message: `error: the manifest is ${text.length} bytes; the playground reads at most ${MAX_BYTES}`,
    });
    return out;
  }
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    out.errors.push({
      line: 1,
      col: 1,
      doc: 0,
      message: `error: error parsing ${opts.source ?? 'STDIN'}: ${(e as Error).message}`,
    });
    return out;
  }
  if (!Array.isArray(docs)) docs = [docs];
  if (docs.length > MAX_DOCS) {
    out.errors.push({
      line: 1,
      col: 1,
      doc: 0,
      message: `error: ${docs.length} documents; the playground reads at most ${MAX_DOCS}`,
    });
    return out;
  }
  docs.forEach((doc, i) => {
    if (doc.errors.length) {
      const e = doc.errors[0];
      const { line, col } = posOf(lc, e.pos[0]);
      out.errors.push({
        line,
        col,
        doc: i,
        message: `error: error parsing ${opts.source ?? 'STDIN'}: error converting YAML to JSON: ${goYamlMessage(e.code, line, e.message)}`,
      });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      out.errors.push({
        line: 1,
        col: 1,
        doc: i,
        message: `error: error parsing ${opts.source ?? 'STDIN'}: ${(e as Error).message}`,
      });
      return;
    }
    if (value === null || value === undefined) return;
    const at = (path: (string | number)[]) => posOf(lc, docNodeOffset(doc, path));
    const take = (raw: unknown, path: (string | number)[]) => {
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        const p = at(path);
        out.errors.push({
          ...p,
          doc: i,
          message: `error: error validating data: invalid object: expected a mapping with apiVersion and kind`,
        });
        return;
      }
      const o = raw as Record<string, unknown>;
      const kind = o.kind;
      const apiVersion = o.apiVersion;
      if (kind === undefined || kind === '') {
        out.errors.push({ ...at(path), doc: i, message: `error: error validating data: kind not set` });
        return;
      }
      if (apiVersion === undefined || apiVersion === '') {
        out.errors.push({ ...at(path), doc: i, message: `error: error validating data: apiVersion not set` });
        return;
      }
      if (kind === 'List' && apiVersion === 'v1') {
        const items = o.items;
        if (Array.isArray(items)) items.forEach((it, j) => take(it, [...path, 'items', j]));
        return;
      }
      if (kind === 'Cluster' && String(apiVersion).startsWith('kind.x-k8s.io/')) {
        out.cluster = clusterDoc(o, String(apiVersion));
        return;
      }
      if (kind === 'Playground' && String(apiVersion).startsWith('playground.')) {
        out.playground = playgroundDoc(o, String(apiVersion));
        return;
      }
      const known = typeof kind === 'string' ? API_VERSIONS[kind] : undefined;
      if (!known || known !== apiVersion) {
        const name = ((o.metadata as Record<string, unknown> | undefined)?.name as string) ?? '';
        const ns = ((o.metadata as Record<string, unknown> | undefined)?.namespace as string) ?? '';
        out.errors.push({
          ...at(path),
          doc: i,
          message: `error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${opts.source ?? 'STDIN'}": no matches for kind "${String(kind)}" in version "${String(apiVersion)}"\nensure CRDs are installed first`,
        });
        return;
      }
      if (kind === 'EndpointSlice' || kind === 'Node') {
        ignored.add(`${kind} objects (the cluster makes its own)`);
        return;
      }
      const meta = o.metadata as Record<string, unknown> | undefined;
      const owners = meta?.ownerReferences as { controller?: boolean; kind?: string }[] | undefined;
      if (opts.importing && owners?.some((r) => r.controller)) {
        ignored.add(`${kind} objects owned by a controller (it recreates them)`);
        return;
      }
      if (opts.importing) stripServerFields(o, ignored);
      const unknown = checkFields(kind as keyof typeof KINDS, o, !!opts.importing);
      if (unknown.typeError) {
        out.errors.push({
          ...at([...path, ...unknown.typeError.path]),
          doc: i,
          message: `Error from server (BadRequest): error when creating "${opts.source ?? 'STDIN'}": ${kind} in version "${String(apiVersion).split('/').pop()}" cannot be handled as a ${kind}: ${unknown.typeError.message}`,
        });
        return;
      }
      if (unknown.strict.length) {
        const name = (meta?.name as string) ?? '';
        const p = at([...path, ...unknown.strictPath[0]]);
        out.errors.push({
          ...p,
          doc: i,
          message:
            `Error from server (BadRequest): error when creating "${opts.source ?? 'STDIN'}": ${kind} in version "${String(apiVersion).split('/').pop()}" cannot be handled as a ${kind}: strict decoding error: ${unknown.strict.map((f) => `unknown field "${f}"`).join(', ')}`.replace(
              / "" /,
              ` "${name}" `,
            ),
        });
        return;
      }
      for (const f of unknown.ignored) ignored.add(f);
      if (isManifestInput(o)) out.objects.push(o);
    };
    if (Array.isArray(value)) value.forEach((v, j) => take(v, [j]));
    else take(value, []);
  });
  out.ignored = [...ignored].sort();
  return out;
}
