// The picture's geometry, computed for the space the canvas has (not one desktop drawing shrunk to
// fit). Machines are regions side by side (wrapping into rows on a tall screen), Services and the
// world outside the cluster sit above them, and inside every machine the Pods stand in lanes: one lane
// per Service membership (the Pods of frontend-svc in one band, db-svc's in another, Pods in no
// Service in a third), aligned across the machines. A replacement Pod therefore lands in its own
// Service's band, never beside another Service's Pods. Slots are stable: a Pod keeps its slot for as
// long as it exists and newcomers take the lowest free one, so a Pod coming or going never moves the
// others. Of the candidate arrangements (Pod columns per machine, machines per row, how far the top
// row may run, and how many of its cards stand in a column right of the machines instead) the one
// that shows the cards largest in the canvas wins: on a wide screen the top row, on a tablet held
// upright (a canvas the full width but short, over the panels' sheet) the Services beside the
// machines, their lines leaving the card's left edge into the gutter. The cache lives beside the
// canvas (a ref): a view concern.

export const POD_W = 264;
export const POD_H = 100;
/** the gutter between Pod rows and columns: Service lines run through it, never behind a card */
export const POD_GAP = 18;
export const NODE_PAD = 14;
/** node header (name, IP, role and Pod CIDR) + kube-proxy bar + the gutter above the first Pod row */
export const NODE_HEAD = 110;
/** between machines: the Service lines come down here */
export const NODE_GAP = 44;
export const SVC_W = 300;
export const SVC_H = 144;
export const CLIENT_W = 272;
export const CLIENT_H = 116;
export const TOP_GAP = 28;
/** between the top row (Services, outside) and the machines: each Service's line runs along here */
export const BUS_H = 60;
/** a machine with no Pods to show (usually the control plane) is a card this large in the top row */
export const EMPTY_NODE_W = 230;
export const EMPTY_NODE_H = 104;

/** Up to this many lanes, each lane starts a new row inside a machine. */
export const ROW_PER_LANE_UP_TO = 6;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the layout needs to know: how many cards of each kind, and each machine's slot count per lane. */
export interface LayoutInput {
  /** cards in the top row, in order (outside the cluster first, then Services) */
  top: { w: number; h: number }[];
  /** how many of `top` are outside the cluster (the machines with nothing to show go after them) */
  outside: number;
  /** lanes in order (their stable order); a lane is a set of Pods with the same Service membership */
  lanes: string[];
  /** per machine, in order: for each lane the number of slots it needs (highest slot + 1) */
  machines: { slots: Record<string, number> }[];
}

export interface LayoutOutput {
  cols: number;
  perRow: number;
  stretch: number;
  /** how many of the top cards (counted from the last) stand in a column right of the machines */
  side: number;
  top: Box[];
  /** machines in input order; a machine with no Pods to show is a compact card in the top row */
  machines: Box[];
  /** per machine: the cell (row-major, from the top left) where each lane begins */
  lanes: Record<string, number>[];
  /** the y the Service lines run along under the top row */
  busY: number;
  /** the x where the side column starts (its lines come down the gutter left of it); null without one */
  column: number | null;
  width: number;
  height: number;
  /** the scale the picture would be shown at in the given space */
  scale: number;
}

/** An arrangement's choices, as bestLayout remembers the one in use. */
export interface Arrangement {
  cols: number;
  perRow: number;
  stretch: number;
  side: number;
}

/** (remembered per machine: bestLayout tries hundreds of arrangements of the same input) */
const EMPTY = new WeakMap<object, boolean>();
const isEmpty = (m: { slots: Record<string, number> }) => {
  let e = EMPTY.get(m);
  if (e === undefined) EMPTY.set(m, (e = !Object.values(m.slots).some((n) => n > 0)));
  return e;
};

/**
 * One arrangement: `cols` Pod columns per machine, `perRow` machines per row, the top row wrapping at
 * `stretch` times the machines' width, and the last `side` top cards (Services first, then the machines
 * with nothing to show, then the world outside) stacked in a column right of the machines instead.
 */
