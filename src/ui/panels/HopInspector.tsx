// One hop of a request, looked at closely (Packet Tracer's PDU view): where the packet was, its
// addresses before and after, the rule that matched (as iptables-save prints it), the random draw and
// which endpoint won, conntrack, and the engine's plain sentences.
import { hopRuleText, type TraceHop } from '../../sim';
import { useStore } from '../../store';
import { dst, odds, placeName, src } from './format';

function AddrTable({ h }: { h: TraceHop }) {
  const rows: [string, string, string, string][] = [
    ['Source', src(h.before), src(h.after), 'SNAT'],
    ['Destination', dst(h.before), dst(h.after), 'DNAT'],
  ];
  return (
    <table className="addr-table" data-testid="hop-addresses">
      <thead>
        <tr>
          <th scope="col">
            <span className="sr-only">Address</span>
          </th>
          <th scope="col">before this hop</th>
          <th scope="col">after</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, before, after, nat]) => (
          <tr key={label} className={before !== after ? 'changed' : undefined}>
            <th scope="row">{label}</th>
            <td className="mono">{before}</td>
            <td className="mono">
              {after}
              {before !== after && <span className="nat-badge">{nat}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Choice({ h }: { h: TraceHop }) {
  const c = h.choice;
  return (
    <div className="hop-choice" data-testid="hop-choice">
      {h.probability !== undefined && (
        <p data-testid="hop-probability">
          <strong>Probability {h.probability.toFixed(5)}</strong> ({odds(h.probability)} of the connections that reach
          this rule): {h.taken ? 'the draw took this rule.' : 'the draw passed it; the next rule is tried.'}
        </p>
      )}
      {c && (
        <>
          <p>
            kube-proxy chose among {c.endpoints.length} endpoint{c.endpoints.length === 1 ? '' : 's'}:{' '}
            <strong className="mono">{c.chosen}</strong> won ({odds(c.probability)} overall, probability{' '}
            {c.probability.toFixed(3)}).
          </p>
          <ul className="endpoint-list">
            {c.endpoints.map((e) => (
              <li key={e} className={e === c.chosen ? 'won' : undefined}>
                <span className="mono">{e}</span> {e === c.chosen ? '✓ chosen' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function HopInspector() {
  const inspected = useStore((s) => s.inspected);
  const rec = useStore((s) => (s.inspected ? s.requests.find((r) => r.id === s.inspected!.requestId) : undefined));
  const newer = useStore((s) =>
    s.focusedRequest !== null && s.inspected && s.focusedRequest > s.inspected.requestId ? s.focusedRequest : null,
  );
  const { inspectHop, showPanel, setRulesNode } = useStore.getState();
  if (!inspected || !rec?.trace) {
    return (
      <div className="panel-empty" data-testid="hop-inspector">
        <p>
          Click a hop in the Trace list (or the orange packet on the canvas) to see what happened to the packet there.
        </p>
      </div>
    );
  }
  const hops = rec.trace.hops;
  const i = Math.min(inspected.hop, hops.length - 1);
  const h = hops[i];
  const node = h.place.startsWith('node/') ? h.place.slice(5) : null;
  return (
    <div className="hop-inspector" data-testid="hop-inspector" data-hop={i + 1}>
      <div className="inspector-head">
        <h3>
          Hop {i + 1} of {hops.length} · {placeName(h.place)}
          {h.chain && (
            <span className="mono chain-name">
              {' '}
              · {h.table} {h.chain}
            </span>
          )}
        </h3>
        <div className="inspector-nav">
          <button
            type="button"
            className="btn"
            onClick={() => inspectHop(rec.id, i - 1)}
            disabled={i === 0}
            aria-label="Previous hop in the inspector"
          >
            ◀ Previous
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => inspectHop(rec.id, i + 1)}
            disabled={i === hops.length - 1}
            aria-label="Next hop in the inspector"
          >
            Next ▶
          </button>
          {node && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setRulesNode(node);
                showPanel('rules');
              }}
            >
              {node}'s rules
            </button>
          )}
        </div>
      </div>
      <p className="muted request-line">
        Request #{rec.id}: {rec.from} → {rec.to} · {rec.trace.verdict}
        {newer !== null && (
          <>
            {' · '}
            <button type="button" className="link-btn" onClick={() => inspectHop(newer, 0)}>
              inspect the newer request #{newer}
            </button>
          </>
        )}
      </p>
      <div className="inspector-grid">
        <div>
          <p className="hop-sentence" data-testid="hop-note">
            {h.note}
          </p>
          <AddrTable h={h} />
          {h.conntrack && (
            <p className="conntrack" data-testid="hop-conntrack">
              <strong>conntrack:</strong> <span className="mono">{h.conntrack}</span>
            </p>
          )}
        </div>
        <div>
          {h.rule ? (
            <div className="hop-rule-box">
              <p className="rule-where">
                Matched in table <strong>{h.table}</strong>, chain <strong className="mono">{h.chain}</strong>, rule{' '}
                {h.line}:
              </p>
              <pre className="rule-text" data-testid="hop-rule">
                {hopRuleText(h)}
              </pre>
            </div>
          ) : (
            <p className="muted">No iptables rule at this hop ({h.kind}).</p>
          )}
          {(h.probability !== undefined || h.choice) && <Choice h={h} />}
        </div>
      </div>
    </div>
  );
}
