// What the engine Worker does (engine-worker.ts wires it to the Worker's messages; tests call it
// directly): the heavy, pure work of opening a share link (building its cluster) and of making one
// (replaying the cluster until the link rebuilds it exactly). The engine is pure and deterministic, so
// the result is the very one the page would compute itself.
import { encodeShare, rebuildFromShare, shareFromState } from '../sim/scenario/kit';
import { splitState } from './state-parts';
import type { TickFrom, WorkerReply, WorkerRequest } from './offload';
import {
  advance,
  keepPods,
  MAX_CLOCK_MS,
  nextWake,
  podList,
  reconcile,
  withKeptPods,
  type ClusterState,
  type PodPass,
  type SharePayload,
} from '../sim';
import { applyInPlace, type Patch } from './tick-diff';
import { applyShadow, diffShadow, revert, shadowOf, touchesPodList, type Shadow } from './tick-pods';

/** progress messages at most this often (ms) */
const EVERY_MS = 100;

/**
 * The Worker's copy of a large cluster it ticks (`mirror`, changed in place by the engine), and two
 * copies nothing changes in place, which share their untouched parts (tick-pods.ts): `shadow` equals
 * the mirror, `before` equals it before its last tick. A tick's changes are found against the shadow,
 * which then takes them (copies of them: the mirror goes on changing): no copy of the whole cluster
 * per tick. `pass` lists the mirror's Pods across ticks (sim/model/pod-list.ts), so that a tick does
 * not list 100,000 of them again; it is made again when the page's patches add, remove or replace Pods.
 */
let mirror: ClusterState | null = null;
let shadow: Shadow | null = null;
let before: Shadow | null = null;
/** the last tick's patches (from `before` to the mirror) */
let ticked: Patch[] = [];
let pass: PodPass | null = null;

/** Bring the copy in step with the page (the whole cluster, or patches to the copy or the one before). */
function sync(req: TickFrom): ClusterState {
  if (req.base === 'full') {
    mirror = before = null;
    shadow = shadowOf(structuredClone(req.cluster));
    pass = keepPods(req.cluster);
    return req.cluster;
  }
  const from = req.base === 'prev' ? before : mirror && shadow;
  if (!from || !mirror) throw new Error('the engine Worker has no copy of the cluster');
  const [was, keptPass] = [mirror, req.base === 'prev' ? null : pass];
  mirror = shadow = before = pass = null; // (until it is whole again: a failure on the way leaves none)
  // (the page let the last tick go: the copy is taken back to before it, what the tick changed put back)
  const live = req.base === 'prev' ? revert(was, from, ticked) : was;
  const s = applyInPlace(live, req.patches);
  shadow = applyShadow(from, structuredClone(req.patches));
  pass = keptPass && keptPass.pods === s.objects.pods && !touchesPodList(req.patches) ? keptPass : keepPods(s);
  return s;
}

/** A tick (offload.ts tickInWorker): bring the copy in step with the page, tick it, say what changed. */
function tick(req: Extract<WorkerRequest, { op: 'tick' }>) {
  const s = sync(req);
  const was = shadow!;
  const kept = pass!;
  kept.removed = new Set();
  const patches = withKeptPods(kept, s, () => {
    // as the page's tick does: controllers react to the last command, then the clock moves (running
    // what falls due on the way)
    if (req.reconcile) reconcile(s);
    const w = nextWake(s);
    // (the clock stops at its maximum, as advance stops it)
    if (w === null || w > req.to) s.now = Math.max(s.now, Math.min(MAX_CLOCK_MS, req.to));
    else advance(s, req.to - s.now);
    return diffShadow(was, s, podList(s), kept.removed!);
  });
  mirror = s;
  before = was;
  ticked = patches;
  shadow = applyShadow(was, structuredClone(patches));
  pass = kept;
  return { patches, wake: withKeptPods(kept, s, () => nextWake(s)) };
}

/** Past this many characters, no browser's localStorage holds the save (5 MB, in UTF-16 code units). */
const STORAGE_CHARS = 5 * 1024 * 1024;
/**
 * Fewer characters than a Pod takes in a save (with the apiserver's defaults, its JSON is 1,500 to 2,500).
 * Wrong, it would only mean a save made from the payload, which rebuilds the cluster too.
 */
const POD_CHARS_AT_LEAST = 500;

/** The autosave's text (offload.ts saveInWorker), as persist-base.ts saveWork makes it. */
function save(req: Extract<WorkerRequest, { op: 'save' }>): Extract<WorkerReply, { type: 'saved' }> {
  const s = sync(req);
  mirror = s;
  before = null;
  let payload: SharePayload | undefined;
  try {
    payload = shareFromState(s, { verify: false }).payload;
  } catch {
    payload = undefined; // the exact cluster is saved anyway
  }
  const saved = { ...req.work, cluster: s, payload };
  const withoutCluster = payload ? JSON.stringify({ ...saved, cluster: null }) : null;
  // (a cluster of more Pods than could fit at a third of their size is not turned into text at all: at
  // 30,000 Pods that text is 60 MB and half a second of the Worker's time, on every save)
  let counted = 0;
  for (const k in s.objects.pods) if (k && ++counted * POD_CHARS_AT_LEAST > STORAGE_CHARS) break;
  const surelyTooBig = counted * POD_CHARS_AT_LEAST > STORAGE_CHARS;
  let text = withoutCluster !== null && surelyTooBig ? withoutCluster : JSON.stringify(saved);
  if (withoutCluster !== null && text.length > STORAGE_CHARS) text = withoutCluster;
  return { id: req.id, type: 'saved', text, withoutCluster };
}

export async function handleRequest(req: WorkerRequest, post: (m: WorkerReply) => void): Promise<void> {
  const { id } = req;
  try {
    if (req.op === 'ready') return post({ id, type: 'ready' });
    if (req.op === 'open') {
      let last = -Infinity;
      const total = req.payload.objects.length;
      const { state, errors } = rebuildFromShare(req.payload, (done) => {
        const now = performance.now();
        // (the last one always: the cluster settling, often the longest part, starts then)
        if (now - last < EVERY_MS && done < total) return;
        last = now;
        post({ id, type: 'progress', done, total });
      });
      // what the autosave keeps beside (or, for a cluster too big to store, instead of) the cluster
      let savePayload: SharePayload | undefined;
      try {
        savePayload = shareFromState(state, { verify: false }).payload;
      } catch {
        savePayload = undefined; // the page makes it when it saves
      }
      const { skeleton, parts } = splitState(state);
      post({ id, type: 'skeleton', skeleton, errors, savePayload });
      for (const part of parts) post({ id, type: 'part', part });
      post({ id, type: 'done' });
      return;
    }
    if (req.op === 'tick') return post({ id, type: 'ticked', ...tick(req) });
    if (req.op === 'save') return post(save(req));
    if (req.op === 'apply') {
      const { applyManifests } = await import('./yaml-apply');
      const result = applyManifests(req.cluster, req.text, req.mode);
      post({ id, type: 'applied', cluster: req.cluster, result });
      return;
    }
    const build = shareFromState(req.cluster, req.options);
    const fragment = await encodeShare(build.payload);
    post({ id, type: 'share', fragment, exact: build.exact, differences: build.differences });
  } catch (err) {
    post({ id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}
