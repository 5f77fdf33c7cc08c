// The cells of `kubectl get` rows, per kind, as kubernetes/kubernetes pkg/printers/internalversion
// computes them (printPod, printService, printEndpoints, printEndpointSlice, printDeployment,
// printReplicaSet, printNode, printNamespace, printEvent). Column titles are the column
// definitions' names; priority-1 columns appear only with -o wide.
import type { ClusterEvent } from '../../model/state';
import type { Deployment, EndpointSlice, Namespace, Node, Pod, ReplicaSet, Service } from '../../model/types';
import { humanDuration } from '../../time/clock';
import { podStatusReason } from '../../model/pod-status';
import type { Endpoints } from './endpoints';
import { formatEndpoints } from './endpoints';
import { age, byteCompare, formatLabels, formatLabelSelector, selectorString } from './format';

export interface Column {
  name: string;
  priority: 0 | 1;
}
const col = (name: string, priority: 0 | 1 = 0): Column => ({ name, priority });

export const COLUMNS = {
  Pod: [
    col('Name'),
    col('Ready'),
    col('Status'),
    col('Restarts'),
    col('Age'),
    col('IP', 1),
    col('Node', 1),
    col('Nominated Node', 1),
    col('Readiness Gates', 1),
  ],
  Service: [
    col('Name'),
    col('Type'),
    col('Cluster-IP'),
    col('External-IP'),
    col('Port(s)'),
    col('Age'),
    col('Selector', 1),
  ],
  Endpoints: [col('Name'), col('Endpoints'), col('Age')],
  EndpointSlice: [col('Name'), col('AddressType'), col('Ports'), col('Endpoints'), col('Age')],
  Deployment: [
    col('Name'),
    col('Ready'),
    col('Up-to-date'),
    col('Available'),
    col('Age'),
    col('Containers', 1),
    col('Images', 1),
    col('Selector', 1),
  ],
  ReplicaSet: [
    col('Name'),
    col('Desired'),
    col('Current'),
    col('Ready'),
    col('Age'),
    col('Containers', 1),
    col('Images', 1),
    col('Selector', 1),
  ],
  Node: [
    col('Name'),
    col('Status'),
    col('Roles'),
    col('Age'),
    col('Version'),
    col('Internal-IP', 1),
    col('External-IP', 1),
    col('OS-Image', 1),
    col('Kernel-Version', 1),
    col('Container-Runtime', 1),
  ],
  Namespace: [col('Name'), col('Status'), col('Age')],
  Event: [
    col('Last Seen'),
    col('Type'),
    col('Reason'),
    col('Object'),
    col('Subobject', 1),
    col('Source', 1),
    col('Message'),
    col('First Seen', 1),
    col('Count', 1),
    col('Name', 1),
  ],
} satisfies Record<string, Column[]>;

export type TableKind = keyof typeof COLUMNS;

// ---- Pod ----
// (STATUS: podStatusReason, in model/pod-status.ts, which the canvas cards use too)
export function podReady(p: Pod): string {
  const ready = (p.status.containerStatuses ?? []).filter(
    (c) => c.ready && c.state.running && !c.state.waiting && !c.state.terminated,
  ).length;
  return `${ready}/${p.spec.containers.length}`;
}

export function podRestarts(p: Pod, now: number): string {
  let restarts = 0;
  let last: number | undefined;
  for (const c of p.status.containerStatuses ?? []) {
    restarts += c.restartCount;
    const f = c.lastState?.terminated?.finishedAt;
    if (f !== undefined && (last === undefined || f > last)) last = f;
  }
  return restarts !== 0 && last !== undefined ? `${restarts} (${humanDuration(now - last)} ago)` : String(restarts);
}

function podRow(p: Pod, now: number): string[] {
  const ip = p.status.podIPs?.[0]?.ip || p.status.podIP || '<none>';
  return [
    p.metadata.name,
    podReady(p),
    podStatusReason(p),
    podRestarts(p, now),
    age(now, p.metadata.creationTimestamp),
    ip,
    p.spec.nodeName || '<none>',
    '<none>',
    '<none>',
  ];
}

// ---- Service ----
const LOAD_BALANCER_WIDTH = 16;

function loadBalancerStatus(svc: Service, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  let r = [...set].sort(byteCompare).join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}

export function serviceExternalIP(svc: Service, wide: boolean): string {
  const ext = svc.spec.externalIPs ?? [];
  switch (svc.spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc, wide);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
  }
  return '<unknown>';
}

