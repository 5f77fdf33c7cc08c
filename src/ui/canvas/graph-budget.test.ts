// A big cluster's picture stays within a card budget (issue 12: "the canvas collapses large groups
// instead of drawing thousands of cards"): each machine's Pods become one group card, opened a machine
// at a time; lines end once per Service and card and, when even those are too many, only the focused
// Service's are drawn; Pending Pods are bounded the same way. The large cluster still shows every Pod.
import { describe, expect, it } from 'vitest';
import { bigCluster } from '../../bench/engine';
import { largeCluster } from '../../bench/scenes';
import { buildGraph, CARD_BUDGET, cardOf, LINE_BUDGET, machineKey, podId, type GraphNode } from './graph';
import { UNSCHEDULED } from './pod-index';
import { newLayoutCache } from './layout';

const VIEW = { w: 1600, h: 900 };
const build = (s: ReturnType<typeof bigCluster>, expanded: string[] = []) =>
  buildGraph(s, false, newLayoutCache(), new Map(), VIEW, expanded);
const cards = (nodes: GraphNode[]) => nodes.filter((n) => n.type === 'pod' || n.type === 'podgroup');
/** the Pods the canvas shows (kube-system's are hidden) */
const shown = (s: ReturnType<typeof bigCluster>) =>
  Object.values(s.objects.pods).filter((p) => p.metadata.namespace === 'default');
const podsOn = (s: ReturnType<typeof bigCluster>, node: string) => shown(s).filter((p) => p.spec.nodeName === node);

