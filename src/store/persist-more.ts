// The part of saving the first view does not need, loaded as its own chunk right after start-up (see
// persist.ts): the alerts' words, the work a link or an import replaced ("your previous work"), the
// guard between two tabs, and the console / request list / undo history saved beside the work.
import type { AppStore } from './types';
import type { ClusterState } from '../sim';
import type { LessonProgress, RequestSpec, ScenarioInfo, Store } from './types';
import type { Snapshot } from './history-slice';
import { kit, type Kit } from './kit-loader';
import { checkSavedCluster, shorten } from './saved-check';
import { clearSaveAlert, saveAlerts, setSaveAlert } from './save-status';
import { HISTORY_CHARS, historyText, readHistory, restoreSession, sessionOf } from './persist-session';
import { snapshotOf } from './history-slice';
import {
  ASIDE_KEY,
  GOOD_KEY,
  HISTORY_KEY,
  PREVIOUS_KEY,
  CLUSTER_FORMAT,
  REPLACING,
  type SavedChallenge,
  SESSION_KEY,
  TABS_CHANNEL,
  WORK_KEY,
  keepAside,
  read,
  remove,
  saveWork,
  state,
  workOf,
  write,
  type SavedWork,
} from './persist-base';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const isScenarioInfo = (x: unknown): x is ScenarioInfo =>
  isObj(x) && typeof x.title === 'string' && isObj(x.origin) && (x.id === null || typeof x.id === 'string');

export type ReadWork = { kind: 'none' } | { kind: 'ok'; work: SavedWork } | { kind: 'unreadable'; reason: string };

/**
 * Parse and check a save. A usable cluster is repaired (bad objects left out, named in `work.dropped`);
 * a cluster that cannot be used leaves the payload to rebuild from, or the save is unreadable.
 */
export function readWork(raw: string | null): ReadWork {
  if (raw === null || raw === '') return { kind: 'none' };
  let w: unknown;
  try {
    w = JSON.parse(raw);
  } catch {
    return { kind: 'unreadable', reason: raw.length > 20 ? 'it is cut short or not JSON' : 'it is not JSON' };
  }
  if (!isObj(w)) return { kind: 'unreadable', reason: `it holds ${w === null ? 'null' : typeof w}, not saved work` };
  const scenario = w.scenario;
  if (!isScenarioInfo(scenario)) return { kind: 'unreadable', reason: 'it does not say which scenario it holds' };
  const work: SavedWork & { dropped?: string[]; clusterProblem?: string } = {
    ...(w as Partial<SavedWork>),
    scenario,
    format: Number(w.format),
    savedAt: Number(w.savedAt),
    hash: typeof w.hash === 'string' ? w.hash : '',
    cluster: null,
    ghosts: Array.isArray(w.ghosts) ? w.ghosts : [],
    lesson: (w.lesson ?? null) as LessonProgress | null,
    spec: w.spec as RequestSpec,
  };
  if (w.format === CLUSTER_FORMAT && w.cluster !== null && w.cluster !== undefined) {
    const c = checkSavedCluster(w.cluster);
    if (c.ok) {
      work.cluster = c.cluster;
      if (c.dropped.length) work.dropped = c.dropped;
    } else {
      work.cluster = null;
      work.clusterProblem = c.error;
    }
  } else work.cluster = null;
  const portable = isObj(w.payload) && Array.isArray(w.payload.objects);
  if (!work.cluster && !portable)
    return { kind: 'unreadable', reason: work.clusterProblem ?? 'it holds no cluster this version can read' };
  if (!portable) delete work.payload;
  return { kind: 'ok', work };
}

export function loadWork(): SavedWork | null {
  const r = readWork(read(WORK_KEY));
  if (r.kind === 'unreadable') keepAside(read(WORK_KEY) ?? '', r.reason);
  return r.kind === 'ok' ? r.work : null;
}

/** The saved cluster can be used as it is (same engine format, checked): no need to rebuild it from its payload. */
export function clusterUsable(w: SavedWork): boolean {
  return w.format === CLUSTER_FORMAT && w.cluster !== null && checkSavedCluster(w.cluster).ok;
}

