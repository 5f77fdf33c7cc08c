// The replay model: flights (one per request trace) advance hop by hop in animation time. Framework
// free; the packet layer draws it with refs. The focused flight (the latest request sent by hand)
// can be stepped one hop forward or back, and tells listeners which hop it shows.
import type { Trace, TraceHop } from '../../../sim';
import { easeInOut, hopDuration, LINGER_MS, travelTime } from './timing';

export interface Point {
  x: number;
  y: number;
}
export type Anchor = (place: string) => Point | null;

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
  /** last drawn position, used when a place has left the picture */
  pos: Point | null;
  /** places that are gone from the picture stand in for by another place (a hidden Pod -> its node) */
  fallback: Record<string, string>;
}

export interface FocusCursor {
  requestId: number | null;
  hop: number;
  total: number;
}

export class Player {
  flights: Flight[] = [];
  reducedMotion = false;
  private cursor: FocusCursor = { requestId: null, hop: 0, total: 0 };
  private listeners = new Set<() => void>();

  add(id: number, trace: Trace, focus: boolean, fallback: Record<string, string>): Flight {
    if (focus)
      for (const f of this.flights)
        if (f.focus) {
          f.focus = false;
          f.linger = LINGER_MS;
        }
    const f: Flight = {
      id,
      trace,
      hops: trace.hops,
      hop: 0,
      t: 0,
      done: false,
      linger: LINGER_MS,
      focus,
      pos: null,
      fallback,
    };
    this.flights.push(f);
    if (focus) this.publish(f);
    return f;
  }

  /** Advance every flight by ms of animation time; returns flights removed this frame. */
  advance(ms: number): Flight[] {
    const removed: Flight[] = [];
    if (ms <= 0) return removed;
    for (const f of this.flights) {
      if (f.done) {
        if (!f.focus) f.linger -= ms;
        continue;
      }
      f.t += ms;
      let moved = false;
      while (!f.done && f.t >= hopDuration(f.hops, f.hop)) {
        if (f.hop >= f.hops.length - 1) {
          f.done = true;
          f.t = hopDuration(f.hops, f.hop);
          break;
        }
        f.t -= hopDuration(f.hops, f.hop);
        f.hop++;
        moved = true;
      }
      if ((moved || f.done) && f.focus) this.publish(f);
    }
    const keep = this.flights.filter((f) => !(f.done && !f.focus && f.linger <= 0));
    if (keep.length !== this.flights.length) {
      for (const f of this.flights) if (!keep.includes(f)) removed.push(f);
      this.flights = keep;
    }
    return removed;
  }

  /** Move the focused flight one hop forward or back, shown as it leaves that hop. */
  step(delta: 1 | -1) {
    const f = this.flights.find((x) => x.focus);
    if (!f) return;
    const next = Math.max(0, Math.min(f.hops.length - 1, f.hop + delta));
    f.hop = next;
    f.t = hopDuration(f.hops, next);
    f.done = next === f.hops.length - 1;
    this.publish(f);
  }

  /** Where a flight is drawn now. */
  position(f: Flight, anchor: Anchor): Point | null {
    const place = (p: string) => anchor(p) ?? (f.fallback[p] ? anchor(f.fallback[p]) : null);
    const to = place(f.hops[f.hop].place);
    const from = f.hop > 0 ? place(f.hops[f.hop - 1].place) : to;
    if (!to) return f.pos;
    if (!from || from === to || this.reducedMotion) return (f.pos = to);
    const d = travelTime(f.hops, f.hop);
    const p = d > 0 ? easeInOut(Math.min(1, f.t / d)) : 1;
    return (f.pos = { x: from.x + (to.x - from.x) * p, y: from.y + (to.y - from.y) * p });
  }

  current(f: Flight): TraceHop {
    return f.hops[f.hop];
  }

  // ---- the focused flight's cursor, for the trace panel (useSyncExternalStore) ----
  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  getCursor = (): FocusCursor => this.cursor;
  private publish(f: Flight) {
    if (this.cursor.requestId === f.id && this.cursor.hop === f.hop) return;
    this.cursor = { requestId: f.id, hop: f.hop, total: f.hops.length };
    for (const l of this.listeners) l();
  }
}

/** The app's one player: the packet layer drives it, the trace panel reads its cursor. */
export const player = new Player();
