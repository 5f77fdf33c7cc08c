// Small text helpers the panels share.
import type { Addr } from '../../sim';

/** Virtual time as the clock in the top bar shows it. */
export const tSec = (ms: number) => `t = ${(ms / 1000).toFixed(1)} s`;

export function ago(now: number, at: number): string {
  const s = Math.max(0, now - at) / 1000;
  if (s < 60) return `${s.toFixed(1)} s ago`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.floor(s % 60)} s ago`;
}

export const addr = (ip: string, port: number) => `${ip}:${port}`;
export const src = (a: Addr) => addr(a.src, a.sport);
export const dst = (a: Addr) => addr(a.dst, a.dport);

/** "client", "LB 203.0.113.10", "node worker1", "Pod frontend-…" */
export function placeName(place: string): string {
  if (place === 'client') return 'External client';
  const [kind, ...rest] = place.split('/');
  if (kind === 'pod') return `Pod ${rest[1]}`;
  if (kind === 'lb') return `Load balancer ${rest[0]}`;
  return `${kind} ${rest.join('/')}`;
}

/** 0.3333 → "1 in 3" when it is one; otherwise the percentage. */
export function odds(p: number): string {
  const n = 1 / p;
  if (Math.abs(n - Math.round(n)) < 1e-6 && Math.round(n) >= 1) return `1 in ${Math.round(n)}`;
  return `${(p * 100).toFixed(1)} %`;
}

/** The canvas selection id for an object an event or a trace names, when the canvas draws it. */
export function selectionIdOf(kind: string, namespace: string | undefined, name: string): string | null {
  if (kind === 'Pod') return `pod/${namespace ?? 'default'}/${name}`;
  if (kind === 'Service') return `svc/${namespace ?? 'default'}/${name}`;
  if (kind === 'Node') return `node/${name}`;
  return null;
}
