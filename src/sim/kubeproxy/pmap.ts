// A small persistent string-keyed map for kube-proxy's sync caches: 256 buckets, copied on write.
// Compiled state is shared with undo snapshots and other nodes' histories, so it is never changed in
// place; an edit copies the top array and only the buckets it touches, which keeps a partial sync's
// cost proportional to what changed rather than to the size of the cluster.
export type PMap<V> = readonly (ReadonlyMap<string, V> | undefined)[];

const BUCKETS = 256;

function slot(k: string): number {
  let h = 2166136261;
  for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 16777619);
  return (h >>> 0) & (BUCKETS - 1);
}

export const emptyPMap = <V>(): PMap<V> => Object.freeze(new Array<undefined>(BUCKETS).fill(undefined));

/** Edits on a copy: buckets are copied the first time they are touched; done() freezes the result. */
export class PMapEditor<V> {
  private top: (ReadonlyMap<string, V> | undefined)[] | null = null;
  private readonly own = new Map<number, Map<string, V>>();
  constructor(private readonly base: PMap<V>) {}

  get(k: string): V | undefined {
    return (this.top ?? this.base)[slot(k)]?.get(k);
  }

  private bucket(k: string): Map<string, V> {
    const i = slot(k);
    let b = this.own.get(i);
    if (!b) {
      this.top ??= [...this.base];
      b = new Map(this.top[i]);
      this.own.set(i, b);
      this.top[i] = b;
    }
    return b;
  }

  set(k: string, v: V): void {
    this.bucket(k).set(k, v);
  }

  delete(k: string): void {
    if (this.get(k) !== undefined) this.bucket(k).delete(k);
  }

  done(): PMap<V> {
    return this.top ? Object.freeze(this.top) : this.base;
  }
}
