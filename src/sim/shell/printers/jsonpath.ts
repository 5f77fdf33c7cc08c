// A small client-go jsonpath for `kubectl get -o jsonpath=...`: text outside {} is printed as is;
// inside, a string literal ({"\n"}) or a path: .field, ['field'], [n], [-n], [a:b], [*], .*, ..field.
// The values one {} yields are joined by a space; maps and lists print as compact JSON; missing
// keys print nothing (kubectl's --allow-missing-template-keys=true). No trailing newline is added.
// Also {range PATH}…{end} and filters, as tutorials use them:
//   {range .items[*]}{.metadata.name}{"\t"}{.status.podIP}{"\n"}{end}
//   {.status.addresses[?(@.type=="InternalIP")].address}
import type { JsonValue } from './goyaml';
import { byteCompare } from './format';

export class JsonPathError extends Error {}

type Step =
  | { t: 'field'; name: string }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number }
  | { t: 'wild' }
  | { t: 'recursive'; name: string }
  | { t: 'filter'; path: Step[]; op?: string; value?: JsonValue };

type Node =
  { t: 'text'; text: string } | { t: 'path'; steps: Step[]; src: string } | { t: 'range'; steps: Step[]; body: Node[] };

function parseSteps(src: string): Step[] {
  let s = src.trim();
  if (s.startsWith('$') || s.startsWith('@')) s = s.slice(1);
  const steps: Step[] = [];
  let i = 0;
  const ident = () => {
    let name = '';
    while (i < s.length && !'.['.includes(s[i])) {
      if (s[i] === '\\' && i + 1 < s.length) i++;
      name += s[i++];
    }
    return name;
  };
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      i += 2;
      steps.push({ t: 'recursive', name: ident() });
    } else if (s[i] === '.') {
      i++;
      if (s[i] === '*') {
        i++;
        steps.push({ t: 'wild' });
      } else {
        const name = ident();
        if (name) steps.push({ t: 'field', name });
      }
    } else if (s[i] === '[') {
      let depth = 0;
      let close = i;
      for (; close < s.length; close++) {
        if (s[close] === '[') depth++;
        if (s[close] === ']' && --depth === 0) break;
      }
      if (close >= s.length) throw new JsonPathError(`unterminated array`);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      let m: RegExpMatchArray | null;
      if (inner === '*') steps.push({ t: 'wild' });
      else if ((m = inner.match(/^\?\((.*)\)$/s))) steps.push(parseFilter(m[1].trim()));
      else if ((m = inner.match(/^'(.*)'$|^"(.*)"$/))) steps.push({ t: 'field', name: m[1] ?? m[2] });
      else if (/^-?\d+$/.test(inner)) steps.push({ t: 'index', i: Number(inner) });
      else if ((m = inner.match(/^(-?\d*):(-?\d*)$/)))
        steps.push({ t: 'slice', start: m[1] ? Number(m[1]) : undefined, end: m[2] ? Number(m[2]) : undefined });
      else throw new JsonPathError(`unsupported array expression [${inner}]`);
    } else {
      // a bare first field ("{items[0]}") is read like ".items"
      const name = ident();
      if (!name) throw new JsonPathError(`unrecognized character in action: ${s[i]}`);
      steps.push({ t: 'field', name });
    }
  }
  return steps;
}

/** [?(@.type=="InternalIP")] compares; [?(@.ready)] tests that the path exists. */
function parseFilter(expr: string): Step {
  const f = expr.match(/^(@[^=!<>]*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/s);
  if (!f) return { t: 'filter', path: parseSteps(expr) };
  const raw = f[3].trim();
  const value: JsonValue = /^["'].*["']$/s.test(raw)
    ? raw.slice(1, -1)
    : raw === 'true'
      ? true
      : raw === 'false'
        ? false
        : Number.isNaN(Number(raw))
          ? raw
          : Number(raw);
  return { t: 'filter', path: parseSteps(f[1]), op: f[2], value };
}

function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  const top = () => stack[stack.length - 1];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      top().push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) top().push({ t: 'text', text: template.slice(i, open) });
    // the action ends at the first } outside a quoted string ({"}"} is a literal)
    let close = open + 1;
    let quote: string | null = null;
    for (; close < template.length; close++) {
      const c = template[close];
      if (quote) {
        if (c === '\\') close++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '}') break;
    }
    if (close >= template.length) throw new JsonPathError(`unclosed action`);
    const inner = template.slice(open + 1, close).trim();
    i = close + 1;
    if (inner.startsWith('range ')) {
      const node: Node = { t: 'range', steps: parseSteps(inner.slice(6)), body: [] };
      top().push(node);
      stack.push(node.body);
    } else if (inner === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (inner.startsWith('"')) top().push({ t: 'text', text: JSON.parse(inner) as string });
    else if (inner.startsWith("'")) top().push({ t: 'text', text: JSON.parse(`"${inner.slice(1, -1)}"`) as string });
    else top().push({ t: 'path', steps: parseSteps(inner), src: inner });
  }
  if (stack.length > 1) throw new JsonPathError('unclosed range');
  return root;
}