export function arrange(
  input: LayoutInput,
  cols: number,
  perRow: number,
  view: { w: number; h: number },
  stretch = 1,
  side = 0,
): LayoutOutput {
  // inside each machine the lanes follow each other in reading order (a lane holds its Pods' highest
  // slot). With a few lanes each starts a row of its own, so a lane growing never moves another lane's
  // Pods sideways; with many (a large cluster) they run on, to use the width.
  const rowPerLane = input.lanes.length <= ROW_PER_LANE_UP_TO;
  const lanes: Record<string, number>[] = [];
  let machineH = NODE_HEAD;
  for (const m of input.machines) {
    const at: Record<string, number> = {};
    let cell = 0;
    for (const lane of input.lanes) {
      const n = m.slots[lane] ?? 0;
      if (!n) continue;
      if (rowPerLane) cell = Math.ceil(cell / cols) * cols;
      at[lane] = cell;
      cell += n;
    }
    lanes.push(at);
    machineH = Math.max(machineH, NODE_HEAD + Math.ceil(cell / cols) * (POD_H + POD_GAP) - POD_GAP + NODE_PAD);
  }
  const full = input.machines.map((m, i) => ({ m, i })).filter(({ m }) => !isEmpty(m));
  const empty = input.machines.map((m, i) => ({ m, i })).filter(({ m }) => isEmpty(m));
  // machines with Pods: a grid, left to right
  const machines: Box[] = new Array<Box>(input.machines.length);
  const rows = Math.ceil(full.length / perRow);
  const w = NODE_PAD * 2 + cols * POD_W + (cols - 1) * POD_GAP;
  let nodesW = 0;
  full.forEach(({ i }, k) => {
    const r = Math.floor(k / perRow),
      c = k % perRow;
    machines[i] = { x: NODE_GAP + c * (w + NODE_GAP), y: r * (machineH + NODE_GAP), w, h: machineH };
    nodesW = Math.max(nodesW, NODE_GAP + (c + 1) * (w + NODE_GAP) - NODE_GAP);
  });
  // the top row: the world outside, the machines with nothing to show, the Services; it wraps at the
  // machines' width (or one card, whichever is wider). The last `side` of them go to the side column.
  const cards = [
    ...input.top.slice(0, input.outside),
    ...empty.map(() => ({ w: EMPTY_NODE_W, h: EMPTY_NODE_H })),
    ...input.top.slice(input.outside),
  ];
  const inTop = cards.length - Math.min(side, cards.length);
  const boxes: Box[] = [];
  const rowW = Math.max(nodesW * stretch, ...cards.slice(0, inTop).map((c) => NODE_GAP + c.w));
  let tx = NODE_GAP,
    ty = 0,
    lineH = 0,
    topW = 0;
  for (const c of cards.slice(0, inTop)) {
    if (tx > NODE_GAP && tx + c.w > rowW) {
      tx = NODE_GAP;
      ty += lineH + TOP_GAP;
      lineH = 0;
    }
    boxes.push({ x: tx, y: ty, w: c.w, h: c.h });
    topW = Math.max(topW, tx + c.w);
    tx += c.w + TOP_GAP;
    lineH = Math.max(lineH, c.h);
  }
  const topH = inTop ? ty + lineH : 0;
  // the side column: right of everything else, beyond a gutter the Service lines come down
  const column = inTop < cards.length ? Math.max(nodesW, topW) + NODE_GAP : null;
  let sideH = 0;
  for (const c of cards.slice(inTop)) {
    boxes.push({ x: column!, y: sideH, w: c.w, h: c.h });
    sideH += c.h + TOP_GAP;
  }
  sideH = Math.max(0, sideH - TOP_GAP);
  const sideW = cards.slice(inTop).reduce((a, c) => Math.max(a, c.w), 0);
  empty.forEach(({ i }, k) => (machines[i] = boxes[input.outside + k]));
  const top = [...boxes.slice(0, input.outside), ...boxes.slice(input.outside + empty.length)];
  const busY = topH + BUS_H / 2;
  const nodesY = topH + BUS_H;
  for (const { i } of full) machines[i] = { ...machines[i], y: machines[i].y + nodesY };
  const width = column !== null ? column + sideW : Math.max(nodesW, topW);
  const height = Math.max(rows ? nodesY + rows * (machineH + NODE_GAP) - NODE_GAP : topH, sideH);
  const scale = Math.min(view.w / (width * (1 + 2 * FIT_PADDING)), view.h / (height * (1 + 2 * FIT_PADDING)));
  return { cols, perRow, stretch, side, top, machines, lanes, busY, column, width, height, scale };
}

