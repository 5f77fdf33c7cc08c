// A packet in flight meets the cluster as it is when it arrives: a Pod killed meanwhile never receives
// it; a node whose kube-proxy resynced before the packet reached it applies its new rules; a packet
// already translated keeps its conntrack mapping.
import { describe, expect, it } from 'vitest';
import type { Trace } from './trace-types';
import { tracePacket, type Source } from './trace';
import { mayMeetChange, meetCluster } from './midflight';
import { apply, svc, withDefault } from '../testing';
import { advance, settle } from '../step';
import { killPod } from '../actions';
import { clone } from '../model/meta';

const busybox: Source = { kind: 'pod', namespace: 'default', name: 'busybox' };

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

const deliverAt = (t: Trace) => t.hops.findIndex((h) => h.kind === 'deliver');

describe('meetCluster', () => {
  it('changes nothing when the cluster did not change', () => {
    const s = withDefault();
    const t = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    for (let i = 1; i < t.hops.length; i++) expect(meetCluster(s, t, i)).toBeNull();
  });

  it('a Pod deleted while the packet travels is never delivered to: the client times out', () => {
    const s = withDefault();
    const t = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    expect(t.verdict).toBe('delivered');
    const [ns, name] = t.pod!.split('/');
    const ip = t.endpoint!.split(':')[0];
    killPod(s, ns, name);
    // the kill's grace period passes and the sandbox is torn down before the packet gets there
    advance(s, 40_000);
    expect(s.objects.pods[t.pod!]).toBeUndefined();
    const at = deliverAt(t);
    // before the Pod's hop nothing is decided yet (DNAT already happened: conntrack keeps the mapping)
    for (let i = 1; i < at; i++)
      if (t.hops[i].kind !== 'rule' && t.hops[i].kind !== 'random') expect(meetCluster(s, t, i)).toBeNull();
    const now = meetCluster(s, t, at)!;
    expect(now).not.toBeNull();
    expect(now.verdict).toBe('timed-out');
    expect(now.pod).toBeUndefined();
    expect(now.reason).toContain(ip);
    // the hops already played are kept, then the packet is lost on the Pod's node: no reply
    expect(now.hops.slice(0, at)).toEqual(t.hops.slice(0, at));
    expect(now.hops.at(-1)!.kind).toBe('timeout');
    expect(now.hops.at(-1)!.place.startsWith('node/')).toBe(true);
    expect(now.hops.some((h) => h.kind === 'reply' || h.kind === 'deliver')).toBe(false);
    expect(now.destination).toBe(t.destination);
  });

  it('a Pod that is terminating when the packet arrives refuses it (its container has stopped)', () => {
    const s = withDefault();
    const t = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    const [ns, name] = t.pod!.split('/');
    killPod(s, ns, name);
    advance(s, 100);
    // SIGTERM stopped the process at once; the Pod object and its sandbox are still there
    const pod = s.objects.pods[t.pod!];
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect(s.runtime[pod.metadata.uid].appUp).toBe(false);
    const now = meetCluster(s, t, deliverAt(t))!;
    expect(now.verdict).toBe('refused');
    expect(now.hops.at(-1)!.kind).toBe('refuse');
    expect(now.hops.at(-1)!.place).toBe(`pod/${t.pod}`);
    expect(now.reason).toContain('terminating');
  });

  it('a node whose kube-proxy resynced before the packet reached it applies its rules as they are now', () => {
    const s = withDefault();
    const ip = svc(s, 'frontend-svc').spec.clusterIP!;
    const t = tracePacket(s, busybox, { ip, port: 80 });
    expect(t.verdict).toBe('delivered');
    // the Service loses every endpoint, and kube-proxy syncs before the packet leaves the Pod
    apply(
      s,
      `apiVersion: v1
kind: Service
metadata:
  name: frontend-svc
spec:
  selector:
    app: nothing-has-this
  clusterIP: ${ip}
  ports:
  - port: 80
    targetPort: 5000`,
      false,
    );
    settle(s);
    const first = t.hops.findIndex((h) => h.place.startsWith('node/'));
    const now = meetCluster(s, t, first)!;
    expect(now).not.toBeNull();
    expect(now.verdict).toBe('refused');
    expect(now.reason).toContain('has no endpoints');
    expect(now.hops[0]).toEqual(t.hops[0]);
  });

  it('a packet already translated keeps its endpoint: a resync after DNAT does not move it', () => {
    const s = withDefault();
    const t = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    const dnat = t.hops.findIndex((h) => h.rule?.target.kind === 'DNAT');
    // rules rewritten on every node (a Service change synced)
    apply(
      s,
      `apiVersion: v1
kind: Service
metadata:
  name: other
spec:
  selector:
    app: frontend
  ports:
  - port: 81
    targetPort: 5000`,
    );
    for (let i = dnat + 1; i < t.hops.length; i++) expect(meetCluster(s, t, i)).toBeNull();
  });
});

describe('mayMeetChange', () => {
  it('says yes exactly where meetCluster changes something, and leaves a frozen cluster alone', () => {
    const s = withDefault();
    const t = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    for (let i = 0; i < t.hops.length; i++) expect(mayMeetChange(deepFreeze(clone(s)), t, i)).toBe(false);
    const [ns, name] = t.pod!.split('/');
    killPod(s, ns, name);
    advance(s, 40_000);
    const at = deliverAt(t);
    // as the store's state is: frozen by immer
    const frozen = deepFreeze(clone(s));
    expect(mayMeetChange(frozen, t, at)).toBe(true);
    expect(mayMeetChange(frozen, t, at + 1)).toBe(false);
  });
});
