// When each node's kube-proxy syncs: its informer sees a change after a small per-node watch delay, and
// the BoundedFrequencyRunner runs syncProxyRules no more often than minSyncPeriod. Between the change and
// the sync, the node's rules are stale: a learner can send a request into that stale interval.
import type { ClusterState } from '../model/state';
import { emit } from '../model/events';
import { emptyProxyState, proxyNeedsSync, syncProxy } from './sync';
import { isNodeReady } from '../model/facts';

/** A stable per-node factor in [0.5, 1.5) so nodes sync at visibly different moments. */
export function watchDelay(s: ClusterState, node: string): number {
  let h = 0;
  for (const ch of node) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return Math.round(s.settings.kubeProxy.watchDelayMs * (0.5 + (h % 1000) / 1000));
}

export function scheduleProxies(s: ClusterState): void {
  for (const name of Object.keys(s.proxies)) if (!s.objects.nodes[name]) delete s.proxies[name];
  for (const node of Object.values(s.objects.nodes)) {
    const name = node.metadata.name;
    if (!isNodeReady(node)) continue;
    let p = s.proxies[name];
    if (!p) p = s.proxies[name] = emptyProxyState(name);
    if (!proxyNeedsSync(s, name)) continue;
    if (p.dirtySince === null) {
      p.dirtySince = s.now;
      const seen = s.now + (p.lastSyncAt === null ? 0 : watchDelay(s, name));
      p.syncDueAt = p.lastSyncAt === null ? seen : Math.max(seen, p.lastSyncAt + s.settings.kubeProxy.minSyncPeriodMs);
    }
    if (p.syncDueAt !== null && s.now >= p.syncDueAt) {
      const before = p.syncCount;
      syncProxy(s, name);
      const d = s.proxies[name].lastDiff;
      if (s.proxies[name].syncCount !== before && d && (d.added.length || d.removed.length)) {
        emit(s, {
          reason: 'SyncProxyRules',
          message: `kube-proxy on ${name} synced ${s.proxies[name].mode === 'nftables' ? 'nftables' : 'iptables'} rules: +${d.added.length} -${d.removed.length}`,
          object: { kind: 'Node', name },
          source: 'kube-proxy',
          host: name,
          sim: true,
        });
      }
    }
  }
}

export function proxyWake(s: ClusterState): number | null {
  let w: number | null = null;
  for (const p of Object.values(s.proxies))
    if (p.syncDueAt !== null && (w === null || p.syncDueAt < w)) w = p.syncDueAt;
  return w;
}