describe('the canvas card budget', () => {
  // 6 workers, 30 Deployments × 10 replicas: 300 Pods, more than the budget
  const big = bigCluster(6, 30, 10);

  it('draws a cluster of more Pods than the budget as one group card per machine, with bounded lines', () => {
    expect(shown(big).length).toBeGreaterThan(CARD_BUDGET);
    const g = build(big);
    const groups = g.nodes.filter((n) => n.type === 'podgroup');
    expect(g.nodes.filter((n) => n.type === 'pod')).toHaveLength(0);
    expect(groups.map((n) => n.id).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `group/worker${i + 1}`).sort());
    // every Pod is counted on its machine's card
    const counted = groups.reduce((a, n) => a + Number(n.data.count), 0);
    expect(counted).toBe(shown(big).length);
    // and by STATUS: each card's counts add up to its Pods
    for (const n of groups) {
      const byStatus = String(n.data.counts)
        .split(' \u00b7 ')
        .map((part) => Number(part.split(' ')[0].replace(/,/g, '')));
      expect(byStatus.reduce((a, b) => a + b, 0)).toBe(n.data.count);
      expect(n.data.count).toBe(podsOn(big, String(n.data.machine)).length);
    }
    // one line per Service and card: at most one per machine for each of the 30 Services
    const pairs = new Set(g.edges.map((e) => `${e.source}>${e.target}`));
    expect(pairs.size).toBe(g.edges.length);
    expect(g.edges.length).toBeLessThanOrEqual(30 * 6);
    expect(g.edges.every((e) => e.target.startsWith('group/'))).toBe(true);
  });

  it('still draws every Pod of the large cluster (10 machines, 201 Pods) one card each', () => {
    const s = largeCluster();
    const g = build(s);
    expect(g.nodes.filter((n) => n.type === 'pod')).toHaveLength(shown(s).length);
    expect(g.nodes.filter((n) => n.type === 'podgroup')).toHaveLength(0);
    expect(g.focusLines).toBe(false);
  });

  it('opens a machine: its Pods one card each, the other machines still one card', () => {
    const g = build(big, [machineKey('worker2')]);
    const mine = podsOn(big, 'worker2');
    const pods = g.nodes.filter((n) => n.type === 'pod');
    expect(pods.map((n) => n.id).sort()).toEqual(mine.map((p) => podId(p.metadata.namespace, p.metadata.name)).sort());
    expect(pods.every((n) => n.parentId === 'node/worker2')).toBe(true);
    expect(g.nodes.filter((n) => n.type === 'podgroup')).toHaveLength(5);
    expect(g.nodes.find((n) => n.id === 'node/worker2')?.data.open).toBe(true);
    expect(g.nodes.find((n) => n.id === 'node/worker1')?.data.open).toBe(false);
  });

  it('points a collapsed Pod to its machine card, and an opened one to its own card', () => {
    const p = podsOn(big, 'worker3')[0];
    const id = podId(p.metadata.namespace, p.metadata.name);
    build(big);
    expect(cardOf(id)).toBe('group/worker3');
    build(big, [machineKey('worker3')]);
    expect(cardOf(id)).toBe(id);
    // places that are no Pod are their own card
    expect(cardOf('node/worker3')).toBe('node/worker3');
  });

  it('opens no more Pods than the budget: opening one machine too many closes the one opened first', () => {
    const all = Array.from({ length: 6 }, (_, i) => machineKey(`worker${i + 1}`));
    const g = build(big, all);
    expect(cards(g.nodes).length).toBeLessThanOrEqual(CARD_BUDGET);
    const open = g.nodes.filter((n) => n.type === 'k8snode' && n.data.open).map((n) => String(n.data.name));
    // the latest opened are drawn open; the earliest stay one card
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThan(6);
    expect(open).toContain('worker6');
    expect(open).not.toContain('worker1');
  });

  it('draws only the focused Service’s lines when there are more than LINE_BUDGET', () => {
    const s = bigCluster(18, 125, 12);
    const g = build(s);
    expect(cards(g.nodes).length).toBe(18);
    expect(g.focusLines).toBe(true);
    const all = Array.from({ length: 125 }, (_, i) => g.linesOf(`svc/default/app${i}-svc`));
    expect(all.flat().length).toBeGreaterThan(LINE_BUDGET);
    // none is drawn at once; the Service in focus: its lines, at most one per machine, each to a card
    expect(g.edges).toHaveLength(0);
    const one = g.linesOf('svc/default/app7-svc');
    expect(one.length).toBeGreaterThan(0);
    expect(one.length).toBeLessThanOrEqual(18);
    expect(one.every((e) => g.nodes.some((n) => n.id === e.target && n.type === 'podgroup'))).toBe(true);
  }, 60_000);

  it('bounds Pending Pods too: a lane too large to draw one by one says so instead of opening', () => {
    // one worker takes 110 Pods (the kubelet's maxPods): the other ~290 replicas stay Pending
    const s = bigCluster(1, 1, 400);
    const pending = shown(s).filter((p) => !p.spec.nodeName);
    expect(pending.length).toBeGreaterThan(CARD_BUDGET);
    const lane = 'default/app0-svc';
    for (const expanded of [[], [lane]]) {
      const g = build(s, expanded);
      expect(cards(g.nodes).length).toBeLessThanOrEqual(CARD_BUDGET);
      const group = g.nodes.find((n) => n.id === `group/${UNSCHEDULED}/${lane}`)!;
      expect(group.data.count).toBe(pending.length);
      expect(group.data.counts).toBe(`${pending.length} Pending`);
      expect(group.data.canOpen).toBe(false);
    }
    // the worker's 110 Pods of that lane: too many with the Pending ones, they open on that machine alone
    const onWorker = build(s).nodes.find((n) => n.id === `group/worker1/${lane}`)!;
    expect(onWorker.data.canOpen).toBe(true);
    const opened = build(s, String(onWorker.data.opens).split('\n'));
    expect(opened.nodes.filter((n) => n.type === 'pod' && n.parentId === 'node/worker1').length).toBe(
      podsOn(s, 'worker1').length,
    );
    expect(opened.nodes.some((n) => n.id === `group/${UNSCHEDULED}/${lane}`)).toBe(true);
    // a small lane opens as before
    const small = bigCluster(1, 1, 20);
    const g = build(small);
    const group = g.nodes.find((n) => n.type === 'podgroup')!;
    expect(group.data.canOpen).toBe(true);
    expect(build(small, String(group.data.opens).split('\n')).nodes.filter((n) => n.type === 'pod')).toHaveLength(20);
  }, 60_000);
});
