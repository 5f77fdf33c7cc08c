// A running `kubectl get -w` in the console prints a row each time a watched object changes: checked
// whenever the cluster changes (a tick that changed nothing leaves the cluster object as it was). A
// running `sleep` moves the clock one slice per macrotask, so clicks and keys are answered in between.
import type { AppStore } from './types';
import { sleepWaiting } from './console-slice';

export function startConsoleWatch(store: AppStore): () => void {
  return store.subscribe((s, prev) => {
    if (s.console.watch && s.cluster !== prev.cluster) s.pollWatch();
  });
}

export function startConsoleSleep(store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = () => {
    timer = undefined;
    store.getState().sleepStep();
    // (a slice in the engine Worker: looked at again a frame later)
    if (store.getState().console.sleep) schedule(sleepWaiting() ? 16 : 0);
  };
  const schedule = (ms = 0) => {
    if (timer === undefined) timer = setTimeout(step, ms);
  };
  const stop = store.subscribe((s) => {
    if (s.console.sleep) schedule();
  });
  if (store.getState().console.sleep) schedule();
  return () => {
    stop();
    if (timer !== undefined) clearTimeout(timer);
  };
}
