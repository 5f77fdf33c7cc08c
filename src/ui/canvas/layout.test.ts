import { describe, expect, it } from 'vitest';
import { actions, advance, defaultCluster } from '../../sim';
import { buildGraph, type GraphNode } from './graph';
import {
  arrange,
  bestLayout,
  CLIENT_H,
  CLIENT_W,
  newLayoutCache,
  NODE_GAP,
  POD_H,
  POD_W,
  podPosition,
  SIDE_GAIN,
  SlotMap,
  SVC_H,
  SVC_W,
  type Box,
  type LayoutInput,
  type LayoutOutput,
} from './layout';

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

// The portrait arrangement (issue 13): on a tablet held upright the canvas is the full width under the
// top bar, with the panels as a sheet beneath it (820×1180 leaves it 820×517). A top row of four cards
// would set the picture's width, so the Services may stand in a column beside the machines instead.
describe('arrangements for the shape of the canvas', () => {
  // the default scenario: the client, db-svc and frontend-svc; the control plane with nothing to show,
  // worker1 with two frontend Pods and busybox, worker2 with db and a frontend Pod
  const input: LayoutInput = {
    top: [{ w: CLIENT_W, h: CLIENT_H }, ...Array.from({ length: 2 }, () => ({ w: SVC_W, h: SVC_H }))],
    outside: 1,
    lanes: ['default/db-svc', 'default/frontend-svc', ''],
    machines: [
      { slots: {} },
      { slots: { 'default/frontend-svc': 2, '': 1 } },
      { slots: { 'default/db-svc': 1, 'default/frontend-svc': 1 } },
    ],
  };
  const TABLET_UPRIGHT = { w: 820, h: 517 };

  /** Every card of an arrangement, Pods placed in their lanes (absolute positions). */
  function cards(L: LayoutOutput, inp: LayoutInput = input) {
    const out: { id: string; box: Box; machine?: number; lane?: string; slot?: number }[] = [];
    L.top.forEach((box, i) => out.push({ id: `top${i}`, box }));
    L.machines.forEach((m, mi) => {
      out.push({ id: `machine${mi}`, box: m });
      for (const [lane, at] of Object.entries(L.lanes[mi]))
        for (let slot = 0; slot < inp.machines[mi].slots[lane]; slot++) {
          const p = podPosition(at, L.cols, slot);
          out.push({
            id: `pod${mi}/${lane}/${slot}`,
            box: { x: m.x + p.x, y: m.y + p.y, w: POD_W, h: POD_H },
            machine: mi,
            lane,
            slot,
          });
        }
    });
    return out;
  }
  const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

  it('on a tablet held upright the Services stand in a column beside the machines, and the Pods show clearly larger', () => {
    const L = bestLayout(input, TABLET_UPRIGHT);
    expect(L.side).toBe(2);
    expect(L.column).not.toBeNull();
    // the best the top row alone could do
    let topOnly = 0;
    for (let cols = 1; cols <= 3; cols++)
      for (let perRow = 1; perRow <= 2; perRow++)
        for (const stretch of [1, 1.3, 1.6, 100])
          topOnly = Math.max(topOnly, arrange(input, cols, perRow, TABLET_UPRIGHT, stretch).scale);
    expect(L.scale).toBeGreaterThanOrEqual(topOnly * SIDE_GAIN);
    // the picture fills the canvas both ways (not a wide strip with half the height empty)
    expect((L.width * L.scale) / TABLET_UPRIGHT.w).toBeGreaterThan(0.9);
    expect((L.height * L.scale) / TABLET_UPRIGHT.h).toBeGreaterThan(0.9);
    // the column stands right of every machine and top-row card, beyond a gutter for the Service lines
    const services = L.top.slice(input.outside);
    for (const s of services) expect(s.x).toBe(L.column);
    for (const c of cards(L).filter((c) => !services.includes(c.box)))
      expect(c.box.x + c.box.w).toBeLessThanOrEqual(L.column! - NODE_GAP);
  });

  it('on a wide canvas the top row stays: a side column must win clearly', () => {
    expect(bestLayout(input, { w: 1460, h: 640 }).side).toBe(0);
    expect(bestLayout(input, { w: 900, h: 462 }).side).toBe(0);
  });

  it('never lets two cards overlap, keeps each Pod inside its machine, and each lane together, in any arrangement', () => {
    for (const view of [TABLET_UPRIGHT, { w: 600, h: 1000 }, { w: 390, h: 287 }, { w: 1460, h: 640 }])
      for (let side = 0; side <= 4; side++)
        for (let cols = 1; cols <= 3; cols++)
          for (let perRow = 1; perRow <= 2; perRow++) {
            const L = arrange(input, cols, perRow, view, 1, side);
            const all = cards(L);
            for (let i = 0; i < all.length; i++)
              for (let j = i + 1; j < all.length; j++) {
                const a = all[i],
                  b = all[j];
                // a Pod is inside its own machine; nothing else may touch
                if (a.id === `machine${b.machine}` || b.id === `machine${a.machine}`) continue;
                expect(overlap(a.box, b.box), `${a.id} and ${b.id} (side ${side}, cols ${cols})`).toBe(false);
              }
            for (const p of all.filter((c) => c.machine !== undefined))
              expect(inside(p.box, L.machines[p.machine!])).toBe(true);
            // inside every machine the lanes follow the lane order, each lane's cells before the next lane's
            L.lanes.forEach((at, mi) => {
              const present = input.lanes.filter((l) => l in at);
              for (let k = 1; k < present.length; k++)
                expect(at[present[k - 1]] + input.machines[mi].slots[present[k - 1]]).toBeLessThanOrEqual(
                  at[present[k]],
                );
            });
          }
  });

  it('a canvas turned from landscape to portrait is laid out again for its new shape', () => {
    // an iPad Pro: landscape leaves the canvas 906×736, portrait 1024×696 (measured in the app)
    const landscape = bestLayout(input, { w: 906, h: 736 });
    const portrait = bestLayout(input, { w: 1024, h: 696 }, landscape);
    expect(landscape.side).toBe(0);
    expect(portrait.side).toBe(2);
    expect(portrait.scale).toBeGreaterThan(landscape.scale);
  });
});

