// On a large cluster a console line runs first on the frozen cluster as it is (no copy of thousands of
// Pods): a line that only reads prints what it would print on a copy and leaves the cluster the very
// same object; a line that writes throws on the frozen cluster and runs again on a copy, once, with
// nothing of the first attempt kept (issue 12: the main thread never blocks over 200 ms).
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { isLarge } from './large';

beforeAll(async () => {
  const { loadShell } = await import('./shell-loader');
  await loadShell();
});

function largeStore() {
  const store = createAppStore();
  store.getState().runConsole('kubectl scale deployment frontend --replicas=320');
  for (let i = 0; i < 30; i++) store.getState().tick(1000);
  expect(isLarge(store.getState().cluster)).toBe(true);
  expect(Object.isFrozen(store.getState().cluster)).toBe(true);
  return store;
}

/** What a line printed (the lines after its own command line). */
function run(store: ReturnType<typeof createAppStore>, line: string): string {
  const before = store.getState().console.lines.length;
  store.getState().runConsole(line);
  return store
    .getState()
    .console.lines.slice(before)
    .map((l) => l.text)
    .join('');
}

describe('console lines on a large cluster', () => {
  it('reading lines leave the cluster as it was, and print what they print on a small one', () => {
    const store = largeStore();
    const c = store.getState().cluster;
    const get = run(store, 'kubectl get deploy frontend');
    expect(get).toMatch(/frontend\s+\d+\/320\s+320\s+\d+/);
    expect(store.getState().cluster).toBe(c);
    // DNS through kube-dns (a packet traced from busybox, which writes conntrack: run again on a copy):
    // answered, not taken for unreachable by the first attempt
    const dns = run(store, 'kubectl exec busybox -- nslookup db-svc');
    expect(dns).toMatch(/Name:\s+db-svc\nAddress 1: [\d.]+ db-svc\.default\.svc\.cluster\.local/);
    // once, in the scrollback
    expect(store.getState().console.lines.filter((l) => l.text.includes('kubectl get deploy frontend'))).toHaveLength(
      1,
    );
  });

  it('a writing line runs again on a copy: its change is kept, once, with one undo step', () => {
    const store = largeStore();
    const c = store.getState().cluster;
    const undo = store.getState().past.length;
    const out = run(store, 'kubectl label deployment frontend tier=web');
    expect(out).toContain('deployment.apps/frontend labeled');
    expect(store.getState().cluster).not.toBe(c);
    expect(store.getState().cluster.objects.deployments['default/frontend'].metadata.labels).toMatchObject({
      tier: 'web',
    });
    expect(store.getState().past.length).toBe(undo + 1);
    expect(store.getState().console.lines.filter((l) => l.text.includes('kubectl label deployment'))).toHaveLength(1);
    // untouched Pods are the very objects they were
    const k = Object.keys(c.objects.pods)[5];
    expect(store.getState().cluster.objects.pods[k]).toBe(c.objects.pods[k]);
  });
});
