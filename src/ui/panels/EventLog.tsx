// What happened in the cluster, in kubectl's words (Scheduled, Pulled, Created, Started, Killing,
// SuccessfulCreate, …), newest first; kube-proxy's syncs are the simulator's own records and say so.
// Filter by text, type and object kind; clicking an object selects it on the canvas.
import { useMemo } from 'react';
import type { ClusterEvent } from '../../sim';
import { useStore } from '../../store';
import { ago, selectionIdOf, tSec } from './format';

const MAX_ROWS = 300;

function objectLabel(e: ClusterEvent): string {
  return `${e.object.kind.toLowerCase()}/${e.object.name}`;
}

function ObjectCell({ e }: { e: ClusterEvent }) {
  const id = selectionIdOf(e.object.kind, e.object.namespace, e.object.name);
  const exists = useStore((s) => {
    if (!id) return false;
    if (e.object.kind === 'Pod') return !!s.cluster.objects.pods[`${e.object.namespace}/${e.object.name}`];
    if (e.object.kind === 'Service') return !!s.cluster.objects.services[`${e.object.namespace}/${e.object.name}`];
    return !!s.cluster.objects.nodes[e.object.name];
  });
  const label = objectLabel(e);
  if (!id || !exists) return <span className="mono">{label}</span>;
  const onClick = () => {
    const { select, setShowSystem, showSystem } = useStore.getState();
    // system Pods and Services are only drawn when the canvas shows kube-system
    if (!showSystem && e.object.namespace?.startsWith('kube-') && e.object.kind !== 'Node') setShowSystem(true);
    select(id);
  };
  return (
    <button type="button" className="obj-link mono" onClick={onClick} title={`Select ${label} on the canvas`}>
      {label}
    </button>
  );
}

export function EventLog() {
  const events = useStore((s) => s.cluster.events);
  const now = useStore((s) => Math.floor(s.cluster.now / 1000) * 1000);
  const filter = useStore((s) => s.eventFilter);
  const setEventFilter = useStore((s) => s.setEventFilter);
  const showRules = (node: string) => {
    const { setRulesNode, showPanel } = useStore.getState();
    setRulesNode(node);
    showPanel('rules');
  };
  const kinds = useMemo(() => [...new Set(events.map((e) => e.object.kind))].sort(), [events]);
  const rows = useMemo(() => {
    const t = filter.text.trim().toLowerCase();
    const out: ClusterEvent[] = [];
    for (let i = events.length - 1; i >= 0 && out.length < MAX_ROWS; i--) {
      const e = events[i];
      if (filter.type === 'sim' ? !e.sim : filter.type !== 'all' && (e.type !== filter.type || e.sim)) continue;
      if (filter.kind !== 'all' && e.object.kind !== filter.kind) continue;
      if (
        t &&
        !`${e.reason} ${e.message} ${objectLabel(e)} ${e.object.namespace ?? ''} ${e.source} ${e.host ?? ''}`
          .toLowerCase()
          .includes(t)
      )
        continue;
      out.push(e);
    }
    return out;
  }, [events, filter]);
  return (
    <div className="event-log" data-testid="event-log">
      <div className="panel-toolbar">
        <label className="field compact grow">
          <span className="field-label">Filter</span>
          <input
            type="search"
            value={filter.text}
            onChange={(e) => setEventFilter({ text: e.target.value })}
            placeholder="reason, object, message…"
            aria-label="Filter events"
            data-testid="event-filter"
          />
        </label>
        <label className="field compact">
          <span className="field-label">Type</span>
          <select
            value={filter.type}
            onChange={(e) => setEventFilter({ type: e.target.value as typeof filter.type })}
            aria-label="Event type"
          >
            <option value="all">All</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
            <option value="sim">Simulator (kube-proxy syncs)</option>
          </select>
        </label>
        <label className="field compact">
          <span className="field-label">Kind</span>
          <select
            value={filter.kind}
            onChange={(e) => setEventFilter({ kind: e.target.value })}
            aria-label="Object kind"
          >
            <option value="all">All</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {rows.length === MAX_ROWS ? `newest ${MAX_ROWS}` : `${rows.length} of ${events.length}`}
        </span>
      </div>
      <div className="table-scroll">
        <table className="events-table">
          <thead>
            <tr>
              <th scope="col">LAST SEEN</th>
              <th scope="col">TYPE</th>
              <th scope="col">REASON</th>
              <th scope="col">OBJECT</th>
              <th scope="col">SOURCE</th>
              <th scope="col">MESSAGE</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr
                key={e.id}
                className={e.sim ? 'sim' : e.type === 'Warning' ? 'warning' : undefined}
                data-testid="event-row"
                data-reason={e.reason}
              >
                <td className="mono nowrap" title={ago(now, e.lastAt)}>
                  {tSec(e.lastAt)}
                </td>
                <td>
                  {e.sim ? (
                    <span className="sim-badge" title="the simulator's own record: kubectl get events never shows it">
                      simulator
                    </span>
                  ) : (
                    e.type
                  )}
                </td>
                <td className="reason">
                  {e.reason}
                  {e.count > 1 ? ` (×${e.count})` : ''}
                </td>
                <td>
                  <ObjectCell e={e} />
                  {e.sim && e.reason === 'SyncProxyRules' && e.object.kind === 'Node' && (
                    <button
                      type="button"
                      className="link-btn"
                      onClick={() => showRules(e.object.name)}
                      title={`Open ${e.object.name}'s rules`}
                    >
                      rules
                    </button>
                  )}
                </td>
                <td className="muted nowrap">
                  {e.source}
                  {e.host ? `, ${e.host}` : ''}
                </td>
                <td className="message">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="panel-empty">No events match.</p>}
      </div>
    </div>
  );
}
