// What else survives a reload besides the cluster: the console's scrollback, the request list with the
// last trace, and the undo/redo history, each bounded so it fits beside the work in localStorage, with a
// note when something had to be dropped. The request list is read and written by the two small
// functions below only (savedRequests / restoreRequests), so a change to RequestRecord touches them alone.
import type { Store, RequestRecord } from './types';
import type { Snapshot } from './history-slice';
import type { ConsoleLine } from './console-slice';
import { decodePooled, encodePooled } from './pool-json';
import { checkSavedCluster } from './saved-check';

/** Console lines kept across a reload, and the most text one line keeps. */
export const KEEP_LINES = 400;
const LINE_CHARS = 20_000;
/** Requests kept across a reload; only the focused (else the latest) one keeps its whole trace. */
export const KEEP_REQUESTS = 30;
/** The largest undo history saved, in characters of JSON; the oldest steps are dropped past it. */
export const HISTORY_CHARS = 1_500_000;

export interface SavedSession {
  console: { lines: ConsoleLine[]; seq: number };
  requests: ReturnType<typeof savedRequests>;
  /** what had to be left out to stay within the bounds (shown after the reload) */
  dropped: string[];
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The request list as it is saved. */
export function savedRequests(st: Store) {
  const list = st.requests.slice(-KEEP_REQUESTS);
  const keep = st.focusedRequest ?? list[list.length - 1]?.id;
  return {
    list: list.map((r) => (r.id === keep ? r : { ...r, trace: undefined })),
    focused: st.focusedRequest,
    nextId: st.nextRequestId,
    counts: st.counts,
    failed: st.failed,
    droppedOlder: Math.max(0, st.requests.length - KEEP_REQUESTS),
  };
}

/** Put a saved request list back (inside a recipe); anything malformed is left out. */
export function restoreRequests(s: Store, r: unknown) {
  if (!isObj(r) || !Array.isArray(r.list)) return;
  const list = r.list.filter(
    (x): x is RequestRecord =>
      isObj(x) &&
      Number.isSafeInteger(x.id) &&
      typeof x.summary === 'string' &&
      typeof x.from === 'string' &&
      (x.trace === undefined || (isObj(x.trace) && Array.isArray(x.trace.hops))),
  );
  s.requests = list;
  const maxId = list.reduce((m, x) => Math.max(m, x.id), 0);
  s.nextRequestId = Math.max(s.nextRequestId, maxId + 1, Number.isSafeInteger(r.nextId) ? (r.nextId as number) : 0);
  s.focusedRequest = list.some((x) => x.id === r.focused) ? (r.focused as number) : null;
  if (isObj(r.counts) && Object.values(r.counts).every((n) => Number.isSafeInteger(n) && (n as number) >= 0))
    s.counts = r.counts as Record<string, number>;
  if (Number.isSafeInteger(r.failed) && (r.failed as number) >= 0) s.failed = r.failed as number;
}

export function sessionOf(st: Store): SavedSession {
  const all = st.console.lines;
  const lines = all
    .slice(-KEEP_LINES)
    .map((l) =>
      l.text.length > LINE_CHARS
        ? { ...l, text: `${l.text.slice(0, LINE_CHARS)}\n[… ${l.text.length - LINE_CHARS} more characters not kept]` }
        : l,
    );
  const requests = savedRequests(st);
  const dropped: string[] = [];
  if (all.length > KEEP_LINES) dropped.push(`${all.length - KEEP_LINES} older console lines`);
  if (requests.droppedOlder) dropped.push(`${requests.droppedOlder} older requests`);
  return { console: { lines, seq: st.console.seq }, requests, dropped };
}

/** Put a saved session back (inside a recipe). Returns what was dropped when it was saved. */
export function restoreSession(s: Store, v: unknown): string[] {
  if (!isObj(v)) return [];
  const c = v.console;
  if (isObj(c) && Array.isArray(c.lines)) {
    const lines = c.lines.filter(
      (l): l is ConsoleLine =>
        isObj(l) &&
        Number.isSafeInteger(l.id) &&
        typeof l.text === 'string' &&
        ['cmd', 'out', 'err'].includes(l.kind as string),
    );
    s.console.lines = lines.slice(-KEEP_LINES);
    const top = lines.reduce((m, l) => Math.max(m, l.id), 0);
    s.console.seq = Math.max(top, Number.isSafeInteger(c.seq) ? (c.seq as number) : 0);
  }
  restoreRequests(s, v.requests);
  return Array.isArray(v.dropped) ? v.dropped.filter((x): x is string => typeof x === 'string').slice(0, 5) : [];
}

/** The undo/redo history as saved text, within HISTORY_CHARS (the oldest undo steps go first). */
export function historyText(st: Store): { text: string; dropped: number } {
  let past = st.past;
  let dropped = 0;
  for (;;) {
    const text = JSON.stringify({ v: 1, nPast: past.length, ...encodePooled([...past, ...st.future]) });
    if (text.length <= HISTORY_CHARS || past.length === 0) return { text, dropped };
    const cut = Math.max(1, Math.ceil(past.length / 4));
    past = past.slice(cut);
    dropped += cut;
  }
}

/** The saved history back; steps whose cluster does not pass the saved-state check are left out. */
export function readHistory(text: string): { past: Snapshot[]; future: Snapshot[]; bad: number } {
  const v = JSON.parse(text) as { nPast?: unknown };
  const roots = decodePooled(v);
  const n = Number.isSafeInteger(v.nPast) ? Math.min(v.nPast as number, roots.length) : 0;
  let bad = 0;
  const ok = (x: unknown): Snapshot | null => {
    if (!isObj(x) || typeof x.label !== 'string' || !isObj(x.scenario) || !Array.isArray(x.ghosts))
      return (bad++, null);
    const c = checkSavedCluster(x.cluster);
    if (!c.ok || c.dropped.length) return (bad++, null);
    return { ...x, cluster: c.cluster } as Snapshot; // checked field by field above
  };
  const past = roots
    .slice(0, n)
    .map(ok)
    .filter((x): x is Snapshot => !!x);
  const future = roots
    .slice(n)
    .map(ok)
    .filter((x): x is Snapshot => !!x);
  return { past, future, bad };
}
