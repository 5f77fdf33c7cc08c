// No lost work: the current scenario is saved in localStorage as it changes (throttled) and restored on
// reload. The save holds the cluster itself (exact: same Pods, same clock) and, as a fallback that
// survives changes to the engine's internal shape, the share payload the cluster was made of (once the
// scenario kit, which makes payloads, has loaded: a save in the first moments holds the cluster alone).
import type { LessonProgress } from './types';
import { kit } from './kit-loader';
import type { AppStore } from './types';
import { lazyModule } from './lazy';
import {
  hooks,
  REPLACING,
  state,
  saveWork,
  read,
  write,
  PROGRESS_KEY,
  maySave,
  workOf,
  writeWork,
} from './persist-base';
import { isLarge, offload } from './large';

export * from './persist-base';

const SAVE_EVERY_MS = 800;
/**
 * A large cluster only ticking (no command, no undo step) is saved this often: each save turns its Pods
 * into text in the engine Worker, which meanwhile does not tick (at 30,000 Pods a save every 800 ms left
 * the clock a small share of the Worker's time). A command is still saved within SAVE_EVERY_MS.
 */
const LARGE_SAVE_EVERY_MS = 5000;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function shareHash(): string {
  if (typeof location === 'undefined') return '';
  return /(^#|&)s=/.test(location.hash) ? location.hash : '';
}

/** Lesson progress, kept per lesson: the furthest step reached and whether it was completed. */
export type Progress = Record<string, { step: number; done: boolean }>;

export function loadProgress(): Progress {
  try {
    const p = JSON.parse(read(PROGRESS_KEY) ?? '{}') as unknown;
    return isObj(p) ? (p as Progress) : {};
  } catch {
    return {};
  }
}

function saveProgress(l: LessonProgress) {
  const lesson = kit.loaded()?.getLesson(l.id);
  if (!lesson) return;
  const all = loadProgress();
  const old = all[l.id] ?? { step: 0, done: false };
  const done = old.done || l.step >= lesson.steps.length;
  const next = { step: Math.max(old.step, l.step), done };
  if (next.step === old.step && next.done === old.done && all[l.id]) return;
  all[l.id] = next;
  // (storage full or disabled: progress is only kept for this visit)
  write(PROGRESS_KEY, JSON.stringify(all));
  progressListeners.forEach((f) => f());
}

const progressListeners = new Set<() => void>();
export function onProgress(f: () => void): () => void {
  progressListeners.add(f);
  return () => progressListeners.delete(f);
}

/** The stored progress, read again only after it changed (a stable snapshot for useSyncExternalStore). */
let progressCache: Progress | null = null;
onProgress(() => void (progressCache = null));
export const progressSnapshot = (): Progress => (progressCache ??= loadProgress());

/**
 * What the first view does not need (the alerts' words, the tab guard, the previous work, the console /
 * requests / undo history saves): its own chunk, loaded right after start-up.
 */
export const more = lazyModule(() => import('./persist-more'));
type More = Awaited<ReturnType<typeof more.load>>;
/** Run `f` with that chunk: at once when it is in, else once it arrives (a failed fetch only loses the message). */
function withMore(f: (m: More) => void) {
  const m = more.loaded();
  if (m) f(m);
  else more.load().then(f, () => {});
}

/**
 * Save as the user's world changes (not on every tick: the clock alone moving is saved on the way out
 * of the page), and record lesson progress as steps pass. The console, the request list and the undo
 * history are saved beside the work, each bounded.
 */
export function startAutosave(store: AppStore, linkedHash: () => string = () => ''): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const dirty = { work: false, session: false, history: false };
  // The work is written again only when it changed (or on the way out of the page, for the clock): it is
  // the whole cluster, and with continuous traffic the request list changes many times a second (on a
  // 200-Pod cluster, re-writing the work with every session save took a quarter of the main thread).
  let workSaved = false;
  /** a save being made in the engine Worker: no other starts meanwhile (the change stays dirty) */
  let making = false;
  const extras = () => {
    const m = more.loaded();
    if (!workSaved || !m || !state.extrasRestored) return; // the extras stay dirty until they can be saved
    m.saveExtras(store.getState(), dirty);
    dirty.session = dirty.history = false;
  };
  /** when the save waiting is due (a command brings a later one forward) */
  let due = 0;
  const later = (ms: number) => {
    const at = Date.now() + ms;
    if (timer && due <= at) return;
    if (timer) clearTimeout(timer);
    due = at;
    timer = setTimeout(flush, ms);
  };
  const flush = (leaving = false) => {
    if (timer) clearTimeout(timer);
    timer = null;
    const st = store.getState();
    if (leaving || dirty.work || !workSaved) {
      // A large cluster's text is made in the Worker (on the way out of the page there is no time to
      // wait for it: it is made here then).
      const large = !leaving && !making && maySave() && isLarge(st.cluster);
      if (large && !offload.loaded()) void offload.load().catch(() => {});
      const o = large ? offload.loaded() : null;
      const job = o?.saveInWorker(() => {
        const now = store.getState();
        return { cluster: now.cluster, work: { ...workOf(now, linkedHash(), false), cluster: null } };
      });
      if (job) {
        dirty.work = false;
        making = true;
        void job
          .then(
            (r) => (workSaved = writeWork(store.getState(), r.text, () => r.withoutCluster)),
            () => (workSaved = saveWork(store.getState(), linkedHash())),
          )
          .finally(() => {
            making = false;
            extras();
            if (dirty.work && !timer) later(isLarge(store.getState().cluster) ? LARGE_SAVE_EVERY_MS : SAVE_EVERY_MS);
          });
        return;
      }
      if (making && !leaving) return; // (saved once the Worker's save is written)
      dirty.work = false;
      workSaved = saveWork(st, linkedHash());
    }
    extras();
  };
  const unsub = store.subscribe((s, prev) => {
    if (s.lesson && (s.lesson.step !== prev.lesson?.step || s.lesson.id !== prev.lesson?.id)) saveProgress(s.lesson);
    if (!state.restoring && s.past !== prev.past && s.past.length && s.past.at(-1) !== prev.past.at(-1)) {
      const top = s.past.at(-1)!;
      // (in the next task: it writes the previous cluster as text, 15-20 ms for the default one, and the
      // task that replaced the work also renders the new one)
      if (REPLACING.test(top.label) && top.cluster !== s.cluster)
        withMore((m) => setTimeout(() => m.keepPrevious(store, top), 0));
    }
    const changed =
      s.cluster.objects !== prev.cluster.objects ||
      s.cluster.settings !== prev.cluster.settings ||
      s.scenario !== prev.scenario ||
      s.lesson !== prev.lesson ||
      s.challenge?.name !== prev.challenge?.name ||
      s.challenge?.hints !== prev.challenge?.hints ||
      s.challenge?.walkthrough !== prev.challenge?.walkthrough ||
      s.ghosts !== prev.ghosts ||
      s.spec !== prev.spec;
    const session =
      s.console.lines !== prev.console.lines ||
      s.requests !== prev.requests ||
      s.focusedRequest !== prev.focusedRequest;
    const history = s.past !== prev.past || s.future !== prev.future;
    if (!changed && !session && !history) return;
    dirty.work ||= changed;
    dirty.session ||= session || changed;
    dirty.history ||= history;
    later(history || session || !isLarge(s.cluster) ? SAVE_EVERY_MS : LARGE_SAVE_EVERY_MS);
  });
  let stopTabs = () => {};
  void more.load().then(
    (m) => (stopTabs = m.startTabGuard(store)),
    () => {},
  );
  const leave = () => flush(true);
  const away = () => {
    if (document.visibilityState === 'hidden') leave();
  };
  window.addEventListener('pagehide', leave);
  document.addEventListener('visibilitychange', away);
  return () => {
    unsub();
    stopTabs();
    if (timer) clearTimeout(timer);
    window.removeEventListener('pagehide', leave);
    document.removeEventListener('visibilitychange', away);
  };
}

/** This page writes nothing more (the error screen, before it leaves the page). */
export function stopSaving() {
  state.writing = false;
}

hooks.quota = (st, since) => withMore((m) => m.quotaAlert(st, since));
hooks.aside = (raw, reason, copied) => withMore((m) => m.asideAlert(raw, reason, copied));
