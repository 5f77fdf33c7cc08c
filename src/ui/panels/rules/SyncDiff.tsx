// What the node's last kube-proxy sync changed, as a diff of iptables-save lines.
import { useState } from 'react';
import { useStore } from '../../../store';
import { tSec } from '../format';

const SHOW = 60;

export function SyncDiff({ node }: { node: string }) {
  const diff = useStore((s) => s.cluster.proxies[node]?.lastDiff ?? null);
  const [all, setAll] = useState(false);
  if (!diff) return null;
  const lines = [...diff.added.map((l) => ['+', l] as const), ...diff.removed.map((l) => ['−', l] as const)];
  const shown = all ? lines : lines.slice(0, SHOW);
  return (
    <details className="sync-diff" data-testid="rules-diff" open={lines.length > 0 && lines.length <= 12}>
      <summary>
        Last sync at {tSec(diff.at)}: <span className="plus">+{diff.added.length}</span>{' '}
        <span className="minus">−{diff.removed.length}</span> rule
        {diff.added.length + diff.removed.length === 1 ? '' : 's'}
        {lines.length === 0 && ' (nothing changed)'}
      </summary>
      {lines.length > 0 && (
        <pre className="diff-lines" aria-label="Rules added and removed by the last sync">
          {shown.map(([sign, l], i) => (
            <div
              key={i}
              className={sign === '+' ? 'add' : 'del'}
              data-testid={sign === '+' ? 'diff-added' : 'diff-removed'}
            >
              <span className="sign" aria-label={sign === '+' ? 'added' : 'removed'}>
                {sign}
              </span>{' '}
              {l}
            </div>
          ))}
        </pre>
      )}
      {lines.length > SHOW && !all && (
        <button type="button" className="link-btn" onClick={() => setAll(true)}>
          Show all {lines.length} lines
        </button>
      )}
    </details>
  );
}
