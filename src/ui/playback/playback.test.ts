// The playback cursor on its own: flights advance hop by hop, the outcome is revealed when the packet
// arrives where it happens (not when sent, not while paused), stepping moves the focused packet, the
// engine is asked at each arrival and its answer replaces the rest of the path.
import { describe, expect, it } from 'vitest';
import { tracePacket, type Trace } from '../../sim';
import { withDefault, svc } from '../../sim/testing';
import { advance } from '../../sim/step';
import { killPod } from '../../sim/actions';
import { meetCluster } from '../../sim/net/midflight';
import { Playback, arrivalHop, type Host } from './playback';
import { hopDuration } from './timing';

function recorder(meet: Host['meet'] = () => undefined) {
  const log = { revealed: [] as number[], met: [] as [number, number][], paused: 0 };
  const host: Host = {
    meet: (id, next) => {
      log.met.push([id, next]);
      return meet(id, next);
    },
    reveal: (id) => void log.revealed.push(id),
    pause: () => void log.paused++,
  };
  return { host, log };
}

function aTrace(): Trace {
  const s = withDefault();
  return tracePacket(
    s,
    { kind: 'pod', namespace: 'default', name: 'busybox' },
    {
      ip: svc(s, 'frontend-svc').spec.clusterIP!,
      port: 80,
    },
  );
}

/** animation ms from the start until the flight shows hop i, arrived */
const until = (t: Trace, i: number) => t.hops.slice(0, i + 1).reduce((a, _, k) => a + hopDuration(t.hops, k), 0);

describe('Playback', () => {
  it('reveals the outcome when the packet arrives where it happens, not when sent', () => {
    const t = aTrace();
    const { host, log } = recorder();
    const p = new Playback(host);
    p.add(1, t, { focus: true, live: true });
    expect(log.revealed).toEqual([]);
    // paused: no time passes, nothing is revealed
    p.advance(0);
    expect(log.revealed).toEqual([]);
    const arrive = arrivalHop(t.hops);
    expect(t.hops[arrive].kind).toBe('deliver');
    p.advance(until(t, arrive - 1) + 1);
    expect(p.getCursor().hop).toBe(arrive);
    expect(log.revealed).toEqual([]);
    p.advance(hopDuration(t.hops, arrive));
    expect(log.revealed).toEqual([1]);
    // the reply plays on; the flight ends at the sender
    p.advance(60_000);
    expect(p.flights[0].done).toBe(true);
    expect(p.getCursor().hop).toBe(t.hops.length - 1);
    expect(log.revealed).toEqual([1]);
  });

  it('steps the focused packet while paused, forward and back, and reveals on arrival by stepping', () => {
    const t = aTrace();
    const { host, log } = recorder();
    const p = new Playback(host);
    p.add(7, t, { focus: true, live: true });
    p.step(1);
    p.step(1);
    expect(log.paused).toBe(2);
    expect(p.getCursor()).toMatchObject({ requestId: 7, hop: 2, arrived: true });
    p.step(-1);
    expect(p.getCursor().hop).toBe(1);
    for (let i = 0; i < t.hops.length; i++) p.step(1);
    expect(log.revealed).toEqual([7]);
    expect(p.getCursor().hop).toBe(t.hops.length - 1);
  });

  it('asks the engine at every arrival of a live flight, never for a replay', () => {
    const t = aTrace();
    const { host, log } = recorder();
    const p = new Playback(host);
    p.add(1, t, { focus: false, live: true });
    p.advance(120_000);
    expect(log.met.map(([, n]) => n)).toEqual(t.hops.map((_, i) => i).slice(1));
    const q = recorder();
    const r = new Playback(q.host);
    r.replay(1, t);
    r.advance(120_000);
    expect(q.log.met).toEqual([]);
    expect(q.log.revealed).toEqual([]);
  });

  it('a Pod killed while the packet travels: the flight follows the engine and never delivers', () => {
    const s = withDefault();
    const t = tracePacket(
      s,
      { kind: 'pod', namespace: 'default', name: 'busybox' },
      {
        ip: svc(s, 'frontend-svc').spec.clusterIP!,
        port: 80,
      },
    );
    const { host, log } = recorder((_, next) => meetCluster(s, t, next) ?? undefined);
    const p = new Playback(host);
    const f = p.add(3, t, { focus: true, live: true });
    p.advance(until(t, 1));
    const [ns, name] = t.pod!.split('/');
    killPod(s, ns, name);
    advance(s, 40_000);
    p.advance(120_000);
    expect(f.trace.verdict).toBe('timed-out');
    expect(f.hops.some((h) => h.kind === 'deliver' || h.kind === 'reply')).toBe(false);
    expect(f.done).toBe(true);
    expect(log.revealed).toEqual([3]);
  });

  it('holds a flight for a prediction, then plays it and remembers the guess', () => {
    const t = aTrace();
    const { host } = recorder();
    const p = new Playback(host);
    p.add(5, t, { focus: true, live: true, hold: true });
    p.advance(10_000);
    expect(p.getCursor()).toMatchObject({ hop: 0, held: true });
    p.step(1);
    expect(p.getCursor().hop).toBe(0);
    p.guess(t.pod!);
    expect(p.getCursor()).toMatchObject({ held: false, guess: t.pod });
    p.advance(1000);
    expect(p.getCursor().hop).toBeGreaterThan(0);
    // a held packet that loses the focus to a newer request is not asked about any more: it moves on
    const older = p.add(6, t, { focus: true, live: true, hold: true });
    p.add(8, t, { focus: true, live: true, hold: true });
    expect(older.held).toBe(false);
    p.advance(1000);
    expect(older.hop).toBeGreaterThan(0);
  });

  it('a finished focused packet is parked after a moment (its label goes); unfocused ones are removed', () => {
    const t = aTrace();
    const p = new Playback(recorder().host);
    const bg = p.add(1, t, { focus: false, live: true });
    const fg = p.add(2, t, { focus: true, live: true });
    p.advance(until(t, t.hops.length - 1));
    expect(fg.done).toBe(true);
    expect(p.parked(fg)).toBe(false);
    const removed = p.advance(5000);
    expect(removed).toContain(bg);
    expect(p.flights).toEqual([fg]);
    expect(p.parked(fg)).toBe(true);
  });

  it('tells its listeners when the focused hop changes, and lists every hop on request', () => {
    const t = aTrace();
    const p = new Playback(recorder().host);
    let calls = 0;
    const off = p.subscribe(() => calls++);
    p.add(1, t, { focus: true, live: true });
    expect(calls).toBe(1);
    expect(p.getCursor().showAll).toBe(false);
    p.setShowAll(true);
    expect(p.getCursor().showAll).toBe(true);
    off();
    p.step(1);
    expect(calls).toBe(2);
  });
});
