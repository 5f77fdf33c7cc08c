// A running `kubectl get -w` in the console prints a row each time a watched object changes: checked
// whenever the cluster changes (a tick that changed nothing leaves the cluster object as it was).
import type { AppStore } from './types';

export function startConsoleWatch(store: AppStore): () => void {
  return store.subscribe((s, prev) => {
    if (s.console.watch && s.cluster !== prev.cluster) s.pollWatch();
  });
}
