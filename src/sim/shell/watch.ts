// One step of whatever the console is watching: `kubectl get -w` rows or `conntrack -E` events.
import type { ClusterState } from '../model/state';
import type { WatchSpec } from './types';
import { watchStep as kubectlWatchStep } from './kubectl/get';
import { conntrackEventsShown, conntrackWatchStep } from './host/conntrack';

/** `events`: how many `conntrack -E` events the text holds (kept in the watch, said on Ctrl+C). */
export function watchStep(
  s: ClusterState,
  w: WatchSpec,
): { text: string; seen: WatchSpec['seen']; widths: number[]; events?: number } {
  return w.conntrack ? conntrackWatchStep(s, w) : kubectlWatchStep(s, w);
}

/**
 * The line Ctrl+C leaves when it ends a watch: the terminal's ^C and, for `conntrack -E`, what it says
 * as it exits, on the same line (`kubectl get -w` says nothing).
 */
export function watchInterrupted(w: WatchSpec): { text: string; stderr: boolean } {
  return w.conntrack ? { text: `^C${conntrackEventsShown(w)}`, stderr: true } : { text: '^C', stderr: false };
}
