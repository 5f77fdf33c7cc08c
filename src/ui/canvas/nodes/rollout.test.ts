import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { defaultCluster } from '../../../sim';
import { rolloutLine } from './rollout';

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
