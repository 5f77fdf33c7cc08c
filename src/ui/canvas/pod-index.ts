// The canvas's Pods by machine and lane, kept up to date from what changed between two pictures rather
// than regrouped from every Pod. A tick of a 100,000-Pod cluster changes a few hundred Pods; regrouping
// them all took half a second of the page's main thread per picture. A picture then works from the
// counts (how many Pods a machine's lane holds, in which STATUS) and touches Pods one by one only where
// it draws them one card each, which the card budget keeps to a few hundred.
import { podStatusReason, type ClusterState, type Pod, type Service } from '../../sim';
import { selecting } from './nodes/derived';
import { eachChange } from '../../store/changed-keys';
import { byCreation } from './pod-order';

/** The machine of Pods not (or not yet) on a machine the cluster has. */
export const UNSCHEDULED = '(unscheduled)';

/** A Pod as the canvas places it. */
export interface Placed {
  pod: Pod;
  /** ns/name */
  key: string;
  machine: string;
  /** its Services (laneOf), '' for none */
  lane: string;
  /** kubectl's STATUS */
  status: string;
  /** drawn at all (a system Pod is only when system objects are shown) */
  shown: boolean;
}

/** The Pods of one lane on one machine: their keys, and how many are in each STATUS. */
export interface Cell {
  keys: Set<string>;
  status: Map<string, number>;
}

/** The lane of a Pod: the Services that select it (its namespace and their names), '' for none. */
function laneOf(services: Record<string, Service>, pod: Pod): string {
  const names = selecting(services, pod);
  if (!names.length) return '';
  const lane = `${pod.metadata.namespace ?? 'default'}/${names.join('+')}`;
  // (one string per lane, not one per Pod)
  let known = LANES.get(lane);
  if (known === undefined) LANES.set(lane, (known = lane));
  return known;
}
const LANES = new Map<string, string>();

/** A lane's namespace and the names of its Services (laneOf's `ns/a+b`; none for ''). */
export const laneParts = (lane: string): { ns: string; names: string[] } => {
  if (!lane) return { ns: '', names: [] };
  const ns = lane.slice(0, lane.indexOf('/'));
  return { ns, names: lane.slice(ns.length + 1).split('+') };
};

/**
 * What every Pod's place depends on besides the Pod: whether system Pods are shown, the machines there
 * are, and each Service's selector. When it changes, every Pod is placed again.
 */
function placesKey(state: ClusterState, showSystem: boolean): string {
  const svcs = Object.values(state.objects.services).map(
    (s) => `${s.metadata.namespace}/${s.metadata.name}=${JSON.stringify(s.spec.selector ?? null)}`,
  );
  return `${showSystem}\n${Object.keys(state.objects.nodes).sort().join(',')}\n${svcs.sort().join('\n')}`;
}

export class PodIndex {
  private pods: Record<string, Pod> | null = null;
  private services: Record<string, Service> | null = null;
  private nodes: object | null = null;
  private places = '';
  /** every Pod of the cluster, by ns/name */
  readonly entries = new Map<string, Placed>();
  /** machine -> lane -> its Pods; only drawn Pods, and no empty cells */
  readonly cells = new Map<string, Map<string, Cell>>();
  /** Pod IP -> the Pods (ns/name) that have it, for the Services whose endpoints are hand-written */
  readonly byIp = new Map<string, Set<string>>();

  /**
   * Bring the index up to the cluster `state`. A store's cluster is frozen, so a Pod that is the same
   * object is unchanged; an unfrozen one (a test's) may have been changed in place, so it is read again.
   */
  update(state: ClusterState, showSystem: boolean, isSystemPod: (p: Pod) => boolean): void {
    const { pods, services, nodes } = state.objects;
    if (services !== this.services || nodes !== this.nodes) {
      const places = placesKey(state, showSystem);
      if (places !== this.places) this.clear();
      this.places = places;
      this.services = services;
      this.nodes = nodes;
    } else if (!this.places.startsWith(`${showSystem}\n`)) {
      this.clear();
      this.places = placesKey(state, showSystem);
    }
    if (pods === this.pods && Object.isFrozen(pods)) return;
    const fresh = !Object.isFrozen(pods);
    const add = (key: string, pod: Pod) => {
      const machine = pod.spec.nodeName && nodes[pod.spec.nodeName] ? pod.spec.nodeName : UNSCHEDULED;
      const e: Placed = {
        pod,
        key,
        machine,
        lane: laneOf(services, pod),
        status: podStatusReason(pod),
        shown: showSystem || !isSystemPod(pod),
      };
      this.entries.set(key, e);
      this.place(e, 1);
    };
    const change = (key: string, pod: Pod | undefined) => {
      const e = this.entries.get(key);
      if (e && e.pod === pod && !fresh) return;
      if (e) {
        this.place(e, -1);
        this.entries.delete(key);
      }
      if (pod) add(key, pod);
    };
    if (fresh) {
      // (read again whole: its Pods may have been changed in place)
      this.clear();
      for (const key in pods) change(key, pods[key]);
    } else eachChange(this.pods, pods, change);
    this.pods = pods;
  }

  private clear() {
    this.entries.clear();
    this.cells.clear();
    this.byIp.clear();
    this.pods = null;
  }

  /** Count a Pod in (+1) or out (-1) of its cell and its IP. */
  private place(e: Placed, d: 1 | -1) {
    const ip = e.pod.status.podIP;
    if (ip) {
      let at = this.byIp.get(ip);
      if (d > 0) {
        if (!at) this.byIp.set(ip, (at = new Set()));
        at.add(e.key);
      } else if (at) {
        at.delete(e.key);
        if (!at.size) this.byIp.delete(ip);
      }
    }
    if (!e.shown) return;
    let lanes = this.cells.get(e.machine);
    if (!lanes) this.cells.set(e.machine, (lanes = new Map()));
    let cell = lanes.get(e.lane);
    if (!cell) lanes.set(e.lane, (cell = { keys: new Set(), status: new Map() }));
    if (d > 0) cell.keys.add(e.key);
    else cell.keys.delete(e.key);
    const n = (cell.status.get(e.status) ?? 0) + d;
    if (n > 0) cell.status.set(e.status, n);
    else cell.status.delete(e.status);
    if (cell.keys.size) return;
    lanes.delete(e.lane);
    if (!lanes.size) this.cells.delete(e.machine);
  }

  /** A cell's Pods in creation order (for the cells drawn one card per Pod). */
  podsOf(cell: Cell): Pod[] {
    return [...cell.keys].map((k) => this.entries.get(k)!.pod).sort(byCreation);
  }

  /** The earliest-made Pod of a lane, on any machine. */
  firstOf(lane: string): Pod | undefined {
    let first: Pod | undefined;
    for (const lanes of this.cells.values())
      for (const k of lanes.get(lane)?.keys ?? []) {
        const p = this.entries.get(k)!.pod;
        if (!first || byCreation(p, first) < 0) first = p;
      }
    return first;
  }
}
