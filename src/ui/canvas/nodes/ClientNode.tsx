// The external client: the machine outside the cluster that requests come from.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useStore } from '../../../store';
import { MonitorIcon } from '../../icons';

function ClientNodeImpl({ id }: NodeProps) {
  const client = useStore((s) => s.cluster.settings.client);
  const selected = useStore((s) => s.selection === id);
  return (
    <div
      className={`outside client${selected ? ' selected' : ''}`}
      data-testid="client-card"
      role="group"
      aria-label={`External client ${client.ip}`}
      tabIndex={0}
    >
      <div className="out-head">
        <span className="out-icon">
          <MonitorIcon />
        </span>{' '}
        External client
      </div>
      <div className="mono out-ip">{client.ip}</div>
      <div className="out-note">outside the cluster</div>
      <Handle type="source" position={Position.Right} isConnectable={false} className="anchor" />
    </div>
  );
}

export const ClientNode = memo(ClientNodeImpl);
