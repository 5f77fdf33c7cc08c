// Text filters for pipes: grep, head, tail, wc, sort, uniq, cut, tr and a tiny awk ('{print $1}').
import type { Command, Ctx } from './types';
import { Out, fail } from './output';
import { readFile } from './fs';

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}
const joinLines = (l: string[]): string => (l.length ? l.join('\n') + '\n' : '');

/** Input from the named files, or stdin when there are none (or "-"). */
function inputs(ctx: Ctx, files: string[], prog: string, out: Out): { name: string; text: string }[] | null {
  if (!files.length) return [{ name: '(standard input)', text: ctx.stdin }];
  const res: { name: string; text: string }[] = [];
  for (const f of files) {
    if (f === '-') {
      res.push({ name: '(standard input)', text: ctx.stdin });
      continue;
    }
    const t = readFile(ctx, f);
    if (t === null) {
      out.err(`${prog}: ${f}: No such file or directory\n`);
      continue;
    }
    res.push({ name: f, text: t });
  }
  return res;
}

/** POSIX basic regular expressions → JavaScript: \( \) \| \+ \? \{ \} are the special forms. */
function breToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      out += '(){}|+?'.includes(n) ? n : '\\' + n;
    } else out += '(){}|+?'.includes(c) ? '\\' + c : c;
  }
  return out;
}

export const grep: Command = (ctx, args) => {
  const o = new Out();
  const opts = {
    i: false,
    v: false,
    c: false,
    n: false,
    w: false,
    o: false,
    q: false,
    F: false,
    E: false,
    l: false,
    h: false,
  };
  const patterns: string[] = [];
  const files: string[] = [];
  // context lines: -A N after, -B N before, -C N both (also -A2, --after-context=2)
  const ctxLines = { A: 0, B: 0 };
  let endOpts = false;
  for (let k = 1; k < args.length; k++) {
    const a = args[k];
    if (!endOpts && a === '--') {
      endOpts = true;
      continue;
    }
    if (!endOpts && a === '-e') {
      patterns.push(args[++k] ?? '');
      continue;
    }
    const cx = endOpts ? null : (a.match(/^-([ABC])(\d*)$/) ?? a.match(/^--(after|before)?-?context=(\d+)$/));
    if (cx) {
      const which = cx[1] === 'A' || cx[1] === 'after' ? 'A' : cx[1] === 'B' || cx[1] === 'before' ? 'B' : 'C';
      const v = cx[2] !== '' ? cx[2] : args[++k];
      if (v === undefined || !/^\d+$/.test(v)) return fail(`grep: ${v ?? ''}: invalid context length argument`, 2);
      if (which !== 'B') ctxLines.A = Number(v);
      if (which !== 'A') ctxLines.B = Number(v);
      continue;
    }
    if (!endOpts && a.startsWith('--')) {
      const map: Record<string, keyof typeof opts> = {
        '--ignore-case': 'i',
        '--invert-match': 'v',
        '--count': 'c',
        '--line-number': 'n',
        '--word-regexp': 'w',
        '--only-matching': 'o',
        '--quiet': 'q',
        '--silent': 'q',
        '--fixed-strings': 'F',
        '--extended-regexp': 'E',
        '--color=never': 'h',
        '--color=auto': 'h',
        '--color': 'h',
      };
      if (a in map) {
        if (map[a] !== 'h') opts[map[a]] = true;
        continue;
      }
      return fail(
        `grep: unrecognized option '${a}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.`,
        2,
      );
    }
    if (!endOpts && /^-[A-Za-z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'e') {
          patterns.push(args[++k] ?? '');
          continue;
        }
        if (!(f in opts))
          return fail(
            `grep: invalid option -- '${f}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.`,
            2,
          );
        opts[f as keyof typeof opts] = true;
      }
      continue;
    }
    if (!patterns.length && !args.slice(1, k).includes('-e')) patterns.push(a);
    else files.push(a);
  }
  if (!patterns.length)
    return fail(`Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.`, 2);
  let re: RegExp;
  try {
    const src = patterns
      .map((p) => (opts.F ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : opts.E ? p : breToJs(p)))
      .map((p) => (opts.w ? `(?<![A-Za-z0-9_])(?:${p})(?![A-Za-z0-9_])` : p))
      .join('|');
    re = new RegExp(src, opts.i ? 'gi' : 'g');
  } catch {
    return fail('grep: Unmatched ( or \\(', 2);
  }
  const ins = inputs(ctx, files, 'grep', o) ?? [];
  let matched = 0;
  const many = ins.length > 1;
  const withContext = (ctxLines.A > 0 || ctxLines.B > 0) && !opts.o;
  let lastPrinted = -1;
  let printedAny = false;
  for (const { name, text } of ins) {
    let count = 0;
    const all = lines(text);
    lastPrinted = -1;
    const print = (idx: number, sep: ':' | '-') => {
      // GNU grep separates groups of lines that are not next to each other with "--"
      if (withContext && printedAny && idx !== lastPrinted + 1) o.out('--\n');
      o.out(`${many ? `${name}${sep}` : ''}${opts.n ? `${idx + 1}${sep}` : ''}${all[idx]}\n`);
      lastPrinted = idx;
      printedAny = true;
    };
    let after = 0;
    all.forEach((line, idx) => {
      re.lastIndex = 0;
      const hit = re.test(line);
      if (hit === opts.v) {
        if (withContext && after > 0 && !(opts.q || opts.c || opts.l)) {
          print(idx, '-');
          after--;
        }
        return;
      }
      count++;
      if (opts.q || opts.c || opts.l) return;
      if (withContext) {
        for (let b = Math.max(lastPrinted + 1, idx - ctxLines.B); b < idx; b++) print(b, '-');
        print(idx, ':');
        after = ctxLines.A;
        return;
      }
      const pre = (many ? `${name}:` : '') + (opts.n ? `${idx + 1}:` : '');
      if (opts.o && !opts.v) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0]) o.out(`${pre}${m[0]}\n`);
      } else o.out(`${pre}${line}\n`);
    });
    if (opts.c) o.out(`${many ? `${name}:` : ''}${count}\n`);
    if (opts.l && count) o.out(`${name}\n`);
    matched += count;
  }
  if (opts.q) return new Out().done(matched ? 0 : 1);
  return o.done(o.chunks.some((c) => c.fd === 2) && !matched ? 2 : matched ? 0 : 1);
};

