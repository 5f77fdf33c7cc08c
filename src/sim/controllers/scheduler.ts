// default-scheduler, reduced: bind each unscheduled Pod to a Ready, schedulable worker,
// preferring the node with the fewest Pods (LeastAllocated spreads them the same way); ties by node order.
import type { ClusterState } from '../model/state';
import type { Node, Pod } from '../model/types';
import { emit, ref } from '../model/events';
import { nextRV } from '../model/meta';
import { isNodeReady } from '../model/facts';

function tolerates(pod: Pod, node: Node): boolean {
  return (node.spec.taints ?? []).every((t) =>
    (pod.spec.tolerations ?? []).some(
      (tol) =>
        (tol.operator === 'Exists' && !tol.key) || (tol.key === t.key && (!tol.effect || tol.effect === t.effect)),
    ),
  );
}

export function reconcileScheduler(s: ClusterState): boolean {
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
    const fit = nodes.filter((n) => isNodeReady(n) && !n.spec.unschedulable && tolerates(pod, n));
    if (!fit.length) {
      const unsched = nodes.filter((n) => n.spec.unschedulable).length;
      const tainted = nodes.filter((n) => !n.spec.unschedulable && !tolerates(pod, n)).length;
      const parts: string[] = [];
      if (tainted) parts.push(`${tainted} node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }`);
      if (unsched) parts.push(`${unsched} node(s) were unschedulable`);
      const notReady = nodes.length - tainted - unsched;
      if (notReady > 0) parts.push(`${notReady} node(s) had untolerated taint {node.kubernetes.io/not-ready: }`);
      const msg = `0/${nodes.length} nodes are available: ${parts.join(', ')}. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`;
      const cond = pod.status.conditions?.find((c) => c.type === 'PodScheduled');
      if (!cond) {
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
          message: msg,
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
    // a share link being rebuilt says where this Pod was (ClusterState.hints)
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
