// The scheduler at 100,000 Pending Pods (issue 12): a Pod it has tried and found no node for is not
// tried again in a pass unless a node with room may take it. This is kube-scheduler's queue in the
// sim's terms (pkg/scheduler/backend/queue/scheduling_queue.go, PriorityQueue): a Pod that failed
// goes to unschedulablePods, and only a cluster event that may make it schedulable (a Pod deleted, a
// node added or made schedulable: MoveAllToActiveOrBackoffQueue) or the podMaxInUnschedulablePods-
// Duration flush (DefaultPodMaxInUnschedulablePodsDuration, 5 minutes) brings it back; back-off is
// DefaultPodInitialBackoffDuration (1 s) doubling to DefaultPodMaxBackoffDuration (10 s). The sim binds
// a Pod the moment room appears, oldest first (creation time, then name), and records the failure
// once (FailedScheduling, count 1): this change keeps that behaviour exactly, which these tests pin
// against the scheduler as it was (tryEveryPod: every Pending Pod, sorted, against every node, every pass).
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../model/state';
import type { Node, Pod } from '../model/types';
import { emit, ref } from '../model/events';
import { nextRV } from '../model/meta';
import { isNodeReady } from '../model/facts';
import { defaultCluster } from '../scenario/apply';
import { advance, settle } from '../step';
import { deleteObject, scaleDeployment } from '../apiserver/api';
import { addNode, drainNode, uncordonNode } from '../actions';
import { reconcileScheduler } from './scheduler';
import { reconcileReplicaSets } from './replicaset';

/** The scheduler before the change, as it was written: the reference the fast one must equal. */
function tryEveryPod(s: ClusterState): boolean {
  const tolerates = (pod: Pod, node: Node) =>
    (node.spec.taints ?? []).every((t) =>
      (pod.spec.tolerations ?? []).some(
        (tol) =>
          (tol.operator === 'Exists' && !tol.key) || (tol.key === t.key && (!tol.effect || tol.effect === t.effect)),
      ),
    );
  const maxPods = (n: Node) => {
    const v = Number(n.status.allocatable?.pods ?? 110);
    return Number.isFinite(v) ? v : 110;
  };
  const fitError = (total: number, reasons: string[]) => {
    const histogram = (xs: string[]) => {
      const n = new Map<string, number>();
      for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
      return [...n].map(([r, c]) => `${c} ${r}`).sort();
    };
    const preemption = reasons.map((r) =>
      r === 'Too many pods'
        ? 'No preemption victims found for incoming pod.'
        : 'Preemption is not helpful for scheduling',
    );
    return `0/${total} nodes are available: ${histogram(reasons).join(', ')}. preemption: 0/${total} nodes are available: ${histogram(preemption).join(', ')}.`;
  };
  let changed = false;
  const nodes = Object.values(s.objects.nodes);
  const count: Record<string, number> = {};
  for (const p of Object.values(s.objects.pods))
    if (p.spec.nodeName) count[p.spec.nodeName] = (count[p.spec.nodeName] ?? 0) + 1;
  const pending = Object.values(s.objects.pods)
    .filter((p) => !p.spec.nodeName && p.metadata.deletionTimestamp === undefined)
    .sort(
      (a, b) =>
        a.metadata.creationTimestamp - b.metadata.creationTimestamp || a.metadata.name.localeCompare(b.metadata.name),
    );
  for (const pod of pending) {
    const why = new Map<Node, string>();
    for (const n of nodes) {
      if (n.spec.unschedulable) why.set(n, 'node(s) were unschedulable');
      else if (!tolerates(pod, n))
        why.set(n, 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
      else if (!isNodeReady(n)) why.set(n, 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
      else if ((count[n.metadata.name] ?? 0) >= maxPods(n)) why.set(n, 'Too many pods');
    }
    const fit = nodes.filter((n) => !why.has(n));
    if (!fit.length) {
      if (!pod.status.conditions?.find((c) => c.type === 'PodScheduled')) {
        pod.status.conditions = [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            lastProbeTime: null,
            lastTransitionTime: s.now,
          },
        ];
        emit(s, {
          type: 'Warning',
          reason: 'FailedScheduling',
          message: fitError(nodes.length, [...why.values()]),
          object: ref(pod),
          source: 'default-scheduler',
        });
        changed = true;
      }
      continue;
    }
    fit.sort(
      (a, b) =>
        (count[a.metadata.name] ?? 0) - (count[b.metadata.name] ?? 0) || a.metadata.name.localeCompare(b.metadata.name),
    );
    const hinted = s.hints?.pods.find((h) => h.key === `${pod.metadata.namespace}/${pod.metadata.name}`)?.node;
    const node = fit.find((n) => n.metadata.name === hinted)?.metadata.name ?? fit[0].metadata.name;
    pod.spec.nodeName = node;
    pod.metadata.resourceVersion = nextRV(s);
    count[node] = (count[node] ?? 0) + 1;
    pod.status.conditions = [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: s.now }];
    emit(s, {
      reason: 'Scheduled',
      message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      object: ref(pod),
      source: 'default-scheduler',
    });
    changed = true;
  }
  return changed;
}

