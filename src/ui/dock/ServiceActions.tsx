// A selected Service: change its type, add or clear external IPs (with the administrator's route).
import { useState } from 'react';
import { useStore } from '../../store';
import { Select } from './Field';
import { useNodeOptions, type Option } from './options';

const TYPES: Option[] = [
  ['ClusterIP', 'ClusterIP'],
  ['NodePort', 'NodePort'],
  ['LoadBalancer', 'LoadBalancer'],
];

export function ServiceActions({ skey }: { skey: string }) {
  const svc = useStore((s) => s.cluster.objects.services[skey]);
  const spec = useStore((s) => s.spec);
  const cloud = useStore((s) => s.cluster.settings.cloudLoadBalancer);
  const { setServiceType, addExternalIP, clearExternalIPs, setSpec } = useStore.getState();
  const nodes = useNodeOptions();
  const [ip, setIp] = useState('192.0.2.50');
  const [node, setNode] = useState(nodes.find(([n]) => n !== 'master')?.[0] ?? '');
  if (!svc) return <p className="muted">This Service is gone.</p>;
  const [ns, name] = skey.split('/');
  const type = svc.spec.type ?? 'ClusterIP';
  const ext = svc.spec.externalIPs ?? [];
  return (
    <div className="details" data-testid="selection-service">
      <h3 className="details-title">Service {name}</h3>
      <Select
        label="Type"
        value={type}
        options={TYPES}
        testId="service-type-select"
        onChange={(v) => setServiceType(ns, name, v as 'ClusterIP')}
      />
      {type === 'LoadBalancer' && !cloud && (
        <p className="hint">
          No cloud load-balancer controller runs, so EXTERNAL-IP stays &lt;pending&gt;. Turn it on under Cluster.
        </p>
      )}
      <div className="field-label">External IPs</div>
      <p className="mono">{ext.length ? ext.join(', ') : '<none>'}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          addExternalIP(ns, name, ip.trim(), node || null);
        }}
      >
        <input aria-label="New external IP" value={ip} onChange={(e) => setIp(e.target.value)} spellCheck={false} />
        <Select label="route to" value={node} options={nodes} onChange={setNode} testId="route-node" />
        <button type="submit" className="btn">
          Add external IP
        </button>
      </form>
      {ext.length > 0 && (
        <button type="button" className="link-btn" onClick={() => clearExternalIPs(ns, name)}>
          Clear external IPs
        </button>
      )}
      <div className="actions">
        <button
          type="button"
          className="btn"
          onClick={() => setSpec({ ...spec, target: { kind: 'clusterIP', service: skey } })}
        >
          Target this Service
        </button>
      </div>
    </div>
  );
}
