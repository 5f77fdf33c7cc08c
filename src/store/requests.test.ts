// Every request is a request: console lines that connect (curl, wget, from a machine, through ssh or
// kubectl exec) are recorded, traced, counted and listed like the Send form's, and their outcome is
// shown only once their packet has arrived. A packet meets the cluster as it is when it arrives.
import { beforeAll, describe, expect, it } from 'vitest';
import { isDraft } from 'immer';
import { createAppStore } from './index';
import { shownCount, shownTotals } from './requests-slice';
import { loadShell } from './shell-loader';
import { kit } from './kit-loader';

// the app loads the shell and the lessons on first use; these tests use them synchronously
beforeAll(async () => {
  await Promise.all([loadShell(), kit.load()]);
});

const arrival = (hops: { kind: string }[]) => hops.findIndex((h) => h.kind === 'deliver');

describe('requests from the console', () => {
  it('kubectl exec busybox -- wget -qO- frontend-svc is a traced request, counted once it arrives', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().runConsole('kubectl exec busybox -- wget -qO- frontend-svc');
    const r = s().requests.at(-1)!;
    expect(r).toMatchObject({
      origin: 'console',
      manual: true,
      command: 'kubectl exec busybox -- wget -qO- frontend-svc',
      from: 'Pod busybox',
      revealed: false,
    });
    expect(r.trace!.verdict).toBe('delivered');
    expect(r.trace!.from).toBe('pod/default/busybox');
    expect(r.summary).toMatch(/^Pod busybox → 10\.\d+\.\d+\.\d+:80: delivered to Pod frontend-/);
    expect(s().focusedRequest).toBe(r.id);
    // a plain object, frozen by immer, not a draft that died with the recipe
    expect(isDraft(r.trace)).toBe(false);
    expect(() => JSON.stringify(r.trace)).not.toThrow();
    // the engine counted it; the screen shows it when the packet gets there
    expect(s().counts[r.trace!.pod!]).toBe(1);
    expect(shownCount(s(), r.trace!.pod!)).toBe(0);
    expect(shownTotals(s())).toEqual({ delivered: 0, failed: 0 });
    s().revealRequest(r.id);
    expect(shownCount(s(), r.trace!.pod!)).toBe(1);
    expect(shownTotals(s())).toEqual({ delivered: 1, failed: 0 });
  });

  it('curl from a node, through ssh, and a failing connection each make one request', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const ip = s().cluster.objects.services['default/frontend-svc'].spec.clusterIP;
    s().runConsole(`curl -s ${ip}`);
    expect(s().requests.at(-1)).toMatchObject({ origin: 'console', from: 'node master' });
    s().runConsole(`ssh worker1 curl -s ${ip}`);
    expect(s().requests.at(-1)).toMatchObject({ from: 'node worker1' });
    s().runConsole('curl -s --max-time 1 10.96.0.250:80');
    const bad = s().requests.at(-1)!;
    expect(bad.ok).toBe(false);
    expect(bad.summary).toContain('timed out');
    s().runConsole('kubectl get pods');
    expect(s().requests).toHaveLength(3);
  });

  it('a lesson sees console requests once their packets have arrived', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().startLesson('clusterip-and-nodeport');
    expect(s().lesson?.step).toBe(0);
    // a lesson asks for a prediction first
    expect(s().predict).toBe(true);
    const seen = s().lesson!.seen;
    s().runConsole('kubectl exec busybox -- wget -qO- frontend-svc');
    s().checkLesson();
    expect(s().lesson!.seen).toBe(seen);
    s().revealRequest(s().requests.at(-1)!.id);
    s().checkLesson();
    expect(s().lesson!.seen).toBe(s().requests.at(-1)!.id);
    expect(s().lesson!.traces.at(-1)!.from).toBe('pod/default/busybox');
  });
});

describe('a packet meets the cluster as it is', () => {
  it('the Pod killed while the packet travels: no delivery, the counts follow', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().send();
    const r = s().requests.at(-1)!;
    const pod = r.trace!.pod!;
    expect(s().counts[pod]).toBe(1);
    // nothing changed yet: the same trace comes back, and nothing is written
    const before = s().requests;
    expect(s().meetCluster(r.id, arrival(r.trace!.hops))).toBe(r.trace);
    expect(s().requests).toBe(before);
    s().killPod('default', pod.split('/')[1]);
    for (let i = 0; i < 40; i++) s().tick(1000);
    expect(s().cluster.objects.pods[pod]).toBeUndefined();
    const now = s().meetCluster(r.id, arrival(r.trace!.hops))!;
    expect(now.verdict).toBe('timed-out');
    const after = s().requests.find((x) => x.id === r.id)!;
    expect(after).toMatchObject({ ok: false });
    expect(after.summary).toContain('timed out');
    expect(s().counts[pod]).toBeUndefined();
    expect(s().failed).toBe(1);
    s().revealRequest(r.id);
    expect(shownTotals(s())).toEqual({ delivered: 0, failed: 1 });
    // revealed: it is a recording now, the cluster no longer changes it
    expect(s().meetCluster(r.id, 1)).toBe(after.trace);
  });

  it('a request that could not start is shown at once', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setSpec({ ...s().spec, target: { kind: 'clusterIP', service: 'default/nope' } });
    s().send();
    expect(s().requests.at(-1)).toMatchObject({ revealed: true, ok: false });
    expect(shownTotals(s()).failed).toBe(1);
  });
});

describe('the panels explain a request once its packet has arrived', () => {
  it('the rules view does not show the path of a request still on its way', async () => {
    const { selectedRequest } = await import('../ui/panels/useSelectedRequest');
    const store = createAppStore();
    const s = () => store.getState();
    s().send();
    const r = s().requests.at(-1)!;
    expect(selectedRequest(s())).toBeUndefined();
    s().revealRequest(r.id);
    expect(selectedRequest(s())?.id).toBe(r.id);
  });
});
