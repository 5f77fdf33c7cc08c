// JSON for many snapshots of one immer state: a snapshot shares every object the command did not touch
// with the one before, so each distinct object is written once and referred to by its number. Sixty
// undo steps of a 160 KB cluster then take about one cluster plus what changed, not 60 clusters.
//
// Format: { pool: [...], roots: [...] }. A value is a JSON primitive, or "§N": the pool's entry N (an
// array or an object whose values are encoded the same way). A string that itself starts with § is
// written with one more § in front.
const MARK = '\u00a7';

export interface Pooled {
  pool: unknown[];
  roots: unknown[];
}

export function encodePooled(roots: unknown[]): Pooled {
  const ids = new Map<object, number>();
  const pool: unknown[] = [];
  const enc = (v: unknown): unknown => {
    if (typeof v === 'string') return v.startsWith(MARK) ? MARK + v : v;
    if (typeof v !== 'object' || v === null) return typeof v === 'number' && !Number.isFinite(v) ? null : v;
    const known = ids.get(v);
    if (known !== undefined) return MARK + known;
    const id = pool.length;
    ids.set(v, id);
    pool.push(null);
    if (Array.isArray(v)) pool[id] = v.map(enc);
    else {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'function') out[k] = enc(x);
      pool[id] = out;
    }
    return MARK + id;
  };
  return { pool, roots: roots.map(enc) };
}

/** The roots back, sharing objects as they were shared; throws on a malformed input (a reference out of range or a cycle). */
export function decodePooled(p: unknown): unknown[] {
  const bad = () => new Error('the saved history is damaged');
  if (typeof p !== 'object' || p === null) throw bad();
  const { pool, roots } = p as Pooled;
  if (!Array.isArray(pool) || !Array.isArray(roots)) throw bad();
  const done = new Map<number, unknown>();
  const busy = new Set<number>();
  const dec = (v: unknown): unknown => {
    if (typeof v !== 'string' || !v.startsWith(MARK)) {
      if (typeof v === 'object' && v !== null) throw bad(); // objects only ever appear as references
      return v;
    }
    if (v.startsWith(MARK + MARK)) return v.slice(1);
    const id = Number(v.slice(1));
    if (!Number.isInteger(id) || id < 0 || id >= pool.length) throw bad();
    if (done.has(id)) return done.get(id);
    if (busy.has(id)) throw bad();
    busy.add(id);
    const raw = pool[id];
    let out: unknown;
    if (Array.isArray(raw)) out = raw.map(dec);
    else if (typeof raw === 'object' && raw !== null) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(raw)) if (k !== '__proto__') o[k] = dec(x);
      out = o;
    } else throw bad();
    busy.delete(id);
    done.set(id, out);
    return out;
  };
  return roots.map(dec);
}
