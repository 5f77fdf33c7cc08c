// For the tests of the engine Worker's ticks (tick-worker.test.ts, tick-pods.test.ts): a tick asked of
// the Worker's code as the page asks it, and the page's own tick to compare it with.
import { advance, nextWake, reconcile, type ClusterState } from '../sim';
import { handleRequest } from './offload-work';
import type { WorkerReply, WorkerRequest } from './offload';

/** The Worker's answer to a tick, through structured clones both ways as a real Worker's messages. */
export async function workerTick(req: WorkerRequest): Promise<Extract<WorkerReply, { type: 'ticked' }>> {
  const replies: WorkerReply[] = [];
  await handleRequest(structuredClone(req), (m) => replies.push(structuredClone(m)));
  const r = replies[0];
  if (r.type !== 'ticked') throw new Error(r.type === 'error' ? r.message : r.type);
  return r;
}

/** The page's own tick of a cluster the controllers must look at (playback-slice.ts), on a plain copy. */
export function pageTick(c: ClusterState, to: number, reconcileFirst: boolean): ClusterState {
  const s = structuredClone(c);
  if (reconcileFirst) reconcile(s);
  const w = nextWake(s);
  if (w === null || w > to) s.now = to;
  else advance(s, to - s.now);
  return s;
}
