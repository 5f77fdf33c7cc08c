// ClusterState -> React Flow nodes and edges, laid out for the canvas's size (layout.ts). Node data
// carries only keys: each custom node reads its own object from the store, so a node object (and its
// memoized component) changes only when the picture's structure or position changes. Unchanged nodes
// and edges keep their identity.
import type { Edge, Node } from '@xyflow/react';
import { type ClusterState, type Pod, type Service } from '../../sim';
import { better, endpointStates, manualAddresses, slicesByService, type EndpointState } from './endpoint-states';
import { serviceColor } from './pod-status';
import { byCreation } from './pod-order';
import { laneParts, PodIndex, UNSCHEDULED, type Cell as PodCell, type Placed } from './pod-index';
import {
  CLIENT_H,
  BUS_H,
  CLIENT_W,
  NODE_GAP,
  POD_GAP,
  POD_H,
  POD_W,
  SVC_H,
  SVC_W,
  TOP_GAP,
  bestLayout,
  podPosition,
  SlotMap,
  type LayoutCache,
  type LayoutInput,
} from './layout';

export const SYSTEM_NAMESPACES = ['kube-system', 'kube-flannel'];
/** More Pods than this in one lane of one machine are drawn as one group card (until expanded). */
export const COLLAPSE_AT = 12;
/**
 * The most Pod cards (a group card counts as one) the canvas draws. Beyond it a card is a few pixels high
 * on any screen and the page spends seconds drawing it, so each machine's Pods become one group card,
 * opened a machine at a time. The large cluster of the browser benchmark (10 machines, 201 Pods) still
 * shows every Pod; a 1,500-Pod cluster shows its machines (19 cards) and the Pods of those opened.
 */
export const CARD_BUDGET = 250;
/**
 * The most Service lines drawn at once. Beyond it (a line per Service and group card on a big cluster:
 * 125 Services with Pods on 12 machines each are 1,500 lines) they are a grey mesh that hides the cards
 * and costs as much to draw as the cards: only the lines of the Service in focus (pointed at or
 * selected) are drawn, which is also what a learner looks at (the Service's Pods are the ones lit).
 */
export const LINE_BUDGET = 400;
/** The lane of a machine's group card (a Service lane is `ns/names`, Pods in no Service '', neither is this). */
const MACHINE_LANE = '*';
/** How a machine's group card is opened: its key among the opened lanes (a namespace has no colon). */
export const machineKey = (name: string) => `machine:${name}`;
/** the track (beyond the Services' six) an administrator's route runs along under the top row */
const ROUTE_TRACK = 3.5;
/** where a machine's line handle sits along its top edge (NodeGroup's Handle, left: 48) */
const NODE_HANDLE_X = 48;

export const podId = (ns: string | undefined, name: string) => `pod/${ns ?? 'default'}/${name}`;
export const svcId = (ns: string | undefined, name: string) => `svc/${ns ?? 'default'}/${name}`;
export const nodeId = (name: string) => `node/${name}`;

export type GraphNode = Node<Record<string, unknown>>;

export function isSystemPod(p: Pod): boolean {
  return SYSTEM_NAMESPACES.includes(p.metadata.namespace ?? '');
}
export function isSystemService(s: Service): boolean {
  return (
    SYSTEM_NAMESPACES.includes(s.metadata.namespace ?? '') ||
    (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes')
  );
}
/** Pods that exist to send requests from inside the cluster (busybox, curl images). */
export function isClientPod(p: Pod): boolean {
  return p.spec.containers.some((c) => /(^|\/)(busybox|curl|curlimages\/curl|netshoot)/.test(c.image));
}

/** a Pod's card id, made once per Pod object */
const IDS = new WeakMap<Pod, string>();
const idOf = (p: Pod) => {
  let id = IDS.get(p);
  if (id === undefined) IDS.set(p, (id = podId(p.metadata.namespace, p.metadata.name)));
  return id;
};

function same(a: GraphNode, b: GraphNode): boolean {
  if (a.type !== b.type || a.parentId !== b.parentId || a.width !== b.width || a.height !== b.height) return false;
  if (a.position.x !== b.position.x || a.position.y !== b.position.y) return false;
  const ak = Object.keys(a.data),
    bk = Object.keys(b.data);
  return ak.length === bk.length && ak.every((k) => a.data[k] === b.data[k]);
}
function sameEdge(a: Edge, b: Edge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.className === b.className &&
    a.label === b.label &&
    JSON.stringify(a.data) === JSON.stringify(b.data)
  );
}

