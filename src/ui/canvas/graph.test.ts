// The picture's layout: cards never overlap, a Service's Pods stand together in every machine, many
// Pods of one lane collapse into a group card, and the arrangement suits the canvas's shape.
import { describe, expect, it } from 'vitest';
import { bigCluster } from '../../bench/engine';
import { buildGraph, COLLAPSE_AT, type GraphNode } from './graph';
import { arrange, bestLayout, newLayoutCache } from './layout';

function absolute(nodes: GraphNode[]) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return nodes
    .filter((n) => n.type === 'pod' || n.type === 'podgroup')
    .map((n) => {
      const p = byId.get(n.parentId!)!;
      return { id: n.id, x: p.position.x + n.position.x, y: p.position.y + n.position.y, w: n.width!, h: n.height! };
    });
}

describe('buildGraph', () => {
  it('lays out a large cluster without overlap, each card inside its machine', () => {
    const s = bigCluster(4, 6, 5);
    const g = buildGraph(s, false, newLayoutCache(), new Map(), { w: 1200, h: 700 });
    const cards = absolute(g.nodes);
    expect(cards.length).toBe(30);
    for (let i = 0; i < cards.length; i++)
      for (let j = i + 1; j < cards.length; j++) {
        const a = cards[i],
          b = cards[j];
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
      }
    for (const n of g.nodes.filter((m) => m.type === 'pod')) {
      const parent = g.nodes.find((m) => m.id === n.parentId)!;
      expect(n.position.x + n.width!).toBeLessThanOrEqual(parent.width!);
      expect(n.position.y + n.height!).toBeLessThanOrEqual(parent.height!);
    }
  });

  it('collapses a lane of more than COLLAPSE_AT Pods on a machine into one group card, and expands it on request', () => {
    const s = bigCluster(1, 1, COLLAPSE_AT + 8);
    const g = buildGraph(s, false, newLayoutCache(), new Map(), { w: 1200, h: 700 });
    const groups = g.nodes.filter((n) => n.type === 'podgroup');
    expect(groups.length).toBe(1);
    expect(groups[0].data.count).toBe(COLLAPSE_AT + 8);
    expect(g.nodes.filter((n) => n.type === 'pod').length).toBe(0);
    // one line from the Service to the group, not one per Pod
    expect(g.edges.filter((e) => e.target === groups[0].id).length).toBe(1);
    const open = buildGraph(
      s,
      false,
      newLayoutCache(),
      new Map(),
      { w: 1200, h: 700 },
      String(groups[0].data.opens).split('\n'),
    );
    expect(open.nodes.filter((n) => n.type === 'pod').length).toBe(COLLAPSE_AT + 8);
  });
});

describe('bestLayout', () => {
  const input = {
    top: [{ w: 272, h: 116 }, ...Array.from({ length: 2 }, () => ({ w: 300, h: 144 }))],
    outside: 1,
    lanes: ['a', 'b'],
    machines: [{ slots: {} as Record<string, number> }, { slots: { a: 4, b: 1 } }, { slots: { a: 3, b: 2 } }],
  };
  it('stacks the machines on a tall canvas and sets them side by side on a wide one', () => {
    const tall = bestLayout(input, { w: 500, h: 1400 });
    const wide = bestLayout(input, { w: 1800, h: 500 });
    expect(tall.perRow).toBe(1);
    expect(wide.perRow).toBe(2);
    expect(wide.cols).toBeGreaterThan(1);
  });
  it('keeps the arrangement in use unless another is clearly better', () => {
    const first = bestLayout(input, { w: 1200, h: 800 });
    const again = bestLayout(input, { w: 1210, h: 800 }, first);
    expect([again.cols, again.perRow, again.stretch]).toEqual([first.cols, first.perRow, first.stretch]);
  });
  it('with a few lanes, a lane growing never moves another lane: each starts a row of its own', () => {
    const view = { w: 1200, h: 800 };
    const m = (a: number) => ({ ...input, machines: [{ slots: { a, b: 1 } }] });
    const before = arrange(m(1), 2, 1, view).lanes[0];
    const after = arrange(m(2), 2, 1, view).lanes[0];
    expect(after.b).toBe(before.b);
  });
});
