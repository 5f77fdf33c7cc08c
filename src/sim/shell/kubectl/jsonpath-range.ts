// The parts of client-go's jsonpath that the printers' jsonpath leaves out: {range ...}{end} and
// filters ([?(@.type=="InternalIP")]), as tutorials use them:
//   -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.podIP}{"\n"}{end}'
//   -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}'
// Templates without either go to the printers' jsonpath.
import type { JsonValue } from '../printers/goyaml';
import { jsonpath as basic, JsonPathError } from '../printers/jsonpath';

type V = JsonValue;
type Step =
  | { t: 'field'; name: string }
  | { t: 'index'; i: number }
  | { t: 'slice'; a?: number; b?: number }
  | { t: 'wild' }
  | { t: 'recursive'; name: string }
  | { t: 'filter'; path: Step[]; op?: string; value?: V };
type Node = { t: 'text'; v: string } | { t: 'path'; steps: Step[] } | { t: 'range'; steps: Step[]; body: Node[] };

const isObj = (v: V | undefined): v is { [k: string]: V } => typeof v === 'object' && v !== null && !Array.isArray(v);
const sortedKeys = (o: { [k: string]: V }) => Object.keys(o).sort();

function parseSteps(src: string): Step[] {
  let s = src.trim();
  if (s.startsWith('$') || s.startsWith('@')) s = s.slice(1);
  const steps: Step[] = [];
  let i = 0;
  const ident = () => {
    let n = '';
    while (i < s.length && !'.['.includes(s[i])) { if (s[i] === '\\') i++; n += s[i++]; }
    return n;
  };
  while (i < s.length) {
    if (s.startsWith('..', i)) { i += 2; steps.push({ t: 'recursive', name: ident() }); continue; }
    if (s[i] === '.') { i++; if (s[i] === '*') { i++; steps.push({ t: 'wild' }); } else { const n = ident(); if (n) steps.push({ t: 'field', name: n }); } continue; }
    if (s[i] === '[') {
      let depth = 0, j = i;
      for (; j < s.length; j++) { if (s[j] === '[') depth++; if (s[j] === ']' && --depth === 0) break; }
      if (j >= s.length) throw new JsonPathError('unterminated array');
      const inner = s.slice(i + 1, j).trim();
      i = j + 1;
      let m: RegExpMatchArray | null;
      if (inner === '*') steps.push({ t: 'wild' });
      else if ((m = inner.match(/^\?\((.*)\)$/s))) {
        const f = m[1].trim().match(/^(@[^=!<>]*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/s);
        if (f) {
          const raw = f[3].trim();
          const value: V = /^["'].*["']$/s.test(raw) ? raw.slice(1, -1) : raw === 'true' ? true : raw === 'false' ? false : Number.isNaN(Number(raw)) ? raw : Number(raw);
          steps.push({ t: 'filter', path: parseSteps(f[1]), op: f[2], value });
        } else steps.push({ t: 'filter', path: parseSteps(m[1].trim()) });
      } else if ((m = inner.match(/^'(.*)'$|^"(.*)"$/))) steps.push({ t: 'field', name: m[1] ?? m[2] });
      else if (/^-?\d+$/.test(inner)) steps.push({ t: 'index', i: Number(inner) });
      else if ((m = inner.match(/^(-?\d*):(-?\d*)$/))) steps.push({ t: 'slice', a: m[1] ? Number(m[1]) : undefined, b: m[2] ? Number(m[2]) : undefined });
      else throw new JsonPathError(`unsupported array expression [${inner}]`);
      continue;
    }
    const n = ident();
    if (!n) throw new JsonPathError(`unrecognized character in action: ${s[i]}`);
    steps.push({ t: 'field', name: n });
  }
  return steps;
}

function evalSteps(values: V[], steps: Step[]): V[] {
  let cur = values;
  for (const st of steps) {
    const out: V[] = [];
    for (const v of cur) {
      if (st.t === 'field') { if (isObj(v) && Object.hasOwn(v, st.name)) out.push(v[st.name]); }
      else if (st.t === 'wild') { if (Array.isArray(v)) out.push(...v); else if (isObj(v)) for (const k of sortedKeys(v)) out.push(v[k]); }
      else if (st.t === 'index') {
        if (!Array.isArray(v)) continue;
        const idx = st.i < 0 ? v.length + st.i : st.i;
        if (idx < 0 || idx >= v.length) throw new JsonPathError(`array index out of bounds: index ${st.i}, length ${v.length}`);
        out.push(v[idx]);
      } else if (st.t === 'slice') {
        if (!Array.isArray(v)) continue;
        const norm = (x: number | undefined, d: number) => (x === undefined ? d : x < 0 ? Math.max(0, v.length + x) : Math.min(x, v.length));
        out.push(...v.slice(norm(st.a, 0), norm(st.b, v.length)));
      } else if (st.t === 'recursive') {
        const walk = (x: V) => { if (isObj(x)) { if (Object.hasOwn(x, st.name)) out.push(x[st.name]); for (const k of sortedKeys(x)) walk(x[k]); } else if (Array.isArray(x)) x.forEach(walk); };
        walk(v);
      } else {
        const items = Array.isArray(v) ? v : isObj(v) ? sortedKeys(v).map((k) => v[k]) : [];
        for (const it of items) {
          const got = evalSteps([it], st.path);
          if (st.op === undefined) { if (got.length) out.push(it); continue; }
          const l = got[0];
          const r = st.value;
          const ok = st.op === '==' ? l === r || String(l) === String(r) : st.op === '!=' ? String(l) !== String(r) : typeof l === 'number' && typeof r === 'number' ? (st.op === '<' ? l < r : st.op === '>' ? l > r : st.op === '<=' ? l <= r : l >= r) : false;
          if (got.length && ok) out.push(it);
        }
      }
    }
    cur = out;
  }
  return cur;
}

function parseTemplate(t: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < t.length) {
    const open = t.indexOf('{', i);
    if (open < 0) { stack[stack.length - 1].push({ t: 'text', v: t.slice(i) }); break; }
    if (open > i) stack[stack.length - 1].push({ t: 'text', v: t.slice(i, open) });
    let close = open + 1;
    let q: string | null = null;
    for (; close < t.length; close++) {
      const c = t[close];
      if (q) { if (c === '\\') close++; else if (c === q) q = null; continue; }
      if (c === '"' || c === "'") q = c;
      else if (c === '}') break;
    }
    if (close >= t.length) throw new JsonPathError('unclosed action');
    const inner = t.slice(open + 1, close).trim();
    i = close + 1;
    if (inner.startsWith('range ')) {
      const node: Node = { t: 'range', steps: parseSteps(inner.slice(6)), body: [] };
      stack[stack.length - 1].push(node);
      stack.push(node.body);
    } else if (inner === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (inner.startsWith('"') || inner.startsWith("'")) stack[stack.length - 1].push({ t: 'text', v: JSON.parse(inner.startsWith("'") ? `"${inner.slice(1, -1)}"` : inner) as string });
    else stack[stack.length - 1].push({ t: 'path', steps: parseSteps(inner) });
  }
  if (stack.length > 1) throw new JsonPathError('unclosed range');
  return root;
}

function text(v: V): string {
  if (Array.isArray(v) || isObj(v)) {
    const sort = (x: V): V => (Array.isArray(x) ? x.map(sort) : isObj(x) ? Object.fromEntries(sortedKeys(x).map((k) => [k, sort(x[k])])) : x);
    return JSON.stringify(sort(v));
  }
  return v === null ? 'null' : String(v);
}

function run(nodes: Node[], data: V): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.v;
    else if (n.t === 'path') out += evalSteps([data], n.steps).map(text).join(' ');
    else for (const item of evalSteps([data], n.steps).flatMap((x) => (Array.isArray(x) ? x : [x]))) out += run(n.body, item);
  }
  return out;
}

/** kubectl -o jsonpath=TEMPLATE. A bare path with no braces (the chapter's ".items[0].metadata.name") is read as one action. */
export function kubectlJsonpath(data: V, template: string): string {
  const t = !template.includes('{') && template.startsWith('.') ? `{${template}}` : template;
  if (/\{\s*range\s|\[\?\(/.test(t)) return run(parseTemplate(t), data);
  return basic(data, t);
}

export { JsonPathError };
