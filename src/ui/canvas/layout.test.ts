import { describe, expect, it } from 'vitest';
import { SlotMap } from './layout';

describe('SlotMap', () => {
  it('keeps existing slots and gives newcomers the lowest free one', () => {
    const m = new SlotMap();
    m.sync(['a', 'b', 'c']);
    expect([m.get('a'), m.get('b'), m.get('c')]).toEqual([0, 1, 2]);
    m.sync(['a', 'c']);
    expect([m.get('a'), m.get('c')]).toEqual([0, 2]);
    m.sync(['a', 'c', 'd', 'e']);
    expect([m.get('a'), m.get('c'), m.get('d'), m.get('e')]).toEqual([0, 2, 1, 3]);
  });
});
