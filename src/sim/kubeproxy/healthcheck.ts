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

// (what a sync records for the Service health servers is in ./health-sync: kube-proxy's sync runs it
// in the first view; the answers below are read by the packet tracer and the shell)

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
