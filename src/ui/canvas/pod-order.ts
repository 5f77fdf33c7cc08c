// The order the canvas draws things in: creation time, then namespace/name in the locale's order, as
// sorting them all gives; for Pods kept from one picture to the next (podsInOrder), so that a tick of
// 10,000 Pods does not sort them all again.
import type { Pod } from '../../sim';

/** localeCompare's order, without a collator made per comparison (a burst of 500 Pods share one timestamp) */
const collate = new Intl.Collator().compare;
type Created = { metadata: { creationTimestamp: number; name: string; namespace?: string } };
/** each object's ns/name, made once: objects are immutable, so an object keeps its key */
const KEYS = new WeakMap<object, string>();
const keyOf = (o: Created) => {
  let k = KEYS.get(o);
  if (k === undefined) KEYS.set(o, (k = `${o.metadata.namespace}/${o.metadata.name}`));
  return k;
};
export const byCreation = <T extends Created>(a: T, b: T) =>
  a.metadata.creationTimestamp - b.metadata.creationTimestamp || collate(keyOf(a), keyOf(b));

/**
 * The Pods in creation order. A tick changes few of 10,000 Pods, and sorting them all again cost a
 * collator comparison per pair of Pods made in one burst (one timestamp): the last order is kept, the
 * Pods that are still there take their places in it, and only newcomers are sorted and merged in. The
 * order is the one sorting them all gives (creation time, then namespace/name: a total order).
 */
let lastOrder: { entries: [key: string, created: number][]; showSystem: boolean } | null = null;
export function podsInOrder(pods: Record<string, Pod>, showSystem: boolean, isSystemPod: (p: Pod) => boolean): Pod[] {
  const wanted = (p: Pod) => showSystem || !isSystemPod(p);
  const remember = (keys: string[], list: Pod[]) => {
    lastOrder = { entries: list.map((p, i) => [keys[i], p.metadata.creationTimestamp]), showSystem };
    return list;
  };
  const sorted = (keys: string[]) => {
    const list = keys.map((k): [string, Pod] => [k, pods[k]]).sort((a, b) => byCreation(a[1], b[1]));
    return { keys: list.map((e) => e[0]), pods: list.map((e) => e[1]) };
  };
  if (!lastOrder || lastOrder.showSystem !== showSystem) {
    const all = sorted(Object.keys(pods).filter((k) => wanted(pods[k])));
    return remember(all.keys, all.pods);
  }
  // the Pods still there (the same key and creation time: a Pod made again under its name is new)
  const keptKeys: string[] = [];
  const kept: Pod[] = [];
  const seen = new Set<string>();
  for (const [k, created] of lastOrder.entries) {
    const p = pods[k];
    if (p && p.metadata.creationTimestamp === created && wanted(p)) {
      seen.add(k);
      keptKeys.push(k);
      kept.push(p);
    }
  }
  const fresh = sorted(Object.keys(pods).filter((k) => !seen.has(k) && wanted(pods[k])));
  const keys: string[] = [];
  const out: Pod[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < fresh.pods.length) {
    const old = j >= fresh.pods.length || (i < kept.length && byCreation(kept[i], fresh.pods[j]) < 0);
    keys.push(old ? keptKeys[i] : fresh.keys[j]);
    out.push(old ? kept[i++] : fresh.pods[j++]);
  }
  return remember(keys, out);
}
