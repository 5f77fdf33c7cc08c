import { memo, useCallback, type KeyboardEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../../store';
import { HIDDEN_LABELS, podReady, podStatus, serviceColor, stripe } from '../pod-status';
import { servicesOf } from './derived';
import { useFocusService } from '../focus';
import { shownCount } from '../../../store/requests-slice';
import { podRevisionOf } from './rollout';

type Data = { key: string; client?: boolean };

/** The Services (name and colour) whose selector matches this Pod. */
function useServicesOf(key: string) {
  return useStore(useShallow((s) => servicesOf(s.cluster.objects.services, s.cluster.objects.pods[key])));
}

function PodNodeImpl({ id, data }: NodeProps & { data: Data }) {
  const pod = useStore((s) => s.cluster.objects.pods[data.key]);
  // counted when the packet gets there, not when it is sent
  const count = useStore((s) => shownCount(s, data.key));
  const selected = useStore((s) => s.selection === id);
  const services = useServicesOf(data.key);
  const rev = useStore(
    useShallow((s) =>
      podRevisionOf(s.cluster.objects.pods[data.key], s.cluster.objects.replicasets, s.cluster.objects.deployments),
    ),
  );
  const focus = useFocusService();
  const select = useStore((s) => s.select);
  const kill = useStore((s) => s.killPod);
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (!pod) return;
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        kill(pod.metadata.namespace!, pod.metadata.name);
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select(id);
      }
    },
    [pod, kill, select, id],
  );
  if (!pod) return null;
  const st = podStatus(pod);
  const ready = podReady(pod);
  const labels = Object.entries(pod.metadata.labels ?? {}).filter(([k]) => !HIDDEN_LABELS.has(k));
  const name = pod.metadata.name;
  // a Service in focus: its Pods stand out in its colour, every other Pod dims
  const ns = pod.metadata.namespace ?? 'default';
  const mine = focus !== null && focus.startsWith(`svc/${ns}/`) && services.includes(focus.slice(5 + ns.length));
  const lit = focus === null ? '' : mine ? ` lit svc-c${serviceColor(focus.slice(5 + ns.length))}` : ' dim';
  return (
    <div
      className={`pod tone-${st.tone}${selected ? ' selected' : ''}${data.client ? ' client-pod' : ''}${lit}`}
      tabIndex={0}
      role="group"
      aria-label={`Pod ${name}, ${st.text}, ${ready ? 'ready' : 'not ready'}, IP ${pod.status.podIP ?? 'none'}`}
      data-testid="pod-card"
      data-pod={name}
      data-status={st.text}
      onKeyDown={onKeyDown}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="anchor" />
      {services.length > 0 && (
        <div className="pod-stripe" data-testid="pod-stripe" style={{ background: stripe(services) }} />
      )}
      <div className="pod-name" title={name}>
        {name}
      </div>
      {/* the IP is short: its row has room for the ReplicaSet revision, which the status row has not */}
      <div className="pod-ip-row">
        <div className="pod-ip mono" data-testid="pod-ip">
          {pod.status.podIP ?? '—'}
        </div>
        {/* a client Pod's tag too: on the status row it pushed "in no Service" off the card */}
        {data.client && <span className="client-tag">client</span>}
        {rev && (
          <span
            className={`pod-rev ${rev.current ? 'current' : 'old'}`}
            data-testid="pod-revision"
            data-current={rev.current}
            title={`ReplicaSet revision ${rev.revision} (pod-template-hash ${rev.hash})${rev.current ? '' : ': an older template, being replaced'}`}
          >
            rev {rev.revision}
          </span>
        )}
      </div>
      <div className="chips">
        {labels.map(([k, v]) => {
          const svc = services.find((n) => {
            const sel = useStore.getState().cluster.objects.services[`${pod.metadata.namespace}/${n}`]?.spec.selector;
            return sel?.[k] === v;
          });
          return (
            <span key={k} className={`chip${svc ? ` svc-c${serviceColor(svc)}` : ''}`}>
              {k}={v}
            </span>
          );
        })}
      </div>
      <div className="pod-top">
        <span className={`status-badge tone-${st.tone}`} data-testid="pod-status">
          <StatusIcon tone={st.tone} />
          {st.text}
        </span>
        <span
          className={`ready ${ready ? 'yes' : 'no'}`}
          title={ready ? 'Ready: in its Services\u2019 endpoints' : 'Not ready: no traffic from Services'}
        >
          {ready ? '\u2713' : '\u25CB Not ready'}
        </span>
        <span className="pod-svcs" data-testid="pod-services">
          {services.length
            ? services.map((n) => (
                <span key={n} className={`svc-tag svc-c${serviceColor(n)}`}>
                  {n}
                </span>
              ))
            : 'in no Service'}
        </span>
        {count > 0 && (
          <span className="pod-count" data-testid="pod-count" title="requests delivered to this Pod">
            {count}
          </span>
        )}
      </div>
    </div>
  );
}

function StatusIcon({ tone }: { tone: string }) {
  // shape, not only colour: filled circle = running, half = waiting, cross = failed, ring = going away
  const d = { ok: '\u25CF', wait: '\u25D0', bad: '\u2716', gone: '\u25CC' }[tone] ?? '\u25CF';
  return (
    <span aria-hidden="true" className="status-icon">
      {d}
    </span>
  );
}

export const PodNode = memo(PodNodeImpl);
