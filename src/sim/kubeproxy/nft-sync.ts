// kube-proxy's nftables-mode sync for one node (loaded with src/sim/nftables.ts): one transaction per
// sync; a partial one (the changed Services' chains and map elements) when only some Services changed.
import type { ClusterState } from '../model/state';
import type { NftTable } from '../model/nftables';
import { compileNft, type NftCache, type NftFragment } from './nft-compile';
import { addChainLine, addElementLine, addRuleLine, addSetLine, tableAddLines } from './nft-print';
import { diffLines, markSynced, nodeInternalIPs, restartedFrom } from './sync';
import { plain } from './plain';
import type { NodeTables } from '../model/iptables';
import { assemble } from './compile';
import { emptyTables } from './static-rules';

/** What iptables-save shows on a node whose kube-proxy runs in nftables mode: kubelet's chains only. */
export function kubeletOnlyTables(): NodeTables {
  const t = emptyTables() as NodeTables;
  const fw = assemble([]).filter;
  t.nat.chains.push('KUBE-KUBELET-CANARY');
  t.nat.rules['KUBE-KUBELET-CANARY'] = [];
  t.filter.chains.push('KUBE-FIREWALL', 'KUBE-KUBELET-CANARY');
  t.filter.rules['KUBE-FIREWALL'] = fw.rules['KUBE-FIREWALL'];
  t.filter.rules['KUBE-KUBELET-CANARY'] = [];
  t.filter.rules.INPUT = fw.rules.INPUT.filter((r) => r.target.kind === 'jump' && r.target.chain === 'KUBE-FIREWALL');
  t.filter.rules.OUTPUT = fw.rules.OUTPUT.filter((r) => r.target.kind === 'jump' && r.target.chain === 'KUBE-FIREWALL');
  return t;
}

/** The `add …` lines one Service port's part of the transaction writes (chains, rules, sets, elements). */
export function nftFragmentLines(t: NftTable, frags: NftFragment[]): string[] {
  const out: string[] = [];
  for (const f of frags) {
    for (const s of f.affinitySets) out.push(addSetLine(t, s));
    for (const c of f.chains) {
      out.push(addChainLine(t, c));
      for (const r of c.rules) out.push(addRuleLine(t, c.name, r));
    }
    for (const [set, el] of f.elements) out.push(addElementLine(t, set, el));
  }
  return out;
}

/**
 * kube-proxy in nftables mode: one transaction per sync, a partial one when only some Services
 * changed. A partial sync reads only the changed Services (and their EndpointSlices), as the
 * proxier's change trackers hand it only those.
 */
export function syncNft(state: ClusterState, node: string): void {
  const proxy = state.proxies[node];
  if (proxy.mode !== 'nftables') restartedFrom(proxy, 'nftables', kubeletOnlyTables());
  const changes = plain(state.changes);
  const synced = proxy.syncedSeq;
  const pending = changes.log.filter((e) => e.seq > synced);
  const lost = changes.seq > synced && (pending.length === 0 || pending[0].seq > synced + 1);
  const cache = (plain(proxy.cache) as { nft?: NftCache }).nft;
  const prevTable = proxy.nft ? plain(proxy.nft) : undefined;
  const changed =
    cache && prevTable && proxy.lastSyncAt !== null && !lost ? new Set(pending.map((e) => e.service)) : null;
  const { settings } = state;
  const services = plain(state.objects.services);
  const result = compileNft(
    {
      node,
      nodeIPs: nodeInternalIPs(state, node),
      settings: {
        podSubnet: settings.podSubnet,
        serviceSubnet: settings.serviceSubnet,
        masqueradeAll: settings.kubeProxy.masqueradeAll,
      },
      services: changed ? [...changed].flatMap((k) => services[k] ?? []) : Object.values(services),
      slices: Object.values(plain(state.objects.endpointslices)),
      now: state.now,
    },
    cache,
    changed,
    prevTable,
  );
  const t = result.table;
  let diff: { added: string[]; removed: string[] };
  if (result.full) diff = diffLines(prevTable ? tableAddLines(prevTable) : [], tableAddLines(t));
  else {
    // a flushed chain is still there (empty) until a later sync deletes it
    const flushed = result.tx.flushed.map((name) => addChainLine(t, { name, rules: [] }));
    diff = diffLines(nftFragmentLines(t, result.before), [...nftFragmentLines(t, result.after), ...flushed]);
    for (const name of result.tx.deleted) diff.removed.push(addChainLine(t, { name, rules: [] }));
  }
  if (result.table !== prevTable) proxy.nft = result.table;
  if (result.cache !== cache) proxy.cache = { ...plain(proxy.cache), nft: result.cache };
  markSynced(proxy, state.now, changes.seq, diff);
}
