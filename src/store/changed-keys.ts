// Which keys of a large object (the cluster's 100,000 Pods) changed from one version to the next, as
// the engine Worker's answer says (tick-diff.ts applyFrozen), so that what the page derives from the
// Pods (the canvas's Pod index, the Send form's menus) follows the few hundred Pods a tick changes
// rather than walking all of them: a walk of 100,000 keys is tens of milliseconds each time.

/** a version of an object: the one it was made from (while that is alive) and the keys set or deleted */
const MADE_FROM = new WeakMap<object, { from: WeakRef<object>; keys: string[] }>();
/** how many versions back a reader may be (more: it walks every key once) */
const MAX_STEPS = 64;

/** Note that `next` is `prev` with the values at `keys` set or deleted, every other key the same. */
export function noteChanges(prev: object, next: object, keys: string[]): void {
  MADE_FROM.set(next, { from: new WeakRef(prev), keys });
}

/** The keys whose values may differ between `from` and its later version `to`; null when not known. */
function changesBetween(from: object, to: object): Set<string> | null {
  const out = new Set<string>();
  let at = to;
  for (let i = 0; i < MAX_STEPS; i++) {
    const made = MADE_FROM.get(at);
    if (!made) return null;
    for (const k of made.keys) out.add(k);
    const prev = made.from.deref();
    if (!prev) return null;
    if (prev === from) return out;
    at = prev;
  }
  return null;
}

/**
 * Visit every key whose value may differ from `last` (the version read before) to `next`, with its value
 * in `next` (undefined: gone). Without a known path between them, every key of both is visited. The
 * visitor compares values itself: a key visited may be unchanged.
 */
export function eachChange<T>(
  last: Record<string, T> | null,
  next: Record<string, T>,
  visit: (key: string, value: T | undefined) => void,
): void {
  if (last === next) return;
  const keys = last ? changesBetween(last, next) : null;
  if (keys) {
    for (const k of keys) visit(k, Object.prototype.hasOwnProperty.call(next, k) ? next[k] : undefined);
    return;
  }
  for (const k in next) visit(k, next[k]);
  if (last) for (const k in last) if (!Object.prototype.hasOwnProperty.call(next, k)) visit(k, undefined);
}
