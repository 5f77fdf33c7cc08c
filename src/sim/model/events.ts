// The cluster's event log, in the words `kubectl get events` and `describe` use.
import type { ClusterEvent, ClusterState } from './state';

const MAX_EVENTS = 500;

export function emit(
  s: ClusterState,
  e: {
    type?: 'Normal' | 'Warning';
    reason: string;
    message: string;
    object: ClusterEvent['object'];
    source: string;
    host?: string;
    sim?: boolean;
  },
): void {
  // Like the event recorder's correlator, a repeat of an event (same object, source, type, reason and
  // message: a crash-looping container's Started, Pulled, BackOff) is counted, not re-listed.
  const type = e.type ?? 'Normal';
  for (let i = s.events.length - 1; i >= Math.max(0, s.events.length - 100); i--) {
    const x = s.events[i];
    if (
      x &&
      x.reason === e.reason &&
      x.message === e.message &&
      x.type === type &&
      x.source === e.source &&
      x.host === e.host &&
      x.object.uid === e.object.uid &&
      x.object.name === e.object.name &&
      x.object.kind === e.object.kind
    ) {
      x.count++;
      x.lastAt = s.now;
      return;
    }
  }
  s.counters.event++;
  const ev: ClusterEvent = {
    id: s.counters.event,
    at: s.now,
    lastAt: s.now,
    count: 1,
    type,
    reason: e.reason,
    message: e.message,
    object: e.object,
    source: e.source,
  };
  if (e.host) ev.host = e.host;
  if (e.sim) ev.sim = true;
  s.events.push(ev);
  if (s.events.length > MAX_EVENTS) s.events.splice(0, s.events.length - MAX_EVENTS);
}

export function ref(o: {
  kind: string;
  metadata: { namespace?: string; name: string; uid: string };
}): ClusterEvent['object'] {
  return { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid };
}
