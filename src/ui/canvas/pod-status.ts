// A Pod card's STATUS (what kubectl get pods prints, from the engine) and readiness.
import { isPodReady, podStatusReason, type Pod } from '../../sim';

export type Tone = 'ok' | 'wait' | 'bad' | 'gone';

export function podStatus(pod: Pod): { text: string; tone: Tone } {
  // (remembered per Pod when it is frozen, as the store's are: a group card counts thousands of them on
  // every change)
  let st = STATUS.get(pod);
  if (!st) {
    const text = podStatusReason(pod);
    st = { text, tone: toneOf(text) };
    if (Object.isFrozen(pod)) STATUS.set(pod, st);
  }
  return st;
}
const STATUS = new WeakMap<Pod, { text: string; tone: Tone }>();

/** How a STATUS reads at a glance: running, on its way, gone or done, or in trouble. */
function toneOf(status: string): Tone {
  if (status === 'Running') return 'ok';
  if (status === 'Terminating' || status === 'Completed' || status === 'Succeeded') return 'gone';
  if (/^(Pending|ContainerCreating|PodInitializing|NotReady|SchedulingGated)$/.test(status)) return 'wait';
  return 'bad'; // CrashLoopBackOff, Error, ErrImagePull, ExitCode:…, Failed, Unknown, …
}

export function podReady(pod: Pod): boolean {
  return isPodReady(pod) && pod.metadata.deletionTimestamp === undefined;
}

/** Labels the controllers add for their own bookkeeping: real, but noise on a card. */
export const HIDDEN_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'pod-template-generation']);

/** The Service colours (canvas.css .svc-c0 … .svc-c5), for what CSS classes cannot paint: a Pod's stripe. */
export const SERVICE_COLORS = ['#7c3aed', '#0e7490', '#c2410c', '#be185d', '#4d7c0f', '#1d4ed8'];

/** A Pod's stripe: one band in the colour of every Service that selects it. */
export function stripe(services: string[]): string | undefined {
  if (!services.length) return undefined;
  const w = 100 / services.length;
  const bands = services.map((n, i) => `${SERVICE_COLORS[serviceColor(n)]} ${i * w}% ${(i + 1) * w}%`);
  return `linear-gradient(to right, ${bands.join(', ')})`;
}

/** A stable colour index per Service name, shared by its card, its edges and the chips it selects. */
export function serviceColor(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 6;
}
