// Cluster-level actions a user can take beyond the API (the machines themselves): kill a Pod,
// add/drain/remove a node, switch the cloud controller, route an external IP.
import type { ClusterState } from './model/state';
import { deleteObject } from './apiserver/api';
import { addNodeObject } from './cluster';
import { emit } from './model/events';
import { recordServiceChange } from './apiserver/changes';
import { subnet24 } from './lib/ip';
import type { ProxyMode } from './model/state';
import { syncProxy } from './kubeproxy/sync';
import { isNodeReady } from './model/facts';

/** Kill a Pod: it is deleted (as `kubectl delete pod` does) and its process exits on SIGTERM at once. */
export function killPod(s: ClusterState, namespace: string, name: string) {
  return deleteObject(s, 'Pod', namespace, name);
}

export function addNode(s: ClusterState, role: 'worker' | 'control-plane' = 'worker'): string {
  let i = 1;
  while (s.objects.nodes[`worker${i}`] || s.settings.nodes.some((n) => n.name === `worker${i}`)) i++;
  const name = `worker${i}`;
  // The next free /24 of the Pod network (and the matching machine address), never one a node still uses.
  const used = new Set(Object.values(s.objects.nodes).map((n) => n.spec.podCIDR));
  let index = 0;
  while (used.has(subnet24(s.settings.podSubnet, index))) index++;
  s.settings.nodes.push(index === s.settings.nodes.length ? { name, role } : { name, role, index });
  addNodeObject(s, { name, role }, index);
  emit(s, {
    reason: 'RegisteredNode',
    message: `Node ${name} event: Registered Node ${name} in Controller`,
    object: { kind: 'Node', name, uid: s.objects.nodes[name].metadata.uid },
    source: 'node-controller',
  });
  return name;
}

/** kubectl drain: cordon, then evict the node's Pods (bare Pods are gone for good; owned ones are replaced elsewhere). */
export function drainNode(s: ClusterState, name: string): string[] {
  const n = s.objects.nodes[name];
  if (!n) return [];
  n.spec.unschedulable = true;
  n.spec.taints = [
    ...(n.spec.taints ?? []).filter((t) => t.key !== 'node.kubernetes.io/unschedulable'),
    { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
  ];
  const evicted: string[] = [];
  for (const p of Object.values(s.objects.pods)) {
    if (p.spec.nodeName !== name || p.spec.hostNetwork || p.metadata.deletionTimestamp !== undefined) continue;
    deleteObject(s, 'Pod', p.metadata.namespace, p.metadata.name);
    evicted.push(`${p.metadata.namespace}/${p.metadata.name}`);
  }
  return evicted;
}

export function uncordonNode(s: ClusterState, name: string): void {
  const n = s.objects.nodes[name];
  if (!n) return;
  delete n.spec.unschedulable;
  n.spec.taints = (n.spec.taints ?? []).filter((t) => t.key !== 'node.kubernetes.io/unschedulable');
  if (!n.spec.taints.length) delete n.spec.taints;
}

/** The machine is gone: its Node object is deleted, and the Pod GC removes its Pods. */
export function removeNode(s: ClusterState, name: string): boolean {
  if (!s.objects.nodes[name]) return false;
  delete s.objects.nodes[name];
  // The machines after it keep their addresses and Pod ranges: pin their positions, which the list
  // would otherwise shift (a share link or a reset rebuilds the nodes from this list).
  s.settings.nodes = s.settings.nodes
    .map((n, i) => (n.index === undefined ? { ...n, index: i } : n))
    .filter((n) => n.name !== name)
    .map((n, i) => (n.index === i ? { name: n.name, role: n.role } : n));
  s.settings.externalRoutes = s.settings.externalRoutes.filter((r) => r.node !== name);
  return true;
}

/**
 * kube-proxy's --proxy-mode for the whole cluster. Changing it restarts every node's kube-proxy, which
 * cleans up the other mode's rules and writes its own at once (a full sync).
 */
export function setProxyMode(s: ClusterState, mode: ProxyMode): void {
  if ((s.settings.kubeProxy.mode ?? 'iptables') === mode) return;
  s.settings.kubeProxy.mode = mode;
  for (const node of Object.values(s.objects.nodes)) {
    const name = node.metadata.name;
    if (!isNodeReady(node) || !s.proxies[name]) continue;
    syncProxy(s, name);
    emit(s, {
      reason: 'Starting',
      message: `kube-proxy on ${name} restarted in ${mode} mode and rewrote its rules`,
      object: { kind: 'Node', name },
      source: 'kube-proxy',
      host: name,
      sim: true,
    });
  }
}

export function setCloudLoadBalancer(s: ClusterState, on: boolean): void {
  s.settings.cloudLoadBalancer = on;
  if (!on) {
    for (const svc of Object.values(s.objects.services)) {
      if (svc.spec.type !== 'LoadBalancer' || !svc.status.loadBalancer.ingress?.length) continue;
      for (const i of svc.status.loadBalancer.ingress) if (i.ip) delete s.alloc.lbIPs[i.ip];
      svc.status = { loadBalancer: {} };
      recordServiceChange(s, `${svc.metadata.namespace}/${svc.metadata.name}`);
    }
  }
}

export function setExternalRoute(s: ClusterState, ip: string, node: string | null): void {
  s.settings.externalRoutes = s.settings.externalRoutes.filter((r) => r.ip !== ip);
  if (node) s.settings.externalRoutes.push({ ip, node });
}
