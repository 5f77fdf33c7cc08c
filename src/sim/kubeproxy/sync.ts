// One node's kube-proxy sync: read the current Services and EndpointSlices, recompile what changed
// since the last sync (kube-proxy's partial sync) or everything (first sync, settings changed), and
// record what the sync added and removed. When to sync is the step loop's business (minSyncPeriod).
import type { ClusterState, ProxyState } from '../model/state';
import type { NodeTables } from '../model/iptables';
import { compileCached, fragmentRules, type CompileCache } from './compile';
import type { PortFragment } from './fragment';
import { ruleToSaveLine, tableSaveLines } from './iptables-save';
import { emptyTables } from './static-rules';
import { nftSyncEngine } from './nft-engine';
import { syncServiceHealth } from './health-sync';
import { plain } from './plain';

/** A node's kube-proxy before its first sync. */
export function emptyProxyState(node: string): ProxyState {
  return {
    node,
    lastSyncAt: null,
    dirtySince: null,
    syncDueAt: null,
    syncedSeq: 0,
    syncCount: 0,
    tables: emptyTables(),
    lastDiff: null,
    cache: {},
  };
}

/** kube-proxy starting on a node: create its state and run the first (full) sync right away. */
export function initProxy(state: ClusterState, node: string): void {
  if (!state.proxies[node]) state.proxies[node] = emptyProxyState(node);
  syncProxy(state, node);
}

/** Something changed since this node last synced (or it never did, or the proxy mode changed). */
export function proxyNeedsSync(state: ClusterState, node: string): boolean {
  const p = state.proxies[node];
  return (
    !p ||
    p.lastSyncAt === null ||
    state.changes.seq > p.syncedSeq ||
    (p.mode ?? 'iptables') !== (state.settings.kubeProxy.mode ?? 'iptables')
  );
}

/** The node's InternalIP (kube-proxy's --bind-address / node IP). */
export function nodeInternalIPs(state: ClusterState, node: string): string[] {
  const n = state.objects.nodes[node];
  return (n?.status.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
}

/** Lines in `after` but not `before` (added) and the other way round (removed), counting duplicates. */
export function diffLines(before: string[], after: string[]): { added: string[]; removed: string[] } {
  if (before.length === 0) return { added: after, removed: [] };
  if (after.length === 0) return { added: [], removed: before };
  const left = new Map<string, number>();
  for (const l of before) left.set(l, (left.get(l) ?? 0) + 1);
  const added: string[] = [];
  for (const l of after) {
    const c = left.get(l) ?? 0;
    if (c > 0) left.set(l, c - 1);
    else added.push(l);
  }
  const removed: string[] = [];
  for (const l of before) {
    const c = left.get(l) ?? 0;
    if (c > 0) {
      removed.push(l);
      left.set(l, c - 1);
    }
  }
  return { added, removed };
}

function tableDiff(before: NodeTables, after: NodeTables): { added: string[]; removed: string[] } {
  const nat = diffLines(tableSaveLines(before.nat), tableSaveLines(after.nat));
  const filter = diffLines(tableSaveLines(before.filter), tableSaveLines(after.filter));
  return { added: [...nat.added, ...filter.added], removed: [...nat.removed, ...filter.removed] };
}

function fragmentLines(frags: PortFragment[]): string[] {
  const nat: string[] = [];
  const filter: string[] = [];
  for (const f of frags)
    for (const { table, chain, rule } of fragmentRules(f))
      (table === 'nat' ? nat : filter).push(ruleToSaveLine(chain, rule));
  return [...nat, ...filter];
}

/**
 * Sync one node's kube-proxy now (mutates state.proxies[node], e.g. an immer draft). Uses the change
 * log entries after proxy.syncedSeq to recompile only the Services that changed. Assumes log entries
 * carry consecutive seq numbers and are trimmed only from the front; a gap forces a full sync.
 */
export function syncProxy(state: ClusterState, node: string): void {
  if (!state.proxies[node]) state.proxies[node] = emptyProxyState(node);
  if ((state.settings.kubeProxy.mode ?? 'iptables') === 'nftables') {
    // nftables mode loads with src/sim/nftables.ts; until then this node waits (and stays dirty)
    const count = state.proxies[node].syncCount;
    nftSyncEngine()?.syncNft(state, node);
    if (state.proxies[node].syncCount !== count) syncServiceHealth(state, node);
    return;
  }
  const proxy = state.proxies[node];
  if (proxy.mode === 'nftables') restartedFrom(proxy, 'iptables');
  const changes = plain(state.changes);
  const synced = proxy.syncedSeq;
  const pending = changes.log.filter((e) => e.seq > synced);
  const lost = changes.seq > synced && (pending.length === 0 || pending[0].seq > synced + 1);
  const cache = (plain(proxy.cache) as { iptables?: CompileCache }).iptables;
  const changed = cache && proxy.lastSyncAt !== null && !lost ? new Set(pending.map((e) => e.service)) : null;

  const { settings } = state;
  const result = compileCached(
    {
      node,
      nodeIPs: nodeInternalIPs(state, node),
      settings: { podSubnet: settings.podSubnet, masqueradeAll: settings.kubeProxy.masqueradeAll },
      services: Object.values(plain(state.objects.services)),
      slices: Object.values(plain(state.objects.endpointslices)),
    },
    cache,
    changed,
  );
  const diff = result.full
    ? tableDiff(plain(proxy.tables), result.tables)
    : diffLines(fragmentLines(result.before), fragmentLines(result.after));

  // nothing recompiled: keep the very same tables (and the UI's object identities)
  const unchanged = !result.full && result.before.length === 0 && result.after.length === 0;
  if (!unchanged) {
    proxy.tables = result.tables;
    proxy.cache = { ...plain(proxy.cache), iptables: result.cache };
  }
  markSynced(proxy, state.now, changes.seq, diff);
  syncServiceHealth(state, node);
}

/**
 * kube-proxy restarted in another mode: the new mode's first sync is a full one, and (as kube-proxy's
 * startup cleanup of the other modes does) the old mode's rules go: `nft delete table ip kube-proxy`
 * when starting in iptables mode, the KUBE-* iptables chains when starting in nftables mode (kubelet's
 * own KUBE-FIREWALL and KUBE-KUBELET-CANARY stay: they are not kube-proxy's).
 */
export function restartedFrom(proxy: ProxyState, mode: 'iptables' | 'nftables', tables?: NodeTables): void {
  proxy.cache = {};
  proxy.lastSyncAt = null;
  if (mode === 'iptables') delete proxy.nft;
  else if (tables) proxy.tables = tables;
  proxy.mode = mode;
}

/** After a sync in either mode: what kube-proxy records of it (when, up to which change, what it rewrote). */
export function markSynced(proxy: ProxyState, now: number, seq: number, diff: { added: string[]; removed: string[] }) {
  proxy.lastSyncAt = now;
  proxy.syncedSeq = seq;
  proxy.dirtySince = null;
  proxy.syncDueAt = null;
  proxy.syncCount += 1;
  proxy.lastDiff = { at: now, added: diff.added, removed: diff.removed };
}
