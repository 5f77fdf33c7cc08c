// The one-line notice the screen shows after a command: the apiserver's words for an error, or a short
// note. Any slice's action sets it on the draft it is given; the latest replaces the one before.

export interface Notice {
  /** a new id per notice, so the same text twice is shown twice */
  id: number;
  kind: 'error' | 'info';
  text: string;
}

let noticeSeq = 0;

/**
 * A notice is read, not scrolled: a name from a link or a file can be megabytes (F13 echoed a 900 KB
 * Pod name whole), so each very long word is cut in the middle and the whole notice bounded.
 */
export function shortNotice(text: string): string {
  const t = text.replace(
    /\S{121,}/g,
    (w) => `${w.slice(0, 80)}…(${w.length.toLocaleString('en-US')} characters)…${w.slice(-20)}`,
  );
  return t.length > 2000 ? `${t.slice(0, 2000)}…` : t;
}

export function fail(s: { notice: Notice | null }, text: string) {
  s.notice = { id: ++noticeSeq, kind: 'error', text: shortNotice(text) };
}

export function inform(s: { notice: Notice | null }, text: string) {
  s.notice = { id: ++noticeSeq, kind: 'info', text: shortNotice(text) };
}
