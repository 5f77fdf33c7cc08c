import { describe, expect, it, vi } from 'vitest';

// The first view's chunk leaves the packet tracer out (store/tracer-loader.ts). A request made before it
// has loaded is made once it has, exactly once; nothing the engine decides depends on when it arrived.
describe('requests wait for the packet tracer', () => {
  it('send, continuous traffic and the clock wait for the tracer, then run as they would have', async () => {
    // fresh modules: the test setup loaded the tracer for every other test
    vi.resetModules();
    const { createAppStore } = await import('./index');
    const { tracer } = await import('./tracer-loader');
    expect(tracer.loaded()).toBeNull();
    const store = createAppStore();
    const s = () => store.getState();
    const t0 = s().cluster.now;

    // traffic on without the tracer: the clock does not move
    store.setState((st) => void (st.traffic.on = true));
    s().tick(500);
    expect(s().cluster.now).toBe(t0);
    expect(s().requests).toHaveLength(0);
    store.setState((st) => void (st.traffic.on = false));

    s().send();
    s().setTraffic(true, 4);
    // nothing made yet; traffic is on (the box shows it) but waits, and so does the clock
    expect(s().requests).toHaveLength(0);
    expect(s().traffic).toMatchObject({ on: true, rate: 4, nextAt: t0 });
    s().tick(500);
    expect(s().cluster.now).toBe(t0);
    expect(s().requests).toHaveLength(0);

    await tracer.load();
    await new Promise((r) => setTimeout(r, 0));
    // the Send form's request, once, traced to a frontend Pod; then traffic on at the rate asked for
    expect(s().requests).toHaveLength(1);
    expect(s().requests[0].origin).toBe('send');
    expect(s().requests[0].trace?.verdict).toBe('delivered');
    expect(s().requests[0].trace?.pod).toMatch(/^default\/frontend-/);
    expect(s().traffic).toMatchObject({ on: true, rate: 4 });
    // and the clock moves again, sending as it goes
    s().tick(500);
    expect(s().cluster.now).toBe(t0 + 500);
    expect(s().requests.filter((r) => r.origin === 'traffic').length).toBeGreaterThan(0);
  });

  it('a tracer that cannot be fetched is said in the notice; nothing is sent, traffic goes off again', async () => {
    vi.resetModules();
    vi.doMock('./send-parts', () => {
      throw new Error('Failed to fetch dynamically imported module');
    });
    try {
      const { createAppStore } = await import('./index');
      const store = createAppStore();
      store.getState().send();
      await new Promise((r) => setTimeout(r, 0));
      expect(store.getState().requests).toHaveLength(0);
      expect(store.getState().notice?.text).toMatch(/Could not load the packet tracer/);
      store.getState().setTraffic(true);
      expect(store.getState().traffic.on).toBe(true);
      await new Promise((r) => setTimeout(r, 0));
      expect(store.getState().traffic.on).toBe(false);
      expect(store.getState().requests).toHaveLength(0);
    } finally {
      vi.doUnmock('./send-parts');
    }
  });
});
