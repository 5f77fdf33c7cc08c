// The cluster's Pods as a list, made once per pass of the engine rather than once per controller.
// A Record with 100,000 keys is a dictionary to the JavaScript engine, and listing it (Object.values,
// Object.keys, for…in) sorts its keys by insertion each time: about 8 ms at 30,000 Pods, 30 ms at
// 100,000, and every controller and wake listed the Pods several times per instant.
//
// Inside a pass (withPods, around reconcile and the wake loop in step.ts) the list is kept: a Pod
// the engine adds (podAdded) is appended, a Pod it removes (podRemoved) makes the list be made again.
// Every list handed out stays as it was handed out (an addition makes a new array), so a loop over it
// sees the Pods as they were when it began, as a loop over Object.values did. Outside a pass, podList
// is Object.values.
import type { ClusterState } from './state';
import type { Pod } from './types';

/**
 * One pass: the Pods map it lists, its list (null: to be made), the Pods added since. `removed`, when
 * a caller keeps one (the engine Worker, across its ticks: keepPods), collects the keys of the Pods
 * removed or replaced.
 */
export interface PodPass {
  pods: Record<string, Pod>;
  list: readonly Pod[] | null;
  added: Pod[];
  removed?: Set<string>;
  /** values made from the Pods (podMemo), each with the list it was made from */
  memo?: Map<string, { list: readonly Pod[]; value: unknown }>;
}

let pass: PodPass | null = null;

/** Tests turn this on (test-setup.ts): every list handed out is checked against Object.values. */
export const podListCheck = { on: false };

/**
 * A pass the caller keeps across calls (withKeptPods): the engine Worker's, whose copy of the cluster
 * changes between ticks only through patches it applies itself (and then drops the list, or the
 * pass, when they add, remove or replace Pods).
 */
export function keepPods(s: ClusterState): PodPass {
  return { pods: s.objects.pods, list: null, added: [], removed: new Set() };
}

/** Run f as a pass of the engine over s, within a kept pass (a new one when s has other Pods now). */
export function withKeptPods<T>(kept: PodPass, s: ClusterState, f: () => T): T {
  if (kept.pods !== s.objects.pods) throw new Error('pod-list: a kept pass of another Pods map');
  const outer = pass;
  pass = kept;
  // (between two calls the caller may have changed Pods in place: what was made from them is made again)
  kept.memo = undefined;
  try {
    return f();
  } finally {
    pass = outer;
  }
}

/** Run f as one pass of the engine over s. */
export function withPods<T>(s: ClusterState, f: () => T): T {
  if (pass?.pods === s.objects.pods) return f();
  const outer = pass;
  pass = { pods: s.objects.pods, list: null, added: [] };
  try {
    return f();
  } finally {
    pass = outer;
  }
}

function check(s: ClusterState, list: readonly Pod[]): readonly Pod[] {
  const fresh = Object.values(s.objects.pods);
  if (fresh.length !== list.length || fresh.some((p, i) => p !== list[i]))
    throw new Error('pod-list: the kept list of Pods differs from the cluster (an addition or removal not told)');
  return list;
}

/** The Pods of s in the order of s.objects.pods (do not change the array). */
export function podList(s: ClusterState): readonly Pod[] {
  const p = pass;
  if (!p || p.pods !== s.objects.pods) return Object.values(s.objects.pods);
  if (!p.list) p.list = Object.values(s.objects.pods);
  else if (p.added.length) p.list = p.list.concat(p.added);
  p.added = [];
  return podListCheck.on ? check(s, p.list) : p.list;
}

/** The engine stored a Pod under a key that was free: it comes last. */
export function podAdded(s: ClusterState, pod: Pod): void {
  if (pass?.pods === s.objects.pods && pass.list) pass.added.push(pod);
}

/** The engine removed a Pod (or replaced one under its key): the list is made again when next asked for. */
export function podRemoved(s: ClusterState, key: string): void {
  if (pass?.pods === s.objects.pods) {
    pass.list = null;
    pass.added = [];
    pass.removed?.add(key);
  }
}

/**
 * A value made from the Pods by make, kept within the pass while its list of Pods stays the same (no
 * Pod added or removed): for an index whose maker is the only one to change what it indexes within a
 * pass. keep tells that the value still stands for the list as it is now. Outside a pass, made each time.
 */
export function podMemo<T>(s: ClusterState, key: string, make: (pods: readonly Pod[]) => T): T {
  const list = podList(s);
  const p = pass;
  if (!p || p.pods !== s.objects.pods) return make(list);
  const kept = p.memo?.get(key);
  if (kept && kept.list === list) return kept.value as T;
  const value = make(list);
  (p.memo ??= new Map()).set(key, { list, value });
  return value;
}

/** The value kept under key stands for the Pods as they are now (its maker brought it up to date). */
export function podMemoKeep(s: ClusterState, key: string, value: unknown): void {
  const p = pass;
  if (p && p.pods === s.objects.pods) (p.memo ??= new Map()).set(key, { list: podList(s), value });
}
