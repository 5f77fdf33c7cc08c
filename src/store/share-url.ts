// The URL side of sharing: making a link for what is on screen, and opening `#s=` links at start-up
// and whenever the fragment changes. A link that cannot be opened leaves the current work as it is and
// says why (the engine's decoder never throws).
import type { AppStore } from './types';
import type { Store } from './types';
import {
  keepAside,
  more,
  read,
  rememberPayload,
  state as persistState,
  stopSaving,
  type SavedWork,
  shareHash,
  WORK_KEY,
} from './persist';
import { kit } from './kit-loader';
import { tracer } from './tracer-loader';
import { lazyModule, loadFailure } from './lazy';
import type { Built } from './offload';
import { markSettled } from './playback-slice';

/** The engine Worker's page side (loaded with the first link opened or made). */
const offload = lazyModule(() => import('./offload'));

export interface ShareLink {
  url: string;
  fragment: string;
  /** the rebuilt cluster matches this one exactly (same Pods, same addresses) */
  exact: boolean;
  differences: string[];
}

export interface ShareChoice {
  includeTrace: boolean;
  includeLesson: boolean;
}

/** The request a link would carry: the one shown in the trace panel, if it can be sent again. */
export function shareableRequest(st: Store) {
  const rec = st.focusedRequest === null ? undefined : st.requests.find((r) => r.id === st.focusedRequest);
  return rec?.replay && rec.trace ? rec : undefined;
}

export async function makeShareLink(st: Store, choice: ShareChoice): Promise<ShareLink> {
  const k = await kit.load();
  const rec = choice.includeTrace ? shareableRequest(st) : undefined;
  const lesson =
    choice.includeLesson && st.lesson && k.getLesson(st.lesson.id)
      ? { id: st.lesson.id, step: st.lesson.step }
      : undefined;
  const options = { lesson, trace: rec?.replay };
  // replaying the cluster until the link rebuilds it exactly takes seconds for a big one: in the Worker
  const here = async () => {
    const b = k.shareFromState(st.cluster, options);
    return { fragment: await k.encodeShare(b.payload), exact: b.exact, differences: b.differences };
  };
  const o = await offload.load().catch(() => null);
  const build = o ? await o.buildShareLink(st.cluster, options, here) : await here();
  const url = `${location.origin}${location.pathname}${location.search}${build.fragment}`;
  return { url, fragment: build.fragment, exact: build.exact, differences: build.differences };
}

/**
 * The link in the address bar that describes what is on screen (just shared, or just opened), and the
 * history it belongs to: a later command makes it stale, and it leaves the address bar.
 */
let linked: { hash: string; past: unknown } | null = null;
/** The `#s=` link in the address bar while it still describes the screen ('' otherwise): autosave keeps it. */
export const linkedHash = () => (linked && shareHash() === linked.hash ? linked.hash : '');

/** Show `fragment` in the address bar without reopening it (replaceState fires no hashchange). */
export function showLinkInAddressBar(store: AppStore, fragment: string) {
  history.replaceState(history.state, '', fragment);
  linked = { hash: fragment, past: store.getState().past };
}

async function openFragment(store: AppStore, fragment: string) {
  let k;
  try {
    k = await kit.load();
  } catch (e) {
    store.getState().reportShareProblem(loadFailure('the share-link reader', e as Error));
    return;
  }
  const r = await k.decodeShare(fragment);
  if (!r.ok) {
    store.getState().reportShareProblem(r.error.message);
    return;
  }
  store.getState().reportShareProblem(null);
  // the cluster is built in the engine Worker (seconds for thousands of objects); the page stays usable
  const payload = r.payload;
  const here = () => k.rebuildFromShare(payload);
  const o = await offload.load().catch(() => null);
  const built: Built = o ? await o.buildShared(payload, here) : here();
  linked = null;
  const before = store.getState().past;
  markSettled(built.state); // rebuildFromShare settles the cluster: the first tick need not reconcile it
  store.getState().openShared(payload, built);
  if (built.savePayload) rememberPayload(store.getState().cluster.objects, built.savePayload);
  // (refused in the read-only view: nothing changed, and the link is not what the screen shows)
  if (store.getState().past !== before) linked = { hash: fragment, past: store.getState().past };
}

/** Resolves once saved work that can be shown at once is in the store (main.tsx renders after it). */
export let savedWorkShown: Promise<void> = Promise.resolve();

/**
 * What the screen starts with: saved work first (or the default scenario, already in the store), then
 * a `#s=` link on top of it as an undoable command, unless the saved work already came from that very
 * link. startApp (store/start.ts) calls it before the first frame.
 */
export function openStartingWork(store: AppStore): void {
  const hash = shareHash();
  const hasSave = !!read(WORK_KEY);
  let shown = () => {};
  savedWorkShown = hasSave ? new Promise<void>((r) => (shown = r)) : Promise.resolve();
  // until the save is read and restored (or kept aside), autosave must not write over it
  persistState.awaitingSave = hasSave;
  const start = async () => {
    let restored = false;
    let saved: SavedWork | null = null;
    // Saved work is checked like any input, by the saving chunk (loaded at once when there is a save).
    const m = hasSave ? await more.load().catch(() => null) : null;
    if (hasSave && !m) stopSaving(); // the save could not be checked: never overwrite it
    if (m) {
      saved = m.loadWork();
      // A usable saved cluster is put back before the first paint; one that must be rebuilt from its
      // payload waits for the kit (the default scenario shows meanwhile).
      if (saved && m.clusterUsable(saved)) restored = m.restoreWork(store, saved);
      shown();
      if (saved && !restored) restored = m.restoreWork(store, saved, await kit.load().catch(() => null));
      if (saved && !restored) keepAside(read(WORK_KEY) ?? '', 'it could not be rebuilt');
    }
    persistState.awaitingSave = false;
    shown();
    // the console, the request list and the undo history belong to the restored work
    // (with the tracer in: a restored request still on its way meets the cluster as it goes)
    void Promise.all([more.load(), restored ? tracer.load().catch(() => null) : null]).then(
      ([mm]) => {
        if (restored) mm.restoreExtras(store);
        else persistState.extrasRestored = true;
        mm.announcePrevious(store);
      },
      () => {},
    );
    if (hash && !(restored && saved?.hash === hash)) await openFragment(store, hash);
    else if (hash) linked = { hash, past: store.getState().past };
  };
  void start().finally(() => {
    persistState.awaitingSave = false;
    shown();
  });
}

/**
 * The address bar: a `#s=` link typed or pasted later is opened, and once the user changes what a
 * link shows, the link leaves the address bar. Returns the stop function.
 */
export function followAddressBar(store: AppStore): () => void {
  const onHash = () => {
    const h = shareHash();
    if (h) void openFragment(store, h);
  };
  window.addEventListener('hashchange', onHash);
  const unsub = store.subscribe((s) => {
    if (linked && s.past !== linked.past) {
      if (shareHash() === linked.hash)
        history.replaceState(history.state, '', `${location.pathname}${location.search}`);
      linked = null;
    }
  });
  return () => {
    unsub();
    window.removeEventListener('hashchange', onHash);
  };
}
