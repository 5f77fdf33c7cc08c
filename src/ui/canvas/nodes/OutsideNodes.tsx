// Things outside the cluster that only some scenarios have: a cloud load balancer, an administrator's
// route (loaded when first drawn; the external client is in ClientNode.tsx).
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { nodeIP } from '../../../sim';
import { useStore } from '../../../store';

function LbNodeImpl({ id, data }: NodeProps & { data: { ip: string; service: string } }) {
  const svc = useStore((s) => s.cluster.objects.services[data.service]);
  const selected = useStore((s) => s.selection === id);
  const p = svc?.spec.ports?.[0];
  return (
    <div
      className={`outside lb${selected ? ' selected' : ''}`}
      data-testid="lb-card"
      role="group"
      aria-label={`Cloud load balancer ${data.ip}`}
      tabIndex={0}
    >
      <div className="out-head">
        <span aria-hidden="true" className="out-icon">
          {'\u2696'}
        </span>{' '}
        Cloud load balancer
      </div>
      <div className="mono out-ip" data-testid="lb-ip">
        {data.ip}
      </div>
      <div className="out-note">
        for {data.service.split('/')[1]}
        {p ? ` · :${p.port} → NodePort ${p.nodePort ?? '—'}` : ''}
      </div>
    </div>
  );
}

function RouteNodeImpl({ data }: NodeProps & { data: { ip: string; node: string } }) {
  const ip = useStore((s) => {
    const n = s.cluster.objects.nodes[data.node];
    return n ? nodeIP(n) : '';
  });
  return (
    <div
      className="outside route"
      data-testid="route-card"
      role="group"
      aria-label={`Route for external IP ${data.ip} to ${data.node}`}
    >
      <div className="out-head">
        <span aria-hidden="true" className="out-icon">
          {'\u21C9'}
        </span>{' '}
        ExternalIP route
      </div>
      <div className="mono out-ip">{data.ip}</div>
      <div className="out-note">
        → {data.node} <span className="mono">{ip}</span> (set up by the admin)
      </div>
    </div>
  );
}

export const LbNode = memo(LbNodeImpl);
export const RouteNode = memo(RouteNodeImpl);
