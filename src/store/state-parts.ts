// A big cluster handed from the engine Worker to the page in parts: each part is one message, so the
// page deserializes (and freezes) it in a task of its own instead of one task for the whole cluster (a
// 2,000-object cluster is about 20 MB structured-cloned, seconds in one piece on a slow machine).
import { freeze } from 'immer';
import type { ClusterState } from '../sim';

/** Entries of one record of the cluster (`path` from the root, e.g. ["objects", "pods"]). */
export interface StatePart {
  path: string[];
  entries: [string, unknown][];
}

/** The records split into parts; everything else travels in the skeleton. */
const RECORDS: string[][] = [['runtime'], ['proxies'], ['alloc', 'podIPs'], ['recent']];
/** entries per part: a node's kube-proxy holds its whole rule set, so one node per part */
const SIZE: Record<string, number> = { proxies: 1 };
const DEFAULT_SIZE = 150;

const at = (root: unknown, path: string[]) => path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);

/** The cluster without its big records (each replaced by {}), and those records' entries in parts. */
export function splitState(s: ClusterState): { skeleton: ClusterState; parts: StatePart[] } {
  const paths = [...RECORDS, ...Object.keys(s.objects).map((kind) => ['objects', kind])];
  const skeleton = { ...s, objects: { ...s.objects }, alloc: { ...s.alloc } } as ClusterState;
  const parts: StatePart[] = [];
  for (const path of paths) {
    const rec = at(s, path) as Record<string, unknown> | undefined;
    if (!rec || typeof rec !== 'object') continue;
    const parent = at(skeleton, path.slice(0, -1)) as Record<string, unknown>;
    parent[path.at(-1)!] = {};
    const entries = Object.entries(rec);
    const n = SIZE[path[0]] ?? DEFAULT_SIZE;
    for (let i = 0; i < entries.length; i += n) parts.push({ path, entries: entries.slice(i, i + n) });
  }
  return { skeleton, parts };
}

/**
 * Put a part back into the skeleton (in arrival order: the records keep their key order). Its values
 * are frozen here, part by part, so that the store taking the cluster (immer freezes what it is given)
 * finds them frozen and does not walk 20 MB in one task.
 */
export function addPart(skeleton: ClusterState, part: StatePart): void {
  const rec = at(skeleton, part.path) as Record<string, unknown>;
  for (const [k, v] of part.entries) rec[k] = freeze(v, true);
}

/** The cluster, frozen (the parts' values already are, so this walks only the skeleton). */
export function finishState(skeleton: ClusterState): ClusterState {
  return freeze(skeleton, true);
}
