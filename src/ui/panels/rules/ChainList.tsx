// A table's chains, each collapsible; the chains the request went through start open and its rules
// carry their step numbers along the path.
import { memo, useEffect, useState } from 'react';
import type { ChainView } from './rules-model';

/** A rule to bring into view (a step of the path was clicked). */
export interface Reveal {
  chain: string;
  line: number;
  seq: number;
}

const ruleId = (chain: string, line: number) => `rule-${chain}-${line}`;

function Chain({ c, open, toggle, filter }: { c: ChainView; open: boolean; toggle: () => void; filter: string }) {
  const rules = filter ? c.rules.filter((r) => r.text.toLowerCase().includes(filter)) : c.rules;
  const id = `chain-${c.name}`;
  return (
    <li className={`chain${c.onPath ? ' on-path' : ''}`} data-testid="chain" data-chain={c.name}>
      <h3 className="chain-head">
        <button type="button" aria-expanded={open} aria-controls={id} onClick={toggle} className="chain-toggle">
          <span className="caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span className="mono chain-title">{c.name}</span>
          {c.policy && <span className="chain-policy">policy {c.policy}</span>}
          {c.about && <span className="chain-about">{c.about}</span>}
          <span className="chain-count">
            {c.rules.length} rule{c.rules.length === 1 ? '' : 's'}
          </span>
          {c.onPath && <span className="path-badge">on the path</span>}
        </button>
      </h3>
      {open && (
        <ol className="rule-list" id={id}>
          {rules.length === 0 && (
            <li className="muted no-rules">{c.rules.length ? 'no rule matches the filter' : 'no rules'}</li>
          )}
          {rules.map((r) => {
            const hit = r.steps.some((s) => !s.passed);
            const passed = !hit && r.steps.length > 0;
            return (
              <li
                key={r.line}
                id={ruleId(c.name, r.line)}
                tabIndex={-1}
                className={`rule${hit ? ' hit' : ''}${passed ? ' passed' : ''}`}
                data-testid={r.steps.length ? 'path-rule' : undefined}
                data-steps={r.steps.map((s) => s.step).join(',') || undefined}
              >
                <span className="rule-line" title="line number in the chain (iptables -L --line-numbers)">
                  {r.line}
                </span>
                <span className="rule-steps">
                  {r.steps.map((s) => (
                    <span
                      key={s.step}
                      className={`step-badge${s.passed ? ' passed' : ''}`}
                      title={
                        s.passed ? `step ${s.step}: the random draw passed this rule` : `step ${s.step} of the path`
                      }
                    >
                      {s.step}
                    </span>
                  ))}
                </span>
                <code className="rule-code">{r.text}</code>
                {passed && <span className="passed-note">passed</span>}
              </li>
            );
          })}
        </ol>
      )}
    </li>
  );
}

export const ChainList = memo(function ChainList({
  chains,
  filter,
  reveal,
}: {
  chains: ChainView[];
  filter: string;
  reveal: Reveal | null;
}) {
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (!reveal) return;
    setOverrides((o) => ({ ...o, [reveal.chain]: true }));
    const t = requestAnimationFrame(() => {
      const el = document.getElementById(ruleId(reveal.chain, reveal.line));
      const box = el?.closest('.rules-main');
      if (!el || !box) return;
      // scroll only the chain list (scrollIntoView would also scroll the panel around it)
      const a = el.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      box.scrollTop += a.top - b.top - (b.height - a.height) / 2;
      el.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(t);
  }, [reveal]);
  const f = filter.trim().toLowerCase();
  const isOpen = (c: ChainView) =>
    overrides[c.name] ??
    (c.onPath || c.name === 'KUBE-SERVICES' || (!!f && c.rules.some((r) => r.text.toLowerCase().includes(f))));
  const visible = f
    ? chains.filter((c) => c.name.toLowerCase().includes(f) || c.rules.some((r) => r.text.toLowerCase().includes(f)))
    : chains;
  const setAll = (open: boolean) => setOverrides(Object.fromEntries(chains.map((c) => [c.name, open])));
  return (
    <div className="chains">
      <div className="chains-actions">
        <span className="muted">
          {visible.length} chain{visible.length === 1 ? '' : 's'}
        </span>
        <button type="button" className="link-btn" onClick={() => setAll(true)}>
          Expand all
        </button>
        <button type="button" className="link-btn" onClick={() => setAll(false)}>
          Collapse all
        </button>
      </div>
      <ul className="chain-list">
        {visible.map((c) => (
          <Chain
            key={c.name}
            c={c}
            open={isOpen(c)}
            filter={c.name.toLowerCase().includes(f) ? '' : f}
            toggle={() => setOverrides((o) => ({ ...o, [c.name]: !isOpen(c) }))}
          />
        ))}
      </ul>
    </div>
  );
});