export function servicePorts(svc: Service): string {
  const s = (svc.spec.ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
  return s || '<none>';
}

function serviceRow(svc: Service, now: number, wide: boolean): string[] {
  const clusterIP = svc.spec.clusterIPs?.[0] ?? '<none>';
  return [
    svc.metadata.name,
    svc.spec.type ?? 'ClusterIP',
    clusterIP,
    serviceExternalIP(svc, wide),
    servicePorts(svc),
    age(now, svc.metadata.creationTimestamp),
    formatLabels(svc.spec.selector),
  ];
}

// ---- EndpointSlice ----
function moreList(list: string[], more: boolean, count: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - 3} more...`;
  return ret || '<unset>';
}

export function sliceRow(e: EndpointSlice, now: number): string[] {
  const ports: string[] = [];
  let pMore = false;
  let pCount = 0;
  for (const p of e.ports ?? []) {
    if (ports.length < 3) ports.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
    else pMore = true;
    pCount++;
  }
  const addrs: string[] = [];
  let aMore = false;
  let aCount = 0;
  for (const ep of e.endpoints ?? []) {
    for (const a of ep.addresses) {
      if (addrs.length < 3) addrs.push(a);
      else aMore = true;
      aCount++;
    }
  }
  return [
    e.metadata.name,
    e.addressType,
    moreList(ports, pMore, pCount),
    moreList(addrs, aMore, aCount),
    age(now, e.metadata.creationTimestamp),
  ];
}

// ---- Deployment / ReplicaSet ----
function containerCells(spec: { containers: { name: string; image: string }[] }): [string, string] {
  return [spec.containers.map((c) => c.name).join(','), spec.containers.map((c) => c.image).join(',')];
}

function deploymentRow(d: Deployment, now: number): string[] {
  const desired = d.spec.replicas ?? 1;
  return [
    d.metadata.name,
    `${d.status?.readyReplicas ?? 0}/${desired}`,
    String(d.status?.updatedReplicas ?? 0),
    String(d.status?.availableReplicas ?? 0),
    age(now, d.metadata.creationTimestamp),
    ...containerCells(d.spec.template.spec),
    selectorString(d.spec.selector),
  ];
}

function replicaSetRow(rs: ReplicaSet, now: number): string[] {
  return [
    rs.metadata.name,
    String(rs.spec.replicas ?? 1),
    String(rs.status?.replicas ?? 0),
    String(rs.status?.readyReplicas ?? 0),
    age(now, rs.metadata.creationTimestamp),
    ...containerCells(rs.spec.template.spec),
    formatLabelSelector(rs.spec.selector),
  ];
}

// ---- Node ----
export function nodeRoles(n: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort(byteCompare);
}

export function nodeStatus(n: Node): string {
  const status: string[] = [];
  const ready = n.status.conditions.find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else status.push('Unknown');
  if (n.spec.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeRow(n: Node, now: number): string[] {
  const addr = (t: string) => n.status.addresses.find((a) => a.type === t)?.address ?? '<none>';
  const info = n.status.nodeInfo;
  return [
    n.metadata.name,
    nodeStatus(n),
    nodeRoles(n).join(',') || '<none>',
    age(now, n.metadata.creationTimestamp),
    info.kubeletVersion,
    addr('InternalIP'),
    addr('ExternalIP'),
    info.osImage || '<unknown>',
    info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>',
  ];
}

// ---- Event ----
/** A name in the shape the event recorder gives (object name + "." + hex time), for sorting and -o name. */
export function eventName(e: ClusterEvent): string {
  return `${e.object.name}.${Math.max(0, Math.floor(e.at)).toString(16).padStart(16, '0')}`;
}

export function eventSource(e: ClusterEvent): string {
  return e.host ? `${e.source}, ${e.host}` : e.source;
}

function eventRow(e: ClusterEvent, now: number): string[] {
  const target = e.object.name ? `${e.object.kind.toLowerCase()}/${e.object.name}` : e.object.kind.toLowerCase();
  return [
    age(now, e.lastAt),
    e.type,
    e.reason,
    target,
    '',
    eventSource(e),
    e.message.trim(),
    age(now, e.at),
    String(e.count || 1),
    eventName(e),
  ];
}

export type RowObject =
  Pod | Service | Endpoints | EndpointSlice | Deployment | ReplicaSet | Node | Namespace | ClusterEvent;

/** All cells of a row (wide ones included), in column-definition order. */
export function rowCells(kind: TableKind, o: RowObject, now: number, wide: boolean): string[] {
  switch (kind) {
    case 'Pod':
      return podRow(o as Pod, now);
    case 'Service':
      return serviceRow(o as Service, now, wide);
    case 'Endpoints': {
      const ep = o as Endpoints;
      return [ep.metadata.name, formatEndpoints(ep), age(now, ep.metadata.creationTimestamp)];
    }
    case 'EndpointSlice':
      return sliceRow(o as EndpointSlice, now);
    case 'Deployment':
      return deploymentRow(o as Deployment, now);
    case 'ReplicaSet':
      return replicaSetRow(o as ReplicaSet, now);
    case 'Node':
      return nodeRow(o as Node, now);
    case 'Namespace': {
      const ns = o as Namespace;
      return [ns.metadata.name, ns.status?.phase ?? 'Active', age(now, ns.metadata.creationTimestamp)];
    }
    case 'Event':
      return eventRow(o as ClusterEvent, now);
  }
}