/** The saved challenge, when every field is what it should be (a challenge file's text at most 1 MB). */
function savedChallenge(c: unknown): SavedChallenge | null {
  if (!isObj(c) || typeof c.name !== 'string' || typeof c.title !== 'string' || typeof c.walkthrough !== 'boolean')
    return null;
  if (!Number.isSafeInteger(c.hints) || (c.hints as number) < 0) return null;
  if (c.yaml !== undefined && (typeof c.yaml !== 'string' || c.yaml.length > 1 << 20)) return null;
  const { name, title, yaml, hints, walkthrough } = c as SavedChallenge;
  return { name, title, ...(yaml ? { yaml } : {}), hints, walkthrough };
}

/**
 * Put saved work into the store as it was (not a command: nothing to undo yet). Rebuilding from the
 * payload takes the kit; a usable cluster does not, so the first view can show the saved work at once.
 */
export function restoreWork(store: AppStore, w: SavedWork, k: Kit | null = kit.loaded()): boolean {
  let cluster: ClusterState;
  const dropped = (w as { dropped?: string[] }).dropped;
  if (w.cluster && clusterUsable(w)) cluster = w.cluster;
  else {
    if (!k || !w.payload) return false;
    try {
      cluster = k.rebuildFromShare(k.validatePayload(w.payload)).state;
    } catch (e) {
      keepAside(
        read(WORK_KEY) ?? JSON.stringify(w),
        `its objects are not valid: ${(e as Error).message.slice(0, 300)}`,
      );
      return false;
    }
  }
  // (without the kit yet, an unknown lesson is dropped by the first lesson check)
  const known = (id: string) => !k || !!k.getLesson(id);
  const lesson =
    isObj(w.lesson) && typeof w.lesson.id === 'string' && known(w.lesson.id) && Array.isArray(w.lesson.traces)
      ? w.lesson
      : null;
  const ghosts = Array.isArray(w.ghosts)
    ? w.ghosts.filter(
        (g) => isObj(g) && typeof g.ip === 'string' && typeof g.pod === 'string' && Number.isSafeInteger(g.port),
      )
    : [];
  const challenge = savedChallenge(w.challenge);
  store.setState((s) => {
    s.cluster = cluster;
    s.scenario = w.scenario;
    s.ghosts = ghosts;
    s.lesson = lesson;
    s.challenge = challenge && { ...challenge, results: null, solved: false };
    if (isObj(w.spec) && isObj(w.spec.source) && isObj(w.spec.target)) s.spec = w.spec;
    s.traffic.nextAt = cluster.now;
  });
  if (challenge) store.getState().checkChallenge(); // its objectives, judged on the restored cluster
  if (dropped?.length) {
    const raw = read(WORK_KEY);
    if (raw && read(ASIDE_KEY) !== raw) write(ASIDE_KEY, raw);
    repairedAlert(dropped, raw);
  }
  return true;
}

export function quotaAlert(st: Store, sinceMs: number) {
  const since = new Date(sinceMs).toLocaleTimeString();
  setSaveAlert({
    id: 'quota',
    kind: 'error',
    text: `Your browser's storage is full: your work since ${since} was not saved (the cluster with ${objectCount(st.cluster)} Pods, Services and Deployments, the console and the undo history). Download it to keep it, or free some space for this site.`,
    download: { label: 'Download scenario (YAML)', name: 'scenario.yaml', text: () => yamlOf(st) },
  });
}

/** `ok`: the save was copied aside; otherwise it stays in place and this tab does not write until the user chooses. */
export function asideAlert(raw: string, reason: string, ok: boolean) {
  setSaveAlert({
    id: 'unreadable',
    kind: 'error',
    text: `Your saved work could not be opened (${reason}), so the default scenario is shown. ${
      ok
        ? 'The save is kept aside, not overwritten: download it to keep it.'
        : 'There is no room to copy it, so it stays where it is and this tab does not save until you download it or let it go.'
    }`,
    download: { label: 'Download the saved work', name: 'playground-saved-work.json', text: () => raw },
    actions: ok
      ? []
      : [{ label: 'Let it go and save this tab', run: () => ((state.writing = true), clearSaveAlert('unreadable')) }],
    onDismiss: ok ? () => remove(ASIDE_KEY) : undefined,
  });
}

