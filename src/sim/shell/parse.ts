// A small POSIX-ish parser: words with quotes, $VAR / ${VAR} / $(cmd) / `cmd`, pipes, `;`, `&&`,
// `||`, redirections (`>`, `>>`, `<`, `2>&1`, `<<EOF` heredocs). Loops and functions are not part of
// the playground's shell; the console only needs what a tutorial types.

export type Part =
  | { t: 'lit'; v: string; q: 0 | 1 | 2 } // q: 0 unquoted, 1 single-quoted, 2 double-quoted
  | { t: 'var'; name: string; q: 0 | 2 }
  | { t: 'cmd'; src: string; q: 0 | 2 };
export interface Word {
  parts: Part[];
}

export interface HereDoc {
  delim: string;
  strip: boolean;
  expand: boolean;
  body: string | null;
}
export interface Redir {
  fd: number;
  op: '>' | '>>' | '<' | '<<' | '>&' | '<&';
  target?: Word;
  here?: HereDoc;
}
export interface SimpleCmd {
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirs: Redir[];
}
export interface Pipeline {
  cmds: SimpleCmd[];
  negate: boolean;
}
export interface AndOr {
  items: { op: '&&' | '||' | null; pipe: Pipeline }[];
}
export type Script = AndOr[];

export type ParseResult =
  { ok: true; script: Script } | { ok: false; incomplete: true } | { ok: false; incomplete?: false; error: string };

type Tok = { k: 'word'; w: Word } | { k: 'op'; v: string; here?: HereDoc } | { k: 'nl' };

class Incomplete extends Error {}
class SyntaxErr extends Error {}
/** Nesting past what the parser follows (F8: `"$(` 9,000 times overflowed the stack). */
class TooDeep extends Error {}
const MAX_NEST = 1000;

const OPS = ['&&', '||', ';;', '>>', '<<-', '<<', '>&', '<&', '&>', '|', '&', ';', '>', '<', '(', ')'];
const isNameStart = (c: string) => /[A-Za-z_]/.test(c);
const isNameChar = (c: string) => /[A-Za-z0-9_]/.test(c);

/** Find the `)` closing a `$(` that starts at src[i] (just after the `(`); quotes and nesting respected. */
function scanCmdSub(src: string, i: number, nest = 1): number {
  if (nest > MAX_NEST) throw new TooDeep();
  let depth = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) throw new Incomplete();
      i = j + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\') i++;
        else if (src[i] === '$' && src[i + 1] === '(') {
          i = scanCmdSub(src, i + 2, nest + 1);
          continue;
        }
        i++;
      }
      if (i >= src.length) throw new Incomplete();
      i++;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return i + 1;
    i++;
  }
  throw new Incomplete();
}