/** How much larger a side column must show the cards than the top row alone before it is used. */
export const SIDE_GAIN = 1.1;

/** The padding fitView leaves around the picture (a fraction of it). */
export const FIT_PADDING = 0.015;

/**
 * What every arrangement of one input shares, worked out once: the top row's cards in order, the
 * machines with Pods, and each column count's machine height. bestLayout weighs thousands of
 * arrangements (a 125-Service cluster: 127 side columns × 6 × machines per row × 4 stretches), so each
 * is only measured (scaleOf); the one chosen is then laid out whole (arrange).
 */
function prepare(input: LayoutInput) {
  const empty = input.machines.filter(isEmpty).length;
  const cards = [
    ...input.top.slice(0, input.outside),
    ...Array.from({ length: empty }, () => ({ w: EMPTY_NODE_W, h: EMPTY_NODE_H })),
    ...input.top.slice(input.outside),
  ];
  // the side column's height and width for its first card k (the column holds cards k..)
  const sideH: number[] = new Array<number>(cards.length + 1).fill(0);
  const sideW: number[] = new Array<number>(cards.length + 1).fill(0);
  for (let k = cards.length - 1; k >= 0; k--) {
    sideH[k] = sideH[k + 1] + cards[k].h + TOP_GAP;
    sideW[k] = Math.max(sideW[k + 1], cards[k].w);
  }
  // the widest top card among the first k, plus the gap (as arrange's row width takes it)
  const widest: number[] = [-Infinity];
  for (const c of cards) widest.push(Math.max(widest[widest.length - 1], NODE_GAP + c.w));
  const rowPerLane = input.lanes.length <= ROW_PER_LANE_UP_TO;
  const heights = new Map<number, number>();
  const machineH = (cols: number) => {
    let h = heights.get(cols);
    if (h !== undefined) return h;
    h = NODE_HEAD;
    for (const m of input.machines) {
      let cell = 0;
      for (const lane of input.lanes) {
        const n = m.slots[lane] ?? 0;
        if (!n) continue;
        if (rowPerLane) cell = Math.ceil(cell / cols) * cols;
        cell += n;
      }
      h = Math.max(h, NODE_HEAD + Math.ceil(cell / cols) * (POD_H + POD_GAP) - POD_GAP + NODE_PAD);
    }
    heights.set(cols, h);
    return h;
  };
  return { cards, sideH, sideW, widest, full: input.machines.length - empty, machineH };
}

/** arrange(...).scale, computed the same way without laying anything out. */
function scaleOf(
  pre: ReturnType<typeof prepare>,
  cols: number,
  perRow: number,
  view: { w: number; h: number },
  stretch: number,
  side: number,
): number {
  const { cards, full } = pre;
  const machineH = pre.machineH(cols);
  const rows = Math.ceil(full / perRow);
  const w = NODE_PAD * 2 + cols * POD_W + (cols - 1) * POD_GAP;
  const nodesW = full ? NODE_GAP + Math.min(perRow, full) * (w + NODE_GAP) - NODE_GAP : 0;
  const inTop = cards.length - Math.min(side, cards.length);
  const rowW = Math.max(nodesW * stretch, pre.widest[inTop]);
  let tx = NODE_GAP,
    ty = 0,
    lineH = 0,
    topW = 0;
  for (let k = 0; k < inTop; k++) {
    const c = cards[k];
    if (tx > NODE_GAP && tx + c.w > rowW) {
      tx = NODE_GAP;
      ty += lineH + TOP_GAP;
      lineH = 0;
    }
    topW = Math.max(topW, tx + c.w);
    tx += c.w + TOP_GAP;
    lineH = Math.max(lineH, c.h);
  }
  const topH = inTop ? ty + lineH : 0;
  const column = inTop < cards.length ? Math.max(nodesW, topW) + NODE_GAP : null;
  const sideH = Math.max(0, pre.sideH[inTop] - TOP_GAP);
  const nodesY = topH + BUS_H;
  const width = column !== null ? column + pre.sideW[inTop] : Math.max(nodesW, topW);
  const height = Math.max(rows ? nodesY + rows * (machineH + NODE_GAP) - NODE_GAP : topH, sideH);
  return Math.min(view.w / (width * (1 + 2 * FIT_PADDING)), view.h / (height * (1 + 2 * FIT_PADDING)));
}