function countArg(args: string[], dflt: number): { n: number; fromStart: boolean; files: string[]; bad?: string } {
  let n = dflt;
  let fromStart = false;
  const files: string[] = [];
  for (let k = 1; k < args.length; k++) {
    const a = args[k];
    let v: string | undefined;
    if (a === '-n' || a === '--lines') v = args[++k];
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (/^-n.+/.test(a)) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a === '-f' || a === '-F' || a === '-q') continue;
    else {
      files.push(a);
      continue;
    }
    if (v === undefined || !/^[+-]?\d+$/.test(v)) return { n, fromStart, files, bad: v ?? '' };
    fromStart = v.startsWith('+');
    n = Math.abs(Number(v));
  }
  return { n, fromStart, files };
}

export const head: Command = (ctx, args) => {
  const o = new Out();
  const c = countArg(args, 10);
  if (c.bad !== undefined) return fail(`head: invalid number of lines: '${c.bad}'`);
  for (const { text } of inputs(ctx, c.files, 'head', o) ?? []) o.out(joinLines(lines(text).slice(0, c.n)));
  return o.done(0);
};

export const tail: Command = (ctx, args) => {
  const o = new Out();
  const c = countArg(args, 10);
  if (c.bad !== undefined) return fail(`tail: invalid number of lines: '${c.bad}'`);
  for (const { text } of inputs(ctx, c.files, 'tail', o) ?? []) {
    const l = lines(text);
    o.out(joinLines(c.fromStart ? l.slice(Math.max(0, c.n - 1)) : c.n === 0 ? [] : l.slice(-c.n)));
  }
  return o.done(0);
};

