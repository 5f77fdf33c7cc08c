// What kube-proxy knows about one Service port on one node: its ServicePortInfo (pkg/proxy/serviceport.go)
// and its endpoints from the EndpointSlices (pkg/proxy/endpointslicecache.go), then which of them each
// traffic policy uses (pkg/proxy/topology.go CategorizeEndpoints).
import type { EndpointSlice, Service } from '../model/types';
import { canonicalIPv4, isIPv4 } from '../lib/ip';
import { servicePortNameString } from './hash';

export type Proto = 'tcp' | 'udp' | 'sctp';

export interface EndpointInfo {
  ip: string;
  port: number;
  /** "ip:port", kube-proxy's Endpoint.String() */
  str: string;
  local: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

export interface ServicePortInfo {
  svcKey: string;
  /** ServicePortName string: ns/name[:port] */
  spn: string;
  protocol: Proto;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  /** status.loadBalancer.ingress IPs in VIP mode (ipMode Proxy ones are not kube-proxy's business) */
  lbVIPs: string[];
  sourceRanges: string[];
  healthCheckNodePort: number;
  /** ClientIP affinity timeout in seconds; 0 = no affinity */
  affinitySeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  /** every endpoint of this port (any condition, any node), sorted by "ip:port" */
  endpoints: EndpointInfo[];
}

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const SERVICE_PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';

/** The Service's IPv4 cluster IP, or '' when kube-proxy ignores the Service (headless, ExternalName). */
export function proxiedClusterIP(svc: Service): string {
  // kube-proxy's informer skips Services that name another proxy
  if (svc.metadata.labels?.[SERVICE_PROXY_NAME_LABEL] !== undefined) return '';
  if (svc.spec.type === 'ExternalName') return '';
  const ips = svc.spec.clusterIPs?.length ? svc.spec.clusterIPs : svc.spec.clusterIP ? [svc.spec.clusterIP] : [];
  // serviceport.go parses with netutils.ParseIPSloppy: a legacy "010.096.000.010" is 10.96.0.10
  return ips.map((ip) => (ip === 'None' ? null : canonicalIPv4(ip))).find((ip) => ip !== null && isIPv4(ip)) ?? '';
}

/** apiservice.ExternallyAccessible (Service level) */
function serviceExternallyAccessible(svc: Service): boolean {
  const t = svc.spec.type ?? 'ClusterIP';
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec.externalIPs?.length ?? 0) > 0);
}

function isIPv4Cidr(c: string): boolean {
  const [ip, bits] = c.split('/');
  return isIPv4(ip) && bits !== undefined && /^\d+$/.test(bits) && Number(bits) <= 32;
}

const byStr = (a: EndpointInfo, b: EndpointInfo): number => (a.str < b.str ? -1 : a.str > b.str ? 1 : 0);

/** Endpoints of one ServicePortName (name + protocol) merged from the Service's IPv4 slices. */
function collectEndpoints(
  slices: EndpointSlice[],
  portName: string,
  protocol: string,
  nodeName: string,
): EndpointInfo[] {
  const set = new Map<string, EndpointInfo>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    for (const p of slice.ports) {
      if ((p.name ?? '') !== portName || (p.protocol ?? 'TCP') !== protocol || !p.port) continue;
      for (const ep of slice.endpoints) {
        const ip = ep.addresses[0];
        if (!ip) continue;
        const terminating = ep.conditions.terminating === true;
        const info: EndpointInfo = {
          ip,
          port: p.port,
          str: `${ip}:${p.port}`,
          local: !!nodeName && ep.nodeName === nodeName,
          ready: ep.conditions.ready !== false,
          serving: ep.conditions.serving !== false,
          terminating,
        };
        // the same IP seen twice (a Pod moving between slices, or an IP reused while the old Pod
        // terminates): prefer the non-terminating one
        if (!set.has(info.str) || !terminating) set.set(info.str, info);
      }
    }
  }
  return [...set.values()].sort(byStr);
}

