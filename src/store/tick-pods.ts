// The engine Worker's copy of a large cluster before a tick (its "shadow"), kept with the Pods apart
// in a Map, and what a tick changed, found in time that grows with what changed rather than with the
// number of Pods. At 100,000 Pods, comparing every Pod with its copy took half a second per tick, and
// any copy or listing of a 100,000-key Record (a dictionary to the JavaScript engine) a few hundred
// milliseconds; a Map copies in a few.
//
// A Pod is compared with its copy unless the copy is of a Pod the scheduler has already tried and
// left unbound, not being deleted, with the same resourceVersion now. Whatever the engine does to
// such a Pod is a write to the apiserver that draws a new resourceVersion, as on a real cluster:
// binding it (scheduler), adopting or releasing it (ReplicaSet controller), deleting it (which sets
// deletionTimestamp, or removes it). The only write without one, the scheduler's first
// PodScheduled=False, is made to a Pod that has no PodScheduled condition yet, which is compared.
// The kubelet, the prober and the EndpointSlice controller look only at bound Pods or Pods with an
// IP. So a tick that drew no resourceVersion at all (the counter as in the copy), and added or
// removed no Pod, compares only the Pods that are not settled: the bound ones, at most a few hundred.
// The store's tests check, tick after tick, that the patches rebuild the Worker's cluster exactly.
import { objKey, type ClusterState, type Pod } from '../sim';
import { applyFrozen, deepDiff, type Patch } from './tick-diff';

/** The cluster without its Pods, and its Pods by key in the order of s.objects.pods. */
export interface Shadow {
  rest: ClusterState;
  pods: Map<string, Pod>;
  /** the keys of the Pods that are not `settled` (bound, being deleted, not tried yet): a few hundred */
  hot: Set<string>;
}

const NO_PODS: Record<string, Pod> = Object.freeze({});
const podPath = (k: string, tail: string[] = []) => ['objects', 'pods', k, ...tail];

/** s with an empty Pods map in the place of its own (the rest shared) */
function withoutPods(s: ClusterState): ClusterState {
  return { ...s, objects: { ...s.objects, pods: NO_PODS } };
}

/** The shadow of a copy of the cluster the caller hands over (it is kept, not copied again). */
export function shadowOf(copy: ClusterState): Shadow {
  const pods = new Map(Object.entries(copy.objects.pods));
  const hot = new Set<string>();
  for (const [k, p] of pods) if (!settled(p)) hot.add(k);
  return { rest: withoutPods(copy), pods, hot };
}

/** The cluster the shadow stands for, sharing its parts (to read, not to change). */
function whole(sh: Shadow): ClusterState {
  return { ...sh.rest, objects: { ...sh.rest.objects, pods: Object.fromEntries(sh.pods) } };
}

/** A copy of the cluster the shadow stands for, to change in place. */
function thaw(sh: Shadow): ClusterState {
  return structuredClone(whole(sh));
}

type Obj = Record<string, unknown>;
const ABSENT = Symbol('absent');

/** The value at a path in the cluster the shadow stands for (ABSENT: no such key). */
function at(sh: Shadow, p: string[]): unknown {
  const t = target(p);
  let v: unknown = t === 'rest' ? sh.rest : t === 'all' ? whole(sh) : sh.pods.get(t.key);
  const from = t === 'rest' || t === 'all' ? 0 : 3;
  if (t !== 'rest' && t !== 'all' && v === undefined) return ABSENT;
  for (let i = from; i < p.length; i++) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, p[i])) return ABSENT;
    v = (v as Obj)[p[i]];
  }
  return v;
}

/** The keys of the object at a path, in order (the Pods: the Map's). */
function keysAt(sh: Shadow, p: string[]): string[] {
  return target(p) === 'all' && p.length === 2 ? [...sh.pods.keys()] : Object.keys(at(sh, p) as Obj);
}

