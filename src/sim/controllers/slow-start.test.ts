// The ReplicaSet controller's slow start (issue 12, item 3). Upstream, pkg/controller/replicaset/
// replica_set.go: manageReplicas caps one sync's creations at burstReplicas (500), calls
// expectations.ExpectCreations(rsKey, diff), and creates them with slowStartBatch(diff,
// controller.SlowStartInitialBatchSize (1), …): batches of 1, 2, 4, 8, …, each min(2×previous,
// remaining), a batch's creations in parallel and the next batch once they have returned. The next
// sync runs only when the expectations are satisfied (every creation observed by the informer). So a
// scale to 10,000 creates Pods over time, 500 per sync, each sync in batches 1, 2, 4, …, 128, 245.
import { describe, expect, it } from 'vitest';
import { defaultCluster } from '../scenario/apply';
import { advance, settle } from '../step';
import { scaleDeployment } from '../apiserver/api';
import { BATCH_MS, BURST_REPLICAS, BURST_WINDOW_MS } from './replicaset';
import type { ClusterState } from '../model/state';

const frontend = (s: ClusterState) =>
  Object.values(s.objects.pods).filter((p) => p.metadata.name.startsWith('frontend-'));

/** How many Pods were created at each instant since t0, in order. */
function batches(s: ClusterState, t0: number): number[] {
  const at = new Map<number, number>();
  for (const p of frontend(s))
    if (p.metadata.creationTimestamp > t0)
      at.set(p.metadata.creationTimestamp, (at.get(p.metadata.creationTimestamp) ?? 0) + 1);
  return [...at.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
}

describe('slowStartBatch within burstReplicas', () => {
  it('a scale from 3 to 40 creates 1, 2, 4, 8, 16, then the 6 that remain, a batch at a time', () => {
    const s = defaultCluster();
    settle(s);
    const t0 = s.now;
    expect(scaleDeployment(s, 'default', 'frontend', 40).ok).toBe(true);
    advance(s, 0);
    expect(frontend(s)).toHaveLength(3 + 1); // the first batch: SlowStartInitialBatchSize
    advance(s, BATCH_MS);
    expect(frontend(s)).toHaveLength(3 + 1 + 2);
    advance(s, BATCH_MS * 10);
    expect(batches(s, t0 - 1).slice(-6)).toEqual([1, 2, 4, 8, 16, 6]);
    expect(frontend(s)).toHaveLength(40);
  });

  it('a scale to 10,000: 500 per sync in batches 1, 2, 4, …, 128, 245; the next sync once they are observed', () => {
    const s = defaultCluster();
    settle(s);
    const t0 = s.now;
    expect(scaleDeployment(s, 'default', 'frontend', 10_000).ok).toBe(true);
    advance(s, 0);
    expect(frontend(s)).toHaveLength(4);
    // the first sync: nine batches, BATCH_MS apart
    advance(s, 8 * BATCH_MS);
    const first = batches(s, t0 - 1);
    expect(first).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 245]);
    expect(first.reduce((a, b) => a + b)).toBe(BURST_REPLICAS);
    // nothing more until the expectations are met: the last batch observed, a window later
    advance(s, BURST_WINDOW_MS - 1);
    expect(frontend(s)).toHaveLength(3 + 500);
    // then the second sync starts over at 1
    advance(s, 1 + BATCH_MS);
    expect(batches(s, t0 + BURST_WINDOW_MS / 2).slice(0, 2)).toEqual([1, 2]);
    // about one burst per (window + batches): 10,000 takes ~20 syncs of virtual time, never one step
    advance(s, 5000);
    const n = frontend(s).length;
    expect(n).toBeGreaterThan(3 + 2000);
    expect(n).toBeLessThan(3 + 4000);
  }, 60_000);

  it('a scale from 3 to 4 creates the one Pod in the first batch', () => {
    const s = defaultCluster();
    settle(s);
    scaleDeployment(s, 'default', 'frontend', 4);
    advance(s, 0);
    expect(frontend(s)).toHaveLength(4);
  });
});
