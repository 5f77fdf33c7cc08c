// default-scheduler, reduced: bind each unscheduled Pod to a Ready, schedulable worker,
// preferring the node with the fewest Pods (LeastAllocated spreads them the same way); ties by node order.
import { podList } from '../model/pod-list';
import type { ClusterState } from '../model/state';
import type { Node, Pod } from '../model/types';
import { emit, ref } from '../model/events';
import { nextRV } from '../model/meta';
import { isNodeReady } from '../model/facts';

/** Every taint of the node has a toleration that matches it. */
function tolerates(pod: Pod, node: Node): boolean {
  const tolerations = pod.spec.tolerations ?? [];
  for (const t of node.spec.taints ?? []) {
    let ok = false;
    for (const tol of tolerations)
      if ((tol.operator === 'Exists' && !tol.key) || (tol.key === t.key && (!tol.effect || tol.effect === t.effect))) {
        ok = true;
        break;
      }
    if (!ok) return false;
  }
  return true;
}

/** The Pods a node takes: its allocatable pods (the kubelet's --max-pods, 110 unless set). */
function maxPods(n: Node): number {
  const v = Number(n.status.allocatable?.pods ?? 110);
  return Number.isFinite(v) ? v : 110;
}

/**
 * FitError's message: each reason with the number of nodes that gave it, sorted as strings (Go's
 * sort.Strings over "N reason"), then what preemption found. Every Pod here has the same priority, so a
 * full node has no victims; a node whose failure preemption cannot fix is "not helpful".
 */
function fitError(total: number, reasons: string[]): string {
  const histogram = (xs: string[]) => {
    const n = new Map<string, number>();
    for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
    return [...n].map(([r, c]) => `${c} ${r}`).sort();
  };
  // (the first reason ends with its own period, so a message that ends with it shows two, as kubectl prints it)
  const preemption = reasons.map((r) =>
    r === 'Too many pods'
      ? 'No preemption victims found for incoming pod.'
      : 'Preemption is not helpful for scheduling',
  );
  return `0/${total} nodes are available: ${histogram(reasons).join(', ')}. preemption: 0/${total} nodes are available: ${histogram(preemption).join(', ')}.`;
}

/** The Pod has its PodScheduled condition: it was tried (and, while unbound, found no node). */
function failed(pod: Pod): boolean {
  for (const c of pod.status.conditions ?? []) if (c.type === 'PodScheduled') return true;
  return false;
}

export function reconcileScheduler(s: ClusterState): boolean {
  let changed = false;
  const nodes = Object.values(s.objects.nodes);
  const count: Record<string, number> = {};
  const unbound: Pod[] = [];
  for (const p of podList(s))
    if (p.spec.nodeName) count[p.spec.nodeName] = (count[p.spec.nodeName] ?? 0) + 1;
    else if (p.metadata.deletionTimestamp === undefined) unbound.push(p);
  // The nodes with room (schedulable, Ready, under their maxPods). A Pod that already failed and fits
  // none of them now fits none later in this pass (binding only fills nodes): trying it again changes
  // nothing, so the 100,000 Pending Pods of a scale past the cluster's room are not sorted and
  // filtered against every node each pass, only the ones that are new or may fit.
  const roomy = nodes.filter(
    (n) => !n.spec.unschedulable && isNodeReady(n) && (count[n.metadata.name] ?? 0) < maxPods(n),
  );
  const mayFit = (p: Pod) => {
    for (const n of roomy) if (tolerates(p, n)) return true;
    return false;
  };
  const pending = unbound
    .filter((p) => !failed(p) || mayFit(p))
    .sort(
      (a, b) =>
        a.metadata.creationTimestamp - b.metadata.creationTimestamp || a.metadata.name.localeCompare(b.metadata.name),
    );
  for (const pod of pending) {
    // Filter, as the scheduler's plugins do: each node that cannot take the Pod says why
    // (NodeUnschedulable, TaintToleration, NodeResourcesFit's pod count against status.allocatable.pods,
    // the kubelet's maxPods, 110 by default).
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
      if (!failed(pod)) {
        const msg = fitError(nodes.length, [...why.values()]);
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
