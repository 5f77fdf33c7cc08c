// ClusterState -> React Flow nodes and edges. Node data carries only keys: each custom node reads its
// own object from the store, so a node object (and its memoized component) changes only when the
// picture's structure or position changes. Unchanged nodes and edges keep their identity.
import type { Edge, Node } from '@xyflow/react';
import { matchesLabels, type ClusterState, type Pod, type Service } from '../../sim';
import { serviceColor } from './pod-status';
import {
  CLIENT_H,
  CLIENT_W,
  POD_H,
  POD_W,
  SVC_GAP,
  SVC_H,
  SVC_PER_ROW,
  SVC_W,
  columnX,
  nodeColumns,
  nodeHeight,
  nodeWidth,
  podPosition,
  SlotMap,
  type LayoutCache,
} from './layout';

export const SYSTEM_NAMESPACES = ['kube-system', 'kube-flannel'];
export const UNSCHEDULED = '(unscheduled)';

export const podId = (ns: string | undefined, name: string) => `pod/${ns ?? 'default'}/${name}`;
export const svcId = (ns: string | undefined, name: string) => `svc/${ns ?? 'default'}/${name}`;
export const nodeId = (name: string) => `node/${name}`;

export type GraphNode = Node<Record<string, unknown>>;

export function isSystemPod(p: Pod): boolean {
  return SYSTEM_NAMESPACES.includes(p.metadata.namespace ?? '');
}
export function isSystemService(s: Service): boolean {
  return (
    SYSTEM_NAMESPACES.includes(s.metadata.namespace ?? '') ||
    (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes')
  );
}
/** Pods that exist to send requests from inside the cluster (busybox, curl images). */
export function isClientPod(p: Pod): boolean {
  return p.spec.containers.some((c) => /(^|\/)(busybox|curl|curlimages\/curl|netshoot)/.test(c.image));
}

type EndpointState = 'ready' | 'notready' | 'absent';
function endpointStates(state: ClusterState, svc: Service): Map<string, EndpointState> {
  const out = new Map<string, EndpointState>();
  for (const sl of Object.values(state.objects.endpointslices)) {
    if (
      sl.metadata.namespace !== svc.metadata.namespace ||
      sl.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name
    )
      continue;
    for (const e of sl.endpoints) if (e.targetRef) out.set(e.targetRef.name, e.conditions.ready ? 'ready' : 'notready');
  }
  return out;
}

const byCreation = <T extends { metadata: { creationTimestamp: number; name: string; namespace?: string } }>(
  a: T,
  b: T,
) =>
  a.metadata.creationTimestamp - b.metadata.creationTimestamp ||
  `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);

function same(a: GraphNode, b: GraphNode): boolean {
  if (a.type !== b.type || a.parentId !== b.parentId || a.width !== b.width || a.height !== b.height) return false;
  if (a.position.x !== b.position.x || a.position.y !== b.position.y) return false;
  const ak = Object.keys(a.data),
    bk = Object.keys(b.data);
  return ak.length === bk.length && ak.every((k) => a.data[k] === b.data[k]);
}

export interface Graph {
  nodes: GraphNode[];
  edges: Edge[];
}

/** Build the picture. `prev` holds the last nodes and edges by id, to keep identity when unchanged. */
export function buildGraph(
  state: ClusterState,
  showSystem: boolean,
  cache: LayoutCache,
  prev: Map<string, GraphNode | Edge>,
): Graph {
  const nodes: GraphNode[] = [];
  const edges: Edge[] = [];
  const keep = <T extends GraphNode | Edge>(n: T, eq: (a: T, b: T) => boolean): T => {
    const p = prev.get(n.id) as T | undefined;
    const out = p && eq(p, n) ? p : n;
    prev.set(n.id, out);
    return out;
  };
  const addNode = (n: GraphNode) => nodes.push(keep(n, same));
  const addEdge = (e: Edge) =>
    edges.push(
      keep(
        { ...e, zIndex: 0 },
        (a, b) => a.source === b.source && a.target === b.target && a.className === b.className && a.label === b.label,
      ),
    );

  const pods = Object.values(state.objects.pods)
    .filter((p) => showSystem || !isSystemPod(p))
    .sort(byCreation);
  const services = Object.values(state.objects.services)
    .filter((s) => showSystem || !isSystemService(s))
    .sort(byCreation);

  // Services: a row (or rows) above the machines.
  const svcSlots = cache.services.sync(services.map((s) => svcId(s.metadata.namespace, s.metadata.name)));
  const svcRows = Math.max(1, Math.ceil((Math.max(-1, ...svcSlots.values()) + 1) / SVC_PER_ROW));
  const nodesY = svcRows * (SVC_H + SVC_GAP) + 90;

  // Machines: the order the cluster was built in (control plane first), then joiners.
  const order = state.settings.nodes.map((n) => n.name);
  const machines = Object.values(state.objects.nodes).sort((a, b) => {
    const ia = order.indexOf(a.metadata.name),
      ib = order.indexOf(b.metadata.name);
    return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || a.metadata.name.localeCompare(b.metadata.name);
  });
  const groups: { name: string; cols: number; role: 'control-plane' | 'worker' }[] = machines.map((n) => {
    const role =
      n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? 'control-plane' : 'worker';
    return { name: n.metadata.name, cols: nodeColumns(role), role };
  });
  const unscheduled = pods.filter((p) => !p.spec.nodeName || !state.objects.nodes[p.spec.nodeName]);
  if (unscheduled.length) groups.push({ name: UNSCHEDULED, cols: 2, role: 'worker' });
  const colSlots = cache.nodes.sync(groups.map((g) => g.name));
  let right = 0;
  for (const g of groups) {
    const id = nodeId(g.name);
    const mine = g.name === UNSCHEDULED ? unscheduled : pods.filter((p) => p.spec.nodeName === g.name);
    let slots = cache.pods.get(g.name);
    if (!slots) cache.pods.set(g.name, (slots = new SlotMap()));
    const podSlots = slots.sync(mine.map((p) => podId(p.metadata.namespace, p.metadata.name)));
    const width = nodeWidth(g.cols);
    const x = columnX(cache, colSlots.get(g.name)!, width);
    right = Math.max(right, x + width);
    const height = nodeHeight(g.cols, Math.max(0, ...podSlots.values()) + 1);
    addNode({
      id,
      type: 'k8snode',
      position: { x, y: nodesY },
      width,
      height,
      data: { name: g.name, role: g.role },
      zIndex: -1,
      style: { width, height },
    });
    for (const p of mine) {
      const pid = podId(p.metadata.namespace, p.metadata.name);
      addNode({
        id: pid,
        type: 'pod',
        parentId: id,
        extent: 'parent',
        position: podPosition(g.cols, podSlots.get(pid)!),
        width: POD_W,
        height: POD_H,
        zIndex: 1,
        data: { key: `${p.metadata.namespace}/${p.metadata.name}`, client: isClientPod(p) },
      });
    }
  }

  // The top row: the world outside the cluster on the left (the client, cloud load balancers, the
  // administrator's external-IP routes), then the Services, centred over the machines when there is room.
  const outside: { id: string; type: 'client' | 'lb' | 'route'; data: Record<string, unknown>; target?: string }[] = [
    { id: 'client', type: 'client', data: {} },
  ];
  for (const svc of Object.values(state.objects.services).sort(byCreation)) {
    if (svc.spec.type !== 'LoadBalancer') continue;
    for (const ing of svc.status.loadBalancer.ingress ?? [])
      if (ing.ip)
        outside.push({
          id: `lb/${ing.ip}`,
          type: 'lb',
          data: { ip: ing.ip, service: `${svc.metadata.namespace}/${svc.metadata.name}` },
        });
  }
  for (const r of state.settings.externalRoutes)
    outside.push({ id: `route/${r.ip}`, type: 'route', data: { ip: r.ip, node: r.node }, target: nodeId(r.node) });
  const outSlots = cache.side.sync(outside.map((o) => o.id));
  const outW = CLIENT_W + 28;
  const outCols = Math.max(3, ...[...outSlots.values()].map((v) => v + 1));
  for (const o of outside) {
    const slot = outSlots.get(o.id)!;
    addNode({
      id: o.id,
      type: o.type,
      position: { x: slot * outW, y: 24 },
      width: CLIENT_W,
      height: CLIENT_H,
      data: o.data,
    });
    if (o.type === 'lb')
      addEdge({
        id: `wire/client/${o.id}`,
        source: 'client',
        target: o.id,
        className: 'wire-edge',
        focusable: false,
        selectable: false,
      });
    if (o.target && state.objects.nodes[o.target.slice(5)])
      addEdge({
        id: `wire/${o.id}`,
        source: o.id,
        target: o.target,
        className: 'route-edge',
        label: `route ${String(o.data.ip)} \u2192 ${String(o.data.node)}`,
        focusable: false,
        selectable: false,
      });
  }
  const perRow = Math.min(SVC_PER_ROW, Math.max(1, services.length));
  const rowW = perRow * SVC_W + (perRow - 1) * SVC_GAP;
  const x0 = Math.max(outCols * outW + 40, (right - rowW) / 2);
  for (const svc of services) {
    const id = svcId(svc.metadata.namespace, svc.metadata.name);
    const slot = svcSlots.get(id)!;
    addNode({
      id,
      type: 'service',
      position: {
        x: x0 + (slot % SVC_PER_ROW) * (SVC_W + SVC_GAP),
        y: Math.floor(slot / SVC_PER_ROW) * (SVC_H + SVC_GAP),
      },
      width: SVC_W,
      height: SVC_H,
      data: { key: `${svc.metadata.namespace}/${svc.metadata.name}` },
    });
    const sel = svc.spec.selector;
    if (!sel || !Object.keys(sel).length) continue;
    const eps = endpointStates(state, svc);
    for (const p of pods) {
      if (p.metadata.namespace !== svc.metadata.namespace || !matchesLabels(sel, p.metadata.labels)) continue;
      const pid = podId(p.metadata.namespace, p.metadata.name);
      const st = eps.get(p.metadata.name) ?? 'absent';
      addEdge({
        id: `sel/${id}/${pid}`,
        source: id,
        target: pid,
        className: `svc-edge svc-c${serviceColor(svc.metadata.name)} ${st}`,
        focusable: false,
        selectable: false,
      });
    }
  }
  return { nodes, edges };
}
