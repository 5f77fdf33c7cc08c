// kube-proxy's two health servers (kubernetes pkg/proxy/healthcheck, v1.34):
// - service_health.go: for each Service that needs a health check (type LoadBalancer with
//   externalTrafficPolicy Local, so it has spec.healthCheckNodePort) a listener on that port, answering
//   200 when this node has local ready endpoints and kube-proxy is healthy, else 503. The proxier feeds it
//   after every sync: SyncServices(svcPortMap.HealthCheckNodePorts()) and
//   SyncEndpoints(endpointsMap.LocalReadyEndpoints()), which counts distinct local ready endpoint IPs.
// - proxy_health.go: /healthz and /livez on --healthz-bind-address (0.0.0.0:10256), healthy unless an
//   update has been queued (QueuedUpdate) longer than healthTimeout without a sync (Updated);
//   /healthz also reports whether the node is eligible (not deleted, no ToBeDeletedByClusterAutoscaler taint).
import type { ClusterState } from '../model/state';
import type { EndpointSlice } from '../model/types';
import { servicePorts } from './endpoints';

/** cmd/kube-proxy/app/server.go: NewProxyHealthServer(addr, 2*config.SyncPeriod); SyncPeriod defaults to 30s */
export const HEALTH_TIMEOUT_MS = 2 * 30_000;
/** proxy_health.go ToBeDeletedTaint */
const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';

export interface ServiceHealthCheck {
  /** the Service's spec.healthCheckNodePort */
  port: number;
  /** LocalReadyEndpoints: distinct ready endpoint IPs on this node */
  localEndpoints: number;
}

/**
 * After a sync: the health-check listeners and counts this node's kube-proxy now serves (the proxier's
 * SyncServices + SyncEndpoints). Kept on the ProxyState, so the answers lag the API by the sync delay.
 */
export function syncServiceHealth(state: ClusterState, node: string): void {
  const proxy = state.proxies[node];
  if (!proxy) return;
  const next: Record<string, ServiceHealthCheck> = {};
  const needing = Object.values(state.objects.services).filter(
    (svc) => svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local',
  );
  if (!needing.length) {
    if (proxy.health && Object.keys(proxy.health).length) proxy.health = next;
    return;
  }
  const slicesOf = new Map<string, EndpointSlice[]>();
  for (const sl of Object.values(state.objects.endpointslices)) {
    const name = sl.metadata.labels?.['kubernetes.io/service-name'];
    if (!name) continue;
    const k = `${sl.metadata.namespace ?? 'default'}/${name}`;
    const list = slicesOf.get(k);
    if (list) list.push(sl);
    else slicesOf.set(k, [sl]);
  }
  for (const svc of needing) {
    const k = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
    const ports = servicePorts(svc, slicesOf.get(k) ?? [], node);
    const port = ports.find((p) => p.healthCheckNodePort !== 0)?.healthCheckNodePort;
    if (!port) continue;
    const ips = new Set<string>();
    for (const p of ports) for (const e of p.endpoints) if (e.local && e.ready) ips.add(e.ip);
    next[k] = { port, localEndpoints: ips.size };
  }
  proxy.health = next;
}

/** The Service whose health check listens on this node's port, with its count, or null when none does. */
export function serviceHealthOnPort(
  state: ClusterState,
  node: string,
  port: number,
): { namespace: string; name: string; localEndpoints: number } | null {
  const health = state.proxies[node]?.health ?? {};
  for (const [k, hc] of Object.entries(health)) {
    if (hc.port !== port) continue;
    const [namespace, name] = k.split('/');
    return { namespace, name, localEndpoints: hc.localEndpoints };
  }
  return null;
}

/**
 * ProxyHealthServer.isHealthy: healthy while starting up or fully synced, or while the oldest queued
 * update is younger than healthTimeout. lastUpdated is the last sync (null: never synced, Go's zero time).
 */
export function proxyHealth(state: ClusterState, node: string): { healthy: boolean; lastUpdated: number | null } {
  const p = state.proxies[node];
  if (!p || p.lastSyncAt === null) return { healthy: true, lastUpdated: null };
  const late = p.dirtySince !== null && state.now - p.dirtySince >= HEALTH_TIMEOUT_MS;
  return { healthy: !late, lastUpdated: p.lastSyncAt };
}

/** ProxyHealthServer.SyncNode: not deleted and not tainted ToBeDeletedByClusterAutoscaler. */
export function nodeEligible(state: ClusterState, node: string): boolean {
  const n = state.objects.nodes[node];
  if (!n || n.metadata.deletionTimestamp !== undefined) return false;
  return !(n.spec.taints ?? []).some((t) => t.key === TO_BE_DELETED_TAINT);
}

/**
 * What a cloud load balancer's probe of this node learns for a Service: the health-check node port's
 * status for a Local Service (hcHandler.ServeHTTP: 200 iff localEndpoints != 0 and kube-proxy is
 * healthy), kube-proxy's /healthz otherwise (healthzHandler: healthy and node eligible).
 */
export function nodePassesHealthCheck(state: ClusterState, node: string, svcKey: string, local: boolean): boolean {
  if (local) {
    const hc = state.proxies[node]?.health?.[svcKey];
    return !!hc && hc.localEndpoints !== 0 && proxyHealth(state, node).healthy;
  }
  return proxyHealth(state, node).healthy && nodeEligible(state, node);
}
