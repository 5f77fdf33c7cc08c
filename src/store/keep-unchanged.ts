// Structural sharing for work done on a plain copy. The engine runs much faster on plain objects than
// through immer's proxies (every read of a draft is a proxy trap, every object read becomes a draft), so
// heavy work runs on a structuredClone; keepUnchanged then hands back the old object wherever the copy
// ended up equal to it, so that identity checks downstream (React's memo, the tick's "nothing the
// controllers read changed" test, undo) still see untouched parts as untouched.

/**
 * `next` with every part deep-equal to the matching part of `prev` replaced by that part of `prev`
 * (and `prev` itself when the two are equal throughout). Plain objects and arrays only, as the cluster
 * state is (it round-trips through JSON for saves and links).
 */
export function keepUnchanged<T>(prev: T, next: T): T {
  return share(prev, next) as T;
}

function share(prev: unknown, next: unknown): unknown {
  if (prev === next) return prev;
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) {
    return Object.is(prev, next) ? prev : next;
  }
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(prev)) {
    const n = next as unknown[];
    const open = !Object.isFrozen(n);
    let same = prev.length === n.length;
    for (let i = 0; i < n.length; i++) {
      const v = i < prev.length ? share(prev[i], n[i]) : n[i];
      if (open && v !== n[i]) n[i] = v;
      if (v !== prev[i]) same = false;
    }
    return same ? prev : n;
  }
  if (Object.getPrototypeOf(prev) !== Object.getPrototypeOf(next)) return next;
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const nk = Object.keys(n);
  const open = !Object.isFrozen(n);
  let same = nk.length === Object.keys(p).length;
  for (const k of nk) {
    if (!Object.prototype.hasOwnProperty.call(p, k)) {
      same = false;
      continue;
    }
    const v = share(p[k], n[k]);
    if (open && v !== n[k]) n[k] = v;
    if (v !== p[k]) same = false;
  }
  return same ? prev : n;
}
