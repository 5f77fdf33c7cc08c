// How long each hop of a replay lasts, in animation ms (wall ms × playback speed).
import type { TraceHop } from '../../sim';

export const TRAVEL_MS = 850;
const DWELL: Partial<Record<TraceHop['kind'], number>> = {
  send: 350,
  rule: 140,
  random: 220,
  route: 260,
  wire: 260,
  balance: 320,
  deliver: 450,
  reply: 220,
  refuse: 600,
  drop: 600,
  timeout: 600,
  'no-route': 600,
};
/** how long a finished packet stays on screen with its verdict mark */
export const LINGER_MS = 1400;

/** The part of hop i spent moving from the previous place (0 when the hop stays at one place). */
export function travelTime(hops: TraceHop[], i: number): number {
  return i > 0 && hops[i - 1].place !== hops[i].place ? TRAVEL_MS : 0;
}

/** Travel (if any), then a dwell at the place so the rule's effect can be read. */
export function hopDuration(hops: TraceHop[], i: number): number {
  return travelTime(hops, i) + (DWELL[hops[i].kind] ?? 200);
}

export const easeInOut = (p: number) => (p < 0.5 ? 2 * p * p : 1 - Math.pow(-2 * p + 2, 2) / 2);
