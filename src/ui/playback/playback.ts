// Playback: the one cursor over requests in flight. Each request's trace becomes a flight that moves
// hop by hop in animation time; the TopBar plays, pauses and steps it, the packet layer draws it, the
// trace panel lists the hops it has reached. Framework free: it talks to the store through a Host.
//
// Honest timing: a flight asks the engine (through the host) what happens when the packet gets to a
// place, since the cluster may have changed since it was sent (a Pod killed, rules resynced), and
// reveals its request's outcome (verdict, counters) only when the packet arrives where the outcome
// happens. A recorded request replayed later meets nothing: it is a recording.
import type { Trace, TraceHop } from '../../sim';
import { easeInOut, hopDuration, LINGER_MS, travelTime } from './timing';

export interface Point {
  x: number;
  y: number;
}
export type Anchor = (place: string) => Point | null;

/** What playback needs from the store. */
export interface Host {
  /** the cluster as it is now decides what happens to request id's packet at hop `next` */
  meet(id: number, next: number): Trace | undefined;
  /** request id's packet arrived: its outcome may be shown */
  reveal(id: number): void;
  pause(): void;
}

export interface Flight {
  id: number;
  trace: Trace;
  hops: TraceHop[];
  /** the hop being played (the packet is travelling to or sitting at hops[hop].place) */
  hop: number;
  /** animation ms into the current hop */
  t: number;
  done: boolean;
  /** ms left before a finished, unfocused flight is removed */
  linger: number;
  focus: boolean;
  /** sent now (meets the cluster, reveals its outcome), not a replay of a recording */
  live: boolean;
  /** the hops whose arrival was already put to the engine */
  met: number;
  revealed: boolean;
  /** waiting at the sender for the learner's prediction */
  held: boolean;
  /** last drawn position, used when a place has left the picture */
  pos: Point | null;
  /** places that are gone from the picture stand in for by another place (a hidden Pod -> its node) */
  fallback: Record<string, string>;
}

/** What the trace panel shows of the focused flight. */
export interface Cursor {
  requestId: number | null;
  /** the hop the packet shows */
  hop: number;
  total: number;
  /** the packet reached the place where its outcome happens */
  arrived: boolean;
  /** every hop listed at once, not as the packet reaches them */
  showAll: boolean;
  /** waiting for a prediction before it moves */
  held: boolean;
  /** the learner's prediction: ns/name of a Pod, or 'fail' */
  guess: string | null;
}

const NO_CURSOR: Cursor = {
  requestId: null,
  hop: 0,
  total: 0,
  arrived: false,
  showAll: false,
  held: false,
  guess: null,
};

/** The hop where a trace's outcome happens: the delivery or the failure (the reply follows it). */
export function arrivalHop(hops: TraceHop[]): number {
  const reply = hops.findIndex((h) => h.kind === 'reply');
  return reply > 0 ? reply - 1 : hops.length - 1;
}

export class Playback {
  flights: Flight[] = [];
  reducedMotion = false;
  private cursor: Cursor = NO_CURSOR;
  private showAll = false;
  private guesses = new Map<number, string>();
  private listeners = new Set<() => void>();
  constructor(private host: Host) {}

  /** A request to animate. live: sent now; focus: the learner's own (it takes the trace panel). */
  add(
    id: number,
    trace: Trace,
    opts: { focus: boolean; live: boolean; hold?: boolean; fallback?: Record<string, string> },
  ): Flight {
    if (opts.focus) this.unfocus();
    const f: Flight = {
      id,
      trace,
      hops: trace.hops,
      hop: 0,
      t: 0,
      done: false,
      linger: LINGER_MS,
      focus: opts.focus,
      live: opts.live,
      met: 0,
      revealed: !opts.live,
      held: !!opts.hold,
      pos: null,
      fallback: opts.fallback ?? {},
    };
    this.flights = this.flights.filter((x) => x.id !== id);
    this.flights.push(f);
    if (opts.focus) {
      this.showAll = false;
      this.publish(f);
    }
    return f;
  }

  private unfocus() {
    for (const f of this.flights)
      if (f.focus) {
        f.focus = false;
        f.linger = LINGER_MS;
        // nobody will be asked about it any more: it goes on its way
        f.held = false;
      }
  }

  /** A finished flight that has shown its verdict long enough: its label goes. */
  parked(f: Flight): boolean {
    return f.done && f.linger <= 0;
  }

  focused(): Flight | undefined {
    return this.flights.find((x) => x.focus);
  }

  /** Arrived at the current hop's place: let the engine have its say, then reveal if it is the outcome. */
  private arrive(f: Flight) {
    if (f.t < travelTime(f.hops, f.hop)) return;
    if (f.live && f.met < f.hop) {
      f.met = f.hop;
      const now = this.host.meet(f.id, f.hop);
      if (now && now !== f.trace) {
        f.trace = now;
        f.hops = now.hops;
        if (f.hop > f.hops.length - 1) f.hop = f.hops.length - 1;
        // the place may have changed (lost on the node instead of reaching the Pod): no travel left
        f.t = Math.max(f.t, travelTime(f.hops, f.hop));
      }
    }
    if (!f.revealed && f.hop >= arrivalHop(f.hops)) {
      f.revealed = true;
      this.host.reveal(f.id);
    }
  }

