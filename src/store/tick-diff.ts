// What changed between two versions of the cluster, as a list of patches, and the patches applied: how
// the page and the engine Worker keep one cluster in step (tick-worker.ts) without copying all of it
// each time. The page's cluster is immutable (immer shares untouched parts), so its changes are found
// by identity; the Worker's is changed in place by the engine, so its changes are found by comparing
// with a copy taken before. Plain objects and arrays only, as the cluster state is (it round-trips
// through JSON for saves and links).

/**
 * One change at a path of keys: a value set (`v`), a key deleted (`d`), or an array made of a run of
 * the old one (`keep`, as slice start and end) followed by new items (`add`): what the event list and
 * conntrack table see every tick (appended, trimmed at the front).
 */
export type Patch = { p: string[]; v: unknown } | { p: string[]; d: true } | KeepPatch;
type KeepPatch = { p: string[]; keep: [number, number]; add: unknown[] };

import { noteChanges } from './changed-keys';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Deep equality of plain data (key order aside). */
export function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  for (const k of ak) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!same((a as Obj)[k], (b as Obj)[k])) return false;
  }
  return true;
}

/**
 * An array change as "keep prev[s..e), then add": found when next begins with the tail of prev (one
 * candidate start: where next's first item is found in prev). Null when next is not of that shape.
 */
function arrayRun(prev: unknown[], next: unknown[], eq: (a: unknown, b: unknown) => boolean): Patch | null {
  if (!next.length || !prev.length) return null;
  let s = -1;
  for (let j = 0; j < prev.length; j++)
    if (eq(prev[j], next[0])) {
      s = j;
      break;
    }
  if (s < 0) return null;
  const kept = prev.length - s;
  if (kept > next.length) return null;
  for (let i = 1; i < kept; i++) if (!eq(prev[s + i], next[i])) return null;
  return { p: [], keep: [s, prev.length], add: next.slice(kept) };
}

/**
 * Where a plain object's keys were reordered (not only some removed and others appended at the end):
 * then the whole object is sent, so that both sides iterate its keys in the same order.
 */
function reordered(prev: Obj, next: Obj): boolean {
  const pk = Object.keys(prev);
  let i = 0;
  let appending = false;
  for (const k of Object.keys(next)) {
    if (!Object.prototype.hasOwnProperty.call(prev, k)) {
      appending = true;
      continue;
    }
    if (appending) return true;
    while (i < pk.length && pk[i] !== k) i++;
    if (i === pk.length) return true;
    i++;
  }
  return false;
}

/**
 * Whether the Worker's diff of a and b finds nothing: `same`, and plain objects with their keys in the
 * same order (a reordered object is a patch). Checked before descending into a key, so that the
 * unchanged Pods of a large cluster cost one walk each, not a path and a patch search per value.
 */
function quiet(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (isObj(a) && isObj(b) && Object.getPrototypeOf(a) === Object.getPrototypeOf(b)) {
    const ak = Object.keys(a);
    const bk = Object.keys(b);
    if (ak.length !== bk.length) return false;
    for (let i = 0; i < ak.length; i++) if (ak[i] !== bk[i] || !quiet(a[ak[i]], b[ak[i]])) return false;
    return true;
  }
  return same(a, b);
}

