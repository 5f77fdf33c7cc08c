// The tick runs the engine on a plain copy and hands unchanged parts back as they were: these pin both
// halves, equal parts keep their identity, changed ones carry the new value.
import { describe, expect, it } from 'vitest';
import { keepUnchanged } from './keep-unchanged';
import { createAppStore } from './index';
import { advance, reconcile } from '../sim';

describe('keepUnchanged', () => {
  it('returns the old value when nothing changed', () => {
    const prev = { a: { b: [1, 2, { c: 'x' }] }, d: null };
    expect(keepUnchanged(prev, structuredClone(prev))).toBe(prev);
  });

  it('keeps unchanged siblings, takes changed parts, added and removed keys', () => {
    const prev = { pods: { p1: { v: 1 }, p2: { v: 2 }, p3: { v: 3 } }, list: [{ n: 1 }, { n: 2 }] };
    const next = structuredClone(prev) as Record<string, unknown> & typeof prev;
    next.pods.p2.v = 20;
    delete (next.pods as Record<string, unknown>).p3;
    (next.pods as Record<string, unknown>).p4 = { v: 4 };
    next.list.push({ n: 3 });
    const out = keepUnchanged(prev, next);
    expect(out).not.toBe(prev);
    expect(out.pods.p1).toBe(prev.pods.p1);
    expect(out.pods.p2).toEqual({ v: 20 });
    expect(out.pods).not.toHaveProperty('p3');
    expect(out.list).not.toBe(prev.list);
    expect(out.list[0]).toBe(prev.list[0]);
    expect(out.list[1]).toBe(prev.list[1]);
    expect(out).toEqual(next);
  });

  it('tells NaN, -0 and missing keys apart the way the state is compared', () => {
    expect(keepUnchanged({ a: NaN }, { a: NaN }).a).toBeNaN();
    const prev = { a: undefined as number | undefined };
    expect(keepUnchanged(prev, {} as typeof prev)).not.toBe(prev);
  });
});

describe('tick on a plain copy', () => {
  it('leaves the cluster exactly as advancing the engine would, and keeps untouched objects', () => {
    const store = createAppStore();
    const s = () => store.getState();
    for (let i = 0; i < 3; i++) s().tick(100);
    s().scaleDeployment('default', 'frontend', 40);
    const svcBefore = s().cluster.objects.services;
    const expected = structuredClone(s().cluster);
    reconcile(expected);
    advance(expected, 700);
    s().tick(700);
    expect(JSON.parse(JSON.stringify(s().cluster))).toEqual(JSON.parse(JSON.stringify(expected)));
    // the scale touched no Service: the tick hands the same object back
    expect(s().cluster.objects.services).toBe(svcBefore);
    expect(Object.isFrozen(s().cluster.objects.pods)).toBe(true);
  });
});

describe('console line on a plain copy', () => {
  it('changes what the command changed, keeps the rest as it was, and stays frozen', async () => {
    const { loadShell } = await import('./shell-loader');
    await loadShell();
    const store = createAppStore();
    const s = () => store.getState();
    s().tick(100);
    const before = s().cluster;
    s().runConsole('kubectl get pods');
    expect(s().cluster.objects).toBe(before.objects);
    s().runConsole('kubectl scale deployment frontend --replicas=4');
    expect(s().console.lines.at(-1)?.text).toBe('deployment.apps/frontend scaled\n');
    expect(s().cluster.objects.deployments['default/frontend'].spec.replicas).toBe(4);
    expect(s().cluster.objects.services).toBe(before.objects.services);
    expect(Object.isFrozen(s().cluster.objects.deployments['default/frontend'])).toBe(true);
  });
});
