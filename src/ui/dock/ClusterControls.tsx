// Cluster-wide switches: nodes, the cloud controller, chaos, system Pods, scaling, reset.
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import type { ClusterState } from '../../sim';
import { Section } from './Field';
import { ScaleControl } from './ScaleControl';

/**
 * Every external IP a Service lists or a route names, as "IP NODE" ('' for none): strings, so that the
 * shallow comparison of the selector's result sees an unchanged list as unchanged.
 */
function externalAddresses(c: ClusterState): string[] {
  const ips = new Set<string>();
  for (const svc of Object.values(c.objects.services)) for (const ip of svc.spec.externalIPs ?? []) ips.add(ip);
  for (const r of c.settings.externalRoutes) ips.add(r.ip);
  return [...ips].sort().map((ip) => `${ip} ${c.settings.externalRoutes.find((r) => r.ip === ip)?.node ?? ''}`);
}

export function ClusterControls() {
  const cloud = useStore((s) => s.cluster.settings.cloudLoadBalancer);
  const proxyMode = useStore((s) => s.cluster.settings.kubeProxy.mode ?? 'iptables');
  const chaos = useStore((s) => s.chaos.on);
  const showSystem = useStore((s) => s.showSystem);
  const deployments = useStore(
    useShallow((s) => Object.keys(s.cluster.objects.deployments).filter((k) => s.showSystem || !k.startsWith('kube-'))),
  );
  const routes = useStore(useShallow((s) => externalAddresses(s.cluster)));
  const nodes = useStore(useShallow((s) => Object.keys(s.cluster.objects.nodes).sort()));
  const { setExternalRoute } = useStore.getState();
  const { addNode, setCloudLoadBalancer, setChaos, setShowSystem, resetCluster, setProxyMode } = useStore.getState();
  return (
    <Section title="Cluster" id="cluster">
      <div className="toggles">
        <label className="toggle" title="kube-proxy --proxy-mode on every node (kind: networking.kubeProxyMode)">
          <span>kube-proxy mode</span>
          <select
            aria-label="kube-proxy mode"
            value={proxyMode}
            onChange={(e) => setProxyMode(e.target.value as 'iptables' | 'nftables')}
          >
            <option value="iptables">iptables</option>
            <option value="nftables">nftables</option>
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={cloud} onChange={(e) => setCloudLoadBalancer(e.target.checked)} />
          <span>Cloud load-balancer controller</span>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={chaos} onChange={(e) => setChaos(e.target.checked)} />
          <span>Chaos: kill a random Pod every 8 s</span>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={showSystem} onChange={(e) => setShowSystem(e.target.checked)} />
          <span>Show kube-system Pods</span>
        </label>
      </div>
      {routes.length > 0 && (
        <fieldset className="routes" data-testid="external-routes">
          <legend>Administrator&apos;s routes (external IPs)</legend>
          {routes.map((entry) => {
            const [ip, node] = entry.split(' ');
            return (
              <label key={ip} className="route">
                <span className="mono">{ip}</span>
                <select
                  value={node}
                  onChange={(e) => setExternalRoute(ip, e.target.value || null)}
                  aria-label={`Route for ${ip}`}
                >
                  <option value="">not routed</option>
                  {nodes.map((n) => (
                    <option key={n} value={n}>
                      to {n}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </fieldset>
      )}
      {deployments.map((d) => (
        <ScaleControl key={d} dkey={d} />
      ))}
      <div className="actions">
        <button type="button" className="btn" onClick={addNode}>
          Add node
        </button>
        <button type="button" className="btn" onClick={resetCluster}>
          Reset scenario
        </button>
      </div>
    </Section>
  );
}
