// No lost work: the current scenario is saved in localStorage as it changes (throttled) and restored on
// reload. The save holds the cluster itself (exact: same Pods, same clock) and, as a fallback that
// survives changes to the engine's internal shape, the share payload the cluster was made of (once the
// scenario kit, which makes payloads, has loaded: a save in the first moments holds the cluster alone).
import type { ClusterState, SharePayload } from '../sim';
import { kit, type Kit } from './kit-loader';
import type { AppStore } from './types';
import type { Ghost, LessonProgress, RequestSpec, ScenarioInfo, Store } from './types';

export const WORK_KEY = 'k8s-services-playground:work';
export const PROGRESS_KEY = 'k8s-services-playground:lessons';
/** Bump when ClusterState's shape changes: older saves are then rebuilt from their payload instead. */
const CLUSTER_FORMAT = 1;
const SAVE_EVERY_MS = 800;

export interface SavedWork {
  format: number;
  savedAt: number;
  /** the share link this work came from or was shared as, while the address bar holds it (reloading that page restores this work) */
  hash: string;
  scenario: ScenarioInfo;
  cluster: ClusterState | null;
  payload?: SharePayload;
  ghosts: Ghost[];
  lesson: LessonProgress | null;
  spec: RequestSpec;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function shareHash(): string {
  if (typeof location === 'undefined') return '';
  return /(^#|&)s=/.test(location.hash) ? location.hash : '';
}

export function saveWork(st: Store, hash = ''): boolean {
  const ls = storage();
  if (!ls) return false;
  const saved: SavedWork = {
    format: CLUSTER_FORMAT,
    savedAt: Date.now(),
    hash,
    scenario: st.scenario,
    cluster: st.cluster,
    payload: kit.loaded()?.shareFromState(st.cluster, { verify: false }).payload,
    ghosts: st.ghosts,
    lesson: st.lesson,
    spec: st.spec,
  };
  try {
    ls.setItem(WORK_KEY, JSON.stringify(saved));
    return true;
  } catch {
    // over quota: keep the portable part only
    try {
      ls.setItem(WORK_KEY, JSON.stringify({ ...saved, cluster: null }));
      return true;
    } catch {
      return false;
    }
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function looksLikeCluster(c: unknown): c is ClusterState {
  if (!isObj(c) || !isObj(c.objects) || !isObj(c.settings) || typeof c.now !== 'number' || typeof c.rng !== 'number')
    return false;
  const o = c.objects;
  return (
    ['namespaces', 'nodes', 'pods', 'services', 'deployments', 'replicasets', 'endpointslices'].every((k) =>
      isObj(o[k]),
    ) &&
    Array.isArray((c.settings as Record<string, unknown>).nodes) &&
    isObj(c.proxies) &&
    isObj(c.runtime) &&
    Array.isArray(c.events)
  );
}

export function loadWork(): SavedWork | null {
  const raw = storage()?.getItem(WORK_KEY);
  if (!raw) return null;
  try {
    const w = JSON.parse(raw) as SavedWork;
    if (!isObj(w) || !isObj(w.scenario)) return null;
    const portable = isObj(w.payload) && Array.isArray(w.payload.objects);
    if (!portable && !clusterUsable(w)) return null;
    return w;
  } catch {
    return null;
  }
}

/** The saved cluster can be used as it is (same engine format): no need to rebuild it from its payload. */
export function clusterUsable(w: SavedWork): boolean {
  return w.format === CLUSTER_FORMAT && looksLikeCluster(w.cluster);
}

/**
 * Put saved work into the store as it was (not a command: nothing to undo yet). Rebuilding from the
 * payload takes the kit; a usable cluster does not, so the first view can show the saved work at once.
 */
export function restoreWork(store: AppStore, w: SavedWork, k: Kit | null = kit.loaded()): boolean {
  let cluster: ClusterState;
  if (clusterUsable(w)) cluster = w.cluster!;
  else {
    if (!k || !w.payload) return false;
    try {
      cluster = k.rebuildFromShare(w.payload).state;
    } catch {
      return false;
    }
  }
  // (without the kit yet, an unknown lesson is dropped by the first lesson check)
  const known = (id: string) => !k || !!k.getLesson(id);
  const lesson =
    isObj(w.lesson) && typeof w.lesson.id === 'string' && known(w.lesson.id) && Array.isArray(w.lesson.traces)
      ? w.lesson
      : null;
  store.setState((s) => {
    s.cluster = cluster;
    s.scenario = w.scenario;
    s.ghosts = Array.isArray(w.ghosts) ? w.ghosts : [];
    s.lesson = lesson;
    if (isObj(w.spec) && isObj(w.spec.source) && isObj(w.spec.target)) s.spec = w.spec;
    s.traffic.nextAt = cluster.now;
  });
  return true;
}

/** Lesson progress, kept per lesson: the furthest step reached and whether it was completed. */
export type Progress = Record<string, { step: number; done: boolean }>;

export function loadProgress(): Progress {
  try {
    const p = JSON.parse(storage()?.getItem(PROGRESS_KEY) ?? '{}') as unknown;
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
  try {
    storage()?.setItem(PROGRESS_KEY, JSON.stringify(all));
    progressListeners.forEach((f) => f());
  } catch {
    /* storage full or disabled: progress is only kept for this visit */
  }
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
 * Save as the user's world changes (not on every tick: the clock alone moving is saved on the way out
 * of the page), and record lesson progress as steps pass.
 */
export function startAutosave(store: AppStore, linkedHash: () => string = () => ''): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    saveWork(store.getState(), linkedHash());
  };
  const unsub = store.subscribe((s, prev) => {
    if (s.lesson && (s.lesson.step !== prev.lesson?.step || s.lesson.id !== prev.lesson?.id)) saveProgress(s.lesson);
    const changed =
      s.cluster.objects !== prev.cluster.objects ||
      s.cluster.settings !== prev.cluster.settings ||
      s.scenario !== prev.scenario ||
      s.lesson !== prev.lesson ||
      s.ghosts !== prev.ghosts;
    if (!changed) return;
    if (!timer) timer = setTimeout(flush, SAVE_EVERY_MS);
  });
  const away = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', away);
  return () => {
    unsub();
    if (timer) clearTimeout(timer);
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', away);
  };
}
