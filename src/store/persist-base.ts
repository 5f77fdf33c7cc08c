// The base of saving (see persist.ts): the keys, reading and writing localStorage, this page's saving
// state, and writing the work. Both persist.ts and the lazily loaded persist-more.ts build on it.
import type { ClusterState, SharePayload } from '../sim';
import { kit } from './kit-loader';
import type { Ghost, LessonProgress, RequestSpec, ScenarioInfo, Store } from './types';
import { clearSaveAlert } from './save-status';
import type { ActiveChallenge } from './challenge-slice';

/**
 * Where this page's work is saved. The embed view (?embed, in a course page's frame) keeps its work apart,
 * one space per embedded lesson or challenge, so an embed never overwrites the learner's own work in the
 * full playground (nor another embed's). Lesson and challenge progress is shared by all of them.
 */
export function workSpace(search = typeof location === 'undefined' ? '' : location.search): string {
  const q = new URLSearchParams(search);
  if (!q.has('embed')) return 'k8s-services-playground:';
  q.delete('embed');
  q.sort();
  return `k8s-services-playground:embed(${q.toString()}):`;
}
const SPACE = workSpace();
export const WORK_KEY = `${SPACE}work`;
export const PROGRESS_KEY = 'k8s-services-playground:lessons';
/** A save that could not be read, kept aside (never overwritten by autosave) until the user lets it go. */
export const ASIDE_KEY = `${SPACE}work-unreadable`;
/** The last save that was drawn for a while without a crash: the error screen's "restore my last good work". */
export const GOOD_KEY = `${SPACE}work-good`;
/** The work a link, a scenario or an import replaced: "your previous work" brings it back, even after a crash. */
export const PREVIOUS_KEY = `${SPACE}work-previous`;
export const SESSION_KEY = `${SPACE}session`;
export const HISTORY_KEY = `${SPACE}history`;
/** The tabs that save into the same space talk on this channel (see startTabGuard). */
export const TABS_CHANNEL = SPACE.slice(0, -1);
/** Bump when ClusterState's shape changes: older saves are then rebuilt from their payload instead. */
export const CLUSTER_FORMAT = 1;
/** A save is promoted to "last good work" once the page has shown it this long without a crash. */
const GOOD_AFTER_MS = 3000;

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
  /** the challenge being worked on (its objectives are judged again after a reload) */
  challenge?: SavedChallenge;
  spec: RequestSpec;
}