export function repairedAlert(dropped: string[], raw: string | null) {
  const n = dropped.length;
  setSaveAlert({
    id: 'repaired',
    kind: 'error',
    text: `Your saved work was opened, but ${n} part${n === 1 ? '' : 's'} of it could not be read and ${n === 1 ? 'was' : 'were'} left out: ${dropped.slice(0, 5).join('; ')}${n > 5 ? '; …' : ''}. The save as it was is kept aside.`,
    download: { label: 'Download the save as it was', name: 'playground-saved-work.json', text: () => raw },
    onDismiss: () => remove(ASIDE_KEY),
  });
}

const objectCount = (c: ClusterState) =>
  Object.keys(c.objects.pods).length +
  Object.keys(c.objects.services).length +
  Object.keys(c.objects.deployments).length;

function yamlOf(st: Store): string | null {
  try {
    return kit.loaded()?.stateToScenarioYaml(st.cluster) ?? null;
  } catch {
    return null;
  }
}

/** The console, the request list and the undo history back, after the work was restored. */
export function restoreExtras(store: AppStore) {
  const notes: string[] = [];
  const session = read(SESSION_KEY);
  if (session)
    try {
      const v = JSON.parse(session) as unknown;
      store.setState((s) => {
        // lines printed since the page started stay below the restored ones
        const since = s.console.lines;
        notes.push(...restoreSession(s, v));
        if (since.length) s.console.lines = [...s.console.lines, ...since.map((l) => ({ ...l, id: ++s.console.seq }))];
      });
    } catch {
      notes.push('the console and the request list (their save could not be read)');
    }
  const history = read(HISTORY_KEY);
  if (history)
    try {
      const { past, future, bad } = readHistory(history);
      const dropped = (JSON.parse(history) as { dropped?: number }).dropped ?? 0;
      state.restoring = true;
      try {
        store.setState((s) => {
          // commands made before this chunk arrived stay on top of the restored history
          s.past = [...past, ...s.past];
          if (!s.future.length) s.future = future;
        });
      } finally {
        state.restoring = false;
      }
      if (bad) notes.push(`${bad} undo step${bad === 1 ? '' : 's'} that could not be read`);
      if (dropped > 0)
        notes.push(`the ${dropped} oldest undo steps (the history is kept within ${HISTORY_CHARS / 1e6} MB)`);
    } catch {
      notes.push('the undo history (its save could not be read)');
    }
  state.extrasRestored = true;
  if (notes.length)
    setSaveAlert({ id: 'dropped', kind: 'info', text: `Restored after the reload, except: ${notes.join('; ')}.` });
}

export function saveExtras(st: Store, which: { session: boolean; history: boolean }) {
  if (!state.writing) return;
  if (which.session && write(SESSION_KEY, JSON.stringify(sessionOf(st))) === 'quota') remove(SESSION_KEY);
  if (which.history) {
    if (!st.past.length && !st.future.length) return void remove(HISTORY_KEY);
    const { text, dropped } = historyText(st);
    const withNote = dropped ? `${text.slice(0, -1)},"dropped":${dropped}}` : text;
    if (write(HISTORY_KEY, withNote) === 'quota') remove(HISTORY_KEY);
  }
}

/** The snapshot a replacing command pushed, kept on disk at once (a crash right after must not lose it). */
export function keepPrevious(store: AppStore, snap: Snapshot) {
  const text = JSON.stringify({
    ...workOf({ ...snap, spec: store.getState().spec }),
    label: snap.label,
    cameFrom: snap.scenario.title,
  });
  if (state.writing) write(PREVIOUS_KEY, text);
  previousAlert(store, snap.scenario.title, snap.label);
}

function previousAlert(store: AppStore, title: string, label: string) {
  setSaveAlert({
    id: 'previous',
    kind: 'info',
    text: `Your previous work ("${shorten(title)}") is kept: Undo (Ctrl+Z) or "Bring it back" returns to it (after "${shorten(label)}").`,
    actions: [{ label: 'Bring it back', run: () => bringBackPrevious(store) }],
    onDismiss: () => remove(PREVIOUS_KEY),
  });
}

/** Return to the work kept before the last replacing command: by Undo when it is still on top, else as a new command. */
export function bringBackPrevious(store: AppStore) {
  clearSaveAlert('previous');
  const raw = read(PREVIOUS_KEY);
  const r = readWork(raw);
  const top = store.getState().past.at(-1);
  if (top && REPLACING.test(top.label) && r.kind === 'ok' && top.scenario.title === r.work.scenario.title)
    return store.getState().undo();
  if (r.kind !== 'ok') return;
  const before = store.getState();
  if (!restoreWork(store, r.work)) return;
  store.setState((s) => {
    s.past.push(snapshotOf(before, 'bring back your previous work'));
    s.future = [];
  });
  remove(PREVIOUS_KEY);
}