export const wc: Command = (ctx, args) => {
  const o = new Out();
  const flags = new Set<string>();
  const files: string[] = [];
  for (const a of args.slice(1)) {
    if (a === '--lines') flags.add('l');
    else if (a === '--words') flags.add('w');
    else if (a === '--bytes' || a === '--chars') flags.add('c');
    else if (/^-[lwcm]+$/.test(a)) for (const f of a.slice(1)) flags.add(f === 'm' ? 'c' : f);
    else files.push(a);
  }
  const sel = flags.size ? ['l', 'w', 'c'].filter((f) => flags.has(f)) : ['l', 'w', 'c'];
  for (const { name, text } of inputs(ctx, files, 'wc', o) ?? []) {
    const counts: Record<string, number> = {
      l: (text.match(/\n/g) ?? []).length,
      w: text.split(/\s+/).filter(Boolean).length,
      c: new TextEncoder().encode(text).length,
    };
    const vals = sel.map((f) => counts[f]);
    const single = sel.length === 1 && !files.length;
    const cells = single ? [String(vals[0])] : vals.map((v) => String(v).padStart(files.length ? 1 : 7));
    o.out(cells.join(' ') + (files.length ? ` ${name}` : '') + '\n');
  }
  return o.done(0);
};

export const sort: Command = (ctx, args) => {
  const o = new Out();
  let rev = false,
    num = false,
    uniq = false,
    key = 0,
    sep: string | null = null;
  const files: string[] = [];
  for (let k = 1; k < args.length; k++) {
    const a = args[k];
    if (a === '-k') key = parseInt(args[++k] ?? '0', 10);
    else if (a.startsWith('-k')) key = parseInt(a.slice(2), 10);
    else if (a === '-t') sep = args[++k] ?? null;
    else if (a.startsWith('-t')) sep = a.slice(2);
    else if (/^-[rnuhV]+$/.test(a)) {
      if (a.includes('r')) rev = true;
      if (/[nhV]/.test(a)) num = true;
      if (a.includes('u')) uniq = true;
    } else files.push(a);
  }
  let all: string[] = [];
  for (const { text } of inputs(ctx, files, 'sort', o) ?? []) all.push(...lines(text));
  const field = (l: string) =>
    key > 0 ? (sep !== null ? l.split(sep) : l.trim().split(/\s+/)).slice(key - 1).join(sep ?? ' ') : l;
  all.sort((a, b) => {
    const x = field(a),
      y = field(b);
    if (num) {
      const d = (parseFloat(x) || 0) - (parseFloat(y) || 0);
      if (d) return d;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  });
  if (rev) all.reverse();
  if (uniq) all = all.filter((l, i) => i === 0 || l !== all[i - 1]);
  return o.out(joinLines(all)).done(0);
};

export const uniq: Command = (ctx, args) => {
  const o = new Out();
  const count = args.includes('-c');
  const files = args.slice(1).filter((a) => !a.startsWith('-'));
  const out: [string, number][] = [];
  for (const { text } of inputs(ctx, files, 'uniq', o) ?? []) {
    for (const l of lines(text)) {
      const last = out[out.length - 1];
      if (last && last[0] === l) last[1]++;
      else out.push([l, 1]);
    }
  }
  return o.out(joinLines(out.map(([l, n]) => (count ? `${String(n).padStart(7)} ${l}` : l)))).done(0);
};

function ranges(spec: string): (i: number) => boolean {
  const parts = spec.split(',').map((p) => {
    const m = p.match(/^(\d*)(-?)(\d*)$/);
    if (!m) return () => false;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    return (i: number) => i >= a && i <= b;
  });
  return (i) => parts.some((f) => f(i));
}

export const cut: Command = (ctx, args) => {
  const o = new Out();
  let delim = '\t',
    fields: string | null = null,
    chars: string | null = null;
  const files: string[] = [];
  for (let k = 1; k < args.length; k++) {
    const a = args[k];
    if (a === '-d') delim = args[++k] ?? '\t';
    else if (a.startsWith('-d')) delim = a.slice(2);
    else if (a === '-f') fields = args[++k] ?? '';
    else if (a.startsWith('-f')) fields = a.slice(2);
    else if (a === '-c') chars = args[++k] ?? '';
    else if (a.startsWith('-c')) chars = a.slice(2);
    else files.push(a);
  }
  if (fields === null && chars === null)
    return fail(`cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.`);
  const sel = ranges(fields ?? chars ?? '');
  for (const { text } of inputs(ctx, files, 'cut', o) ?? []) {
    for (const l of lines(text)) {
      if (chars !== null) o.out([...l].filter((_, i) => sel(i + 1)).join('') + '\n');
      else if (!l.includes(delim)) o.out(l + '\n');
      else
        o.out(
          l
            .split(delim)
            .filter((_, i) => sel(i + 1))
            .join(delim) + '\n',
        );
    }
  }
  return o.done(0);
};

function trSet(s: string): string {
  return s
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\[:upper:\]/g, 'A-Z')
    .replace(/\[:lower:\]/g, 'a-z')
    .replace(/\[:space:\]/g, ' \t\n')
    .replace(/(.)-(.)/g, (_, a: string, b: string) => {
      let r = '';
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) r += String.fromCharCode(c);
      return r;
    });
}