/**
 * The arrangement that shows the cards largest in `view` (canvas pixels). `prefer` is the arrangement
 * in use: it is kept unless another is clearly better, so a Pod coming or going does not re-deal the
 * picture. A side column must win clearly too: the top row, with each line dropping straight from its
 * Service, is the picture a class knows.
 */
export function bestLayout(input: LayoutInput, view: { w: number; h: number }, prefer?: Arrangement): LayoutOutput {
  const pre = prepare(input);
  const n = Math.max(1, pre.full);
  const most = Math.max(1, ...input.machines.map((m) => Object.values(m.slots).reduce((a, b) => a + b, 0)));
  const cards = pre.cards.length;
  let best: (Arrangement & { scale: number }) | null = null;
  let kept: (Arrangement & { scale: number }) | null = null;
  for (let side = 0; side <= cards; side++)
    for (let cols = 1; cols <= Math.min(6, most); cols++)
      for (let perRow = 1; perRow <= n; perRow++) {
        // a row of machines no fuller than needed: 3 machines per row of 4 would leave a hole
        if (perRow > 1 && Math.ceil(n / perRow) === Math.ceil(n / (perRow - 1))) continue;
        for (const stretch of side === cards ? [1] : [1, 1.3, 1.6, 100]) {
          const scale = scaleOf(pre, cols, perRow, view, stretch, side);
          if (!best || scale > best.scale * (side > best.side ? SIDE_GAIN : 1.001))
            best = { cols, perRow, stretch, side, scale };
          if (
            prefer &&
            prefer.cols === cols &&
            prefer.perRow === perRow &&
            prefer.stretch === stretch &&
            prefer.side === side
          )
            kept = { cols, perRow, stretch, side, scale };
        }
      }
  const chosen = kept && best && kept.scale >= best.scale * 0.9 ? kept : best!;
  return arrange(input, chosen.cols, chosen.perRow, view, chosen.stretch, chosen.side);
}

/** Slots for one family of things (e.g. the Pods of one lane on one node): id -> slot, lowest free first. */
export class SlotMap {
  private slots = new Map<string, number>();

  /** Keep the slots of `ids` that already have one, free the others, and place newcomers in order. */
  sync(ids: string[]): Map<string, number> {
    const live = new Set(ids);
    for (const id of [...this.slots.keys()]) if (!live.has(id)) this.slots.delete(id);
    const taken = new Set(this.slots.values());
    let free = 0;
    for (const id of ids) {
      if (this.slots.has(id)) continue;
      while (taken.has(free)) free++;
      this.slots.set(id, free);
      taken.add(free);
    }
    return this.slots;
  }

  get(id: string): number | undefined {
    return this.slots.get(id);
  }
}

export interface LayoutCache {
  nodes: SlotMap;
  lanes: SlotMap;
  services: SlotMap;
  /** per machine and lane: `${node}|${lane}` -> Pod slots */
  pods: Map<string, SlotMap>;
  /** the lane each Pod was placed in, so it keeps its slot while its membership is unchanged */
  side: SlotMap;
  /** the arrangement in use */
  prefer?: Arrangement & { view: string };
}

export function newLayoutCache(): LayoutCache {
  return { nodes: new SlotMap(), lanes: new SlotMap(), services: new SlotMap(), pods: new Map(), side: new SlotMap() };
}

/** A Pod's position inside its machine: its lane's first cell plus its slot, row-major. */
export function podPosition(laneCell: number, cols: number, slot: number): { x: number; y: number } {
  const i = laneCell + slot;
  return {
    x: NODE_PAD + (i % cols) * (POD_W + POD_GAP),
    y: NODE_HEAD + Math.floor(i / cols) * (POD_H + POD_GAP),
  };
}
