// The sync caches' persistent map: an edit never changes the map it started from (undo snapshots and
// other nodes' histories share it), and untouched buckets are shared, not copied.
import { describe, expect, it } from 'vitest';
import { emptyPMap, PMapEditor } from './pmap';

describe('PMap', () => {
  it('edits a copy; the original keeps every entry', () => {
    const e = new PMapEditor<number>(emptyPMap());
    for (let i = 0; i < 1000; i++) e.set(`chain-${i}`, i);
    const a = e.done();
    const e2 = new PMapEditor(a);
    e2.set('chain-1', -1);
    e2.delete('chain-2');
    e2.set('new', 7);
    const b = e2.done();
    const read = (m: typeof a, k: string) => new PMapEditor(m).get(k);
    expect([read(a, 'chain-1'), read(a, 'chain-2'), read(a, 'new')]).toEqual([1, 2, undefined]);
    expect([read(b, 'chain-1'), read(b, 'chain-2'), read(b, 'new'), read(b, 'chain-999')]).toEqual([
      -1,
      undefined,
      7,
      999,
    ]);
    expect(a.filter((x, i) => x !== b[i]).length).toBeLessThanOrEqual(3);
    expect(Object.isFrozen(b)).toBe(true);
    expect(new PMapEditor(b).done()).toBe(b);
  });
});