const isObj = (v: JsonValue | undefined): v is { [k: string]: JsonValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function evalSteps(values: JsonValue[], steps: Step[]): JsonValue[] {
  for (const st of steps) values = step(values, st);
  return values;
}

function filterKeeps(item: JsonValue, f: Extract<Step, { t: 'filter' }>): boolean {
  const got = evalSteps([item], f.path);
  if (!got.length) return false;
  if (f.op === undefined) return true;
  const l = got[0];
  const r = f.value;
  if (f.op === '==') return l === r || String(l) === String(r);
  if (f.op === '!=') return String(l) !== String(r);
  if (typeof l !== 'number' || typeof r !== 'number') return false;
  return f.op === '<' ? l < r : f.op === '>' ? l > r : f.op === '<=' ? l <= r : l >= r;
}

function step(values: JsonValue[], st: Step): JsonValue[] {
  const out: JsonValue[] = [];
  for (const v of values) {
    if (st.t === 'field') {
      if (isObj(v) && Object.prototype.hasOwnProperty.call(v, st.name)) out.push(v[st.name]);
    } else if (st.t === 'wild') {
      if (Array.isArray(v)) out.push(...v);
      else if (isObj(v)) for (const k of Object.keys(v).sort(byteCompare)) out.push(v[k]);
    } else if (st.t === 'index') {
      if (!Array.isArray(v)) continue;
      const idx = st.i < 0 ? v.length + st.i : st.i;
      if (idx < 0 || idx >= v.length)
        throw new JsonPathError(`array index out of bounds: index ${st.i}, length ${v.length}`);
      out.push(v[idx]);
    } else if (st.t === 'slice') {
      if (!Array.isArray(v)) continue;
      const norm = (x: number | undefined, d: number) =>
        x === undefined ? d : x < 0 ? Math.max(0, v.length + x) : Math.min(x, v.length);
      out.push(...v.slice(norm(st.start, 0), norm(st.end, v.length)));
    } else if (st.t === 'filter') {
      const items = Array.isArray(v)
        ? v
        : isObj(v)
          ? Object.keys(v)
              .sort(byteCompare)
              .map((k) => v[k])
          : [];
      for (const it of items) if (filterKeeps(it, st)) out.push(it);
    } else {
      const walk = (x: JsonValue) => {
        if (isObj(x)) {
          if (Object.prototype.hasOwnProperty.call(x, st.name)) out.push(x[st.name]);
          for (const k of Object.keys(x).sort(byteCompare)) walk(x[k]);
        } else if (Array.isArray(x)) x.forEach(walk);
      };
      walk(v);
    }
  }
  return out;
}

/** Go's json.Marshal for a result: compact, keys sorted, HTML-safe. */
function compactJson(v: JsonValue): string {
  const sort = (x: JsonValue): JsonValue =>
    Array.isArray(x)
      ? x.map(sort)
      : isObj(x)
        ? Object.fromEntries(
            Object.keys(x)
              .sort(byteCompare)
              .map((k) => [k, sort(x[k])]),
          )
        : x;
  return JSON.stringify(sort(v)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function text(v: JsonValue): string {
  if (Array.isArray(v) || isObj(v)) return compactJson(v);
  if (v === null) return 'null';
  return String(v);
}

/** Evaluate a kubectl jsonpath template against JSON data (e.g. toApiJson or a List). */
export function jsonpath(data: JsonValue, template: string): string {
  return run(parseTemplate(template), data);
}

function run(nodes: Node[], data: JsonValue): string {
  let out = '';
  for (const node of nodes) {
    if (node.t === 'text') out += node.text;
    else if (node.t === 'path') out += evalSteps([data], node.steps).map(text).join(' ');
    else
      for (const item of evalSteps([data], node.steps).flatMap((x) => (Array.isArray(x) ? x : [x])))
        out += run(node.body, item);
  }
  return out;
}

/**
 * cmd/get RelaxedJSONPathExpression (for --sort-by and custom-columns, not -o jsonpath):
 * "name1.name2", ".name1.name2", "{name1.name2}" and "{.name1.name2}" all become "{.name1.name2}".
 */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr === '') return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m)
    throw new JsonPathError(
      `unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`,
    );
  return `{.${m[1] ?? m[2]}}`;
}
