// The legacy core/v1 Endpoints object, derived from a Service's EndpointSlices the way the endpoints
// controller builds it from the same Pods: ready addresses, notReady addresses, terminating ones left
// out, subsets grouped by port set and repacked (addresses sorted by IP as bytes, then target UID).
import type { EndpointSlice, Labels, ObjectMeta, Protocol, Service } from '../../model/types';
import { byteCompare, joinHostPort } from './format';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: 'Pod'; namespace: string; name: string; uid: string };
}
export interface EndpointsPort {
  name?: string;
  port: number;
  protocol: Protocol;
  appProtocol?: string;
}
export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointsPort[];
}
export interface Endpoints {
  apiVersion: 'v1';
  kind: 'Endpoints';
  metadata: Pick<ObjectMeta, 'name' | 'namespace' | 'creationTimestamp'> &
    Partial<Pick<ObjectMeta, 'uid' | 'resourceVersion' | 'annotations'>> & { labels?: Labels };
  subsets?: EndpointSubset[];
}

/** What kubectl prints on stderr whenever it reads v1 Endpoints (1.33+). */
export const ENDPOINTS_DEPRECATION_WARNING =
  'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';

const TRIGGER_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

/** Whether the cluster has an Endpoints object for this Service (selector Services and mirrored ones). */
export function hasEndpointsObject(svc: Service, slices: EndpointSlice[]): boolean {
  return (!!svc.spec.selector && svc.spec.type !== 'ExternalName') || slices.length > 0;
}

function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  const c = byteCompare(a.ip, b.ip);
  if (c !== 0) return c;
  if (!a.targetRef || !b.targetRef) return (a.targetRef ? 1 : 0) - (b.targetRef ? 1 : 0);
  return byteCompare(a.targetRef.uid, b.targetRef.uid);
}

/** The Endpoints object for `svc`, computed from its EndpointSlices. */
export function endpointsFromSlices(svc: Service, slices: EndpointSlice[]): Endpoints {
  const publishNotReady = !!svc.spec.publishNotReadyAddresses;
  const groups = new Map<
    string,
    { ports: EndpointsPort[]; ready: Map<string, EndpointAddress>; notReady: Map<string, EndpointAddress> }
  >();
  let trigger: string | undefined;
  for (const slice of slices) {
    if (slice.addressType === 'FQDN') continue;
    const t = slice.metadata.annotations?.[TRIGGER_ANNOTATION];
    if (t && (!trigger || t > trigger)) trigger = t;
    const ports: EndpointsPort[] = (slice.ports ?? []).map((p) => {
      const out: EndpointsPort = { port: p.port, protocol: p.protocol };
      if (p.name) out.name = p.name;
      if (p.appProtocol) out.appProtocol = p.appProtocol;
      return out;
    });
    const sig = JSON.stringify(ports);
    let g = groups.get(sig);
    for (const ep of slice.endpoints ?? []) {
      // endpoints controller: terminating Pods are dropped unless the Service tolerates unready ones
      if (ep.conditions.terminating && !publishNotReady) continue;
      if (!g) groups.set(sig, (g = { ports, ready: new Map(), notReady: new Map() }));
      for (const ip of ep.addresses.slice(0, 1)) {
        const addr: EndpointAddress = { ip };
        if (ep.hostname) addr.hostname = ep.hostname;
        if (ep.nodeName) addr.nodeName = ep.nodeName;
        if (ep.targetRef) addr.targetRef = { ...ep.targetRef };
        const ready = ep.conditions.ready !== false;
        (ready ? g.ready : g.notReady).set(`${ip}/${ep.targetRef?.uid ?? ''}`, addr);
      }
    }
  }
  const subsets: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const s: EndpointSubset = {};
    const ready = [...g.ready.values()].sort(lessAddress);
    const notReady = [...g.notReady.values()].sort(lessAddress);
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (!ready.length && !notReady.length) continue;
    if (g.ports.length) s.ports = g.ports;
    subsets.push(s);
  }
  // The endpoints controller copies the Service's labels; the apiserver's own `kubernetes`
  // Endpoints carry only the label that keeps them from being mirrored.
  const isApiserver = svc.metadata.namespace === 'default' && svc.metadata.name === 'kubernetes';
  const labels: Labels = isApiserver
    ? { 'endpointslice.kubernetes.io/skip-mirror': 'true' }
    : { ...(svc.metadata.labels ?? {}) };
  if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const ep: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: svc.metadata.name,
      namespace: svc.metadata.namespace,
      creationTimestamp: svc.metadata.creationTimestamp,
    },
  };
  if (Object.keys(labels).length) ep.metadata.labels = labels;
  if (trigger) ep.metadata.annotations = { [TRIGGER_ANNOTATION]: trigger };
  if (subsets.length) ep.subsets = subsets;
  return ep;
}

/**
 * printers.go formatEndpoints: ready ip:port values (ip alone for a port-less subset), at most
 * three, then " + n more..."; "<none>" with no subsets; "" when only not-ready addresses exist.
 */
export function formatEndpoints(ep: Endpoints, ports?: Set<string>): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      if (ports && !ports.has(port.name ?? '')) continue;
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}
