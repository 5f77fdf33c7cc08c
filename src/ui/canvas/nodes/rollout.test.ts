import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { defaultCluster } from '../../../sim';
import { podRevisionOf, rolloutLine } from './rollout';

describe('rolloutLine', () => {
  it('follows the Deployments as the store changes them (remembered per frozen object, never stale)', () => {
    const c0 = produce(defaultCluster(), () => {}); // frozen, as the store's state is
    const svc = c0.objects.services['default/frontend-svc'];
    expect(rolloutLine(svc, c0.objects.deployments)).toBeNull(); // rolled out: nothing to show
    expect(rolloutLine(svc, c0.objects.deployments)).toBeNull();
    const c1 = produce(c0, (d) => {
      d.objects.deployments['default/frontend'].status.updatedReplicas = 1;
    });
    expect(rolloutLine(svc, c1.objects.deployments)).toMatch(/^rev 1: 1\/3 updated, \d+ avail$/);
    // the earlier state still answers as it did
    expect(rolloutLine(svc, c0.objects.deployments)).toBeNull();
    // a plain (unfrozen) copy is answered without remembering
    const plain = structuredClone(c1.objects.deployments);
    plain['default/frontend'].status.updatedReplicas = 3;
    expect(rolloutLine(svc, plain)).toBeNull();
  });
});

describe('podRevisionOf', () => {
  it('answers with the same object while nothing it reads changed, and follows a new revision', () => {
    const c0 = produce(defaultCluster(), () => {});
    const key = Object.keys(c0.objects.pods).find((k) => k.startsWith('default/frontend-'))!;
    const pod = c0.objects.pods[key];
    const a = podRevisionOf(pod, c0.objects.replicasets, c0.objects.deployments);
    expect(a).toMatchObject({ revision: '1', current: true });
    // the same object: a card's shallow comparison is an identity check
    expect(podRevisionOf(pod, c0.objects.replicasets, c0.objects.deployments)).toBe(a);
    const c1 = produce(c0, (d) => {
      const dep = d.objects.deployments['default/frontend'];
      dep.metadata.annotations = { ...dep.metadata.annotations, 'deployment.kubernetes.io/revision': '2' };
    });
    // the Deployments changed: its Pod is now of an older template
    expect(podRevisionOf(pod, c1.objects.replicasets, c1.objects.deployments)).toMatchObject({
      revision: '1',
      current: false,
    });
    expect(podRevisionOf(pod, c0.objects.replicasets, c0.objects.deployments)).toMatchObject({ current: true });
  });
});
