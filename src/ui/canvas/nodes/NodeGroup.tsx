// A machine: a region holding its Pods, with its IP, Pod CIDR and its kube-proxy's sync state.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { isNodeReady, nodeIP } from '../../../sim';
import { useStore } from '../../../store';
import { machineKey } from '../graph';
import { UNSCHEDULED } from '../pod-index';
import { closeGroup } from '../focus';
import { useSelectKey } from './useSelectKey';

/** `open`: a big cluster's machine whose group card was opened (it offers to group its Pods again) */
type Data = { name: string; role: 'control-plane' | 'worker'; open?: boolean };

/** On a big cluster, an opened machine's Pods go back into one card. */
function GroupButton({ name }: { name: string }) {
  return (
    <button
      type="button"
      className="group-open node-group-close nodrag"
      data-testid="group-close"
      onClick={(e) => {
        e.stopPropagation();
        closeGroup(machineKey(name));
      }}
    >
      Group Pods
    </button>
  );
}

const secs = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)}s`;

/** kube-proxy's state as one line: synced n s ago, or stale since t (with when the sync is due). */
function useKubeProxy(name: string): { text: string; stale: boolean } | null {
  return useStore(
    useShallow((s) => {
      const p = s.cluster.proxies[name];
      if (!p) return null;
      const now = s.cluster.now;
      if (p.lastSyncAt === null) return { text: 'not synced yet', stale: true };
      if (p.dirtySince !== null) {
        const due = p.syncDueAt !== null ? `, sync in ${secs(p.syncDueAt - now)}` : '';
        return { text: `stale since t=${secs(p.dirtySince)}${due}`, stale: true };
      }
      // whole seconds: the line changes once a second, not on every tick (with tenths, ten machines'
      // lines were most of the DOM changes per tick on a large cluster); the stale countdown above keeps
      // tenths, where the timing is the lesson
      return { text: `synced ${Math.floor(Math.max(0, now - p.lastSyncAt) / 1000)}s ago`, stale: false };
    }),
  );
}

function NodeGroupImpl({ id, data }: NodeProps & { data: Data }) {
  const node = useStore((s) => s.cluster.objects.nodes[data.name]);
  const selected = useStore((s) => s.selection === id);
  const kp = useKubeProxy(data.name);
  const onKeyDown = useSelectKey(id);
  if (data.name === UNSCHEDULED) {
    return (
      <div className="k8snode unscheduled" aria-label="Pods not scheduled to any node">
        <div className="node-head">
          <span className="node-name">Not scheduled</span>
          <span className="node-meta">Pending: no node can take these Pods</span>
          {data.open && <GroupButton name={data.name} />}
        </div>
      </div>
    );
  }
  if (!node) return null;
  const ready = isNodeReady(node);
  const cordoned = !!node.spec.unschedulable;
  return (
    <div
      className={`k8snode role-${data.role}${selected ? ' selected' : ''}`}
      data-testid="node-region"
      data-node={data.name}
      role="group"
      aria-label={`Node ${data.name}, ${nodeIP(node)}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="anchor" style={{ left: 48 }} />
      <div className="node-head">
        <span className="node-icon" aria-hidden="true">
          {data.role === 'control-plane' ? '\u2691' : '\u25A3'}
        </span>
        <span className="node-name">{data.name}</span>
        <span className={`node-state ${ready ? 'ok' : 'bad'}`}>
          {ready ? 'Ready' : 'NotReady'}
          {cordoned ? ',SchedulingDisabled' : ''}
        </span>
        {data.open && <GroupButton name={data.name} />}
      </div>
      <div className="node-meta">
        <span className="mono node-ip" data-testid="node-ip">
          {nodeIP(node)}
        </span>{' '}
        · {data.role === 'control-plane' ? 'control plane' : 'worker'} · Pods{' '}
        <span className="mono">{node.spec.podCIDR}</span>
      </div>
      <div className={`kube-proxy ${kp?.stale ? 'stale' : 'synced'}`} data-testid="kube-proxy" title={kp?.text}>
        <span className="kp-icon" aria-hidden="true">
          {kp?.stale ? '\u26A0' : '\u21BB'}
        </span>
        <span className="kp-name">kube-proxy</span>
        <span className="kp-state">{kp ? kp.text : 'not running'}</span>
      </div>
    </div>
  );
}

export const NodeGroup = memo(NodeGroupImpl);