function diffInto(out: Patch[], path: string[], a: unknown, b: unknown, deep: boolean) {
  if (Object.is(a, b)) return;
  if (isObj(a) && isObj(b) && Object.getPrototypeOf(a) === Object.getPrototypeOf(b)) {
    // (reordered keys: the whole object, even when equal, so that both sides iterate it alike)
    if (reordered(a, b)) return void out.push({ p: path, v: b });
    for (const k of Object.keys(a))
      if (!Object.prototype.hasOwnProperty.call(b, k)) out.push({ p: [...path, k], d: true });
    for (const k of Object.keys(b)) {
      if (!Object.prototype.hasOwnProperty.call(a, k)) out.push({ p: [...path, k], v: b[k] });
      else if (!deep || !quiet(a[k], b[k])) diffInto(out, [...path, k], a[k], b[k], deep);
    }
    return;
  }
  if (deep && same(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const run = arrayRun(a, b, deep ? same : Object.is);
    if (run) return void out.push({ ...run, p: path });
  }
  out.push({ p: path, v: b });
}

/** The page's side: what changed from `a` to `b`, where untouched parts are the same objects. */
export function identityDiff(a: unknown, b: unknown): Patch[] {
  const out: Patch[] = [];
  diffInto(out, [], a, b, false);
  return out;
}

/** The Worker's side: what changed from `a` (a copy taken before) to `b`, compared value by value. */
export function deepDiff(a: unknown, b: unknown): Patch[] {
  const out: Patch[] = [];
  diffInto(out, [], a, b, true);
  return out;
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

interface Trie {
  patch?: Patch;
  kids?: Map<string, Trie>;
}

function trieOf(patches: Patch[]): Trie {
  const root: Trie = {};
  for (const patch of patches) {
    let t = root;
    for (const k of patch.p) {
      t.kids ??= new Map();
      let n = t.kids.get(k);
      if (!n) t.kids.set(k, (n = {}));
      t = n;
    }
    t.patch = patch;
    t.kids = undefined;
  }
  return root;
}

function arrayOf(base: unknown, patch: KeepPatch): unknown[] {
  return (base as unknown[]).slice(patch.keep[0], patch.keep[1]).concat(patch.add);
}

/** From this many keys, an object on a patched path is copied a part at a time (applyFrozenInParts). */
const COPY_IN_PARTS_FROM = 20_000;

/**
 * `value` with the patches of its trie applied, as a new frozen tree sharing every untouched part; with
 * `inParts`, a very large object is copied COPY_IN_PARTS_FROM keys at a time, yielding between parts.
 */
function* rebuild(value: unknown, t: Trie, inParts: boolean): Generator<void, unknown> {
  if (t.patch) {
    if ('keep' in t.patch) return Object.freeze(arrayOf(value, t.patch).map(deepFreeze));
    return 'd' in t.patch ? undefined : deepFreeze(t.patch.v);
  }
  let copy: Obj | unknown[];
  if (Array.isArray(value)) copy = [...(value as unknown[])];
  else {
    const keys = inParts && isObj(value) ? Object.keys(value) : [];
    if (keys.length < COPY_IN_PARTS_FROM) copy = { ...(value as Obj) };
    else {
      const into: Obj = {};
      for (let i = 0; i < keys.length; i++) {
        if (i > 0 && i % COPY_IN_PARTS_FROM === 0) yield;
        into[keys[i]] = (value as Obj)[keys[i]];
      }
      copy = into;
    }
  }
  for (const [k, kid] of t.kids!) {
    if (kid.patch && 'd' in kid.patch) delete (copy as Obj)[k];
    else (copy as Obj)[k] = yield* rebuild((value as Obj)[k], kid, inParts);
  }
  // (what the page derives from a big object, the Pods, follows these keys: changed-keys.ts)
  if (isObj(value)) noteChanges(value, copy, [...t.kids!.keys()]);
  return Object.freeze(copy);
}

/**
 * The page's side: `base` (immutable) with the patches applied, as a new frozen tree sharing every
 * untouched part with `base`. Only the containers on a patched path are copied.
 */
export function applyFrozen<T>(base: T, patches: Patch[]): T {
  if (!patches.length) return base;
  const steps = rebuild(base, trieOf(patches), false);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value as T;
}

/**
 * applyFrozen for the page's main thread: a very large object on a patched path (the Pods of a
 * 100,000-Pod cluster) is copied COPY_IN_PARTS_FROM keys at a time, with `pause` (a task boundary)
 * between the parts. Copied whole, a 100,000-key object held the main thread 100-300 ms a tick.
 */
export async function applyFrozenInParts<T>(base: T, patches: Patch[], pause: () => Promise<void>): Promise<T> {
  if (!patches.length) return base;
  const steps = rebuild(base, trieOf(patches), true);
  let r = steps.next();
  while (!r.done) {
    await pause();
    r = steps.next();
  }
  return r.value as T;
}

/**
 * The Worker's side: the patches applied to `target` in place. Returns the root, which is a new one
 * only when a patch replaced the whole of it.
 */
export function applyInPlace<T extends object>(target: T, patches: Patch[]): T {
  let root = target as object;
  for (const patch of patches) {
    if (!patch.p.length) {
      if ('v' in patch && isObj(patch.v)) root = patch.v;
      continue;
    }
    let o = root as Obj;
    for (const k of patch.p.slice(0, -1)) o = o[k] as Obj;
    const k = patch.p[patch.p.length - 1];
    if ('d' in patch) delete o[k];
    else if ('keep' in patch) o[k] = arrayOf(o[k], patch);
    else o[k] = patch.v;
  }
  return root as T;
}
