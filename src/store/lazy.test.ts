// Lazily loaded modules: an action that needs one waits for it and runs once (as one undoable command);
// a load that fails says so and is tried again next time.
import { describe, expect, it, vi } from 'vitest';
import { lazyModule, loadFailure } from './lazy';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('lazyModule', () => {
  it('loads once, then answers at once', async () => {
    const importer = vi.fn(async () => ({ n: 1 }));
    const m = lazyModule(importer);
    expect(m.loaded()).toBeNull();
    const retry = vi.fn();
    expect(m.orRetry(retry)).toBeNull();
    expect(m.orRetry(retry)).toBeNull();
    await tick();
    expect(retry).toHaveBeenCalledTimes(2);
    expect(m.orRetry(retry)).toEqual({ n: 1 });
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it('reports a failed load, tells listeners, and tries again on the next call', async () => {
    let fail = true;
    const m = lazyModule(async () => {
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return 'ok';
    });
    const seen = vi.fn();
    m.subscribe(seen);
    const failed = vi.fn();
    const retry = vi.fn();
    expect(m.orRetry(retry, failed)).toBeNull();
    await tick();
    expect(retry).not.toHaveBeenCalled();
    expect(failed).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Failed to fetch dynamically imported module' }),
    );
    expect(m.error()?.message).toMatch(/Failed to fetch/);
    expect(seen).toHaveBeenCalledTimes(1);
    fail = false;
    await expect(m.load()).resolves.toBe('ok');
    expect(m.error()).toBeNull();
    expect(seen).toHaveBeenCalledTimes(2);
    expect(loadFailure('the lessons', new Error('offline'))).toMatch(/^Could not load the lessons \(offline\)\./);
  });
});

describe('store actions that need the scenario kit', () => {
  it('wait for it, then run as one undoable command', async () => {
    vi.resetModules(); // a store whose kit has not loaded yet
    const { createAppStore } = await import('./index');
    const { kit } = await import('./kit-loader');
    expect(kit.loaded()).toBeNull();
    const store = createAppStore();
    const before = store.getState().cluster;
    store.getState().loadScenario('nodeport');
    // nothing yet: the kit is on its way
    expect(store.getState().cluster).toBe(before);
    expect(store.getState().past).toHaveLength(0);
    await kit.load();
    await tick();
    expect(store.getState().scenario.id).toBe('nodeport');
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().cluster).toBe(before);
    expect(store.getState().scenario.title).toBe('Grouping Pods into Services');
  });
});
