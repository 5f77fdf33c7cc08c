// kube-proxy's Service health servers after a sync (see ./healthcheck for the servers themselves).
import type { ClusterState } from '../model/state';
import type { EndpointSlice } from '../model/types';
import { servicePorts } from './endpoints';
import { plain } from './plain';
import type { ServiceHealthCheck } from './healthcheck';

/**
 * After a sync: the health-check listeners and counts this node's kube-proxy now serves (the proxier's
 * SyncServices + SyncEndpoints). Kept on the ProxyState, so the answers lag the API by the sync delay.
 */
export function syncServiceHealth(state: ClusterState, node: string): void {
  const proxy = state.proxies[node];
  if (!proxy) return;
  const next: Record<string, ServiceHealthCheck> = {};
  // (read through the plain objects: an immer draft would make a proxy for every Service it is asked for)
  const needing = Object.values(plain(state.objects.services)).filter(
    (svc) => svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local',
  );
  if (!needing.length) {
    if (proxy.health && Object.keys(proxy.health).length) proxy.health = next;
    return;
  }
  const slicesOf = new Map<string, EndpointSlice[]>();
  for (const sl of Object.values(plain(state.objects.endpointslices))) {
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
