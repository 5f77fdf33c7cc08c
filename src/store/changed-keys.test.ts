// What the page derives from the Pods follows the keys a Worker tick changed (issue 12: walking 100,000
// Pods per tick held the main thread): applyFrozen notes them, eachChange hands them on, across several
// versions; with no known path between two versions every key is visited, so nothing is missed.
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { eachChange } from './changed-keys';
import { applyFrozen, applyFrozenInParts, identityDiff } from './tick-diff';

type Pods = Record<string, { n: number }>;
const visited = (a: Pods | null, b: Pods) => {
  const out: [string, number | undefined][] = [];
  eachChange(a, b, (k, v) => out.push([k, v?.n]));
  return out.sort((x, y) => (x[0] < y[0] ? -1 : 1));
};

describe('the keys that changed between versions of the Pods', () => {
  const v0 = produce(
    { pods: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p${i}`, { n: i }])) as Pods },
    () => {},
  );
  const step = (base: typeof v0, change: (d: typeof v0) => void) =>
    applyFrozen(base, identityDiff(base, produce(base, change)));
  const v1 = step(v0, (d) => void (d.pods.p5.n = -5));
  const v2 = step(v1, (d) => {
    delete d.pods.p7;
    d.pods.p1000 = { n: 1000 };
  });
  const v3 = step(v2, (d) => void (d.pods.p5.n = 55));

  it('a Worker answer applied: only the keys it set or deleted, over several versions', () => {
    expect(visited(v0.pods, v1.pods)).toEqual([['p5', -5]]);
    expect(visited(v0.pods, v3.pods)).toEqual([
      ['p1000', 1000],
      ['p5', 55],
      ['p7', undefined],
    ]);
    expect(visited(v3.pods, v3.pods)).toEqual([]);
  });

  it('a very large object is copied a part at a time, with a pause between parts, to the same result', async () => {
    // 50,000 Pods: copied whole, 100,000 of them held the main thread 100-300 ms
    const big = produce(
      { pods: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`p${i}`, { n: i }])) as Pods, n: 1 },
      () => {},
    );
    const next = produce(big, (d) => {
      d.pods.p3.n = -3;
      delete d.pods.p9;
      d.n = 2;
    });
    const patches = identityDiff(big, next);
    let pauses = 0;
    const got = await applyFrozenInParts(big, patches, async () => void pauses++);
    expect(JSON.stringify(got)).toBe(JSON.stringify(applyFrozen(big, patches)));
    expect(JSON.stringify(got)).toBe(JSON.stringify(next));
    expect(pauses).toBeGreaterThanOrEqual(2);
    expect(Object.isFrozen(got.pods) && got.pods.p4 === big.pods.p4).toBe(true);
    expect(visited(big.pods, got.pods)).toEqual([
      ['p3', -3],
      ['p9', undefined],
    ]);
  });

  it('versions not made by applyFrozen (a command through immer): every key, the gone ones too', () => {
    const cmd = produce(v3, (d) => void delete d.pods.p0);
    const all = visited(v3.pods, cmd.pods);
    expect(all).toHaveLength(999 + 1); // (the 999 there, and p0 gone)
    expect(all.find(([k]) => k === 'p0')).toEqual(['p0', undefined]);
    // and no earlier version known (a first read): every key
    expect(visited(null, v1.pods)).toHaveLength(1000);
  });
});