/** One ServicePortInfo per port of a proxied Service; [] for headless / ExternalName. */
export function servicePorts(svc: Service, slices: EndpointSlice[], nodeName: string): ServicePortInfo[] {
  const clusterIP = proxiedClusterIP(svc);
  if (!clusterIP) return [];
  const ns = svc.metadata.namespace ?? 'default';
  const svcKey = `${ns}/${svc.metadata.name}`;
  const externalPolicyLocal = serviceExternallyAccessible(svc) && svc.spec.externalTrafficPolicy === 'Local';
  const internalPolicyLocal = svc.spec.internalTrafficPolicy === 'Local';
  const affinitySeconds =
    svc.spec.sessionAffinity === 'ClientIP' ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : 0;
  const externalIPs = (svc.spec.externalIPs ?? []).map((ip) => canonicalIPv4(ip) ?? ip).filter(isIPv4);
  const lbVIPs = (svc.status?.loadBalancer?.ingress ?? [])
    .filter((i) => i.ip && (i.ipMode ?? 'VIP') === 'VIP' && isIPv4(i.ip))
    .map((i) => i.ip as string);
  // validation lets whitespace through, kube-proxy trims it
  const sourceRanges = (svc.spec.loadBalancerSourceRanges ?? []).map((s) => s.trim()).filter(isIPv4Cidr);
  const healthCheckNodePort =
    svc.spec.type === 'LoadBalancer' && externalPolicyLocal ? (svc.spec.healthCheckNodePort ?? 0) : 0;

  return (svc.spec.ports ?? []).map((p) => {
    const protocol = p.protocol ?? 'TCP';
    return {
      svcKey,
      spn: servicePortNameString(ns, svc.metadata.name, p.name),
      protocol: protocol.toLowerCase() as Proto,
      clusterIP,
      port: p.port,
      nodePort: p.nodePort ?? 0,
      externalIPs,
      lbVIPs,
      sourceRanges,
      healthCheckNodePort,
      affinitySeconds,
      externalPolicyLocal,
      internalPolicyLocal,
      endpoints: collectEndpoints(slices, p.name ?? '', protocol, nodeName),
    };
  });
}

/** ServicePort.ExternallyAccessible (port level) */
export const externallyAccessible = (i: ServicePortInfo): boolean =>
  i.nodePort !== 0 || i.lbVIPs.length > 0 || i.externalIPs.length > 0;

/** Even with externalTrafficPolicy Local, an externally reachable port needs Cluster endpoints for short-circuiting. */
export const usesClusterEndpoints = (i: ServicePortInfo): boolean => !i.internalPolicyLocal || externallyAccessible(i);
export const usesLocalEndpoints = (i: ServicePortInfo): boolean =>
  i.internalPolicyLocal || (i.externalPolicyLocal && externallyAccessible(i));

export interface Categorized {
  /** endpoints for Cluster traffic policy (empty when the port never uses it) */
  cluster: EndpointInfo[];
  /** this node's endpoints for Local traffic policy (empty when the port never uses it) */
  local: EndpointInfo[];
  /** union of the two: the endpoints that get a KUBE-SEP chain on this node */
  reachable: EndpointInfo[];
  /** the Service has a usable endpoint somewhere in the cluster */
  hasAny: boolean;
}

/**
 * kube-proxy's choice: Ready endpoints; serving-and-terminating ones only when a policy's set has no
 * Ready one (Cluster and Local decide independently). Topology hints are not modelled.
 */
export function categorize(i: ServicePortInfo): Categorized {
  const eps = i.endpoints;
  let cluster: EndpointInfo[] = [];
  let local: EndpointInfo[] = [];
  let hasAny = false;
  if (usesClusterEndpoints(i)) {
    cluster = eps.filter((e) => e.ready);
    if (cluster.length === 0) cluster = eps.filter((e) => e.serving && e.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocalEndpoints(i)) return { cluster, local, reachable: cluster, hasAny };

  let localReady = false;
  let localServingTerminating = false;
  for (const e of eps) {
    if (e.ready) {
      hasAny = true;
      if (e.local) localReady = true;
    } else if (e.serving && e.terminating) {
      hasAny = true;
      if (e.local) localServingTerminating = true;
    }
  }
  if (localReady) local = eps.filter((e) => e.local && e.ready);
  else if (localServingTerminating) local = eps.filter((e) => e.local && e.serving && e.terminating);

  if (!usesClusterEndpoints(i)) return { cluster, local, reachable: local, hasAny };
  // cluster already holds every Ready endpoint, so it covers local unless local fell back to terminating ones
  if (!localServingTerminating || localReady) return { cluster, local, reachable: cluster, hasAny };
  const merged = new Map<string, EndpointInfo>();
  for (const e of cluster) merged.set(e.str, e);
  for (const e of local) merged.set(e.str, e);
  return { cluster, local, reachable: [...merged.values()].sort(byStr), hasAny };
}

/** Group EndpointSlices by the Service they belong to ("ns/name" from kubernetes.io/service-name). */
export function slicesByService(slices: Iterable<EndpointSlice>, only?: Set<string>): Map<string, EndpointSlice[]> {
  const out = new Map<string, EndpointSlice[]>();
  // a partial sync looks for a few Services among all slices: check the name before building the key
  const names = only && new Set([...only].map((k) => k.slice(k.indexOf('/') + 1)));
  for (const s of slices) {
    const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc || (names && !names.has(svc))) continue;
    const k = `${s.metadata.namespace ?? 'default'}/${svc}`;
    if (only && !only.has(k)) continue;
    const list = out.get(k);
    if (list) list.push(s);
    else out.set(k, [s]);
  }
  return out;
}
