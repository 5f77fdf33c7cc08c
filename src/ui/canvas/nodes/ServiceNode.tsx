// A Service: its name, type, ClusterIP, ports (port→targetPort, NodePort), external address, selector.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../../store';
import { serviceColor } from '../pod-status';
import { useSelectKey } from './useSelectKey';
import { endpointCounts } from './derived';
import { setHoverService, useFocusService } from '../focus';
import { manualEndpoints, rolloutLine } from './rollout';

const leave = () => setHoverService(null);

type Data = { key: string };

function useEndpointCounts(key: string): [number, number] {
  return useStore(useShallow((s) => endpointCounts(s.cluster.objects.endpointslices, key)));
}

function ServiceNodeImpl({ id, data }: NodeProps & { data: Data }) {
  const svc = useStore((s) => s.cluster.objects.services[data.key]);
  const selected = useStore((s) => s.selection === id);
  const [ready, notReady] = useEndpointCounts(data.key);
  const onKeyDown = useSelectKey(id);
  const focus = useFocusService();
  const rollout = useStore((s) => rolloutLine(s.cluster.objects.services[data.key], s.cluster.objects.deployments));
  const manual = useStore((s) =>
    manualEndpoints(s.cluster.objects.services[data.key], s.cluster.objects.endpointslices),
  );
  if (!svc) return null;
  const name = svc.metadata.name;
  const type = svc.spec.type ?? 'ClusterIP';
  const ports = svc.spec.ports ?? [];
  const ingress = svc.status.loadBalancer.ingress?.map((i) => i.ip ?? i.hostname).filter(Boolean) ?? [];
  const external = type === 'LoadBalancer' ? (ingress.length ? ingress.join(',') : '<pending>') : null;
  const extIPs = svc.spec.externalIPs ?? [];
  const selector = Object.entries(svc.spec.selector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return (
    <div
      className={`service svc-c${serviceColor(name)}${selected ? ' selected' : ''}${focus === id ? ' lit' : ''}`}
      data-testid="service-card"
      data-service={name}
      role="group"
      aria-label={`Service ${name}, type ${type}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onPointerEnter={(e) => e.pointerType === 'mouse' && setHoverService(id)}
      onPointerLeave={leave}
    >
      <div className="svc-head">
        <span className="svc-icon" aria-hidden="true">
          {'\u25C6'}
        </span>
        <span className="svc-name">{name}</span>
      </div>
      <dl className="svc-fields">
        <dt>
          <span className="svc-type" data-testid="service-type">
            {type}
          </span>
        </dt>
        <dd className="mono svc-ip" data-testid="service-cluster-ip">
          {svc.spec.clusterIP ?? '—'}
        </dd>
        <dt>Ports</dt>
        <dd className="mono" data-testid="service-ports">
          {ports
            .map(
              (p) =>
                `${p.port}\u2192${p.targetPort ?? p.port}${p.nodePort ? ` :${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
            )
            .join(' ')}
        </dd>
        {(external !== null || extIPs.length > 0) && (
          <>
            <dt>External</dt>
            <dd className="mono" data-testid="service-external-ip">
              {[external, ...extIPs].filter((x) => x !== null).join(', ')}
            </dd>
          </>
        )}
        <dt>Selector</dt>
        <dd className="mono">{selector || '<none>'}</dd>
        <dt>Endpoints</dt>
        <dd data-testid="service-endpoints">
          {ready} ready{notReady ? `, ${notReady} not ready` : ''}
        </dd>
        {manual && (
          <>
            <dt>Manual</dt>
            <dd className="mono" data-testid="service-manual-endpoints" title="hand-written endpoints (no selector)">
              {manual}
            </dd>
          </>
        )}
        {rollout && (
          <>
            <dt>Rollout</dt>
            <dd data-testid="service-rollout" title={`Deployment rolling out: ${rollout}`}>
              {rollout}
            </dd>
          </>
        )}
      </dl>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="anchor" />
    </div>
  );
}

export const ServiceNode = memo(ServiceNodeImpl);
