// kube-proxy's rules on one node: when it last synced (or since when it is stale), what the last sync
// added and removed, and its nat and filter tables grouped by chain, with the selected request's path
// through them numbered.
import { useMemo, useState } from 'react';
import type { TableName } from '../../../sim';
import { useStore } from '../../../store';
import { useSelectedRequest } from '../useSelectedRequest';
import { ago, tSec } from '../format';
import { chainViews, pathSteps, type PathStep } from './rules-model';
import { ChainList, type Reveal } from './ChainList';
import { SyncDiff } from './SyncDiff';
import { ModeCompare, NftTableView } from './NftRules';

/** The node to show: the user's choice, else where the inspected hop is, the selected node, the path's first node. */
function useNode(): string | null {
  const chosen = useStore((s) => s.rulesNode);
  const rec = useSelectedRequest();
  const inspectedPlace = useStore((s) => {
    const r = s.inspected && s.requests.find((x) => x.id === s.inspected!.requestId);
    return r?.trace?.hops[s.inspected!.hop]?.place ?? null;
  });
  const selection = useStore((s) => s.selection);
  const nodes = useStore((s) => Object.keys(s.cluster.objects.nodes).join(','));
  const list = nodes ? nodes.split(',') : [];
  if (chosen && list.includes(chosen)) return chosen;
  for (const p of [inspectedPlace, selection, ...(rec?.trace?.path ?? [])]) {
    if (p?.startsWith('node/') && list.includes(p.slice(5))) return p.slice(5);
  }
  return list.find((n) => n.startsWith('worker')) ?? list[0] ?? null;
}

function SyncStatus({ node }: { node: string }) {
  const now = useStore((s) => Math.floor(s.cluster.now / 100) * 100);
  const p = useStore((s) => s.cluster.proxies[node]);
  if (!p)
    return (
      <p className="sync-line warn" data-testid="rules-sync">
        kube-proxy has not started on {node}.
      </p>
    );
  return (
    <p
      className={`sync-line${p.dirtySince !== null ? ' warn' : ''}`}
      data-testid="rules-sync"
      data-synced-at={p.lastSyncAt ?? ''}
    >
      {p.lastSyncAt === null ? (
        <span>Never synced.</span>
      ) : (
        <span>
          Last synced <strong>{tSec(p.lastSyncAt)}</strong> ({ago(now, p.lastSyncAt)}) · sync #{p.syncCount}
        </span>
      )}
      {p.dirtySince !== null && (
        <span className="stale" data-testid="rules-stale">
          {' '}
          ⚠ stale since {tSec(p.dirtySince)}: a Service or EndpointSlice changed and this node has not synced yet
          {p.syncDueAt !== null ? ` (next sync due ${tSec(p.syncDueAt)})` : ''}.
        </span>
      )}
    </p>
  );
}

export function RulesView() {
  const node = useNode();
  const nodeNames = useStore((s) => Object.keys(s.cluster.objects.nodes).join(','));
  const setRulesNode = useStore((s) => s.setRulesNode);
  const tables = useStore((s) => (node ? s.cluster.proxies[node]?.tables : undefined));
  const rec = useSelectedRequest();
  const [table, setTable] = useState<TableName>('nat');
  const [filter, setFilter] = useState('');
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [pane, setPane] = useState<'rules' | 'compare'>('rules');
  const nftMode = useStore((s) => !!(node && s.cluster.proxies[node]?.nft));
  const steps = useMemo(() => (node ? pathSteps(rec?.trace, node) : []), [rec, node]);
  const view = useMemo(() => (tables ? chainViews(tables[table], steps) : null), [tables, table, steps]);
  if (!node) return <div className="panel-empty">No nodes.</div>;
  const onPath = (st: PathStep) => {
    setTable(st.table);
    setReveal({ chain: st.chain, line: st.line, seq: (reveal?.seq ?? 0) + 1 });
  };
  return (
    <div className="rules-view" data-testid="rules-view" data-node={node}>
      <div className="panel-toolbar">
        <label className="field compact">
          <span className="field-label">Node</span>
          <select value={node} onChange={(e) => setRulesNode(e.target.value)} data-testid="rules-node">
            {nodeNames
              .split(',')
              .filter(Boolean)
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
        </label>
        <div className="seg" role="group" aria-label="View">
          {(['rules', 'compare'] as const).map((p) => (
            <button
              key={p}
              type="button"
              className={`seg-btn${p === pane ? ' on' : ''}`}
              aria-pressed={p === pane}
              onClick={() => setPane(p)}
            >
              {p === 'rules' ? (nftMode ? 'nftables' : 'iptables') : 'Compare modes'}
            </button>
          ))}
        </div>
        {!nftMode && pane === 'rules' && (
          <div className="seg" role="group" aria-label="Table">
            {(['nat', 'filter'] as const).map((t) => (
              <button
                key={t}
                type="button"
                className={`seg-btn${t === table ? ' on' : ''}`}
                aria-pressed={t === table}
                onClick={() => setTable(t)}
              >
                {t}
              </button>
            ))}
          </div>
        )}
        <label className="field compact grow">
          <span className="field-label">Filter</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="e.g. frontend-svc or KUBE-SEP"
            aria-label="Filter rules"
          />
        </label>
      </div>
      <div className="rules-grid">
        <div className="rules-main">
          {pane === 'compare' ? (
            <ModeCompare node={node} />
          ) : nftMode ? (
            <NftTableView node={node} filter={filter} />
          ) : (
            view && <ChainList key={`${node}/${table}`} chains={view.chains} filter={filter} reveal={reveal} />
          )}
        </div>
        <aside className="rules-side" aria-label={`kube-proxy on ${node}`}>
          <SyncStatus node={node} />
          {rec?.trace && (
            <div className="path-box">
              <p className="path-line">
                {nftMode
                  ? `Request #${rec.id} (${rec.from} → ${rec.to}) on ${node}: the rules and map elements it used are numbered in the table.`
                  : steps.length
                    ? `Request #${rec.id} (${rec.from} → ${rec.to}) on ${node}, rule by rule:`
                    : `Request #${rec.id} met no rules on ${node}.`}
                {view && view.stale > 0 && (
                  <span className="stale">
                    {' '}
                    {view.stale} of them have changed since (a later sync rewrote the chain).
                  </span>
                )}
              </p>
              {steps.length > 0 && (
                <ol className="path-steps" data-testid="path-steps">
                  {steps.map((st) => (
                    <li key={st.step}>
                      <button
                        type="button"
                        className={`path-step${st.passed ? ' passed' : ''}`}
                        onClick={() => onPath(st)}
                        title={st.rule}
                      >
                        <span className={`step-badge${st.passed ? ' passed' : ''}`}>{st.step}</span>
                        <span className="mono">
                          {st.table === table ? '' : `${st.table} `}
                          {st.chain}
                        </span>
                        <span className="muted">
                          :{st.line}
                          {st.passed ? ' passed' : ''}
                        </span>
                      </button>
                    </li>
                  ))}
                </ol>
              )}
            </div>
          )}
          <SyncDiff node={node} />
        </aside>
      </div>
    </div>
  );
}