export interface Graph {
  nodes: GraphNode[];
  edges: Edge[];
  /** more Service lines than LINE_BUDGET: `edges` leaves them out, the canvas draws those of the Service in focus */
  focusLines: boolean;
  /** a Service's lines (svc/ns/name) */
  linesOf: (svc: string) => Edge[];
  /** the picture's extent (flow units, from 0,0), lines included: the canvas fits it */
  extent: string;
  width: number;
  height: number;
}

/**
 * The picture last built: its Pod index, the machines drawn as one card and the group cards of lanes
 * (`machine|lane` -> card id), for cardOf.
 */
let drawnAs: { index: PodIndex; closed: Set<string>; groups: Map<string, string> } | null = null;
/** The card that stands for a place of a trace: a Pod's own card, or the group card it is drawn in. */
export const cardOf = (place: string): string => {
  const e = place.startsWith('pod/') ? drawnAs?.index.entries.get(place.slice(4)) : undefined;
  if (!e || !e.shown) return place;
  if (drawnAs!.closed.has(e.machine)) return `group/${e.machine}`;
  return drawnAs!.groups.get(`${e.machine}|${e.lane}`) ?? place;
};

/** each canvas's Pod index (a canvas keeps one layout cache) */
const INDEXES = new WeakMap<LayoutCache, PodIndex>();
const NO_CELLS: ReadonlyMap<string, PodCell> = new Map();

/** The Services (svc/ns/name) of a lane. */
const laneServices = (lane: string): string[] => {
  const { ns, names } = laneParts(lane);
  return names.map((n) => svcId(ns, n));
};

/**
 * Per machine, in order: its key (machineKey), its Pods, those in lanes that are never a group, and its
 * larger lanes: [lane, the lane's key on this machine alone (cellKey), Pods].
 */
type Counts = { key: string; all: number; small: number; big: [string, string, number][] }[];

/** How one machine's group of a lane is opened when the lane is too large to open on every machine. */
const cellKey = (machine: string, lane: string) => `${machine}|${lane}`;

/**
 * How many cards a picture draws: a lane of more than COLLAPSE_AT Pods on a machine is one card unless
 * opened; with `byMachine`, a machine of more than one Pod is one card unless opened.
 */
function cardCount(counts: Counts, byMachine: boolean, open: ReadonlySet<string>): number {
  let total = 0;
  for (const m of counts) {
    if (byMachine && m.all > 1 && !open.has(m.key)) {
      total++;
      continue;
    }
    total += m.small;
    for (const [lane, cell, n] of m.big) total += open.has(lane) || open.has(cell) ? n : 1;
  }
  return total;
}

/**
 * The groups (lanes, machines) drawn open: those the user opened, the latest first, as long as the
 * picture stays within CARD_BUDGET. Opening one more than fits closes the oldest (the list keeps them:
 * closing the newest brings them back); a group too large to open on its own stays closed.
 */
function openGroups(counts: Counts, byMachine: boolean, expanded: readonly string[]): Set<string> {
  const open = new Set<string>();
  for (let i = expanded.length - 1; i >= 0; i--) {
    if (open.has(expanded[i])) continue;
    open.add(expanded[i]);
    if (cardCount(counts, byMachine, open) > CARD_BUDGET) open.delete(expanded[i]);
  }
  return open;
}

