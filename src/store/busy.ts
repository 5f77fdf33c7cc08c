// What the engine Worker is doing for the page, for the progress indicator (ui/scenario/BusyProgress).
// Kept apart from offload.ts, which loads only when there is such work.

export interface Busy {
  text: string;
  /** how far (objects written), or null when there is no count */
  done: number | null;
  total: number | null;
}

let busy: Busy | null = null;
const listeners = new Set<() => void>();

export function setBusy(b: Busy | null) {
  busy = b;
  listeners.forEach((f) => f());
}
export const busyNow = () => busy;
export function onBusy(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** While a change is computed in the engine Worker from a copy of the cluster, the clock waits for it. */
let held = 0;
export const clockHeld = () => held > 0;
export function holdClock(on: boolean) {
  held = Math.max(0, held + (on ? 1 : -1));
}
