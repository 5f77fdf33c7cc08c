// YAML as kubectl -o yaml writes it: sigs.k8s.io/yaml turns the JSON into go-yaml v2 nodes, so the
// text follows go-yaml v2's emitter: map keys in its "natural" order, block style with sequences at
// their key's indentation, 2-space indent, strings that would read as another type ("80", "true",
// timestamps, "") double-quoted, strings plain YAML cannot hold single-quoted, multi-line strings
// as literal blocks, and long lines folded at a space once the column passes 80.
// (A hand-written emitter rather than the `yaml` package: its folding and quoting rules differ.)

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** go-yaml v2 keyList.Less for string keys: letters after other characters, digit runs compared as numbers. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

const goYamlKeyCompare = (a: string, b: string) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0);

// ---- what a plain scalar would resolve to (YAML 1.1, as go-yaml v2 resolves) ----
const NON_STRING_WORDS = new Set([
  '',
  '~',
  'null',
  'Null',
  'NULL',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  '.nan',
  '.NaN',
  '.NAN',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '<<',
]);
const INT_RE = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/;
const FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_RE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP_RE =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: \d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?))?$/;

function resolvesToNonString(s: string): boolean {
  if (NON_STRING_WORDS.has(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  const plain = s.replace(/_/g, '');
  return INT_RE.test(plain) || FLOAT_RE.test(plain) || BASE60_RE.test(s) || TIMESTAMP_RE.test(s);
}

/** go-yaml's is_printable, by code point. */
function printable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** yaml_emitter_analyze_scalar + select_scalar_style, for block context. */
export function scalarStyle(s: string, simpleKey = false): Style {
  let style: Style = s.includes('\n') ? 'literal' : resolvesToNonString(s) ? 'double' : 'plain';
  if (s.length === 0) return 'double';
  const chars = [...s];
  let blockInd = false,
    leadingSpace = false,
    leadingBreak = false,
    trailingSpace = false,
    trailingBreak = false;
  let breakSpace = false,
    spaceBreak = false,
    prevSpace = false,
    prevBreak = false,
    special = false,
    lineBreaks = false;
  if (s.startsWith('---') || s.startsWith('...')) blockInd = true;
  let precededByWs = true;
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    const followedByWs = next === undefined || next === ' ' || next === '\t' || next === '\n';
    if (i === 0) {
      // (flow indicators matter only in flow context, which kubectl's output never uses)
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockInd = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWs) blockInd = true;
    } else if (c === ':' && followedByWs) blockInd = true;
    else if (c === '#' && precededByWs) blockInd = true;
    const cp = c.codePointAt(0)!;
    if (!printable(cp)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (c === '\n') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWs = c === ' ' || c === '\t' || c === '\n';
  });
  let plainOk = true,
    singleOk = true,
    blockOk = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plainOk = false;
  if (trailingSpace) blockOk = false;
  if (breakSpace) plainOk = singleOk = false;
  if (spaceBreak || special) plainOk = singleOk = blockOk = false;
  if (lineBreaks) plainOk = false;
  if (blockInd) plainOk = false;
  if (style === 'plain' && !plainOk) style = 'single';
  if (style === 'single' && !singleOk) style = 'double';
  if (style === 'literal' && (!blockOk || simpleKey)) style = 'double';
  return style;
}

const DQ_ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

class Emitter {
  out = '';
  column = 0;
  /** at the start of a line (only indentation written) */
  indention = true;
  whitespace = true;

  put(s: string): void {
    for (const c of s) {
      if (c === '\n') {
        this.out += '\n';
        this.column = 0;
      } else {
        this.out += c;
        this.column++;
      }
    }
  }

  newline(): void {
    this.put('\n');
    this.indention = true;
    this.whitespace = true;
  }

