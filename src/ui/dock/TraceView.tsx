// The latest request as text: the verdict (also announced in a live region), then every hop with its
// place, the rule that matched, the addresses it changed and the note. The hop the packet shows is marked.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { hopRuleText, type Addr, type TraceHop } from '../../sim';
import { useStore } from '../../store';
import { player } from '../canvas/packets/player';
import { Section } from './Field';

const fmt = (a: Addr) => `${a.src}:${a.sport} → ${a.dst}:${a.dport}`;

function placeName(place: string): string {
  if (place === 'client') return 'client';
  const [kind, ...rest] = place.split('/');
  if (kind === 'pod') return `Pod ${rest[1]}`;
  if (kind === 'lb') return `LB ${rest[0]}`;
  return `${kind} ${rest.join('/')}`;
}

function Hop({
  h,
  i,
  current,
  inspected,
  onInspect,
}: {
  h: TraceHop;
  i: number;
  current: boolean;
  inspected?: boolean;
  onInspect?: () => void;
}) {
  const changed = fmt(h.before) !== fmt(h.after);
  return (
    <li
      className={`hop k-${h.kind}${current ? ' current' : ''}${inspected ? ' inspected' : ''}`}
      aria-current={current ? 'step' : undefined}
      onClick={onInspect}
      data-testid="trace-hop"
    >
      <div className="hop-head">
        {/* opens the hop inspector in the bottom panel (the row is clickable too; this is its keyboard way) */}
        <button type="button" className="hop-n hop-open" aria-label={`Inspect hop ${i + 1}`} aria-pressed={!!inspected}>
          {i + 1}
        </button>
        <span className="hop-place">{placeName(h.place)}</span>
        <span className="hop-kind">{h.chain ? `${h.table} ${h.chain}` : h.kind}</span>
      </div>
      {changed && (
        <div className="hop-nat mono">
          {fmt(h.before)}
          <br />⇒ {fmt(h.after)}
        </div>
      )}
      {h.rule && <div className="hop-rule mono">{hopRuleText(h)}</div>}
      <div className="hop-note">{h.note}</div>
    </li>
  );
}

export function TraceView() {
  const rec = useStore((s) =>
    s.focusedRequest === null ? undefined : s.requests.find((r) => r.id === s.focusedRequest),
  );
  const cursor = useSyncExternalStore(player.subscribe, player.getCursor);
  const inspected = useStore((s) => s.inspected);
  const inspectHop = useStore((s) => s.inspectHop);
  const hop = rec && cursor.requestId === rec.id ? cursor.hop : -1;
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current?.querySelector('.current');
    if (el && 'scrollIntoView' in el) el.scrollIntoView({ block: 'nearest' });
  }, [hop]);
  const verdict = rec?.trace?.verdict ?? (rec ? 'not-sent' : 'none');
  return (
    <Section title="Trace" id="trace">
      <div
        className={`verdict v-${verdict}`}
        role="status"
        aria-live="polite"
        data-testid="verdict"
        data-verdict={verdict}
        data-request={rec?.id ?? 0}
      >
        {rec ? (
          <>
            <span className="verdict-icon" aria-hidden="true">
              {rec.ok ? '\u2713' : '\u2715'}
            </span>
            <span>{rec.summary}</span>
          </>
        ) : (
          <span className="muted">Send a request to see its path here.</span>
        )}
      </div>
      {rec?.dns && <div className="dns-line mono">{rec.dns}</div>}
      {rec?.trace && (
        <ol className="hops" ref={list} data-testid="trace-hops">
          {rec.trace.hops.map((h, i) => (
            <Hop
              key={i}
              h={h}
              i={i}
              current={i === hop}
              inspected={inspected?.requestId === rec.id && inspected.hop === i}
              onInspect={() => inspectHop(rec.id, i)}
            />
          ))}
        </ol>
      )}
    </Section>
  );
}