  /** Advance every flight by ms of animation time; returns flights removed this frame. */
  advance(ms: number): Flight[] {
    const removed: Flight[] = [];
    if (ms <= 0) return removed;
    for (const f of this.flights) {
      if (f.held) continue;
      if (f.done) {
        // an unfocused flight goes when its linger is over; the focused one stays, parked
        f.linger -= ms;
        continue;
      }
      const was = f.hop;
      const wasArrived = f.t >= travelTime(f.hops, f.hop);
      f.t += ms;
      this.arrive(f);
      while (!f.done && f.t >= hopDuration(f.hops, f.hop)) {
        if (f.hop >= f.hops.length - 1) {
          f.done = true;
          f.t = hopDuration(f.hops, f.hop);
          break;
        }
        f.t -= hopDuration(f.hops, f.hop);
        f.hop++;
        this.arrive(f);
      }
      const arrived = f.t >= travelTime(f.hops, f.hop);
      if (f.focus && (f.hop !== was || f.done || arrived !== wasArrived)) this.publish(f);
    }
    const keep = this.flights.filter((f) => !(f.done && !f.focus && f.linger <= 0));
    if (keep.length !== this.flights.length) {
      for (const f of this.flights) if (!keep.includes(f)) removed.push(f);
      this.flights = keep;
    }
    return removed;
  }

  /** Pause, then move the focused flight one hop forward or back, shown as it arrives at that hop. */
  step(delta: 1 | -1) {
    this.host.pause();
    const f = this.focused();
    if (!f || f.held) return;
    const next = Math.max(0, Math.min(f.hops.length - 1, f.hop + delta));
    f.hop = next;
    f.t = hopDuration(f.hops, next);
    this.arrive(f);
    f.done = f.hop === f.hops.length - 1;
    this.publish(f);
  }

  /** Replay a recorded request from its start, focused (it meets nothing: it already happened). */
  replay(id: number, trace: Trace, fallback?: Record<string, string>) {
    const live = this.flights.find((x) => x.id === id && x.live && !x.revealed);
    // still on its way: only take the focus
    if (live) {
      this.unfocus();
      live.focus = true;
      this.publish(live);
      return;
    }
    this.add(id, trace, { focus: true, live: false, fallback });
  }

  /** List every hop of the focused request at once (or again as the packet reaches them). */
  setShowAll(on: boolean) {
    this.showAll = on;
    const f = this.focused();
    if (f) this.publish(f, true);
  }

  /** The learner's prediction for the focused held flight: a Pod (ns/name) or 'fail'. It moves on. */
  guess(answer: string) {
    const f = this.focused();
    if (!f || !f.held) return;
    this.guesses.set(f.id, answer);
    f.held = false;
    this.publish(f, true);
  }

  /** Drop every flight (the cluster was replaced). */
  clear() {
    this.flights = [];
    this.guesses.clear();
    if (this.cursor !== NO_CURSOR) {
      this.cursor = NO_CURSOR;
      this.emit();
    }
  }

  /** Where a flight is drawn now. */
  position(f: Flight, anchor: Anchor): Point | null {
    const place = (p: string) => anchor(p) ?? (f.fallback[p] ? anchor(f.fallback[p]) : null);
    const to = place(f.hops[f.hop].place);
    const from = f.hop > 0 ? place(f.hops[f.hop - 1].place) : to;
    if (!to) return f.pos;
    if (!from || (from.x === to.x && from.y === to.y) || this.reducedMotion) return (f.pos = to);
    const d = travelTime(f.hops, f.hop);
    const p = d > 0 ? easeInOut(Math.min(1, f.t / d)) : 1;
    return (f.pos = { x: from.x + (to.x - from.x) * p, y: from.y + (to.y - from.y) * p });
  }

  // ---- the focused flight's cursor, for the trace panel (useSyncExternalStore) ----
  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getCursor = (): Cursor => this.cursor;
  private publish(f: Flight, force = false) {
    const arrived = f.t >= travelTime(f.hops, f.hop);
    const c = this.cursor;
    if (
      !force &&
      c.requestId === f.id &&
      c.hop === f.hop &&
      c.total === f.hops.length &&
      c.arrived === arrived &&
      c.held === f.held
    )
      return;
    this.cursor = {
      requestId: f.id,
      hop: f.hop,
      total: f.hops.length,
      arrived,
      showAll: this.showAll,
      held: f.held,
      guess: this.guesses.get(f.id) ?? null,
    };
    this.emit();
  }
  private emit() {
    for (const l of this.listeners) l();
  }
}
