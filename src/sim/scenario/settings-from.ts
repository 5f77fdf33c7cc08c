// A scenario's cluster settings from its Cluster and Playground documents (the kit's loader reads them).
import type { ClusterSettings, NodeSpecSetting } from '../model/state';
import { DEFAULT_SETTINGS } from '../cluster';
import type { ClusterDoc, PlaygroundDoc } from './manifest';

export function settingsFrom(
  cluster?: ClusterDoc,
  pg?: PlaygroundDoc,
  base: ClusterSettings = DEFAULT_SETTINGS,
): ClusterSettings {
  const out: ClusterSettings = { ...base, kubeProxy: { ...base.kubeProxy } };
  if (cluster?.nodes?.length) {
    const cps = cluster.nodes.filter((n) => (n.role ?? 'control-plane') === 'control-plane').length;
    let w = 0,
      c = 0;
    out.nodes = cluster.nodes.map((n): NodeSpecSetting => {
      const role = n.role === 'worker' ? 'worker' : 'control-plane';
      if (role === 'worker') return { name: `worker${++w}`, role };
      c++;
      return { name: cps > 1 ? `master${c}` : 'master', role };
    });
  }
  if (cluster?.networking?.podSubnet) out.podSubnet = cluster.networking.podSubnet;
  if (cluster?.networking?.serviceSubnet) out.serviceSubnet = cluster.networking.serviceSubnet;
  const mode = cluster?.networking?.kubeProxyMode ?? pg?.spec?.kubeProxyMode;
  if (mode === 'iptables' || mode === 'nftables') out.kubeProxy.mode = mode;
  const sp = pg?.spec ?? {};
  if (typeof sp.seed === 'number') out.seed = sp.seed;
  if (typeof sp.cloudLoadBalancer === 'boolean') out.cloudLoadBalancer = sp.cloudLoadBalancer;
  if (Array.isArray(sp.externalRoutes))
    out.externalRoutes = (sp.externalRoutes as { ip: string; node: string }[]).filter(
      (r) => r && typeof r.ip === 'string' && typeof r.node === 'string',
    );
  if (typeof sp.minSyncPeriodMs === 'number') out.kubeProxy.minSyncPeriodMs = sp.minSyncPeriodMs;
  if (Array.isArray(sp.nodes))
    out.nodes = (sp.nodes as NodeSpecSetting[]).filter((n) => n && typeof n.name === 'string');
  return out;
}
