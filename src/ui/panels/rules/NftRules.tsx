// kube-proxy's nftables mode in the rules view: the node's `table ip kube-proxy` as `nft list` prints
// it (each set, map and chain a block, the selected request's rules and map elements marked), one
// Service's rules in both modes side by side, and the measured cost of each mode as Services grow.
import { useMemo, useState } from 'react';
import { useStore, type RequestRecord } from '../../../store';
import { actions, clone, hopRuleText, tracePacket, type ClusterState, type Trace } from '../../../sim';
import { useSelectedRequest } from '../useSelectedRequest';
import {
  chainText,
  measureScale,
  SCALE_SIZES,
  serviceRulesBothModes,
  setText,
  type ScaleRow,
} from '../../../sim/nftables';

/** The node's nftables table, object by object, with the selected request's path marked. */
export function NftTableView({ node, filter }: { node: string; filter: string }) {
  const table = useStore((s) => s.cluster.proxies[node]?.nft);
  const rec = useSelectedRequest();
  const onPath = useMemo(() => {
    const rules = new Map<string, number>();
    const elements = new Set<string>();
    let n = 0;
    for (const h of rec?.trace?.hops ?? []) {
      if (h.place !== `node/${node}` || !h.chain || !h.line) continue;
      rules.set(`${h.chain}#${h.line}`, ++n);
      if (h.element?.verdict) elements.add(`${h.element.map}|${h.element.key}`);
    }
    return { rules, elements };
  }, [rec, node]);
  if (!table) return <p className="panel-empty">kube-proxy on {node} has not written its nftables table yet.</p>;
  const f = filter.trim().toLowerCase();
  const blocks = [
    ...table.sets.map((st) => ({ key: `set/${st.name}`, name: st.name, chain: false, text: setText(st) })),
    ...table.chains.map((c) => ({ key: `chain/${c.name}`, name: c.name, chain: true, text: chainText(c) })),
  ].filter((b) => !f || b.text.toLowerCase().includes(f));
  return (
    <div className="nft-table" data-testid="nft-table">
      <p className="mono nft-head">
        table {table.family} {table.name} {'{'} <span className="muted">comment "{table.comment}"</span>
      </p>
      {blocks.map((b) => {
        const lines = b.text.replace(/\n$/, '').split('\n');
        let ruleNo = 0;
        const hit = b.chain
          ? [...onPath.rules.keys()].some((k) => k.startsWith(`${b.name}#`))
          : [...onPath.elements].some((e) => e.startsWith(`${b.name}|`));
        return (
          <pre key={b.key} className={`nft-obj${hit ? ' on-path' : ''}`} data-nft-object={b.name}>
            {lines.map((l, i) => {
              // rules are the chain's lines after its "type …" and "comment" lines
              const isRule = b.chain && l.startsWith('\t\t') && !/^\t\t(type |comment ")/.test(l);
              const step = isRule ? onPath.rules.get(`${b.name}#${++ruleNo}`) : undefined;
              const elHit =
                !b.chain && [...onPath.elements].some((e) => e.startsWith(`${b.name}|`) && l.includes(e.split('|')[1]));
              return (
                <span key={i} className={step || elHit ? 'nft-line hit' : 'nft-line'}>
                  {step ? <span className="step-badge">{step}</span> : null}
                  {l.replace(/^\t/, '').replace(/\t/g, '    ')}
                  {'\n'}
                </span>
              );
            })}
          </pre>
        );
      })}
      <p className="mono nft-head">{'}'}</p>
    </div>
  );
}

/** One Service's rules in iptables mode and in nftables mode on this node, next to each other. */
export function ModeCompare({ node }: { node: string }) {
  const services = useStore((s) => Object.keys(s.cluster.objects.services).sort().join(','));
  const list = services ? services.split(',') : [];
  const [svc, setSvc] = useState(
    () => list.find((k) => k.startsWith('default/') && !k.endsWith('/kubernetes')) ?? list[0] ?? '',
  );
  // objects and settings only: the clock's ticks do not recompile
  const objects = useStore((s) => s.cluster.objects);
  const settings = useStore((s) => s.cluster.settings);
  const mode = settings.kubeProxy.mode ?? 'iptables';
  const both = useMemo(
    () => (svc ? serviceRulesBothModes({ objects, settings } as ClusterState, node, svc) : null),
    [objects, settings, node, svc],
  );
  return (
    <div className="mode-compare" data-testid="mode-compare">
      <div className="panel-toolbar">
        <label className="field compact">
          <span className="field-label">Service</span>
          <select value={svc} onChange={(e) => setSvc(e.target.value)} aria-label="Service to compare">
            {list.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          on {node} · the cluster runs <strong>{mode}</strong> mode; the other column is what the other mode would write
        </span>
      </div>
      {both && (
        <div className="mode-cols">
          <section aria-label="iptables mode">
            <h4>
              iptables mode <span className="muted">({both.iptables.length} rules)</span>
            </h4>
            <pre className="mono mode-pre" data-testid="compare-iptables">
              {both.iptables.map((r) => `${r.table === 'filter' ? '[filter] ' : ''}${r.line}`).join('\n')}
            </pre>
          </section>
          <section aria-label="nftables mode">
            <h4>
              nftables mode{' '}
              <span className="muted">
                ({both.nftables.elements.length} map elements,{' '}
                {both.nftables.chains.reduce((a, c) => a + c.split('\n').filter((l) => l.startsWith('\t')).length, 0)}{' '}
                rules)
              </span>
            </h4>
            <pre className="mono mode-pre" data-testid="compare-nftables">
              {both.nftables.elements.map((e) => `@${e.set}: ${e.text}`).join('\n')}
              {'\n\n'}
              {both.nftables.chains.join('\n')}
            </pre>
          </section>
        </div>
      )}
      <ScaleChart />
    </div>
  );
}

const W = 300;
const H = 150;
const PAD = { l: 44, r: 18, t: 18, b: 26 };

function LogChart({
  title,
  rows,
  get,
}: {
  title: string;
  rows: ScaleRow[];
  get: (r: ScaleRow, m: 'iptables' | 'nftables') => number;
}) {
  const xs = rows.map((r) => r.services);
  const ys = rows.flatMap((r) => [get(r, 'iptables'), get(r, 'nftables')]);
  const lx = (v: number) => Math.log10(v);
  const [x0, x1] = [lx(SCALE_SIZES[0]), lx(SCALE_SIZES[SCALE_SIZES.length - 1])];
  const y1 = Math.ceil(lx(Math.max(10, ...ys)));
  const X = (v: number) => PAD.l + ((lx(v) - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const Y = (v: number) => H - PAD.b - (lx(Math.max(1, v)) / y1) * (H - PAD.t - PAD.b);
  const path = (m: 'iptables' | 'nftables') =>
    rows.map((r, i) => `${i ? 'L' : 'M'}${X(r.services).toFixed(1)},${Y(get(r, m)).toFixed(1)}`).join(' ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="scale-chart" role="img" aria-label={title}>
      <text x={PAD.l} y={12} className="chart-title">
        {title}
      </text>
      {Array.from({ length: y1 + 1 }, (_, i) => (
        <g key={i}>
          <line x1={PAD.l} x2={W - PAD.r} y1={Y(10 ** i)} y2={Y(10 ** i)} className="grid" />
          <text x={PAD.l - 4} y={Y(10 ** i) + 3} textAnchor="end" className="tick">
            {(10 ** i).toLocaleString('en-US')}
          </text>
        </g>
      ))}
      {SCALE_SIZES.map((v) => (
        <text key={v} x={X(v)} y={H - 8} textAnchor="middle" className="tick">
          {v.toLocaleString('en-US')}
        </text>
      ))}
      <path d={path('iptables')} className="line ipt" />
      <path d={path('nftables')} className="line nft" />
      {rows.map((r) => (
        <g key={r.services}>
          <circle cx={X(xs[rows.indexOf(r)])} cy={Y(get(r, 'iptables'))} r={2.5} className="dot ipt" />
          <circle cx={X(xs[rows.indexOf(r)])} cy={Y(get(r, 'nftables'))} r={2.5} className="dot nft" />
        </g>
      ))}
    </svg>
  );
}

/** Rules per first packet and rules rewritten per endpoint change, both modes, 10 … 5,000 Services. */
export function ScaleChart() {
  const [rows, setRows] = useState<ScaleRow[]>([]);
  const [busy, setBusy] = useState(false);
  const run = () => {
    setBusy(true);
    setRows([]);
    const sizes = [...SCALE_SIZES];
    const next = (acc: ScaleRow[]) => {
      const n = sizes.shift();
      if (n === undefined) return setBusy(false);
      // one size per task, so the page stays responsive while 5,000 Services compile
      setTimeout(() => {
        const out = [...acc, measureScale(n)];
        setRows(out);
        next(out);
      }, 0);
    };
    next([]);
  };
  return (
    <section className="scale-box" aria-label="Why nftables mode scales" data-testid="scale-chart">
      <div className="scale-head">
        <h4>Why it scales</h4>
        <button type="button" className="btn" onClick={run} disabled={busy}>
          {busy ? 'Measuring…' : rows.length ? 'Measure again' : 'Measure 10 … 5,000 Services'}
        </button>
        <span className="legend">
          <i className="ipt" /> iptables <i className="nft" /> nftables
        </span>
      </div>
      <p className="muted">
        Synthetic clusters of N ClusterIP Services × 10 endpoints, compiled by both modes here in your browser.
      </p>
      {rows.length > 0 && (
        <>
          <div className="scale-charts">
            <LogChart title="rules a connection's first packet meets" rows={rows} get={(r, m) => r[m].firstPacket} />
            <LogChart
              title="rules and elements one endpoint change rewrites"
              rows={rows}
              get={(r, m) => r[m].rewritten}
            />
          </div>
          <table className="scale-table" data-testid="scale-table">
            <thead>
              <tr>
                <th>Services</th>
                <th>first packet: iptables</th>
                <th>nftables</th>
                <th>rewritten: iptables</th>
                <th>nftables</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.services}>
                  <td>{r.services.toLocaleString('en-US')}</td>
                  <td>{r.iptables.firstPacket}</td>
                  <td>{r.nftables.firstPacket}</td>
                  <td>{r.iptables.rewritten.toLocaleString('en-US')}</td>
                  <td>{r.nftables.rewritten}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The same request traced now in both modes (same source, target and random state), path by path. */
export function PathCompare({ rec }: { rec: RequestRecord }) {
  const cluster = useStore((s) => s.cluster);
  const [rows, setRows] = useState<{ mode: 'iptables' | 'nftables'; trace: Trace }[] | null>(null);
  const replay = rec.replay;
  if (!replay) return null;
  const run = () =>
    setRows(
      (['iptables', 'nftables'] as const).map((mode) => {
        const c = clone(cluster) as ClusterState;
        if (replay.rng !== undefined) c.rng = replay.rng;
        actions.setProxyMode(c, mode);
        return { mode, trace: tracePacket(c, replay.source, replay.target) };
      }),
    );
  return (
    <div className="path-compare" data-testid="path-compare">
      <button type="button" className="btn" onClick={run}>
        {rows ? 'Trace again in both modes' : 'Compare this request in iptables and nftables mode'}
      </button>
      {rows && (
        <div className="mode-cols">
          {rows.map(({ mode, trace }) => {
            const rules = trace.hops.filter((h) => h.rule);
            return (
              <section key={mode} aria-label={`${mode} mode path`} data-testid={`path-${mode}`}>
                <h4>
                  {mode} mode: {trace.verdict} <span className="muted">({rules.length} rules matched)</span>
                </h4>
                <ol className="mode-path mono">
                  {rules.map((h, i) => (
                    <li key={i}>
                      <span className="muted">
                        {h.place.slice(5)} {h.table ?? ''} {h.chain}
                        {h.line ? `:${h.line}` : ''}
                      </span>
                      <br />
                      {hopRuleText(h)}
                      {h.element && (
                        <>
                          <br />
                          <span className="elem">
                            @{h.element.map} [{h.element.key}] → {h.element.verdict ?? 'no element'}
                          </span>
                        </>
                      )}
                    </li>
                  ))}
                </ol>
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