/** After a reload: the previous work is still kept (not dismissed), and so is a save set aside: say so again. */
export function announcePrevious(store: AppStore) {
  const aside = read(ASIDE_KEY);
  if (aside && !saveAlerts().some((a) => a.id === 'unreadable' || a.id === 'repaired'))
    setSaveAlert({
      id: 'unreadable',
      kind: 'info',
      text: 'An earlier save of your work is kept aside (it could not be used when it was set aside). Download it to keep it; Dismiss lets it go.',
      download: { label: 'Download the saved work', name: 'playground-saved-work.json', text: () => aside },
      onDismiss: () => remove(ASIDE_KEY),
    });
  const raw = read(PREVIOUS_KEY);
  if (!raw) return;
  try {
    const v = JSON.parse(raw) as { scenario?: { title?: unknown }; label?: unknown };
    if (typeof v.scenario?.title === 'string')
      previousAlert(store, v.scenario.title, String(v.label ?? 'open a shared link'));
  } catch {
    remove(PREVIOUS_KEY);
  }
}

/**
 * Two tabs share one localStorage. The first tab saves; a later one says another tab is open and does
 * not write until the user chooses to save there (the other tab is then told and stops, and the work it
 * saved is kept as "your previous work"), so neither overwrites the other's work silently.
 */
export function startTabGuard(store: AppStore): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const ch = new BroadcastChannel(TABS_CHANNEL);
  const me = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const takeOver = () => {
    const raw = read(WORK_KEY);
    if (raw) write(PREVIOUS_KEY, raw);
    state.writing = true;
    ch.postMessage({ type: 'took-over', from: me });
    clearSaveAlert('tabs');
    saveWork(store.getState());
    if (raw) previousAlert(store, 'the other tab', 'saving moved to this tab');
  };
  const notSaving = (text: string) => {
    state.writing = false;
    setSaveAlert({
      id: 'tabs',
      kind: 'error',
      text,
      actions: [{ label: 'Save this tab instead', run: takeOver }],
      download: { label: 'Download scenario (YAML)', name: 'scenario.yaml', text: () => yamlOf(store.getState()) },
    });
  };
  ch.onmessage = (e: MessageEvent<{ type: string; from: string }>) => {
    const m = e.data;
    if (!isObj(m) || m.from === me) return;
    if (m.type === 'hello' && state.writing) ch.postMessage({ type: 'here', from: me });
    else if (m.type === 'here' && state.writing)
      notSaving(
        'The playground is open in another tab, which saves your work. Changes in this tab are not saved, so neither tab overwrites the other.',
      );
    else if (m.type === 'took-over' && state.writing) {
      // the other tab saves now: what this tab had is kept as "your previous work", never over the other's save
      write(PREVIOUS_KEY, JSON.stringify(workOf(store.getState())));
      notSaving(
        'Another tab now saves the playground. Changes in this tab are no longer saved (what it had is kept in the other tab as "your previous work").',
      );
      state.writing = false;
    }
  };
  ch.postMessage({ type: 'hello', from: me });
  return () => ch.close();
}

/** The error screen's "restore my last good work": the failing save is kept aside, the good one put back. */
export function lastGoodWork(): string | null {
  const good = read(GOOD_KEY);
  return good && readWork(good).kind === 'ok' ? good : null;
}

export function restoreLastGood(): boolean {
  const good = lastGoodWork();
  if (!good) return false;
  const now = read(WORK_KEY);
  if (now && now !== good) write(ASIDE_KEY, now);
  state.writing = false; // what is in memory is what failed: nothing of it is saved on the way out
  return write(WORK_KEY, good) === 'ok';
}

/** "Start over": the save is set aside (downloadable after the reload), and nothing more is written by this page. */
export function setAsideAndStop() {
  const now = read(WORK_KEY);
  if (now) write(ASIDE_KEY, now);
  remove(WORK_KEY);
  remove(HISTORY_KEY);
  remove(SESSION_KEY);
  state.writing = false;
}