/**
 * `live` (changed in place by a tick whose patches were `patches`) made the cluster `before` stands for
 * again, what the tick changed put back from copies of `before`, the rest kept: for a page that let
 * the tick's result go. A key the tick removed is put back in its place, its object made again in
 * the order it had. A patch to the Pods map whole, or to what holds it, copies all of `before`.
 */
export function revert(live: ClusterState, before: Shadow, patches: Patch[]): ClusterState {
  if (patches.some((x) => target(x.p) === 'all' && x.p.length < 3)) return thaw(before);
  const path = (p: string[]) => p.join('\u0000');
  // the objects a key was removed from, outermost only: made again whole, in their order
  const remade = new Map<string, string[]>();
  for (const x of patches) if ('d' in x) remade.set(path(x.p.slice(0, -1)), x.p.slice(0, -1));
  const outer = [...remade.values()].filter(
    (r) => ![...remade.values()].some((o) => o.length < r.length && o.every((k, i) => r[i] === k)),
  );
  const under = (p: string[]) => outer.some((o) => o.length < p.length && o.every((k, i) => p[i] === k));
  const parentOf = (root: unknown, p: string[]) => p.slice(0, -1).reduce((o, k) => (o as Obj)[k], root) as Obj;
  /** the object holding p's last key, to change: a frozen one on the way (the engine shares some) copied */
  const holder = (p: string[]) => {
    let o = live as object as Obj;
    for (const k of p.slice(0, -1)) {
      if (Object.isFrozen(o[k])) o[k] = Array.isArray(o[k]) ? [...(o[k] as unknown[])] : { ...(o[k] as Obj) };
      o = o[k] as Obj;
    }
    return o;
  };
  for (const x of patches) {
    if (under(x.p)) continue;
    const was = at(before, x.p);
    const parent = holder(x.p);
    const k = x.p[x.p.length - 1];
    if (was === ABSENT) delete parent[k];
    else parent[k] = structuredClone(was);
  }
  let root: unknown = live;
  for (const o of outer) {
    const touched = new Set(
      patches
        .filter((x) => x.p.length > o.length && path(x.p.slice(0, o.length)) === path(o))
        .map((x) => x.p[o.length]),
    );
    const old = parentOf(live, [...o, '']);
    const made: Obj = {};
    for (const k of keysAt(before, o)) made[k] = touched.has(k) ? structuredClone(at(before, [...o, k])) : old[k];
    if (!o.length) root = made;
    else holder(o)[o[o.length - 1]] = made;
  }
  return root as ClusterState;
}

/** Where a patch lands: outside the Pods, on the Pods map whole (or something holding it), or on one Pod. */
function target(p: string[]): 'rest' | 'all' | { key: string; tail: string[] } {
  if (p.length >= 3 && p[0] === 'objects' && p[1] === 'pods') return { key: p[2], tail: p.slice(3) };
  if (p.length === 0 || (p[0] === 'objects' && (p.length === 1 || p[1] === 'pods'))) return 'all';
  return 'rest';
}

/** Whether patches add, remove or replace Pods (not only change some in place). */
export function touchesPodList(patches: Patch[]): boolean {
  return patches.some((x) => {
    const t = target(x.p);
    return t === 'all' || (t !== 'rest' && !t.tail.length);
  });
}

/**
 * The shadow with patches applied (copies of them: they are kept), as a new shadow sharing what they
 * do not touch; `was` stays as it was.
 */
export function applyShadow(was: Shadow, patches: Patch[]): Shadow {
  const rest: Patch[] = [];
  const pods: { key: string; tail: string[]; patch: Patch }[] = [];
  for (const patch of patches) {
    const t = target(patch.p);
    if (t === 'all') return shadowOf(applyFrozen(whole(was), patches));
    if (t === 'rest') rest.push(patch);
    else pods.push({ ...t, patch });
  }
  const shadow = { rest: rest.length ? applyFrozen(was.rest, rest) : was.rest, pods: was.pods, hot: was.hot };
  if (!pods.length) return shadow;
  shadow.pods = new Map(was.pods);
  shadow.hot = new Set(was.hot);
  for (const { key, tail, patch } of pods) {
    if (tail.length) shadow.pods.set(key, applyFrozen(shadow.pods.get(key)!, [{ ...patch, p: tail }]));
    else if ('d' in patch) shadow.pods.delete(key);
    else if ('v' in patch) shadow.pods.set(key, patch.v as Pod);
    const now = shadow.pods.get(key);
    if (now && !settled(now)) shadow.hot.add(key);
    else shadow.hot.delete(key);
  }
  return shadow;
}

