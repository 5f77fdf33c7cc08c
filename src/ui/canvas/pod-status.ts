// What kubectl get pods would print in STATUS, and readiness, for a Pod card.
import { isPodReady, type Pod } from '../../sim';

export type Tone = 'ok' | 'wait' | 'bad' | 'gone';

export function podStatus(pod: Pod): { text: string; tone: Tone } {
  if (pod.metadata.deletionTimestamp !== undefined) return { text: 'Terminating', tone: 'gone' };
  const cs = pod.status.containerStatuses ?? [];
  const waiting = cs.find((c) => c.state.waiting)?.state.waiting?.reason;
  if (waiting) return { text: waiting, tone: /Err|BackOff|Invalid/.test(waiting) ? 'bad' : 'wait' };
  const terminated = cs.find((c) => c.state.terminated)?.state.terminated?.reason;
  if (terminated && pod.status.phase !== 'Running') return { text: terminated, tone: 'gone' };
  if (pod.status.phase === 'Running') return { text: 'Running', tone: 'ok' };
  if (pod.status.phase === 'Pending') return { text: 'Pending', tone: 'wait' };
  return { text: pod.status.phase, tone: pod.status.phase === 'Succeeded' ? 'gone' : 'bad' };
}

export function podReady(pod: Pod): boolean {
  return isPodReady(pod) && pod.metadata.deletionTimestamp === undefined;
}

/** Labels the controllers add for their own bookkeeping: real, but noise on a card. */
export const HIDDEN_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'pod-template-generation']);

/** A stable colour index per Service name, shared by its card, its edges and the chips it selects. */
export function serviceColor(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 6;
}
