// The packet tracer (src/sim/tracer.ts, with the Send form's target resolution: store/send-parts.ts)
// loads as its own chunk: the first view sends nothing. Every request waits for it: the action that
// makes one runs once the tracer is in, so what the engine decides never depends on when it arrived.
import { lazyModule, loadFailure } from './lazy';
import { fail, type Notice } from './notices';
import type * as TracerModule from './send-parts';

export const tracer = lazyModule<typeof TracerModule>(() => import('./send-parts'));

/**
 * True when the tracer is in. Otherwise it starts loading, `retry` runs the action again once it is
 * (so the request is made, and recorded, once), and false; a load that fails says so in the notice.
 */
export function tracerOrRetry(
  set: (recipe: (s: { notice: Notice | null }) => void) => void,
  retry: () => void,
): boolean {
  return tracer.orRetry(retry, (e) => set((s) => fail(s, loadFailure('the packet tracer', e)))) !== null;
}
