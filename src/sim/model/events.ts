// The cluster's event log, in the words `kubectl get events` and `describe` use.
import type { ClusterEvent, ClusterState } from './state';

const MAX_EVENTS = 500;

export function emit(
  s: ClusterState,
  e: { type?: 'Normal' | 'Warning'; reason: string; message: string; object: ClusterEvent['object']; source: string; host?: string; sim?: boolean },
): void {
  // Like the event recorder, repeats of the same event for the same object are counted, not re-listed.
  const last = s.events[s.events.length - 1];
  if (last && last.reason === e.reason && last.message === e.message && last.object.uid === e.object.uid && last.object.name === e.object.name) {
    last.count++;
    last.lastAt = s.now;
    return;
  }
  s.counters.event++;
  const ev: ClusterEvent = { id: s.counters.event, at: s.now, lastAt: s.now, count: 1, type: e.type ?? 'Normal', reason: e.reason, message: e.message, object: e.object, source: e.source };
  if (e.host) ev.host = e.host;
  if (e.sim) ev.sim = true;
  s.events.push(ev);
  if (s.events.length > MAX_EVENTS) s.events.splice(0, s.events.length - MAX_EVENTS);
}

export function ref(o: { kind: string; metadata: { namespace?: string; name: string; uid: string } }): ClusterEvent['object'] {
  return { kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid };
}
