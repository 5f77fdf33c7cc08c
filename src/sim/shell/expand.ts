// Word expansion: variables, command substitution, tilde, then field splitting of unquoted results.
import type { Part, Word } from './parse';
import { readDoubleParts } from './parse';
import type { Ctx } from './types';
import type { Out } from './output';
import { stdoutOf } from './output';

export function lookupVar(ctx: Ctx, name: string): string {
  const s = ctx.session;
  switch (name) {
    case '?':
      return String(s.lastExit);
    case '$':
      return '1';
    case '#':
      return '0';
    case '0':
      return s.shell === 'bash' ? '-bash' : 'sh';
    case 'PWD':
      return s.cwd;
    default:
      if (/^\d$/.test(name)) return '';
      return s.vars[name] ?? s.env[name] ?? '';
  }
}

interface Expansion {
  value: string;
  quoted: boolean;
  split: boolean;
}

const MAX_SUBST_DEPTH = 64;
let substDepth = 0;

/** Expand each part to text; command substitutions run now and their stderr goes to `out`. */
function expandParts(ctx: Ctx, parts: Part[], out: Out, status: { code: number | null }): Expansion[] {
  const res: Expansion[] = [];
  parts.forEach((p, idx) => {
    if (p.t === 'lit') {
      let v = p.v;
      if (idx === 0 && p.q === 0 && (v === '~' || v.startsWith('~/')))
        v = (ctx.session.env.HOME ?? '/root') + v.slice(1);
      res.push({ value: v, quoted: p.q !== 0, split: false });
    } else if (p.t === 'var') {
      let name = p.name;
      let dflt: string | undefined;
      const m = name.match(/^([A-Za-z_][A-Za-z0-9_]*):?-(.*)$/);
      if (m) {
        name = m[1];
        dflt = m[2];
      }
      let v = lookupVar(ctx, name);
      if (v === '' && dflt !== undefined) v = dflt;
      res.push({ value: v, quoted: p.q !== 0, split: p.q === 0 });
    } else {
      // a bound on nested $( … ): the simulator must answer, not overflow its stack
      if (substDepth >= MAX_SUBST_DEPTH) {
        out.err('bash: command substitution: nested too deeply\n');
        status.code = 1;
        res.push({ value: '', quoted: p.q !== 0, split: false });
        return;
      }
      substDepth++;
      let r: ReturnType<Ctx['run']>;
      try {
        r = ctx.run(p.src);
      } finally {
        substDepth--;
      }
      for (const c of r.chunks) if (c.fd === 2) out.err(c.text);
      status.code = r.code;
      res.push({ value: stdoutOf(r).replace(/\n+$/, ''), quoted: p.q !== 0, split: p.q === 0 });
    }
  });
  return res;
}

/** A word → its fields (zero or more arguments). */
export function expandWord(ctx: Ctx, w: Word, out: Out, status: { code: number | null } = { code: null }): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false;
  for (const e of expandParts(ctx, w.parts, out, status)) {
    if (!e.split) {
      cur += e.value;
      if (e.quoted || e.value !== '') has = true;
      continue;
    }
    const pieces = e.value.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (has) fields.push(cur);
        cur = '';
        has = false;
      }
      if (piece) {
        cur += piece;
        has = true;
      }
    });
  }
  if (has) fields.push(cur);
  return fields;
}

/** A word as one string, with no field splitting (assignments, redirection targets). */
export function expandToString(ctx: Ctx, w: Word, out: Out, status: { code: number | null } = { code: null }): string {
  return expandParts(ctx, w.parts, out, status)
    .map((e) => e.value)
    .join('');
}

/** An unquoted heredoc's body: `$VAR`, `${VAR}`, `$(cmd)` and backslash escapes. */
export function expandHereDoc(ctx: Ctx, body: string, out: Out): string {
  const { parts } = readDoubleParts(body, 0, null);
  return expandParts(ctx, parts, out, { code: null })
    .map((e) => e.value)
    .join('');
}
