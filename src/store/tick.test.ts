// The tick skips reconciling when nothing the controllers read has changed since the last tick (a large
// cluster's frame rate depends on it); these pin that what must be reconciled still is.
import { describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { settle } from '../sim';

const frontends = (store: ReturnType<typeof createAppStore>) =>
  Object.values(store.getState().cluster.objects.pods).filter(
    (p) => p.metadata.name.startsWith('frontend-') && p.metadata.deletionTimestamp === undefined,
  );

describe('tick', () => {
  it('a chaos kill is replaced on the next tick, with traffic flowing', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setTraffic(true, 10);
    s().setChaos(true);
    const before = new Set(frontends(store).map((p) => p.metadata.name));
    // the first strike comes 2 s after chaos is switched on
    for (let i = 0; i < 21; i++) s().tick(100);
    const now = frontends(store).map((p) => p.metadata.name);
    expect(now.filter((n) => !before.has(n))).toHaveLength(1);
    expect(now).toHaveLength(3);
  });

  it('a command between ticks is reconciled by the next tick', () => {
    const store = createAppStore();
    const s = () => store.getState();
    for (let i = 0; i < 3; i++) s().tick(100);
    s().scaleDeployment('default', 'frontend', 5);
    s().tick(100);
    expect(frontends(store)).toHaveLength(5);
    s().killPod('default', frontends(store)[0].metadata.name);
    s().tick(100);
    expect(frontends(store)).toHaveLength(5);
  });

  it('ticking with nothing to do leaves the cluster as settling would', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setTraffic(true, 5);
    for (let i = 0; i < 50; i++) s().tick(100);
    const c = structuredClone(s().cluster);
    settle(c);
    expect(Object.keys(c.objects.pods).sort()).toEqual(Object.keys(s().cluster.objects.pods).sort());
    expect(Object.keys(c.objects.endpointslices).sort()).toEqual(
      Object.keys(s().cluster.objects.endpointslices).sort(),
    );
  });
});
