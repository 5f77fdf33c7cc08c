// The engine past a cluster's room (issue 12): the default scenario scaled to 12,000 replicas on its
// three nodes (110 Pods each), so nearly every Pod stays Pending with FailedScheduling. Measured: the
// engine creating the first 10,000 (slow-start batches, 500 per sync), then the engine Worker's ticks of
// 100 ms of virtual time (as the page asks for them) while Pods are still being created, and once the
// scale is done. performance.now() is allowed here: benchmarks measure wall time.
import { advance, defaultCluster, scaleDeployment, settle, type ClusterState } from '../sim/index';
import { handleRequest } from '../store/offload-work';
import { applyFrozen } from '../store/tick-diff';
import type { BenchRow } from './engine';

/** the page's copy of the cluster, kept in step with the Worker's answers */
let page: ClusterState;

async function tick(id: number, to: number, cluster?: ClusterState): Promise<number> {
  const t0 = performance.now();
  await handleRequest(
    cluster
      ? { id, op: 'tick', to, reconcile: true, base: 'full', cluster }
      : { id, op: 'tick', to, reconcile: false, base: 'mirror', patches: [] },
    (m) => {
      if (m.type === 'error') throw new Error(m.message);
      // (a copy, as postMessage makes: the patches hold the Worker's own objects)
      if (m.type === 'ticked') page = applyFrozen(page, structuredClone(m.patches));
    },
  );
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function benchLarge(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const s = defaultCluster();
  settle(s);
  scaleDeployment(s, 'default', 'frontend', 12_000);
  const count = () => Object.keys(s.objects.pods).length;
  let t0 = performance.now();
  while (count() < 10_000) advance(s, 1000);
  rows.push({
    name: 'large: engine creating 10,000 Pods past the room (default scenario, 3 nodes)',
    ms: performance.now() - t0,
  });
  let now = s.now;
  page = structuredClone(s);
  await tick(1, now, structuredClone(s));
  const busy: number[] = [];
  t0 = performance.now();
  for (let i = 0; i < 30; i++) busy.push(await tick(2, (now += 100)));
  const wall = performance.now() - t0;
  rows.push({ name: 'large: Worker tick of 100 ms at 10,000+ Pods while creating, median', ms: median(busy) });
  rows.push({ name: 'large: Worker tick of 100 ms at 10,000+ Pods while creating, longest', ms: Math.max(...busy) });
  rows.push({ name: 'large: wall ms per virtual second while creating (3 s of 100 ms ticks)', ms: wall / 3 });
  // the scale done: every Pod there, all but 220 of them Pending
  const frontend = () => Object.keys(page.objects.pods).filter((k) => k.startsWith('default/frontend-')).length;
  while (frontend() < 12_000) await tick(3, (now += 1000));
  const idle: number[] = [];
  for (let i = 0; i < 30; i++) idle.push(await tick(4, (now += 100)));
  rows.push({ name: 'large: Worker tick of 100 ms at 12,000 Pods, scale done, median', ms: median(idle) });
  return rows;
}
