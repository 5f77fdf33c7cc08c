import { memo, useCallback, type KeyboardEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../../store';
import { shownCount } from '../../../store/requests-slice';
import { HIDDEN_LABELS, podReady, podStatus, serviceColor } from '../pod-status';
import { servicesOf } from './derived';

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
  const selectorKeys = new Map<string, number>();
  for (const name of services) selectorKeys.set(name, serviceColor(name));
  const labels = Object.entries(pod.metadata.labels ?? {}).filter(([k]) => !HIDDEN_LABELS.has(k));
  const name = pod.metadata.name;
  return (
    <div
      className={`pod tone-${st.tone}${selected ? ' selected' : ''}${data.client ? ' client-pod' : ''}`}
      tabIndex={0}
      role="group"
      aria-label={`Pod ${name}, ${st.text}, ${ready ? 'ready' : 'not ready'}, IP ${pod.status.podIP ?? 'none'}`}
      data-testid="pod-card"
      data-pod={name}
      data-status={st.text}
      onKeyDown={onKeyDown}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="anchor" />
      <div className="pod-top">
        <span className={`status-badge tone-${st.tone}`} data-testid="pod-status">
          <StatusIcon tone={st.tone} />
          {st.text}
        </span>
        <span
          className={`ready ${ready ? 'yes' : 'no'}`}
          title={ready ? 'Ready: in its Services\u2019 endpoints' : 'Not ready: no traffic from Services'}
        >
          {ready ? '\u2713 Ready' : '\u25CB Not ready'}
        </span>
        {count > 0 && (
          <span className="pod-count" data-testid="pod-count" title="requests delivered to this Pod">
            {count}
          </span>
        )}
      </div>
      <div className="pod-name" title={name}>
        {data.client && <span className="client-tag">client</span>}
        {name}
      </div>
      <div className="pod-ip mono" data-testid="pod-ip">
        {pod.status.podIP ?? '—'}
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
      <div className="pod-svcs" data-testid="pod-services">
        {services.length ? `\u2190 ${services.join(', ')}` : 'in no Service'}
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
