import { describe, expect, it } from 'vitest';
import { createAppStore } from './index';

describe('store', () => {
  it('sends a request from busybox to frontend-svc and counts the Pod that answered', () => {
    const store = createAppStore();
    store.getState().send();
    const r = store.getState().requests.at(-1)!;
    expect(r.trace?.verdict).toBe('delivered');
    expect(store.getState().counts[r.trace!.pod!]).toBe(1);
    expect(store.getState().focusedRequest).toBe(r.id);
  });

  it('a killed Pod is replaced and its IP is remembered; the Service keeps answering', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const pod = Object.values(s().cluster.objects.pods).find((p) => p.metadata.name.startsWith('frontend-'))!;
    s().killPod('default', pod.metadata.name);
    expect(s().ghosts[0].ip).toBe(pod.status.podIP);
    for (let i = 0; i < 40; i++) s().tick(250);
    expect(s().cluster.objects.pods[`default/${pod.metadata.name}`]).toBeUndefined();
    s().setSpec({
      source: { kind: 'pod', namespace: 'default', name: 'busybox' },
      target: { kind: 'podIP', ip: pod.status.podIP, port: 5000 },
    });
    s().send();
    expect(s().requests.at(-1)!.ok).toBe(false);
    s().setSpec({ ...s().spec, target: { kind: 'clusterIP', service: 'default/frontend-svc' } });
    for (let i = 0; i < 5; i++) s().send();
    expect(
      s()
        .requests.slice(-5)
        .every((r) => r.ok),
    ).toBe(true);
  });

  it('traffic and chaos fire at their virtual times; errors come back in the apiserver\u2019s words', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setTraffic(true, 5);
    for (let i = 0; i < 10; i++) s().tick(100);
    // at 0, 200, ... 1000 ms: the first request goes at once
    expect(s().requests.length).toBe(6);
    s().setServiceType('default', 'nope', 'NodePort');
    expect(s().notice?.kind).toBe('error');
    expect(s().notice?.text).toContain('not found');
  });
});
