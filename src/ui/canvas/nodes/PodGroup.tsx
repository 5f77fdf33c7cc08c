// Many Pods drawn as one card: those of one lane on one machine, or (on a big cluster) all of a
// machine's Pods. It says how many, how many in each STATUS and their Services. Opening it draws its
// Pods one card each (a lane's on every machine); a group too large for the canvas's card budget says
// so instead of offering to open.
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { serviceColor } from '../pod-status';
import { openGroups, useFocusService } from '../focus';
import { UNSCHEDULED } from '../pod-index';

type Data = {
  /** the machine whose Pods these are, when the card stands for a whole machine; else '' */
  machine: string;
  /** how many Pods */
  count: number;
  /** how many in each STATUS, the most first ("106 Running · 3 Pending") */
  counts: string;
  /** the Services (svc/ns/name) of these Pods, one a line */
  services: string;
  /** what opening the card opens (lanes, machine keys), one a line */
  opens: string;
  canOpen: boolean;
};

/** Service tags a machine's card shows; more are counted (a lane's card shows its own Services) */
const TAGS = 1;

function PodGroupImpl({ data }: NodeProps & { data: Data }) {
  const focus = useFocusService();
  const n = data.count;
  const services = data.services ? data.services.split('\n') : [];
  const names = services.map((s) => s.slice(s.lastIndexOf('/') + 1));
  const mine = focus !== null && services.includes(focus);
  const tags = data.machine && names.length > TAGS ? TAGS : names.length;
  const where = data.machine === UNSCHEDULED ? ' not scheduled' : data.machine ? ` on ${data.machine}` : '';
  const fmt = (x: number) => x.toLocaleString('en-US');
  return (
    <div
      className={`pod pod-group tone-ok${focus === null ? '' : mine ? ` lit svc-c${serviceColor(focus.split('/')[2])}` : ' dim'}`}
      data-testid="pod-group"
      data-machine={data.machine || undefined}
      role="group"
      aria-label={`${fmt(n)} Pods${where}${names.length ? ` of ${tags < names.length ? `${fmt(names.length)} Services` : names.join(', ')}` : ''}`}
    >
      <div className="group-head">
        <span className="pod-name">{fmt(n)} Pods</span>
        {data.canOpen ? (
          <button
            type="button"
            className="group-open nodrag"
            onClick={(e) => {
              e.stopPropagation();
              openGroups(data.opens.split('\n'));
            }}
          >
            Show each Pod
          </button>
        ) : (
          <span className="group-full" title="More Pods than the canvas draws one by one: kubectl get pods lists them">
            too many to draw
          </span>
        )}
      </div>
      <div className="group-counts" data-testid="pod-group-counts">
        {data.counts}
      </div>
      <div className="pod-svcs">
        {names.length
          ? names.slice(0, tags).map((s) => (
              <span key={s} className={`svc-tag svc-c${serviceColor(s)}`}>
                {s}
              </span>
            ))
          : 'in no Service'}
        {tags < names.length && <span className="group-more">+{fmt(names.length - tags)} more</span>}
      </div>
    </div>
  );
}

export const PodGroup = memo(PodGroupImpl);
