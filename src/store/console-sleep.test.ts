// The console's sleep runs the clock in slices (issue 12, item 3): each sleepStep does at most about
// SLICE_MS of work, so the page answers clicks and keys in between; Ctrl+C stops it where the clock got
// to, prints ^C and leaves $? at 130 (bash: a command killed by signal n exits 128+n; SIGINT is 2).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppStore } from './index';
import { SLICE_MS } from './console-slice';

beforeAll(async () => {
  const { loadShell } = await import('./shell-loader');
  await loadShell();
});
afterEach(() => vi.restoreAllMocks());

/** A wall clock that moves `perCall` ms each time it is read: every advance looks that slow. */
function slowWall(perCall: number): () => number {
  let t = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (t += perCall));
  return () => t;
}

describe('sleep in the console', () => {
  it('a long sleep moves the clock a slice at a time and does not hold the main thread', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const t0 = s().cluster.now;
    s().runConsole('sleep 1h; echo woke');
    expect(s().console.sleep?.ms).toBe(3600_000);
    expect(s().cluster.now).toBe(t0);
    const wall = slowWall(15);
    s().sleepStep();
    // one slice: a few advances, then it gives the thread back with time still to go
    expect(wall()).toBeLessThanOrEqual(SLICE_MS * 2);
    const after1 = s().cluster.now;
    expect(after1).toBeGreaterThan(t0);
    expect(after1).toBeLessThan(t0 + 3600_000);
    expect(s().console.sleep!.ms).toBe(t0 + 3600_000 - after1);
    // slow advances make the next slice's advances shorter
    expect(s().console.sleep!.chunk).toBeLessThan(1000);
    expect(s().console.lines.map((l) => l.text)).not.toContain('woke\n');
  });

  it('run to the end: the clock moves by exactly the sleep, then the rest of the line runs', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const t0 = s().cluster.now;
    s().runConsole('sleep 2m && echo woke');
    for (let i = 0; i < 10000 && s().console.sleep; i++) s().sleepStep();
    expect(s().console.sleep).toBeNull();
    expect(s().cluster.now).toBe(t0 + 120_000);
    expect(s().console.lines.at(-1)!.text).toBe('woke\n');
  });

  it('Ctrl+C: ^C, exit 130, the rest of the line not run, the clock where it got to', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const t0 = s().cluster.now;
    s().runConsole('sleep 6h; echo woke');
    slowWall(15);
    s().sleepStep();
    const got = s().cluster.now;
    vi.restoreAllMocks();
    s().interruptConsole('');
    expect(s().console.sleep).toBeNull();
    expect(s().console.lines.at(-1)).toMatchObject({ kind: 'out', text: '^C' });
    expect(s().cluster.now).toBe(got);
    expect(got).toBeLessThan(t0 + 6 * 3600_000);
    s().sleepStep(); // a slice already queued does nothing
    expect(s().cluster.now).toBe(got);
    s().runConsole('echo $?');
    expect(s().console.lines.at(-1)!.text).toBe('130\n');
    expect(s().console.lines.map((l) => l.text)).not.toContain('woke\n');
  });

  it('lines entered while it sleeps run after it (type-ahead); Ctrl+C drops them', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().runConsole('sleep 5');
    s().runConsole('echo next');
    expect(s().console.lines.map((l) => l.text)).not.toContain('next\n');
    while (s().console.sleep) s().sleepStep();
    expect(s().console.lines.at(-1)!.text).toBe('next\n');
    s().runConsole('sleep 5');
    s().runConsole('echo dropped');
    s().interruptConsole('');
    expect(s().console.lines.map((l) => l.text)).not.toContain('dropped\n');
  });

  it('the rest of the line is a command of its own: Undo takes it back', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().runConsole('sleep 1; kubectl scale deployment frontend --replicas=5');
    while (s().console.sleep) s().sleepStep();
    expect(s().cluster.objects.deployments['default/frontend'].spec.replicas).toBe(5);
    expect(s().past.at(-1)?.label).toBe('run "sleep 1; kubectl scale deployment frontend --replicas=5"');
    s().undo();
    expect(s().cluster.objects.deployments['default/frontend'].spec.replicas).not.toBe(5);
  });
});
