// What kube-proxy watches: every Service or EndpointSlice change is logged with a sequence number;
// each node's kube-proxy syncs up to a sequence number (servicechangetracker + endpointschangetracker).
import type { ClusterState } from '../model/state';

export function recordServiceChange(s: ClusterState, serviceKey: string): void {
  s.changes.seq++;
  s.changes.log.push({ seq: s.changes.seq, at: s.now, service: serviceKey });
}

/** Forget log entries every kube-proxy has synced. */
export function trimChanges(s: ClusterState): void {
  const min = Math.min(...Object.values(s.proxies).map((p) => p.syncedSeq), s.changes.seq);
  if (s.changes.log.length && s.changes.log[0].seq <= min) s.changes.log = s.changes.log.filter((e) => e.seq > min);
}
