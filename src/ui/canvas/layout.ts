// Stable layout: every node (machine) has a column slot and every Pod a slot inside its node, kept
// for as long as it exists; newcomers take the lowest free slot. Adding or removing a Pod never moves
// the others. The cache lives beside the canvas (a ref), not in the store: it is a view concern.

export const POD_W = 256;
export const POD_H = 132;
export const POD_GAP = 14;
export const NODE_PAD = 16;
/** node header (name, IP, Pod CIDR) + kube-proxy bar */
export const NODE_HEAD = 128;
export const NODE_GAP = 56;
export const SVC_W = 288;
export const SVC_H = 156;
export const SVC_GAP = 36;
export const SVC_PER_ROW = 6;
export const CLIENT_W = 236;
export const CLIENT_H = 120;
/** the control-plane node is one Pod wide, plus room for its kube-proxy line */
export const CP_EXTRA = 48;

export function nodeColumns(role: 'control-plane' | 'worker'): number {
  return role === 'control-plane' ? 1 : 2;
}
export function nodeWidth(cols: number): number {
  return NODE_PAD * 2 + cols * POD_W + (cols - 1) * POD_GAP + (cols === 1 ? CP_EXTRA : 0);
}
export function nodeHeight(cols: number, podSlots: number): number {
  const rows = Math.max(1, Math.ceil(podSlots / cols));
  return NODE_HEAD + rows * (POD_H + POD_GAP) - POD_GAP + NODE_PAD;
}
export function podPosition(cols: number, slot: number): { x: number; y: number } {
  return {
    x: NODE_PAD + (slot % cols) * (POD_W + POD_GAP),
    y: NODE_HEAD + Math.floor(slot / cols) * (POD_H + POD_GAP),
  };
}

/** Slots for one family of things (e.g. the Pods of one node): id -> slot, lowest free first. */
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
  /** width of each node column slot, fixed by its first occupant so later slots never move */
  columnWidths: number[];
  services: SlotMap;
  pods: Map<string, SlotMap>;
  side: SlotMap;
}

export function newLayoutCache(): LayoutCache {
  return { nodes: new SlotMap(), columnWidths: [], services: new SlotMap(), pods: new Map(), side: new SlotMap() };
}

export function columnX(cache: LayoutCache, slot: number, width: number): number {
  if (cache.columnWidths[slot] === undefined) cache.columnWidths[slot] = width;
  let x = 0;
  for (let i = 0; i < slot; i++) x += (cache.columnWidths[i] ?? nodeWidth(2)) + NODE_GAP;
  return x;
}