export type SavedChallenge = Pick<ActiveChallenge, 'name' | 'title' | 'yaml' | 'hints' | 'walkthrough'>;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function read(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Write, or say why not: 'quota' when the browser's storage is full. */
export function write(key: string, text: string): 'ok' | 'quota' | 'off' {
  const ls = storage();
  if (!ls) return 'off';
  try {
    ls.setItem(key, text);
    return 'ok';
  } catch {
    return 'quota';
  }
}

export function remove(key: string) {
  try {
    storage()?.removeItem(key);
  } catch {
    /* storage disabled */
  }
}

/** Saving state of this page: whether this tab may write, and whether it has crashed since it loaded. */
export const state = {
  writing: true,
  crashed: false,
  restoring: false,
  /** the saved console, requests and history were put back (or there were none): they may be written now */
  extrasRestored: false,
  /**
   * The save is still being read (its checking chunk, or the kit to rebuild it, is loading): nothing may
   * overwrite it before it is restored or kept aside. (An autosave of the default cluster in that
   * moment replaced a damaged save before it could be set aside.)
   */
  awaitingSave: false,
  quotaSince: 0,
  goodTimer: null as ReturnType<typeof setTimeout> | null,
};

/** Payloads already made for a cluster's objects (the engine Worker makes one for a link it opens). */
const KNOWN_PAYLOADS = new WeakMap<ClusterState['objects'], SharePayload>();
export function rememberPayload(objects: ClusterState['objects'], payload: SharePayload) {
  KNOWN_PAYLOADS.set(objects, payload);
}

/**
 * Whether the cluster as JSON is surely longer than any browser lets localStorage hold (5 MB): counting
 * only the Pods' service variables, at 30 characters each. Such a cluster is not turned into text at
 * all (seconds of main thread for a 2,000-object cluster, only to be refused); its payload rebuilds it.
 */
function surelyTooBig(cluster: ClusterState): boolean {
  let chars = 0;
  for (const rt of Object.values(cluster.runtime)) chars += (rt.serviceEnv?.length ?? 0) * 30;
  return chars > 5 * 1024 * 1024;
}

export function workOf(
  st: Pick<Store, 'scenario' | 'cluster' | 'ghosts' | 'lesson' | 'spec'> & { challenge?: ActiveChallenge | null },
  hash = '',
  /** false: without the payload (the engine Worker makes it, offload.ts saveInWorker) */
  withPayload = true,
): SavedWork {
  const c = st.challenge;
  let payload: SharePayload | undefined = withPayload ? KNOWN_PAYLOADS.get(st.cluster.objects) : undefined;
  try {
    if (withPayload) payload ??= kit.loaded()?.shareFromState(st.cluster, { verify: false }).payload;
  } catch {
    payload = undefined; // the exact cluster is saved anyway
  }
  return {
    format: CLUSTER_FORMAT,
    savedAt: Date.now(),
    hash,
    scenario: st.scenario,
    cluster: st.cluster,
    payload,
    ghosts: st.ghosts,
    lesson: st.lesson,
    ...(c
      ? {
          challenge: {
            name: c.name,
            title: c.title,
            ...(c.yaml ? { yaml: c.yaml } : {}),
            hints: c.hints,
            walkthrough: c.walkthrough,
          },
        }
      : {}),
    spec: st.spec,
  };
}

/** Whether this page may save now (not while another tab saves, nor while the save is still being read). */
export const maySave = () => state.writing && !state.awaitingSave;

/** Save the work; returns false when it could not be saved (storage full or off, or another tab saves). */
export function saveWork(st: Store, hash = ''): boolean {
  if (!maySave()) return false;
  const saved = workOf(st, hash);
  if (saved.payload && surelyTooBig(saved.cluster!)) saved.cluster = null;
  return writeWork(st, JSON.stringify(saved), () =>
    saved.payload ? JSON.stringify({ ...saved, cluster: null }) : null,
  );
}

/**
 * Write the work's text (made here, or by the engine Worker for a large cluster). Over quota, the undo
 * history and the session go first, then the exact cluster (`withoutCluster`: the payload rebuilds it).
 */
export function writeWork(st: Store, text: string, withoutCluster: () => string | null): boolean {
  if (!maySave()) return false;
  let r = write(WORK_KEY, text);
  if (r === 'quota') {
    remove(HISTORY_KEY);
    remove(SESSION_KEY);
    r = write(WORK_KEY, text);
    const smaller = r === 'quota' ? withoutCluster() : null;
    if (smaller !== null) {
      text = smaller;
      r = write(WORK_KEY, text);
    }
  }
  if (r === 'quota') {
    state.quotaSince ||= Date.now();
    hooks.quota(st, state.quotaSince);
    return false;
  }
  if (r === 'off') return false;
  if (state.quotaSince) {
    state.quotaSince = 0;
    clearSaveAlert('quota');
  }
  promoteLater(text);
  return true;
}

/** After GOOD_AFTER_MS without a crash, what was saved becomes the "last good work". */
function promoteLater(text: string) {
  if (state.goodTimer) clearTimeout(state.goodTimer);
  state.goodTimer = setTimeout(() => {
    state.goodTimer = null;
    if (!state.crashed && state.writing) write(GOOD_KEY, text);
  }, GOOD_AFTER_MS);
}

/** The error screen calls this: nothing shown since is promoted to "last good work". */
export function noteCrash() {
  state.crashed = true;
  if (state.goodTimer) clearTimeout(state.goodTimer);
}

/**
 * A save that cannot be used is copied aside before anything can overwrite it, and the user is told,
 * with a way to download it. When there is no room for the copy, the save itself is left alone:
 * this tab does not write until the user has downloaded it or chosen to let it go.
 */
export function keepAside(raw: string, reason: string) {
  const old = read(ASIDE_KEY);
  const ok = old === raw || write(ASIDE_KEY, raw) === 'ok';
  if (!ok) state.writing = false;
  hooks.aside(raw, reason, ok);
}

/** Commands that replace the whole cluster: the work before them is kept as "your previous work". */
export const REPLACING = /^(open a shared link|open scenario|import YAML|reset)/;

/** What to tell the user, filled in by persist.ts (the words live in the lazily loaded chunk). */
export const hooks = {
  quota: (_st: Store, _sinceMs: number) => {},
  aside: (_raw: string, _reason: string, _copied: boolean) => {},
};