  /** yaml_emitter_write_indent */
  indent(n: number): void {
    if (!this.indention || this.column > n || (this.column === n && !this.whitespace)) this.newline();
    while (this.column < n) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  /** yaml_emitter_write_indicator */
  indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  scalar(s: string, indent: number, simpleKey: boolean): void {
    const style = scalarStyle(s, simpleKey);
    const breaks = !simpleKey;
    const chars = [...s];
    if (style === 'plain') {
      if (!this.whitespace) this.put(' ');
      let spaces = false;
      chars.forEach((c, i) => {
        if (c === ' ') {
          if (breaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.indent(indent);
          else this.put(c);
          spaces = true;
        } else {
          this.put(c);
          spaces = false;
        }
      });
      this.whitespace = false;
      this.indention = false;
    } else if (style === 'single') {
      this.indicator("'", true, false, false);
      let spaces = false;
      chars.forEach((c, i) => {
        if (c === ' ') {
          if (
            breaks &&
            !spaces &&
            this.column > BEST_WIDTH &&
            i !== 0 &&
            i !== chars.length - 1 &&
            chars[i + 1] !== ' '
          )
            this.indent(indent);
          else this.put(c);
          spaces = true;
        } else {
          if (c === "'") this.put("'");
          this.put(c);
          this.indention = false;
          spaces = false;
        }
      });
      this.indicator("'", false, false, false);
    } else if (style === 'double') {
      this.indicator('"', true, false, false);
      let spaces = false;
      chars.forEach((c, i) => {
        const cp = c.codePointAt(0)!;
        if (
          !printable(cp) ||
          cp === 0xfeff ||
          cp === 0x2028 ||
          cp === 0x2029 ||
          c === '\n' ||
          c === '"' ||
          c === '\\'
        ) {
          const esc = DQ_ESCAPES[cp];
          const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
          this.put(
            '\\' + (esc ?? (cp <= 0xff ? 'x' + hex(cp, 2) : cp <= 0xffff ? 'u' + hex(cp, 4) : 'U' + hex(cp, 8))),
          );
          spaces = false;
        } else if (c === ' ') {
          if (breaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
            this.indent(indent);
            if (chars[i + 1] === ' ') this.put('\\');
          } else this.put(c);
          spaces = true;
        } else {
          this.put(c);
          spaces = false;
        }
      });
      this.indicator('"', false, false, false);
    } else {
      this.indicator('|', true, false, false);
      if (s[0] === ' ' || s[0] === '\n') this.indicator(String(BEST_INDENT), false, false, false);
      let chomp = '';
      if (!s.endsWith('\n')) chomp = '-';
      else if (s.length === 1 || s.endsWith('\n\n')) chomp = '+';
      if (chomp) this.indicator(chomp, false, false, false);
      this.newline();
      let atBreak = true;
      for (const c of chars) {
        if (c === '\n') {
          this.newline();
          atBreak = true;
        } else {
          if (atBreak) {
            this.indent(indent);
            atBreak = false;
          }
          this.put(c);
          this.indention = false;
        }
      }
    }
  }

  /** A value after "key:" or "-": scalars inline, collections as blocks (empty ones as {} / []). */
  node(v: JsonValue, indent: number, inMapping: boolean): void {
    if (v === null) this.scalarRaw('null');
    else if (typeof v === 'boolean') this.scalarRaw(v ? 'true' : 'false');
    else if (typeof v === 'number') this.scalarRaw(Number.isInteger(v) ? v.toFixed(0) : String(v));
    else if (typeof v === 'string') this.scalar(v, indent + BEST_INDENT, false);
    else if (Array.isArray(v)) {
      if (v.length === 0) return this.indicator('[]', true, false, false);
      // a sequence under a mapping key is "indentless": its dashes sit at the key's indentation
      const seqIndent = inMapping ? indent : indent + BEST_INDENT;
      for (const item of v) {
        this.indent(seqIndent);
        this.indicator('-', true, false, true);
        this.node(item, seqIndent, false);
      }
    } else {
      const keys = Object.keys(v);
      if (keys.length === 0) return this.indicator('{}', true, false, false);
      const mapIndent = indent < 0 ? 0 : indent + BEST_INDENT;
      for (const k of keys) {
        this.indent(mapIndent);
        this.scalar(k, mapIndent, true);
        this.indicator(':', false, false, false);
        this.node(v[k], mapIndent, true);
      }
    }
  }

  scalarRaw(text: string): void {
    if (!this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = false;
    this.indention = false;
  }
}

/** Recursively order map keys as go-yaml v2 does. */
function sortKeys(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: { [k: string]: JsonValue } = {};
    for (const k of Object.keys(v).sort(goYamlKeyCompare)) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

/** Marshal JSON-shaped data the way sigs.k8s.io/yaml (go-yaml v2) does; ends with a newline. */
export function marshalYaml(value: JsonValue): string {
  const e = new Emitter();
  e.node(sortKeys(value), -BEST_INDENT, false);
  if (e.column > 0) e.newline();
  return e.out;
}
