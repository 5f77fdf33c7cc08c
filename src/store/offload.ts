// The page's side of the engine Worker (engine-worker.ts): opening a share link and making one run
// there, so the main thread stays free (issue 12: no task over 200 ms), with what is happening in
// busy.ts for the progress indicator. One job at a time: a second one waits for the first (never
// interleaved). Where no Worker can run (tests in Node, a Worker that failed to start), the same engine
// calls run here instead and give the same result.
import type { ClusterState, SharePayload } from '../sim';
import type { ShareOptions } from '../sim/scenario/share-state';
import { addPart, finishState, type StatePart } from './state-parts';
import { holdClock, setBusy, type Busy } from './busy';
import { nextTask } from './next-task';
import type { YamlResult } from './yaml-slice';
import { applyFrozenInParts, identityDiff, type Patch } from './tick-diff';
import type { SavedWork } from './persist-base';

type Job =
  | { op: 'ready' }
  | { op: 'open'; payload: SharePayload }
  | { op: 'share'; cluster: ClusterState; options: ShareOptions }
  | { op: 'apply'; cluster: ClusterState; text: string; mode: YamlResult['mode'] }
  | ({ op: 'tick'; to: number; reconcile: boolean } & TickFrom)
  | ({ op: 'save'; work: SavedWork } & TickFrom);
/**
 * What a tick starts from in the Worker: the whole cluster, or patches to the copy it keeps (`mirror`:
 * its cluster after the last tick; `prev`: before it, when the page let that tick's result go).
 */
export type TickFrom = { base: 'full'; cluster: ClusterState } | { base: 'mirror' | 'prev'; patches: Patch[] };
export type WorkerRequest = Job & { id: number };

export type WorkerReply =
  | { id: number; type: 'ready' }
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'skeleton'; skeleton: ClusterState; errors: string[]; savePayload?: SharePayload }
  | { id: number; type: 'part'; part: StatePart }
  | { id: number; type: 'done' }
  | { id: number; type: 'share'; fragment: string; exact: boolean; differences: string[] }
  | { id: number; type: 'applied'; cluster: ClusterState; result: YamlResult }
  | { id: number; type: 'ticked'; patches: Patch[]; wake: number | null }
  | { id: number; type: 'saved'; text: string; withoutCluster: string | null }
  | { id: number; type: 'error'; message: string };

export interface Built {
  state: ClusterState;
  errors: string[];
  /** the autosave's payload for this cluster, made by the Worker too */
  savePayload?: SharePayload;
}
export interface BuiltLink {
  fragment: string;
  exact: boolean;
  differences: string[];
}

const n = (x: number) => x.toLocaleString('en-US');
/** The words for an open's progress: objects written, then the cluster settling, then arriving. */
export function openingText(done: number, total: number, phase: 'writing' | 'arriving' = 'writing'): string {
  if (phase === 'arriving') return `Opening the link… drawing the cluster (${n(total)} objects)`;
  if (done >= total) return `Opening the link… the cluster is settling (${n(total)} objects)`;
  return `Opening the link… ${n(done)} of ${n(total)} objects`;
}

/** Takes an open's replies in order; returns the cluster once the last part is in (throws on an error reply). */
export function openReceiver(progress: (b: Busy) => void = () => {}) {
  let skeleton: ClusterState | null = null;
  let errors: string[] = [];
  let savePayload: SharePayload | undefined;
  let total = 0;
  return (m: WorkerReply): Built | null => {
    if (m.type === 'error') throw new Error(m.message);
    if (m.type === 'progress') {
      total = m.total;
      progress({ text: openingText(m.done, m.total), done: m.done, total: m.total });
    } else if (m.type === 'skeleton') {
      skeleton = m.skeleton;
      errors = m.errors;
      savePayload = m.savePayload;
      progress({ text: openingText(total, total, 'arriving'), done: total, total });
    } else if (m.type === 'part' && skeleton) addPart(skeleton, m.part);
    else if (m.type === 'done' && skeleton)
      return { state: finishState(skeleton), errors, ...(savePayload ? { savePayload } : {}) };
    return null;
  };
}

type Handler = (m: WorkerReply) => void;
let worker: Worker | null | undefined;
const handlers = new Map<number, { take: Handler; fail: (e: Error) => void }>();
let nextId = 1;

function engineWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  try {
    worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  } catch {
    return (worker = null);
  }
  worker.onmessage = (e: MessageEvent<WorkerReply>) => handlers.get(e.data.id)?.take(e.data);
  // it could not start (or died): what was asked of it runs on the page instead, and so does what follows
  worker.onerror = (e) => {
    e.preventDefault();
    worker?.terminate();
    worker = null;
    for (const h of handlers.values()) h.fail(new Error('the engine Worker stopped'));
    handlers.clear();
  };
  return worker;
}

/** Send a request; `take` gets each reply and returns the result once it has it. */
function ask<T>(req: Job, take: (m: WorkerReply) => T | null): Promise<T> | null {
  const w = engineWorker();
  if (!w) return null;
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const done = (f: () => void) => {
      handlers.delete(id);
      f();
    };
    handlers.set(id, {
      take: (m) => {
        try {
          const r = take(m);
          if (r !== null) done(() => resolve(r));
        } catch (e) {
          done(() => reject(e as Error));
        }
      },
      fail: (e) => done(() => reject(e)),
    });
    w.postMessage({ ...req, id } satisfies WorkerRequest);
  });
}

/**
 * Start the engine Worker while the page is idle (ui/preload.ts), so that its code is in before the
 * network may go: resolves once it answers (or at once where no Worker runs; a Worker that can't start
 * leaves the work to the page, as always).
 */
export function warmEngineWorker(): Promise<void> {
  return (
    ask({ op: 'ready' }, (m) => (m.type === 'ready' ? true : null))?.then(
      () => {},
      () => {},
    ) ?? Promise.resolve()
  );
}

let queue: Promise<unknown> = Promise.resolve();
/** Jobs run one after another: a second open or share waits for the one running. */
function serial<T>(job: () => Promise<T>): Promise<T> {
  const p = queue.then(job, job);
  queue = p.catch(() => {});
  return p;
}

/**
 * The cluster a share link describes, built in the Worker (`direct` builds it here when there is no
 * Worker, or it fails).
 */
export function buildShared(payload: SharePayload, direct: () => Built): Promise<Built> {
  return serial(async () => {
    const total = payload.objects.length;
    setBusy({ text: openingText(0, total), done: 0, total });
    try {
      const inWorker = ask<Built>({ op: 'open', payload }, openReceiver(setBusy));
      if (inWorker) {
        try {
          return await inWorker;
        } catch {
          /* built here instead */
        }
      }
      await nextTask();
      return direct();
    } finally {
      setBusy(null);
    }
  });
}

/** A share link for `cluster`, made in the Worker (`direct` makes it here when there is no Worker). */
export function buildShareLink(
  cluster: ClusterState,
  options: ShareOptions,
  direct: () => Promise<BuiltLink>,
): Promise<BuiltLink> {
  return serial(async () => {
    setBusy({ text: 'Making the share link… checking that it rebuilds this cluster', done: null, total: null });
    try {
      const inWorker = ask<BuiltLink>({ op: 'share', cluster, options }, (m) => {
        if (m.type === 'error') throw new Error(m.message);
        return m.type === 'share' ? { fragment: m.fragment, exact: m.exact, differences: m.differences } : null;
      });
      if (inWorker) {
        try {
          return await inWorker;
        } catch {
          /* made here instead */
        }
      }
      await nextTask();
      return await direct();
    } finally {
      setBusy(null);
    }
  });
}

export interface Applied {
  /** the cluster the apply started from, and the one it made */
  base: ClusterState;
  cluster: ClusterState;
  result: YamlResult;
}

/**
 * `kubectl apply -f -` of the YAML editor's text, in the Worker (parsing and applying hundreds of
 * documents holds a thread for hundreds of ms): the cluster the apply starts from is read when the job
 * starts, and the clock waits until the result is in. Null when there is no Worker (the caller applies
 * here); a Worker that fails has `direct` apply here instead.
 */