export const tr: Command = (ctx, args) => {
  const rest = args.slice(1);
  const del = rest[0] === '-d';
  if (del) {
    const set = trSet(rest[1] ?? '');
    return new Out().out([...ctx.stdin].filter((c) => !set.includes(c)).join('')).done(0);
  }
  if (rest.length < 2) return fail(`tr: missing operand\nTry 'tr --help' for more information.`);
  const a = trSet(rest[0]),
    b = trSet(rest[1]);
  return new Out()
    .out(
      [...ctx.stdin]
        .map((c) => {
          const i = a.indexOf(c);
          return i < 0 ? c : b[Math.min(i, b.length - 1)];
        })
        .join(''),
    )
    .done(0);
};

/** awk: `[-F sep] '[/re/|NR>n|$i=="x"] {print $i, $j, "text"}'`. */
export const awk: Command = (ctx, args) => {
  let sep: string | null = null;
  let k = 1;
  if (args[k] === '-F') {
    sep = args[k + 1] ?? ' ';
    k += 2;
  } else if (args[k]?.startsWith('-F')) {
    sep = args[k].slice(2);
    k++;
  }
  const prog = args[k++];
  if (prog === undefined) return fail('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]', 2);
  const m = prog.trim().match(/^([^{]*)\{\s*print\s*(.*?)\s*;?\s*\}$/) ?? prog.trim().match(/^()()(.*)$/);
  if (!m) return fail(`awk: syntax error in program: ${prog}`, 2);
  const pattern = m[1].trim();
  const exprs = m[2] === undefined || m[2] === '' ? ['$0'] : m[2].split(',').map((e) => e.trim());
  const o = new Out();
  let nr = 0;
  for (const { text } of inputs(ctx, args.slice(k), 'awk', o) ?? []) {
    for (const line of lines(text)) {
      nr++;
      const f =
        sep === null || sep === ' ' ? line.trim().split(/\s+/).filter(Boolean) : line.split(sep === '\\t' ? '\t' : sep);
      const val = (e: string): string => {
        if (e === '$0') return line;
        if (e === 'NF') return String(f.length);
        if (e === 'NR') return String(nr);
        if (e === '$NF') return f[f.length - 1] ?? '';
        const d = e.match(/^\$(\d+)$/);
        if (d) return f[Number(d[1]) - 1] ?? '';
        const q = e.match(/^"(.*)"$/);
        if (q) return q[1].replace(/\\n/g, '\n').replace(/\\t/g, '\t');
        return e.split(/\s+/).map(val).join('');
      };
      let pass = true;
      if (pattern) {
        const re = pattern.match(/^\/(.*)\/$/);
        const cmp = pattern.match(/^(NR|NF|\$\d+)\s*(==|!=|>=|<=|>|<)\s*(.+)$/);
        if (re) pass = new RegExp(re[1]).test(line);
        else if (cmp) {
          const l = val(cmp[1]);
          const r = cmp[3].replace(/^"(.*)"$/, '$1');
          const num = !Number.isNaN(Number(l)) && !Number.isNaN(Number(r));
          const a = num ? Number(l) : l,
            b = num ? Number(r) : r;
          pass =
            cmp[2] === '=='
              ? a === b
              : cmp[2] === '!='
                ? a !== b
                : cmp[2] === '>'
                  ? a > b
                  : cmp[2] === '<'
                    ? a < b
                    : cmp[2] === '>='
                      ? a >= b
                      : a <= b;
        }
      }
      if (pass) o.out(exprs.map(val).join(' ') + '\n');
    }
  }
  return o.done(0);
};

export const FILTERS: Record<string, Command> = { grep, head, tail, wc, sort, uniq, cut, tr, awk };
