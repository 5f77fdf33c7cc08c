// Field errors as the apiserver builds them (apimachinery pkg/util/validation/field/errors.go)
// and kubectl's rendering of an Invalid status (kubectl pkg/cmd/util/helpers.go, checkErr).

export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Forbidden'
  | 'Too long'
  | 'Not found'
  | 'Internal error';

/**
 * One field error. `value` is the Go BadValue: a JS string stands for a Go string (printed
 * %q-quoted); numbers and booleans print bare; arrays, objects and null print as JSON (1.34+).
 * Build objects in Go's field order; maps should be passed through `goMap` so keys sort as Go's do.
 */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: unknown;
  detail?: string;
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'Required value', field, detail };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'Invalid value', field, value, detail };
}

/** field.NotSupported: the detail lists the supported values, each Go-quoted. */
export function unsupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const detail = supported.length > 0 ? 'supported values: ' + supported.map(goQuote).join(', ') : '';
  return { type: 'Unsupported value', field, value, detail };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'Duplicate value', field, value };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'Forbidden', field, detail };
}

/** field.TooLong: the value is never shown. */
export function tooLong(field: string, maxLength: number): FieldError {
  const detail =
    maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return { type: 'Too long', field, detail };
}

export function notFound(field: string, value: unknown): FieldError {
  return { type: 'Not found', field, value };
}

export function internalError(field: string, detail: string): FieldError {
  return { type: 'Internal error', field, detail };
}

// Types whose body never shows the bad value.
const NO_VALUE: ReadonlySet<FieldErrorType> = new Set(['Required value', 'Forbidden', 'Too long', 'Internal error']);

/** field.Error.ErrorBody(): `<Type>[: <value>][: <detail>]`. */
export function errorBody(e: FieldError): string {
  let s: string = e.type;
  if (!NO_VALUE.has(e.type)) s += ': ' + renderValue(e.value);
  if (e.detail) s += ': ' + e.detail;
  return s;
}

/** field.Error.Error(): `<path>: <body>`. */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * kubectl's text for a 422 Invalid status: `The <Kind> "<name>" is invalid: ` then the causes,
 * one inline, several as `* ` lines after a newline. kubectl drops repeated causes and ends the
 * stderr text with a newline, which this string leaves out.
 */
export function formatInvalid(kind: string, name: string, errors: readonly FieldError[]): string {
  const head = `The ${kind} ${goQuote(name)} is invalid`;
  const seen = new Set<string>();
  const causes: string[] = [];
  for (const e of errors) {
    const msg = errorString(e);
    if (seen.has(msg)) continue;
    seen.add(msg);
    causes.push(msg);
  }
  if (causes.length === 0) return head;
  if (causes.length === 1) return `${head}: ${causes[0]}`;
  return `${head}: \n` + causes.map((c) => `* ${c}`).join('\n');
}

/** The apiserver's own Status message: `<Kind[.group]> "<name>" is invalid: [a, b]` (ErrorList.ToAggregate). */
export function statusMessage(qualifiedKind: string, name: string, errors: readonly FieldError[]): string {
  const msgs: string[] = [];
  for (const e of errors) {
    const m = errorString(e);
    if (!msgs.includes(m)) msgs.push(m);
  }
  const agg = msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
  return `${qualifiedKind} ${goQuote(name)} is invalid: ${agg}`;
}

function renderValue(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return goJSON(v);
}

/** A copy of a Go map with its keys in Go's JSON order (sorted by byte value). */
export function goMap<T>(m: Record<string, T> | undefined | null): Record<string, T> | null {
  if (m === undefined || m === null) return null;
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort(byteCompare)) out[k] = m[k];
  return out;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strconv.Quote: Go's %q for a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (isGoPrint(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp > 0xffff) out += '\\U' + hex(cp, 8);
    else out += '\\u' + hex(cp, 4);
  }
  return out + '"';
}

function isGoPrint(ch: string): boolean {
  return ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** encoding/json.Marshal: object keys in insertion order, HTML-safe string escaping. */
export function goJSON(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(goJSON).join(',') + ']';
  if (typeof v === 'object') {
    const parts: string[] = [];
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (val === undefined) continue;
      parts.push(jsonString(k) + ':' + goJSON(val));
    }
    return '{' + parts.join(',') + '}';
  }
  return 'null';
}

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029)
      out += '\\u' + hex(cp, 4);
    else out += ch;
  }
  return out + '"';
}