/** Each Pod's key (its namespace and name, which never change), made once per Pod object. */
const keys = new WeakMap<Pod, string>();
function keyOf(pod: Pod): string {
  let k = keys.get(pod);
  if (k === undefined) keys.set(pod, (k = objKey(pod)));
  return k;
}

/** A Pod tried and left unbound, not being deleted: what the engine does to it draws a resourceVersion. */
function settled(p: Pod): boolean {
  return (
    !p.spec.nodeName &&
    p.metadata.deletionTimestamp === undefined &&
    (p.status.conditions ?? []).some((c) => c.type === 'PodScheduled')
  );
}

/** The copy is of a settled Pod, and the Pod has not been written since. */
function untouched(copy: Pod, pod: Pod): boolean {
  return copy.metadata.resourceVersion === pod.metadata.resourceVersion && settled(copy);
}

/** Tests turn this on (store/test-setup.ts): each tick's patches are checked to rebuild the cluster exactly. */
export const shadowCheck = { on: false };

/**
 * What changed from the shadow to s, as deepDiff finds it. `pods` lists s's Pods in the order of
 * s.objects.pods (podList); `removed` holds the keys of Pods removed or replaced since the shadow.
 */
export function diffShadow(sh: Shadow, s: ClusterState, pods: readonly Pod[], removed: ReadonlySet<string>): Patch[] {
  const out = changes(sh, s, pods, removed);
  if (shadowCheck.on && JSON.stringify(applyFrozen(whole(sh), structuredClone(out))) !== JSON.stringify(s))
    throw new Error('tick-pods: the patches do not rebuild the cluster (a Pod changed without a new resourceVersion?)');
  return out;
}

function changes(sh: Shadow, s: ClusterState, pods: readonly Pod[], removed: ReadonlySet<string>): Patch[] {
  const out = deepDiff(sh.rest, withoutPods(s));
  // (the Pods map moved within objects, or the whole cluster was replaced: all of it compared)
  if (out.some((x) => target(x.p) === 'all')) return deepDiff(whole(sh), s);
  // No resourceVersion drawn (no object written), no Pod added or removed: only the Pods that are
  // not settled may have changed (a kubelet's, a prober's work on a running Pod)
  if (sh.rest.counters.rv === s.counters.rv && !removed.size && pods.length === sh.pods.size) {
    for (const k of sh.hot)
      for (const x of deepDiff(sh.pods.get(k), s.objects.pods[k])) out.push({ ...x, p: podPath(k, x.p) });
    return out;
  }
  const added: Pod[] = [];
  let kept = 0;
  for (const pod of pods) {
    const k = keyOf(pod);
    const copy = sh.pods.get(k);
    if (!copy) {
      added.push(pod);
      continue;
    }
    kept++;
    // a Pod removed and another put under its key: it is now last in the map, so the map is sent whole
    if (removed.has(k)) return deepDiff(whole(sh), s);
    if (untouched(copy, pod)) continue;
    for (const x of deepDiff(copy, pod)) out.push({ ...x, p: podPath(k, x.p) });
  }
  if (kept < sh.pods.size)
    for (const k of sh.pods.keys())
      if (!Object.prototype.hasOwnProperty.call(s.objects.pods, k)) out.push({ p: podPath(k), d: true });
  for (const pod of added) out.push({ p: podPath(objKey(pod)), v: pod });
  return out;
}
