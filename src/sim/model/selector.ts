// kubectl's -l label selectors, as the shell reads them.
import type { Labels } from './types';

/** Parse a kubectl -l selector: "app=web,tier!=db,env in (a,b),!x,x". Returns null on a syntax error. */
export function parseSelector(text: string): ((labels: Labels | undefined) => boolean) | null {
  const parts: string[] = [];
  let depth = 0,
    cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  const tests: ((l: Labels) => boolean)[] = [];
  for (const p of parts) {
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^([A-Za-z0-9_./-]+)\s*(==|=|!=)\s*([A-Za-z0-9_.-]*)$/))) {
      const [, k = '', op, v = ''] = m;
      tests.push(op === '!=' ? (l) => l[k] !== v : (l) => l[k] === v);
    } else if ((m = p.match(/^([A-Za-z0-9_./-]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      const [, k = '', op, vs = ''] = m;
      const set = vs.split(',').map((x) => x.trim());
      tests.push(op === 'in' ? (l) => k in l && set.includes(l[k]!) : (l) => !(k in l) || !set.includes(l[k]!));
    } else if ((m = p.match(/^!([A-Za-z0-9_./-]+)$/))) {
      const k = m[1] ?? '';
      tests.push((l) => !(k in l));
    } else if ((m = p.match(/^([A-Za-z0-9_./-]+)$/))) {
      const k = m[1] ?? '';
      tests.push((l) => k in l);
    } else return null;
  }
  return (labels) => tests.every((t) => t(labels ?? {}));
}
