// Many Pods of one lane on one machine, drawn as one card: how many, and how many in each STATUS.
// Opening it draws the lane's Pods one card each (on every machine).
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../../store';
import { podStatus, serviceColor } from '../pod-status';
import { toggleLane, useFocusService } from '../focus';

type Data = { lane: string; keys: string };

function PodGroupImpl({ data }: NodeProps & { data: Data }) {
  const counts = useStore(
    useShallow((s) => {
      const out: Record<string, number> = {};
      for (const k of data.keys.split('\n')) {
        const p = s.cluster.objects.pods[k];
        if (p) out[podStatus(p).text] = (out[podStatus(p).text] ?? 0) + 1;
      }
      return out;
    }),
  );
  const focus = useFocusService();
  const n = data.keys.split('\n').length;
  const names = data.lane ? data.lane.slice(data.lane.indexOf('/') + 1).split('+') : [];
  const ns = data.lane.split('/')[0];
  const mine = focus !== null && names.some((s) => focus === `svc/${ns}/${s}`);
  return (
    <div
      className={`pod pod-group tone-ok${focus === null ? '' : mine ? ` lit svc-c${serviceColor(focus.split('/')[2])}` : ' dim'}`}
      data-testid="pod-group"
      role="group"
      aria-label={`${n} Pods${names.length ? ` of ${names.join(', ')}` : ''}`}
    >
      <div className="group-head">
        <span className="pod-name">{n} Pods</span>
        <button
          type="button"
          className="group-open nodrag"
          onClick={(e) => {
            e.stopPropagation();
            toggleLane(data.lane);
          }}
        >
          Show each Pod
        </button>
      </div>
      <div className="group-counts" data-testid="pod-group-counts">
        {Object.entries(counts)
          .sort((a, b) => b[1] - a[1])
          .map(([st, c]) => `${c} ${st}`)
          .join(' \u00b7 ')}
      </div>
      <div className="pod-svcs">
        {names.length
          ? names.map((s) => (
              <span key={s} className={`svc-tag svc-c${serviceColor(s)}`}>
                {s}
              </span>
            ))
          : 'in no Service'}
      </div>
    </div>
  );
}

export const PodGroup = memo(PodGroupImpl);
