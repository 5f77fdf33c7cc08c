// The one-line notice the screen shows after a command: the apiserver's words for an error, or a short
// note. Any slice's action sets it on the draft it is given; the latest replaces the one before.

export interface Notice {
  /** a new id per notice, so the same text twice is shown twice */
  id: number;
  kind: 'error' | 'info';
  text: string;
}

let noticeSeq = 0;

export function fail(s: { notice: Notice | null }, text: string) {
  s.notice = { id: ++noticeSeq, kind: 'error', text };
}

export function inform(s: { notice: Notice | null }, text: string) {
  s.notice = { id: ++noticeSeq, kind: 'info', text };
}
