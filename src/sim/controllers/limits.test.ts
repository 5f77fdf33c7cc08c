// Absurd but legal requests meet a real cluster's limits (issue 12, item 3): the kubelet's maxPods
// (110, status.allocatable.pods) leaves Pods Pending with the scheduler's FitError, and the ReplicaSet
// controller creates at most BurstReplicas (500) Pods per sync. Message format: kube-scheduler's
// FitError.Error (reasons histogram "N reason" sorted, then the preemption PostFilter message).
import { describe, expect, it } from 'vitest';
import { defaultCluster } from '../scenario/apply';
import { advance, settle } from '../step';
import { scaleDeployment } from '../apiserver/api';
import { BURST_REPLICAS } from './replicaset';

const pods = (s: ReturnType<typeof defaultCluster>) =>
  Object.values(s.objects.pods).filter((p) => p.metadata.name.startsWith('frontend-'));

describe('a scale to 1,000', () => {
  it('creates 500 Pods per sync, fills 110 per node, and leaves the rest Pending with FailedScheduling', () => {
    const s = defaultCluster();
    settle(s);
    expect(scaleDeployment(s, 'default', 'frontend', 1000).ok).toBe(true);
    advance(s, 1);
    const first = pods(s).length;
    expect(first).toBeLessThanOrEqual(BURST_REPLICAS + 3);
    expect(first).toBeGreaterThan(3);
    advance(s, 5000);
    expect(pods(s)).toHaveLength(1000);
    const perNode: Record<string, number> = {};
    for (const p of Object.values(s.objects.pods))
      if (p.spec.nodeName) perNode[p.spec.nodeName] = (perNode[p.spec.nodeName] ?? 0) + 1;
    expect(perNode.worker1).toBe(110);
    expect(perNode.worker2).toBe(110);
    const pending = pods(s).filter((p) => !p.spec.nodeName);
    expect(pending.length).toBeGreaterThan(700);
    // (the cluster keeps its latest events only: any Pending Pod's event says the same)
    const ev = s.events.find((e) => e.reason === 'FailedScheduling' && e.object.name.startsWith('frontend-'))!;
    expect(ev.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Too many pods. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
    // scaling back down frees the nodes: nothing is left Pending
    expect(scaleDeployment(s, 'default', 'frontend', 3).ok).toBe(true);
    settle(s);
    expect(pods(s).filter((p) => p.metadata.deletionTimestamp === undefined)).toHaveLength(3);
  }, 60_000);
});
