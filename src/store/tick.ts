// The tick loop: one requestAnimationFrame loop for the whole app. Each frame hands the scaled
// frame time to frame listeners (the packet layer animates with it, outside React); the engine
// itself is advanced about ten times a second, so React re-renders at that pace, never per frame.
import type { AppStore } from './types';

/** ticked: the engine was advanced in this frame (a store update React renders in this frame anyway) */
export type FrameListener = (animMs: number, ticked: boolean) => void;

const SIM_EVERY_MS = 100;
/** a hidden tab or a breakpoint must not make the cluster jump minutes ahead */
const MAX_FRAME_MS = 250;

const listeners = new Set<FrameListener>();

export function onFrame(fn: FrameListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function startTickLoop(store: AppStore): () => void {
  let last = performance.now();
  let pending = 0;
  let raf = 0;
  const frame = (t: number) => {
    const dt = Math.min(MAX_FRAME_MS, Math.max(0, t - last));
    last = t;
    const { playing, speed } = store.getState();
    const animMs = playing ? dt * speed : 0;
    let ticked = false;
    if (playing) {
      pending += dt;
      if (pending >= SIM_EVERY_MS) {
        store.getState().tick(pending * speed);
        pending = 0;
        ticked = true;
      }
    } else pending = 0;
    for (const l of listeners) l(animMs, ticked);
    raf = requestAnimationFrame(frame);
  };
  raf = requestAnimationFrame(frame);
  return () => cancelAnimationFrame(raf);
}
