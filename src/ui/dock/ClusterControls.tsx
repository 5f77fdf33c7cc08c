// Cluster-wide switches: nodes, the cloud controller, chaos, system Pods, scaling, reset.
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { Section } from './Field';
import { ScaleControl } from './ScaleControl';

export function ClusterControls() {
  const cloud = useStore((s) => s.cluster.settings.cloudLoadBalancer);
  const proxyMode = useStore((s) => s.cluster.settings.kubeProxy.mode ?? 'iptables');
  const chaos = useStore((s) => s.chaos.on);
  const showSystem = useStore((s) => s.showSystem);
  const deployments = useStore(
    useShallow((s) => Object.keys(s.cluster.objects.deployments).filter((k) => s.showSystem || !k.startsWith('kube-'))),
  );
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
