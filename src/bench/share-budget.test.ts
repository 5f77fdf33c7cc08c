// Share-link budgets on the benchmark's large cluster (issue 12, item 5): 10 nodes, 50 Deployments × 4
// Pods behind 50 Services and a busybox Pod, in at most 4,000 characters (format 1 took 4,459); and the
// format-1 link of the same cluster still opens to it. The 50-object budget is in share-v2.test.ts.
import { describe, expect, it } from 'vitest';
import { largeCluster } from './scenes';
import { decodeShare, encodeShare, rebuildFromShare, shareFromState } from '../sim/scenario/share';
import { V1_LARGE } from '../sim/scenario/fixtures-old-links';
import type { ClusterState } from '../sim/index';

/** Services and Pods as a learner sees them: addresses, ports, nodes. */
function seen(s: ClusterState) {
  return {
    services: Object.values(s.objects.services)
      .map((v) => [v.metadata.namespace, v.metadata.name, v.spec.clusterIP, v.spec.ports?.map((p) => p.nodePort)])
      .sort(),
    pods: Object.values(s.objects.pods)
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => [p.metadata.namespace, p.metadata.name, p.spec.nodeName, p.status.podIP])
      .sort(),
  };
}

describe('the large cluster as a share link', () => {
  const large = largeCluster();
  it('fits in 4,000 characters and rebuilds the very same cluster', async () => {
    expect(Object.keys(large.objects.nodes)).toHaveLength(10);
    const built = shareFromState(large);
    expect(built.exact).toBe(true);
    expect(built.payload.pods?.length).toBeGreaterThanOrEqual(200);
    const link = await encodeShare(built.payload);
    console.log(`large cluster share link: ${link.length} characters`);
    expect(link.length).toBeLessThanOrEqual(4000);
    const decoded = await decodeShare(link);
    if (!decoded.ok) throw new Error(decoded.error.message);
    expect(decoded.version).toBe(2);
    expect(decoded.payload).toEqual(built.payload);
    expect(seen(rebuildFromShare(decoded.payload).state)).toEqual(seen(large));
  }, 120_000);
  it('as a format-1 link (4,459 characters) it still opens to the cluster it was made from', async () => {
    expect(V1_LARGE.length).toBe(4459);
    const d = await decodeShare(V1_LARGE);
    if (!d.ok) throw new Error(d.error.message);
    expect(d.version).toBe(1);
    const { state, errors } = rebuildFromShare(d.payload);
    expect(errors).toEqual([]);
    // every Pod where the link says it was (the cluster it was made from: names, nodes, addresses)
    const listed = d.payload.pods!.map(([key, node, ip]) => [...key.split('/'), node, ip]).sort();
    expect(listed).toHaveLength(201);
    expect(seen(state).pods.filter(([ns]) => ns === 'default')).toEqual(listed);
    expect(seen(state).services).toHaveLength(seen(large).services.length);
  }, 120_000);
});
