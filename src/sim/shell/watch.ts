// One step of whatever the console is watching: `kubectl get -w` rows or `conntrack -E` events.
import type { ClusterState } from '../model/state';
import type { WatchSpec } from './types';
import { watchStep as kubectlWatchStep } from './kubectl/get';
import { conntrackWatchStep } from './host/conntrack';

export function watchStep(s: ClusterState, w: WatchSpec): { text: string; seen: WatchSpec['seen']; widths: number[] } {
  return w.conntrack ? conntrackWatchStep(s, w) : kubectlWatchStep(s, w);
}