export function applyInWorker(
  current: () => ClusterState,
  text: string,
  mode: YamlResult['mode'],
  direct: (base: ClusterState) => Applied,
): Promise<Applied> | null {
  if (!engineWorker()) return null;
  return serial(async () => {
    holdClock(true);
    // (shown by the indicator only once it has taken half a second)
    setBusy({ text: 'Applying the YAML…', done: null, total: null });
    const base = current();
    try {
      const inWorker = ask<Applied>({ op: 'apply', cluster: base, text, mode }, (m) => {
        if (m.type === 'error') throw new Error(m.message);
        return m.type === 'applied' ? { base, cluster: m.cluster, result: m.result } : null;
      });
      if (inWorker) {
        try {
          return await inWorker;
        } catch {
          /* applied here instead */
        }
      }
      return direct(base);
    } finally {
      setBusy(null);
      holdClock(false);
    }
  });
}

/**
 * The cluster the Worker's copy equals (`mirror`), or equals before its last tick (`prev`); null when
 * it has none (the next tick sends the whole cluster).
 */
let synced: { cluster: ClusterState; base: 'mirror' | 'prev' } | null = null;

/** What the Worker needs to bring its copy in step with `c` (patches when it has a copy). */
const syncFrom = (c: ClusterState): TickFrom =>
  synced ? { base: synced.base, patches: identityDiff(synced.cluster, c) } : { base: 'full', cluster: c };

/**
 * A tick of a large cluster in the Worker (issue 12: the controllers reconciling thousands of Pods held
 * the main thread for seconds): the Worker keeps a copy of the cluster, is sent what changed since it
 * was last in step, runs the controllers (`reconcile`) and brings the clock to `to`, and answers with
 * what changed; the page applies that to the cluster it sent, sharing every untouched part. The clock
 * waits meanwhile. If a command changed the cluster in the meantime the result is let go, and the next
 * tick starts again from what the command left. Null when there is no Worker (the page ticks itself).
 */
export function tickInWorker(
  before: ClusterState,
  to: number,
  reconcile: boolean,
  current: () => ClusterState,
  /** `wake`: the cluster's next wake (nextWake), as the Worker worked it out */
  commit: (after: ClusterState, wake: number | null) => void,
): Promise<void> | null {
  if (!engineWorker()) return null;
  holdClock(true);
  return serial(async () => {
    try {
      const from = syncFrom(before);
      const r = await ask({ op: 'tick', to, reconcile, ...from }, (m) => {
        if (m.type === 'error') throw new Error(m.message);
        return m.type === 'ticked' ? m : null;
      });
      if (!r) return;
      if (current() !== before) {
        synced = { cluster: before, base: 'prev' };
        return;
      }
      const after = await applyFrozenInParts(before, r.patches, nextTask);
      // (a command in the meantime, while the Pods were being copied: let go as above)
      if (current() !== before) {
        synced = { cluster: before, base: 'prev' };
        return;
      }
      synced = { cluster: after, base: 'mirror' };
      commit(after, r.wake);
    } catch {
      synced = null; // sent whole next time (or ticked on the page, when the Worker is gone)
    } finally {
      holdClock(false);
    }
  });
}

/**
 * The autosave's text for a large cluster, made in the Worker from its copy (turning thousands of Pods
 * into JSON, and the payload that rebuilds them, held the main thread for a quarter of a second and
 * more). `work` is the save without its cluster and payload; the Worker adds them (the cluster left
 * out when it is surely too big to store), and the cluster-less text too, for when storage is full.
 */
export function saveInWorker(
  /**
   * the cluster and the save without it, read when the Worker is free (a tick in flight when the save
   * was asked for: saving the cluster from before it would take the Worker's copy back a tick, and the
   * next tick forward again, each a diff of every Pod)
   */
  now: () => { cluster: ClusterState; work: SavedWork },
): Promise<{ text: string; withoutCluster: string | null }> | null {
  if (!engineWorker()) return null;
  return serial(async () => {
    const { cluster, work } = now();
    try {
      const r = await ask({ op: 'save', work, ...syncFrom(cluster) }, (m) => {
        if (m.type === 'error') throw new Error(m.message);
        return m.type === 'saved' ? { text: m.text, withoutCluster: m.withoutCluster } : null;
      });
      if (!r) throw new Error('the engine Worker stopped');
      synced = { cluster, base: 'mirror' };
      return r;
    } catch (e) {
      synced = null;
      throw e;
    }
  });
}