/** Read a `$...` expansion at src[i] (which is '$'). Returns the part and the next index. */
function readDollar(src: string, i: number, q: 0 | 2): { part: Part; next: number } {
  const c = src[i + 1];
  if (c === '(') {
    const end = scanCmdSub(src, i + 2);
    return { part: { t: 'cmd', src: src.slice(i + 2, end - 1), q }, next: end };
  }
  if (c === '{') {
    const end = src.indexOf('}', i + 2);
    if (end < 0) throw new Incomplete();
    return { part: { t: 'var', name: src.slice(i + 2, end), q }, next: end + 1 };
  }
  if (c !== undefined && /[?$#!0-9@*-]/.test(c)) return { part: { t: 'var', name: c, q }, next: i + 2 };
  if (c !== undefined && isNameStart(c)) {
    let j = i + 1;
    while (j < src.length && isNameChar(src[j])) j++;
    return { part: { t: 'var', name: src.slice(i + 1, j), q }, next: j };
  }
  return { part: { t: 'lit', v: '$', q }, next: i + 1 };
}

function readBacktick(src: string, i: number, q: 0 | 2): { part: Part; next: number } {
  let j = i + 1;
  let body = '';
  while (j < src.length && src[j] !== '`') {
    if (src[j] === '\\' && /[`\\$]/.test(src[j + 1] ?? '')) {
      body += src[j + 1];
      j += 2;
      continue;
    }
    body += src[j++];
  }
  if (j >= src.length) throw new Incomplete();
  return { part: { t: 'cmd', src: body, q }, next: j + 1 };
}

function pushLit(parts: Part[], v: string, q: 0 | 1 | 2): void {
  const last = parts[parts.length - 1];
  if (last && last.t === 'lit' && last.q === q) last.v += v;
  else parts.push({ t: 'lit', v, q });
}

/**
 * Parts of double-quoted text (or an unquoted heredoc body when `until` is null): `$` expansions and
 * backslash escapes of `$ \` " \\` and newline.
 */
export function readDoubleParts(src: string, i: number, until: '"' | null): { parts: Part[]; next: number } {
  const parts: Part[] = [];
  while (i < src.length && (until === null || src[i] !== until)) {
    const c = src[i];
    if (
      c === '\\' &&
      i + 1 < src.length &&
      (src[i + 1] === '$' ||
        src[i + 1] === '`' ||
        src[i + 1] === '\\' ||
        src[i + 1] === '\n' ||
        (until !== null && src[i + 1] === '"'))
    ) {
      if (src[i + 1] !== '\n') pushLit(parts, src[i + 1], 2);
      i += 2;
    } else if (c === '$') {
      const r = readDollar(src, i, 2);
      if (r.part.t === 'lit') pushLit(parts, r.part.v, 2);
      else parts.push(r.part);
      i = r.next;
    } else if (c === '`') {
      const r = readBacktick(src, i, 2);
      parts.push(r.part);
      i = r.next;
    } else {
      pushLit(parts, c, 2);
      i++;
    }
  }
  if (until !== null && i >= src.length) throw new Incomplete();
  return { parts, next: until === null ? i : i + 1 };
}

function wordText(w: Word): string {
  return w.parts.map((p) => (p.t === 'lit' ? p.v : p.t === 'var' ? `$${p.name}` : `$(${p.src})`)).join('');
}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let parts: Part[] | null = null;
  let pendingHere: HereDoc[] = [];
  let wantDelim: HereDoc | null = null;
  const endWord = () => {
    if (!parts) return;
    const w: Word = { parts };
    parts = null;
    if (wantDelim) {
      wantDelim.delim = wordText(w).replace(/^\s+/, '');
      wantDelim.expand = !w.parts.some((p) => p.t === 'lit' && p.q !== 0);
      pendingHere.push(wantDelim);
      wantDelim = null;
    }
    toks.push({ k: 'word', w });
  };
  const cur = (): Part[] => (parts ??= []);
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '\n') {
      endWord();
      toks.push({ k: 'nl' });
      i++;
      for (const h of pendingHere) {
        // read the heredoc body: lines up to the delimiter line
        let body = '';
        for (;;) {
          if (i >= src.length) throw new Incomplete();
          let j = src.indexOf('\n', i);
          if (j < 0) j = src.length;
          let line = src.slice(i, j);
          if (h.strip) line = line.replace(/^\t+/, '');
          i = j + 1;
          if (line === h.delim) break;
          body += line + '\n';
        }
        h.body = body;
      }
      pendingHere = [];
      continue;
    }
    if (c === '#' && !parts) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      if (src[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (i + 1 >= src.length) throw new Incomplete();
      pushLit(cur(), src[i + 1], 1);
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) throw new Incomplete();
      pushLit(cur(), src.slice(i + 1, j), 1);
      // an empty '' still makes a word
      i = j + 1;
      continue;
    }
    if (c === '"') {
      const r = readDoubleParts(src, i + 1, '"');
      const p = cur();
      if (r.parts.length === 0) pushLit(p, '', 2);
      for (const x of r.parts)
        if (x.t === 'lit') pushLit(p, x.v, 2);
        else p.push(x);
      i = r.next;
      continue;
    }
    if (c === '$') {
      const r = readDollar(src, i, 0);
      if (r.part.t === 'lit') pushLit(cur(), r.part.v, 0);
      else cur().push(r.part);
      i = r.next;
      continue;
    }
    if (c === '`') {
      const r = readBacktick(src, i, 0);
      cur().push(r.part);
      i = r.next;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      // `2>` / `2>&1`: a word of digits right before a redirection is its file descriptor
      let fd: string | undefined;
      const p = parts as Part[] | null;
      if (
        (op[0] === '>' || op[0] === '<') &&
        p &&
        p.length === 1 &&
        p[0].t === 'lit' &&
        p[0].q === 0 &&
        /^\d$/.test(p[0].v)
      ) {
        fd = p[0].v;
        parts = null;
      }
      endWord();
      if (op === '<<' || op === '<<-') {
        const here: HereDoc = { delim: '', strip: op === '<<-', expand: true, body: null };
        wantDelim = here;
        toks.push({ k: 'op', v: '<<', here });
      } else toks.push({ k: 'op', v: fd ? fd + op : op });
      i += op.length;
      continue;
    }
    pushLit(cur(), c, 0);
    i++;
  }
  endWord();
  if (wantDelim || pendingHere.length) throw new Incomplete();
  return toks;
}

const REDIR = /^(\d?)(>>|>&|<&|>|<|&>)$/;

function parseTokens(toks: Tok[]): Script {
  let i = 0;
  const peek = () => toks[i];
  const skipNl = () => {
    while (peek()?.k === 'nl') i++;
  };
  const unexpected = (t: Tok | undefined): never => {
    if (!t) throw new Incomplete();
    throw new SyntaxErr(t.k === 'nl' ? 'newline' : t.k === 'op' ? t.v : wordText(t.w));
  };

  function simple(): SimpleCmd {
    const cmd: SimpleCmd = { assigns: [], words: [], redirs: [] };
    for (;;) {
      const t = peek();
      if (!t || t.k === 'nl') break;
      if (t.k === 'op') {
        if (t.v === '<<') {
          i++;
          const d = peek();
          if (!d || d.k !== 'word') unexpected(d);
          i++;
          cmd.redirs.push({ fd: 0, op: '<<', here: t.here });
          continue;
        }
        const m = t.v.match(REDIR);
        if (!m) break;
        i++;
        const target = peek();
        if (!target || target.k !== 'word') unexpected(target);
        i++;
        const w = (target as { w: Word }).w;
        if (m[2] === '&>') {
          cmd.redirs.push({ fd: 1, op: '>', target: w });
          cmd.redirs.push({ fd: 2, op: '>&', target: { parts: [{ t: 'lit', v: '1', q: 0 }] } });
        } else {
          const op = m[2] as Redir['op'];
          const fd = m[1] !== '' ? Number(m[1]) : op === '<' || op === '<&' ? 0 : 1;
          cmd.redirs.push({ fd, op, target: w });
        }
        continue;
      }
      const first = t.w.parts[0];
      const m =
        cmd.words.length === 0 && first?.t === 'lit' && first.q === 0
          ? first.v.match(/^([A-Za-z_][A-Za-z0-9_]*)=/)
          : null;
      if (m) {
        const head = (first as { v: string }).v.slice(m[0].length);
        const rest: Part[] = [...(head ? [{ ...first, v: head } as Part] : []), ...t.w.parts.slice(1)];
        cmd.assigns.push({ name: m[1], value: { parts: rest } });
      } else cmd.words.push(t.w);
      i++;
    }
    if (!cmd.words.length && !cmd.assigns.length && !cmd.redirs.length) unexpected(peek());
    const w0 = cmd.words[0];
    if (
      w0 &&
      w0.parts.length === 1 &&
      w0.parts[0].t === 'lit' &&
      w0.parts[0].q === 0 &&
      /^(for|while|until|if|case|function|select|then|do|done|fi|esac)$/.test(w0.parts[0].v)
    ) {
      throw new SyntaxErr(`:${w0.parts[0].v}`);
    }
    return cmd;
  }

  function pipeline(): Pipeline {
    let negate = false;
    const t = peek();
    if (
      t?.k === 'word' &&
      t.w.parts.length === 1 &&
      t.w.parts[0].t === 'lit' &&
      t.w.parts[0].v === '!' &&
      t.w.parts[0].q === 0
    ) {
      negate = true;
      i++;
    }
    const cmds = [simple()];
    while (peek()?.k === 'op' && (peek() as { v: string }).v === '|') {
      i++;
      skipNl();
      if (!peek()) throw new Incomplete();
      cmds.push(simple());
    }
    return { cmds, negate };
  }

  function andOr(): AndOr {
    const items: AndOr['items'] = [{ op: null, pipe: pipeline() }];
    for (;;) {
      const t = peek();
      if (t?.k !== 'op' || (t.v !== '&&' && t.v !== '||')) break;
      i++;
      skipNl();
      if (!peek()) throw new Incomplete();
      items.push({ op: t.v as '&&' | '||', pipe: pipeline() });
    }
    return { items };
  }

  const script: Script = [];
  for (;;) {
    while (
      peek() &&
      (peek()!.k === 'nl' || (peek()!.k === 'op' && (peek() as { v: string }).v === ';' && script.length > 0))
    )
      i++;
    if (!peek()) break;
    const t = peek()!;
    if (
      t.k === 'op' &&
      (t.v === ';' || t.v === '&' || t.v === '|' || t.v === '&&' || t.v === '||' || t.v === ')' || t.v === '(')
    )
      unexpected(t);
    script.push(andOr());
    const n = peek();
    if (!n) break;
    if (n.k === 'nl' || (n.k === 'op' && (n.v === ';' || n.v === '&'))) {
      i++;
      continue;
    }
    unexpected(n);
  }
  return script;
}

export function parse(src: string): ParseResult {
  try {
    return { ok: true, script: parseTokens(lex(src)) };
  } catch (e) {
    if (e instanceof Incomplete) return { ok: false, incomplete: true };
    // any other nesting deep enough to exhaust the stack is refused the same way, never thrown
    if (e instanceof TooDeep || e instanceof RangeError)
      return { ok: false, error: 'command substitution: nested too deeply' };
    if (e instanceof SyntaxErr) {
      const m = e.message;
      if (m.startsWith(':'))
        return {
          ok: false,
          error: `${m.slice(1)}: this playground's shell runs simple commands, pipes, ';', '&&' and '||' only`,
        };
      return { ok: false, error: `syntax error near unexpected token \`${m}'` };
    }
    throw e;
  }
}

/** Split a line into words the way the parser would, without expanding (for completion). */
export function roughWords(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  for (const c of line) {
    if (q) {
      if (c === q) q = null;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      q = c;
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    if (c === '|' || c === ';' || c === '&') {
      out.length = 0;
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}