/** One scheduler pass by each, on copies of s: the same cluster afterwards, and the same answer. */
function expectSamePass(s: ClusterState, what: string) {
  const fast = structuredClone(s);
  const ref = structuredClone(s);
  const a = reconcileScheduler(fast);
  const b = tryEveryPod(ref);
  expect(a, what).toBe(b);
  expect(JSON.stringify(fast), what).toBe(JSON.stringify(ref));
}

const frontend = (s: ClusterState) =>
  Object.values(s.objects.pods).filter((p) => p.metadata.name.startsWith('frontend-'));

describe('the scheduler past the cluster’s room', () => {
  it('does what trying every Pending Pod did: new Pods, room from a deleted Pod, a new node, a cordon and an uncordon', () => {
    const s = defaultCluster();
    settle(s);
    scaleDeployment(s, 'default', 'frontend', 700);
    for (let i = 0; i < 12; i++) {
      // the ReplicaSet's new Pods, not yet tried (no PodScheduled condition)
      reconcileReplicaSets(s);
      expectSamePass(s, `new Pods, step ${i}`);
      advance(s, 300);
      expectSamePass(s, `settled, step ${i}`);
    }
    const pods = frontend(s);
    expect(pods.filter((p) => !p.spec.nodeName).length).toBeGreaterThan(400);
    // room from a deleted bound Pod (removed at once), then from a Terminating one (its slot is held)
    const bound = pods.filter((p) => p.spec.nodeName);
    deleteObject(s, 'Pod', 'default', bound[0].metadata.name, { gracePeriodSeconds: 0 });
    expectSamePass(s, 'a slot freed');
    deleteObject(s, 'Pod', 'default', bound[1].metadata.name);
    expectSamePass(s, 'a Pod Terminating');
    // a Pending Pod deleted, a node added (110 slots), a node cordoned and drained, then uncordoned
    deleteObject(s, 'Pod', 'default', pods.find((p) => !p.spec.nodeName)!.metadata.name, { gracePeriodSeconds: 0 });
    expectSamePass(s, 'a Pending Pod deleted');
    const added = addNode(s);
    expectSamePass(s, 'a node added');
    drainNode(s, added);
    advance(s, 40_000);
    expectSamePass(s, 'a node drained');
    uncordonNode(s, added);
    expectSamePass(s, 'a node uncordoned');
  }, 60_000);

  it('a freed slot goes to the oldest Pending Pod at once, and the others keep their one FailedScheduling', () => {
    const s = defaultCluster();
    settle(s);
    scaleDeployment(s, 'default', 'frontend', 300);
    advance(s, 10_000);
    const waiting = frontend(s)
      .filter((p) => !p.spec.nodeName)
      .sort(
        (a, b) =>
          a.metadata.creationTimestamp - b.metadata.creationTimestamp || a.metadata.name.localeCompare(b.metadata.name),
      );
    expect(waiting.length).toBeGreaterThan(50);
    const conditions = structuredClone(waiting.map((p) => p.status.conditions));
    const victim = frontend(s).find((p) => p.spec.nodeName)!;
    const at = s.now;
    deleteObject(s, 'Pod', 'default', victim.metadata.name, { gracePeriodSeconds: 0 });
    advance(s, 0);
    const first = s.objects.pods[`default/${waiting[0].metadata.name}`];
    expect(first.spec.nodeName).toBe(victim.spec.nodeName);
    expect(first.status.conditions).toEqual([
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at },
    ]);
    expect(s.objects.pods[`default/${waiting[1].metadata.name}`].spec.nodeName).toBeUndefined();
    // the others were not tried again: no new FailedScheduling, their condition as it was
    const names = new Set(waiting.slice(1).map((p) => p.metadata.name));
    expect(
      s.events.filter((e) => e.reason === 'FailedScheduling' && names.has(e.object.name) && e.lastAt >= at),
    ).toEqual([]);
    waiting.forEach((p, i) => {
      if (i > 0) expect(s.objects.pods[`default/${p.metadata.name}`].status.conditions).toEqual(conditions[i]);
    });
  }, 60_000);
});
