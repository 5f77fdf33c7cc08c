// A Service's line to a Pod it selects, routed through the gutters of the layout (graph.ts gives the
// track under the top row, the gap beside the machine and the gutter above the Pod's row), so it never
// runs behind a card (a Service in the side column starts from its card's left edge, facing the
// machines). It ends on the Pod from above, wherever the Pod is.
import { memo } from 'react';
import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { useFocusService } from './focus';

type Data = {
  svc: string;
  busY: number;
  laneX: number;
  gutterY: number;
  dropY?: number;
  sideX?: number;
  /** a Service in the side column: the line leaves its card's left edge here, straight into the gutter */
  left?: { x: number; y: number };
};

function MemberEdgeImpl({ id, sourceX, sourceY, targetX, targetY, data, label }: EdgeProps & { data?: Data }) {
  const focus = useFocusService();
  if (!data) return null;
  const { busY, laneX, gutterY, dropY, sideX, left } = data;
  const start = left && sideX !== undefined ? `M${left.x},${left.y}H${sideX}` : `M${sourceX},${sourceY}`;
  const round = !left && dropY !== undefined && sideX !== undefined ? `V${dropY}H${sideX}` : '';
  const path = `${start}${round}V${busY}H${laneX}V${gutterY}H${targetX}V${targetY}`;
  const state = focus === null ? undefined : focus === data.svc ? 'lit' : 'dim';
  return (
    <g className={state ? `member ${state}` : 'member'} data-svc={data.svc}>
      <BaseEdge
        id={id}
        path={path}
        label={label}
        // a label (an administrator's route) sits on the line's run along the track
        labelX={((sideX ?? sourceX) + laneX) / 2}
        labelY={busY}
      />
    </g>
  );
}

export const MemberEdge = memo(MemberEdgeImpl);
export const edgeTypes = { member: MemberEdge };
