// The focused request's hops, as many as the packet has reached (or all): each with its place, the
// rule that matched, the addresses it changed and the note; the hop the packet shows is marked.
import { useEffect, useRef } from 'react';
import { hopRuleText, type Addr, type TraceHop } from '../../sim';
import { useStore, type RequestRecord } from '../../store';

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

export function HopList({ rec, shown, hop }: { rec: RequestRecord; shown: number; hop: number }) {
  const inspected = useStore((s) => s.inspected);
  const inspectHop = useStore((s) => s.inspectHop);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current?.querySelector('.current');
    if (el && 'scrollIntoView' in el) el.scrollIntoView({ block: 'nearest' });
  }, [hop]);
  return (
    <ol className="hops" ref={list} data-testid="trace-hops" data-shown={shown}>
      {rec.trace!.hops.slice(0, shown).map((h, i) => (
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
  );
}