/** Build the picture for a canvas of `view` pixels. `prev` holds the last nodes and edges by id. */
export function buildGraph(
  state: ClusterState,
  showSystem: boolean,
  cache: LayoutCache,
  prev: Map<string, GraphNode | Edge>,
  view: { w: number; h: number } = { w: 1460, h: 640 },
  expanded: readonly string[] = [],
): Graph {
  const nodes: GraphNode[] = [];
  const edges: Edge[] = [];
  const keep = <T extends GraphNode | Edge>(n: T, eq: (a: T, b: T) => boolean): T => {
    const p = prev.get(n.id) as T | undefined;
    const out = p && eq(p, n) ? p : n;
    prev.set(n.id, out);
    return out;
  };
  const addNode = (n: GraphNode) => nodes.push(keep(n, same));
  const addEdge = (e: Edge) => edges.push(keep({ ...e, zIndex: 0 }, sameEdge));

  const services = Object.values(state.objects.services)
    .filter((s) => showSystem || !isSystemService(s))
    .sort(byCreation);
  const index = INDEXES.get(cache) ?? new PodIndex();
  INDEXES.set(cache, index);
  index.update(state, showSystem, isSystemPod);

  // Machines: the order the cluster was built in (control plane first), then joiners.
  const order = state.settings.nodes.map((n) => n.name);
  const machines = Object.values(state.objects.nodes).sort((a, b) => {
    const ia = order.indexOf(a.metadata.name),
      ib = order.indexOf(b.metadata.name);
    return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib) || a.metadata.name.localeCompare(b.metadata.name);
  });
  const groups: { name: string; role: 'control-plane' | 'worker' }[] = machines.map((n) => ({
    name: n.metadata.name,
    role: n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined ? 'control-plane' : 'worker',
  }));
  if (index.cells.has(UNSCHEDULED)) groups.push({ name: UNSCHEDULED, role: 'worker' });
  cache.nodes.sync(groups.map((g) => g.name));
  /** each machine's Pods by lane (none: an empty map) */
  const cellsOf = (machine: string) => index.cells.get(machine) ?? NO_CELLS;

  // Lanes: one per Service membership, in a stable order (a new lane by its earliest Pod); Pods in no
  // Service last.
  const present = new Set<string>();
  for (const lanesHere of index.cells.values()) for (const lane of lanesHere.keys()) present.add(lane);
  const known = [...present].filter((l) => l !== '' && cache.lanes.get(l) !== undefined);
  const newcomers = [...present]
    .filter((l) => l !== '' && cache.lanes.get(l) === undefined)
    .map((l) => ({ l, first: index.firstOf(l)! }))
    .sort((a, b) => byCreation(a.first, b.first))
    .map((x) => x.l);
  const laneSlots = cache.lanes.sync([...known, ...newcomers]);
  const lanes = [...known, ...newcomers].sort((a, b) => laneSlots.get(a)! - laneSlots.get(b)!);
  if (present.has('')) lanes.push('');

  // Per machine and lane: how many Pods, to decide what is drawn as a group.
  const counts: Counts = groups.map((g) => {
    const big: [string, string, number][] = [];
    let small = 0;
    let all = 0;
    for (const [lane, c] of cellsOf(g.name)) {
      all += c.keys.size;
      if (c.keys.size > COLLAPSE_AT) big.push([lane, cellKey(g.name, lane), c.keys.size]);
      else small += c.keys.size;
    }
    return { key: machineKey(g.name), all, small, big };
  });
  const sizeOf = new Map(counts.map((c, i) => [groups[i].name, c.all]));
  // more cards than the budget even with the lanes grouped: group each machine's Pods
  const machineMode = cardCount(counts, false, new Set()) > CARD_BUDGET;
  const open = openGroups(counts, machineMode, expanded);
  /** whether opening a group card (its keys, the last opened first) would draw it open */
  const canOpen = (keys: string[]) => {
    const then = openGroups(counts, machineMode, [...expanded.filter((e) => !keys.includes(e)), ...keys]);
    return keys.every((k) => then.has(k));
  };

  // Per machine and lane: the Pods' slots (or one slot for a group card). Only the Pods drawn one card
  // each are looked at one by one.
  type Cell = { pods: Pod[]; slots: Map<string, number>; group: [string, PodCell][] | null };
  const cells = new Map<string, Cell>();
  const live = new Set<string>();
  /** machines drawn as one group card (their Pods' lines end on it) */
  const closedMachines = new Set<string>();
  const cell = (key: string, parts: [string, PodCell][], group: boolean) => {
    live.add(key);
    let slots = cache.pods.get(key);
    if (!slots) cache.pods.set(key, (slots = new SlotMap()));
    if (group) {
      cells.set(key, { pods: [], slots: new Map([['group', 0]]), group: parts });
      return;
    }
    const pods = index.podsOf(parts[0][1]);
    cells.set(key, { pods, slots: slots.sync(pods.map((p) => idOf(p))), group: null });
  };
  for (const g of groups) {
    const here = cellsOf(g.name);
    if (machineMode && sizeOf.get(g.name)! > 1 && !open.has(machineKey(g.name))) {
      closedMachines.add(g.name);
      cell(
        `${g.name}|${MACHINE_LANE}`,
        lanes.filter((l) => here.has(l)).map((l) => [l, here.get(l)!]),
        true,
      );
      continue;
    }
    for (const lane of lanes) {
      const inLane = here.get(lane);
      if (inLane)
        cell(
          `${g.name}|${lane}`,
          [[lane, inLane]],
          inLane.keys.size > COLLAPSE_AT && !open.has(lane) && !open.has(cellKey(g.name, lane)),
        );
    }
  }
  for (const k of [...cache.pods.keys()]) if (!live.has(k)) cache.pods.delete(k);
  // the lanes the picture draws: a machine's group card first
  const drawn = [...(closedMachines.size ? [MACHINE_LANE] : []), ...lanes].filter((l) =>
    groups.some((g) => cells.has(`${g.name}|${l}`)),
  );

  // The top row: the world outside the cluster (the client, cloud load balancers, the administrator's
  // external-IP routes), then the Services.
  const outside: { id: string; type: 'client' | 'lb' | 'route'; data: Record<string, unknown>; target?: string }[] = [
    { id: 'client', type: 'client', data: {} },
  ];
  for (const svc of Object.values(state.objects.services).sort(byCreation)) {
    if (svc.spec.type !== 'LoadBalancer') continue;
    for (const ing of svc.status.loadBalancer.ingress ?? [])
      if (ing.ip)
        outside.push({
          id: `lb/${ing.ip}`,
          type: 'lb',
          data: { ip: ing.ip, service: `${svc.metadata.namespace}/${svc.metadata.name}` },
        });
  }
  for (const r of state.settings.externalRoutes)
    outside.push({ id: `route/${r.ip}`, type: 'route', data: { ip: r.ip, node: r.node }, target: nodeId(r.node) });
  const svcSlots = cache.services.sync(services.map((s) => svcId(s.metadata.namespace, s.metadata.name)));
  const svcOrder = [...services].sort(
    (a, b) =>
      svcSlots.get(svcId(a.metadata.namespace, a.metadata.name))! -
      svcSlots.get(svcId(b.metadata.namespace, b.metadata.name))!,
  );

  const input: LayoutInput = {
    top: [...outside.map(() => ({ w: CLIENT_W, h: CLIENT_H })), ...svcOrder.map(() => ({ w: SVC_W, h: SVC_H }))],
    outside: outside.length,
    lanes: drawn,
    machines: groups.map((g) => {
      const slots: Record<string, number> = {};
      for (const lane of drawn) {
        const c = cells.get(`${g.name}|${lane}`);
        if (c) slots[lane] = Math.max(-1, ...c.slots.values()) + 1;
      }
      return { slots };
    }),
  };
  // the arrangement in use is kept while the cluster changes, not when the canvas changes size
  const sameView = cache.prefer?.view === `${view.w}x${view.h}`;
  const L = bestLayout(input, view, sameView ? cache.prefer : undefined);
  cache.prefer = { cols: L.cols, perRow: L.perRow, stretch: L.stretch, side: L.side, view: `${view.w}x${view.h}` };

  // Machines and their Pods
  const groupCells = new Map<string, string>();
  const podAt = new Map<string, { x: number; y: number; node: number; card: string }>();
  groups.forEach((g, gi) => {
    const box = L.machines[gi];
    const id = nodeId(g.name);
    addNode({
      id,
      type: 'k8snode',
      position: { x: box.x, y: box.y },
      width: box.w,
      height: box.h,
      // `open`: a big cluster's machine drawn one card per Pod (its header offers to group them again)
      data: {
        name: g.name,
        role: g.role,
        open: machineMode && sizeOf.get(g.name)! > 1 && open.has(machineKey(g.name)),
      },
      zIndex: -1,
      style: { width: box.w, height: box.h },
    });
    for (const lane of drawn) {
      const cell = cells.get(`${g.name}|${lane}`);
      if (!cell) continue;
      const at = L.lanes[gi][lane];
      if (cell.group) {
        const pos = podPosition(at, L.cols, 0);
        const whole = lane === MACHINE_LANE;
        const gid = whole ? `group/${g.name}` : `group/${g.name}/${lane}`;
        // what opening it opens: the machine; a lane on every machine or, if those are too many cards,
        // on this machine alone (and, on a big cluster, the machine it is drawn in)
        const within = machineMode ? [machineKey(g.name)] : [];
        const options = whole
          ? [[machineKey(g.name)]]
          : [
              [lane, ...within],
              [cellKey(g.name, lane), ...within],
            ];
        const keys = options.find(canOpen);
        const status = new Map<string, number>();
        let n = 0;
        for (const [, c] of cell.group) {
          n += c.keys.size;
          for (const [st, k] of c.status) status.set(st, (status.get(st) ?? 0) + k);
        }
        addNode({
          id: gid,
          type: 'podgroup',
          parentId: id,
          extent: 'parent',
          position: pos,
          width: POD_W,
          height: POD_H,
          zIndex: 1,
          data: {
            machine: whole ? g.name : '',
            count: n,
            // how many in each STATUS, the most first
            counts: [...status]
              .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
              .map(([st, k]) => `${k.toLocaleString('en-US')} ${st}`)
              .join(' \u00b7 '),
            services: [...new Set(cell.group.flatMap(([l]) => laneServices(l)))].join('\n'),
            opens: (keys ?? []).join('\n'),
            canOpen: !!keys,
          },
        });
        for (const [l] of cell.group) groupCells.set(`${g.name}|${l}`, gid);
        podAt.set(gid, { x: box.x + pos.x, y: box.y + pos.y, node: gi, card: gid });
        continue;
      }
      for (const p of cell.pods) {
        const pid = idOf(p);
        const pos = podPosition(at, L.cols, cell.slots.get(pid)!);
        podAt.set(pid, { x: box.x + pos.x, y: box.y + pos.y, node: gi, card: pid });
        addNode({
          id: pid,
          type: 'pod',
          parentId: id,
          extent: 'parent',
          position: pos,
          width: POD_W,
          height: POD_H,
          zIndex: 1,
          data: { key: `${p.metadata.namespace}/${p.metadata.name}`, client: isClientPod(p) },
        });
      }
    }
  });

  // A line from a top card (a Service, an administrator's route) that must not cross the cards below:
  // above another row of the top cards it first goes down the gutter under its own row and round the
  // cards' left; from the side column it leaves its card's left edge into the gutter beside the column,
  // then goes up or down it to its track under the top row.
  const gutters = (box: { x: number; y: number; w: number; h: number }, track: number) => {
    const rowBottom = Math.max(...[...L.top, ...L.machines].filter((t) => t.y === box.y).map((t) => t.y + t.h));
    return L.column !== null && box.x >= L.column
      ? { left: { x: box.x, y: box.y + box.h / 2 + track * 6 }, sideX: L.column - NODE_GAP / 2 + track * 5 }
      : rowBottom < L.busY - BUS_H / 2 - 1
        ? { dropY: rowBottom + TOP_GAP / 2, sideX: NODE_GAP / 2 }
        : {};
  };

  outside.forEach((o, i) => {
    const box = L.top[i];
    addNode({
      id: o.id,
      type: o.type,
      position: { x: box.x, y: box.y },
      width: CLIENT_W,
      height: CLIENT_H,
      data: o.data,
    });
    if (o.type === 'lb')
      addEdge({
        id: `wire/client/${o.id}`,
        source: 'client',
        target: o.id,
        className: 'wire-edge',
        focusable: false,
        selectable: false,
      });
    const machine = o.target ? L.machines[groups.findIndex((g) => nodeId(g.name) === o.target)] : undefined;
    // the route's line runs through the gutters like a Service's, on a track of its own, into the top of
    // the machine (where NodeGroup's handle is)
    if (o.target && machine && state.objects.nodes[o.target.slice(5)])
      addEdge({
        id: `wire/${o.id}`,
        source: o.id,
        target: o.target,
        type: 'member',
        className: 'route-edge',
        label: `route ${String(o.data.ip)} \u2192 ${String(o.data.node)}`,
        focusable: false,
        selectable: false,
        data: {
          svc: o.id,
          busY: L.busY + ROUTE_TRACK * 6,
          laneX: machine.x + NODE_HANDLE_X,
          gutterY: machine.y,
          ...gutters(box, ROUTE_TRACK),
        },
      });
  });

  // Services, and a line from each to every Pod it selects, routed through the gutters: down from the
  // card to its own track under the top row, along it to the gap left of the Pod's machine, down that
  // gap to the gutter above the Pod's row, along the gutter and into the Pod from above. A Pod drawn in
  // a group card has its line end on the card, once per Service and card: ready if any of the card's
  // Pods is a ready endpoint of the Service, else not ready if any is an endpoint, else absent.
  /** the card a Pod is drawn as */
  const cardFor = (e: Placed) =>
    closedMachines.has(e.machine) ? `group/${e.machine}` : (groupCells.get(`${e.machine}|${e.lane}`) ?? idOf(e.pod));
  /** each Service's (ns/name) lanes, in the picture's order */
  const lanesOfService = new Map<string, string[]>();
  const servicesOfLane = new Map<string, string[]>();
  for (const lane of lanes) {
    const { ns, names } = laneParts(lane);
    servicesOfLane.set(
      lane,
      names.map((n) => `${ns}/${n}`),
    );
    for (const n of names) {
      const list = lanesOfService.get(`${ns}/${n}`);
      if (list) list.push(lane);
      else lanesOfService.set(`${ns}/${n}`, [lane]);
    }
  }
  const slices = slicesByService(state.objects.endpointslices);
  /** each Service's lines, in order (drawn all at once, or only the focused Service's) */
  const lines = new Map<string, Edge[]>();
  let count = 0;
  svcOrder.forEach((svc, i) => {
    const id = svcId(svc.metadata.namespace, svc.metadata.name);
    const box = L.top[outside.length + i];
    addNode({
      id,
      type: 'service',
      position: { x: box.x, y: box.y },
      width: SVC_W,
      height: SVC_H,
      data: { key: `${svc.metadata.namespace}/${svc.metadata.name}` },
    });
    const ns = svc.metadata.namespace ?? 'default';
    const key = `${ns}/${svc.metadata.name}`;
    const mine = slices.get(`${svc.metadata.namespace}/${svc.metadata.name}`) ?? [];
    const sel = svc.spec.selector;
    /** the cards the lines end on, in order, and each one's state */
    const ends = new Map<string, EndpointState>();
    if (!sel || !Object.keys(sel).length) {
      // no selector: the lines go to the Pods whose addresses hand-written endpoints list
      for (const [ip, st] of manualAddresses(mine))
        for (const k of index.byIp.get(ip) ?? []) {
          const e = index.entries.get(k)!;
          if (e.shown && e.pod.metadata.namespace === svc.metadata.namespace) better(ends, cardFor(e), st);
        }
    } else {
      const eps = endpointStates(mine);
      /** the best state of the Service's endpoints drawn in each group card */
      const inGroups = new Map<string, EndpointState>();
      for (const [name, st] of eps) {
        const e = index.entries.get(`${ns}/${name}`);
        if (e?.shown && servicesOfLane.get(e.lane)?.includes(key)) better(inGroups, cardFor(e), st);
      }
      const mineLanes = lanesOfService.get(key) ?? [];
      for (const g of groups) {
        if (closedMachines.has(g.name)) {
          const gid = `group/${g.name}`;
          if (mineLanes.some((l) => cellsOf(g.name).has(l))) ends.set(gid, inGroups.get(gid) ?? 'absent');
          continue;
        }
        for (const lane of mineLanes) {
          const c = cells.get(`${g.name}|${lane}`);
          if (!c) continue;
          const gid = groupCells.get(`${g.name}|${lane}`);
          if (gid) ends.set(gid, inGroups.get(gid) ?? 'absent');
          else for (const p of c.pods) ends.set(idOf(p), eps.get(p.metadata.name) ?? 'absent');
        }
      }
    }
    const track = (i % 6) - 2.5;
    const around = gutters(box, track);
    const mineLines: Edge[] = [];
    lines.set(id, mineLines);
    for (const [card, st] of ends) {
      const at = podAt.get(card);
      if (!at) continue;
      const machine = L.machines[at.node];
      count++;
      mineLines.push({
        id: `sel/${id}/${card}`,
        source: id,
        target: card,
        type: 'member',
        className: `svc-edge svc-c${serviceColor(svc.metadata.name)} ${st}`,
        focusable: false,
        selectable: false,
        data: {
          svc: id,
          busY: L.busY + track * 6,
          laneX: machine.x - NODE_GAP / 2 + track * 5,
          gutterY: at.y - POD_GAP / 2 + track * 1.2,
          ...around,
        },
        zIndex: 0,
      });
    }
  });
  drawnAs = { index, closed: closedMachines, groups: groupCells };
  const focusLines = count > LINE_BUDGET;
  if (!focusLines) for (const list of lines.values()) for (const e of list) addEdge(e);
  return {
    nodes,
    edges,
    focusLines,
    linesOf: (svc) => lines.get(svc) ?? [],
    extent: `${Math.round(L.width)}x${Math.round(L.height)}`,
    width: L.width,
    height: L.height,
  };
}
