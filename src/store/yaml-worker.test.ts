// A long YAML text is applied in the engine Worker (offload.ts): the store gets the very cluster and
// messages an apply on the page gives, as a command Undo takes back, and the clock waits meanwhile.
// The Worker is stood in for by one that runs its requests as engine-worker.ts does (offload-work.ts),
// every message through structuredClone as postMessage does.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { handleRequest } from './offload-work';
import type { WorkerRequest } from './offload';

class FakeWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: unknown = null;
  static requests = 0;
  postMessage(req: WorkerRequest) {
    FakeWorker.requests++;
    const copy = structuredClone(req);
    setTimeout(() => void handleRequest(copy, (m) => this.onmessage?.({ data: structuredClone(m) })), 0);
  }
  terminate() {}
}
vi.stubGlobal('Worker', FakeWorker);

const pods = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bench-${i}\n  labels: {app: bench}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`,
  ).join('---\n');

beforeAll(async () => {
  const { loadShell } = await import('./shell-loader');
  const { yamlApply } = await import('./yaml-slice');
  await Promise.all([loadShell(), yamlApply.load()]);
});

async function settled(store: { getState: () => { yaml: { result: unknown } } }) {
  for (let i = 0; i < 500 && !store.getState().yaml.result; i++) await new Promise((r) => setTimeout(r, 10));
}

describe('applying a long YAML text in the engine Worker', () => {
  it('gives the cluster and messages the page gives, holds the clock meanwhile, and Undo takes it back', async () => {
    const { createAppStore } = await import('./index');
    const { clockHeld } = await import('./busy');
    const text = pods(40);
    const { applyManifests } = await import('./yaml-apply');
    // the page's own apply, on a copy of the same starting cluster
    const direct = structuredClone(createAppStore().getState().cluster);
    const directResult = applyManifests(direct, text, 'apply');
    expect(directResult.applied).toBe(true);

    const store = createAppStore();
    const before = store.getState().cluster;
    store.getState().setYamlText(text);
    store.getState().applyYaml('apply');
    // nothing yet: the Worker has it, and time waits for it
    expect(store.getState().yaml.result).toBeNull();
    expect(store.getState().cluster).toBe(before);
    await Promise.resolve();
    expect(clockHeld()).toBe(true);
    store.getState().tick(1000);
    expect(store.getState().cluster.now).toBe(before.now);
    await settled(store);
    expect(FakeWorker.requests).toBe(1);
    expect(clockHeld()).toBe(false);
    expect(store.getState().yaml.result).toEqual(directResult);
    expect(store.getState().cluster).toEqual(direct);
    expect(Object.keys(store.getState().cluster.objects.pods)).toHaveLength(
      Object.keys(before.objects.pods).length + 40,
    );
    store.getState().undo();
    expect(store.getState().cluster).toBe(before);
  });

  it('applies on the cluster as it is when a command changed it meanwhile', async () => {
    const { createAppStore } = await import('./index');
    const store = createAppStore();
    store.getState().setYamlText(pods(30));
    store.getState().applyYaml('apply');
    // a command while the Worker works: the apply must not undo it
    const s = store.getState();
    const pod = Object.keys(s.cluster.objects.pods).find((k) => k.includes('busybox'))!;
    const [ns, name] = pod.split('/');
    s.setPodLabel(ns, name, 'during', 'apply');
    expect(store.getState().cluster).not.toBe(s.cluster);
    await settled(store);
    expect(FakeWorker.requests).toBe(2);
    expect(store.getState().cluster.objects.pods[pod].metadata.labels?.during).toBe('apply');
    expect(store.getState().cluster.objects.pods['default/bench-29']).toBeDefined();
  });
});
