// What the engine Worker does (engine-worker.ts wires it to the Worker's messages; tests call it
// directly): the heavy, pure work of opening a share link (building its cluster) and of making one
// (replaying the cluster until the link rebuilds it exactly). The engine is pure and deterministic, so
// the result is the very one the page would compute itself.
import { encodeShare, rebuildFromShare, shareFromState } from '../sim/scenario/kit';
import { splitState } from './state-parts';
import type { WorkerReply, WorkerRequest } from './offload';
import type { SharePayload } from '../sim';

/** progress messages at most this often (ms) */
const EVERY_MS = 100;

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