describe('the portrait arrangement in the picture', () => {
  const VIEW = { w: 820, h: 517 };
  const positions = (nodes: GraphNode[]) => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return new Map(
      nodes
        .filter((n) => n.type === 'pod')
        .map((n) => {
          const m = byId.get(n.parentId!)!;
          return [n.id, { x: m.position.x + n.position.x, y: m.position.y + n.position.y, node: m.id }];
        }),
    );
  };

  it('a replacement Pod takes a free slot in its own lane: every other Pod and the Services stay where they were', () => {
    const s = defaultCluster();
    const cache = newLayoutCache();
    const before = buildGraph(s, false, cache, new Map(), VIEW);
    const svcBefore = before.nodes.filter((n) => n.type === 'service').map((n) => [n.id, n.position]);
    const was = positions(before.nodes);
    const victim = [...was.keys()].find((id) => id.includes('/frontend-'))!;
    actions.killPod(s, 'default', victim.split('/')[2]);
    advance(s, 20_000);
    const after = buildGraph(s, false, cache, new Map(), VIEW);
    const now = positions(after.nodes);
    expect(now.has(victim)).toBe(false);
    for (const [id, p] of now) if (was.has(id)) expect(p, id).toEqual(was.get(id));
    expect(after.nodes.filter((n) => n.type === 'service').map((n) => [n.id, n.position])).toEqual(svcBefore);
    // the newcomer stands with the other frontend Pods of its machine: in the gutter-separated column of
    // its machine, no Pod of another Service lies between it and them
    const fresh = [...now.keys()].filter((id) => !was.has(id));
    expect(fresh.length).toBe(1);
    const f = now.get(fresh[0])!;
    const same = [...now].filter(([, p]) => p.node === f.node).sort(([, a], [, b]) => a.y - b.y || a.x - b.x);
    const lanes = same.map(([id]) => (id.includes('/frontend-') ? 'fe' : id));
    const runs = lanes.filter((l, i) => i === 0 || lanes[i - 1] !== l);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('a Service in the side column sends its lines from its left edge down the gutter beside the column', () => {
    const g = buildGraph(defaultCluster(), false, newLayoutCache(), new Map(), VIEW);
    const svcs = g.nodes.filter((n) => n.type === 'service');
    const machines = g.nodes.filter((n) => n.type === 'k8snode' && n.data.role === 'worker');
    const rightmost = Math.max(...machines.map((m) => m.position.x + m.width!));
    for (const svc of svcs) {
      const lines = g.edges.filter((e) => e.source === svc.id);
      expect(lines.length).toBeGreaterThan(0);
      for (const e of lines) {
        const d = e.data as { left: { x: number; y: number }; sideX: number };
        expect(d.left.x).toBe(svc.position.x);
        expect(d.left.y).toBeGreaterThan(svc.position.y);
        expect(d.left.y).toBeLessThan(svc.position.y + svc.height!);
        expect(d.sideX).toBeGreaterThan(rightmost);
        expect(d.sideX).toBeLessThan(svc.position.x);
      }
    }
  });
});

// bestLayout measures each arrangement without laying it out (a 125-Service link weighed 30,000
// arrangements, 3 s of main thread, issue 12): the one it picks must be the very one laying out every
// candidate whole would pick.
describe('bestLayout picks what laying out every arrangement would', () => {
  const SIDE_GAIN_REF = SIDE_GAIN;
  function reference(input: LayoutInput, view: { w: number; h: number }, prefer?: LayoutOutput): LayoutOutput {
    const n = Math.max(1, input.machines.filter((m) => Object.values(m.slots).some((x) => x > 0)).length);
    const most = Math.max(1, ...input.machines.map((m) => Object.values(m.slots).reduce((a, b) => a + b, 0)));
    const cardsN =
      input.top.length +
      input.machines.length -
      input.machines.filter((m) => Object.values(m.slots).some((x) => x > 0)).length;
    let best: LayoutOutput | null = null;
    let kept: LayoutOutput | null = null;
    for (let side = 0; side <= cardsN; side++)
      for (let cols = 1; cols <= Math.min(6, most); cols++)
        for (let perRow = 1; perRow <= n; perRow++) {
          if (perRow > 1 && Math.ceil(n / perRow) === Math.ceil(n / (perRow - 1))) continue;
          for (const stretch of side === cardsN ? [1] : [1, 1.3, 1.6, 100]) {
            const l = arrange(input, cols, perRow, view, stretch, side);
            if (!best || l.scale > best.scale * (side > best.side ? SIDE_GAIN_REF : 1.001)) best = l;
            if (
              prefer &&
              [prefer.cols, prefer.perRow, prefer.stretch, prefer.side].join() === [cols, perRow, stretch, side].join()
            )
              kept = l;
          }
        }
    return kept && best && kept.scale >= best.scale * 0.9 ? kept : best!;
  }
  // a small seeded generator (xorshift), so a failure names its case
  function gen(seed: number) {
    let x = seed || 1;
    return (k: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % k;
    };
  }
  it('on 300 random clusters and canvas shapes', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = gen(seed);
      const lanes = Array.from({ length: 1 + r(9) }, (_, i) => `lane${i}`);
      const input: LayoutInput = {
        top: [
          ...Array.from({ length: r(3) }, () => ({ w: CLIENT_W, h: CLIENT_H })),
          ...Array.from({ length: r(12) }, () => ({ w: SVC_W, h: SVC_H })),
        ],
        outside: 0,
        lanes,
        machines: Array.from({ length: 1 + r(8) }, () => ({
          slots: Object.fromEntries(lanes.filter(() => r(3) > 0).map((l) => [l, r(5)])),
        })),
      };
      input.outside = Math.min(input.top.length, r(3));
      const view = { w: 300 + r(1700), h: 300 + r(1100) };
      const want = reference(input, view);
      expect(bestLayout(input, view), `seed ${seed}`).toEqual(want);
      const other = { w: 300 + r(1700), h: 300 + r(1100) };
      expect(bestLayout(input, other, want), `seed ${seed}, kept`).toEqual(reference(input, other, want));
    }
  });
});

describe('machines per row', () => {
  it('rows are as even as they can be: no row of 17 machines over a row of 1', () => {
    for (let n = 2; n <= 20; n++)
      for (const view of [
        { w: 1800, h: 500 },
        { w: 1400, h: 900 },
        { w: 900, h: 1100 },
        { w: 3000, h: 600 },
      ]) {
        const input: LayoutInput = {
          top: [{ w: SVC_W, h: SVC_H }],
          outside: 0,
          lanes: ['a'],
          machines: Array.from({ length: n }, () => ({ slots: { a: 2 } })),
        };
        const L = bestLayout(input, view);
        const rows = Math.ceil(n / L.perRow);
        expect(L.perRow, `${n} machines in ${view.w}×${view.h}`).toBe(Math.ceil(n / rows));
      }
  });
});
