// kube-proxy's nftables mode for one node, as a pure function: Services + EndpointSlices → the node's
// `table ip kube-proxy` (kubernetes pkg/proxy/nftables/proxier.go, v1.34: setupNFTables, syncProxyRules,
// writeServiceToEndpointRules). Each Service port compiles to an NftFragment: its map elements, its
// affinity sets and its own chains. A sync after a few Services changed rebuilds only their fragments,
// and what it changes is element adds/deletes plus the changed Services' chains, as kube-proxy's
// partial sync transaction does.
import type { EndpointSlice, Service } from '../model/types';
import type { NftChain, NftElement, NftSet, NftStmt, NftTable, NftVerdict } from '../model/nftables';
import {
  categorize,
  externallyAccessible,
  servicePorts,
  slicesByService,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type EndpointInfo,
  type ServicePortInfo,
} from './endpoints';
import { nftEndpointChainBase, nftServicePortChainBase } from './hash';
import { cidrContains } from '../lib/ip';
import { lowerBound, setInsert, setRemove } from './nft-order';
import { elementOrderKey } from './nft-print';
import { emptyPMap, PMapEditor, type PMap } from './pmap';
import {
  SERVICE_IPS,
  SERVICE_NODEPORTS,
  CLUSTER_IPS,
  NO_ENDPOINT_SERVICES,
  NO_ENDPOINT_NODEPORTS,
  REJECT_CHAIN,
  FIREWALL_IPS,
  MARK_MASQ,
  type Ctx,
  deepFreeze,
  verdictJump,
  verdictGoto,
  rule,
  gotoV,
  fixedSets,
  fixedChains,
  freezeTable,
} from './nft-fixed';

export interface NftCompileInput {
  node: string;
  nodeIPs: string[];
  settings: { podSubnet: string; serviceSubnet: string; masqueradeAll: boolean };
  services: Service[];
  slices: EndpointSlice[];
  /** the sync's time in ms (for stale chains); 0 when it does not matter */
  now?: number;
}

/** What one Service port puts into the table. */
export interface NftFragment {
  id: string;
  svcKey: string;
  spn: string;
  /** [set or map name, element] in the order syncProxyRules ensures them */
  elements: [string, NftElement][];
  affinitySets: NftSet[];
  /** this port's chains, in the order ensureChain creates them */
  chains: NftChain[];
}

/** One fragment's claim on a set or map element: [fragment id, element]. */
type Claim = readonly [string, NftElement];

/**
 * What kube-proxy's nftables proxier remembers between syncs, and what a partial sync needs to touch
 * only the changed Services: their fragments, where each chain sits in the table, which fragments
 * want which element (nftElementStorage), and the stale chains waiting to be deleted (staleChains).
 */
export interface NftCache {
  v: 2;
  sig: string;
  /** every Service port's fragment, by id (the order a full compile writes them in) */
  sorted: readonly NftFragment[];
  /** Service key → its fragments */
  bySvc: PMap<readonly NftFragment[]>;
  /** chain name → creation number; table.chains is in creation order, seqs[i] is chains[i]'s number */
  chainSeq: PMap<number>;
  seqs: readonly number[];
  nextSeq: number;
  /** "set\0key" → the fragments that want this element, by fragment id (the first one's is written) */
  claims: PMap<readonly Claim[]>;
  /**
   * service chains no Service uses any more: flushed, and deleted by the first sync that starts more
   * than a second after the one before it (staleChains: every sync flushes them again and records its
   * own start time for all of them, so they all carry the last sync's time)
   */
  stale: readonly string[];
  /** when the last sync ran (ms) */
  lastSync: number;
}

/** What one sync's transaction did (the honest cost of a sync). */
export interface NftTxStats {
  /** rules written (every rule of every chain the transaction flushed and refilled) */
  rules: number;
  elementsAdded: number;
  elementsDeleted: number;
  /** service chains flushed because nothing uses them any more */
  flushed: string[];
  /** stale chains deleted at the start of the sync */
  deleted: string[];
}

export interface NftCompileResult {
  table: NftTable;
  cache: NftCache;
  full: boolean;
  /** the changed Services' fragments before and after (a full sync: none, and all) */
  before: NftFragment[];
  after: NftFragment[];
  tx: NftTxStats;
}

function ctxOf(input: NftCompileInput): Ctx {
  const nodeIP = input.nodeIPs.find((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip)) ?? '';
  return {
    nodeIP,
    clusterCIDR: input.settings.podSubnet,
    serviceCIDR: input.settings.serviceSubnet,
    masqueradeAll: input.settings.masqueradeAll,
  };
}

const sigOf = (c: Ctx): string => `${c.nodeIP}|${c.clusterCIDR}|${c.serviceCIDR}|${c.masqueradeAll}`;

/** Namespace, name and port name of a Service port (spn is "ns/name[:port]"). */
function parts(p: ServicePortInfo): { ns: string; name: string; port: string } {
  const [ns, name] = p.svcKey.split('/');
  const port = p.spn.length > p.svcKey.length ? p.spn.slice(p.svcKey.length + 1) : '';
  return { ns, name, port };
}

export const endpointChainName = (p: ServicePortInfo, ep: EndpointInfo): string => {
  const { ns, name, port } = parts(p);
  return `endpoint-${nftEndpointChainBase(ns, name, p.protocol, port, ep.ip, ep.port)}`;
};
const affinitySetName = (p: ServicePortInfo, ep: EndpointInfo): string => {
  const { ns, name, port } = parts(p);
  return `affinity-${nftEndpointChainBase(ns, name, p.protocol, port, ep.ip, ep.port)}`;
};

/** The service-/local-/external-/firewall- chain names of a Service port. */
export function servicePortChains(p: ServicePortInfo): {
  cluster: string;
  local: string;
  external: string;
  firewall: string;
} {
  const { ns, name, port } = parts(p);
  const base = nftServicePortChainBase(ns, name, p.protocol, port);
  return {
    cluster: `service-${base}`,
    local: `local-${base}`,
    external: `external-${base}`,
    firewall: `firewall-${base}`,
  };
}

/** Compile one Service port (the loop body of syncProxyRules). */
export function buildNftFragment(info: ServicePortInfo, ctx: Ctx): NftFragment {
  const { spn, protocol: proto } = info;
  const frag: NftFragment = {
    id: `${spn}\u0000${proto}`,
    svcKey: info.svcKey,
    spn,
    elements: [],
    affinitySets: [],
    chains: [],
  };
  const chains = new Map<string, NftChain>();
  const chain = (name: string): NftChain => {
    let c = chains.get(name);
    if (!c) {
      c = { name, rules: [] };
      chains.set(name, c);
      frag.chains.push(c);
    }
    return c;
  };
  const add = (set: string, key: string[], value?: NftVerdict, comment?: string): void => {
    const el: NftElement = { key };
    if (comment) el.comment = comment;
    if (value) el.value = value;
    frag.elements.push([set, el]);
  };

  const { cluster, local, reachable, hasAny } = categorize(info);
  const names = servicePortChains(info);
  const affinity = info.affinitySeconds > 0;

  for (const ep of reachable) chain(endpointChainName(info, ep));
  const usesClusterPolicyChain = cluster.length > 0 && usesClusterEndpoints(info);
  if (usesClusterPolicyChain) chain(names.cluster);
  const usesLocalPolicyChain = local.length > 0 && usesLocalEndpoints(info);
  if (usesLocalPolicyChain) chain(names.local);

  let internalChain = names.cluster;
  let hasInternal = hasAny;
  if (info.internalPolicyLocal) {
    internalChain = names.local;
    if (local.length === 0) hasInternal = false;
  }
  let externalPolicyChain = names.cluster;
  let hasExternal = hasAny;
  if (info.externalPolicyLocal) {
    externalPolicyChain = names.local;
    if (local.length === 0) hasExternal = false;
  }
  const usesExternalChain = hasAny && externallyAccessible(info);
  if (usesExternalChain) chain(names.external);

  let internalVerdict: NftVerdict = { k: 'drop' };
  let externalVerdict: NftVerdict = { k: 'drop' };
  if (!hasAny) internalVerdict = externalVerdict = gotoV(REJECT_CHAIN);

  const port = String(info.port);
  add(CLUSTER_IPS, [info.clusterIP]);
  if (hasInternal) add(SERVICE_IPS, [info.clusterIP, proto, port], gotoV(internalChain));
  else add(NO_ENDPOINT_SERVICES, [info.clusterIP, proto, port], internalVerdict, spn);

  for (const ip of info.externalIPs) {
    if (hasAny) add(SERVICE_IPS, [ip, proto, port], gotoV(names.external));
    if (!hasExternal) add(NO_ENDPOINT_SERVICES, [ip, proto, port], externalVerdict, spn);
  }

  const usesFW = info.lbVIPs.length > 0 && info.sourceRanges.length > 0;
  if (usesFW) chain(names.firewall);
  for (const ip of info.lbVIPs) {
    if (hasAny) add(SERVICE_IPS, [ip, proto, port], gotoV(names.external));
    if (usesFW) add(FIREWALL_IPS, [ip, proto, port], gotoV(names.firewall));
  }
  if (!hasExternal) for (const ip of info.lbVIPs) add(NO_ENDPOINT_SERVICES, [ip, proto, port], externalVerdict, spn);

  if (info.nodePort !== 0) {
    const np = String(info.nodePort);
    if (hasAny) add(SERVICE_NODEPORTS, [proto, np], gotoV(names.external));
    if (!hasExternal) add(NO_ENDPOINT_NODEPORTS, [proto, np], externalVerdict, spn);
  }

  // Internal traffic: masquerade off-cluster sources (kubernetes#131492 dropped the port match).
  if (hasInternal) {
    const dst: NftStmt = { k: 'addr', field: 'daddr', cidrs: [info.clusterIP] };
    if (ctx.masqueradeAll) chain(internalChain).rules.push(rule([dst, verdictJump(MARK_MASQ)]));
    else if (ctx.clusterCIDR)
      chain(internalChain).rules.push(
        rule([dst, { k: 'addr', field: 'saddr', neg: true, cidrs: [ctx.clusterCIDR] }, verdictJump(MARK_MASQ)]),
      );
  }

  if (usesExternalChain) {
    const ext = chain(names.external).rules;
    if (!info.externalPolicyLocal) ext.push(rule([verdictJump(MARK_MASQ)]));
    else {
      if (ctx.clusterCIDR)
        ext.push(
          rule(
            [{ k: 'addr', field: 'saddr', cidrs: [ctx.clusterCIDR] }, verdictGoto(names.cluster)],
            'short-circuit pod traffic',
          ),
        );
      ext.push(rule([{ k: 'fibLocal', field: 'saddr' }, verdictJump(MARK_MASQ)], 'masquerade local traffic'));
      ext.push(rule([{ k: 'fibLocal', field: 'saddr' }, verdictGoto(names.cluster)], 'short-circuit local traffic'));
    }
    if (hasExternal) ext.push(rule([verdictGoto(externalPolicyChain)]));
  }

  if (usesFW) {
    const sources = [...info.sourceRanges];
    if (ctx.nodeIP && info.sourceRanges.some((c) => cidrContains(c, ctx.nodeIP))) sources.push(...info.lbVIPs);
    chain(names.firewall).rules.push(
      rule([
        { k: 'addr', field: 'saddr', neg: true, cidrs: sources, anon: true },
        { k: 'verdict', v: { k: 'drop' } },
      ]),
    );
  }

  if (affinity)
    for (const ep of reachable)
      frag.affinitySets.push({
        name: affinitySetName(info, ep),
        map: false,
        type: 'ipv4_addr',
        timeoutSec: info.affinitySeconds,
        elements: [],
      });

  const toEndpoints = (c: NftChain, eps: EndpointInfo[]): void => {
    if (affinity)
      for (const ep of eps)
        c.rules.push(
          rule([
            { k: 'inSet', field: 'saddr', set: affinitySetName(info, ep) },
            verdictGoto(endpointChainName(info, ep)),
          ]),
        );
    c.rules.push(rule([{ k: 'numgen', chains: eps.map((ep) => endpointChainName(info, ep)) }]));
  };
  if (usesClusterPolicyChain) toEndpoints(chain(names.cluster), cluster);
  if (usesLocalPolicyChain) toEndpoints(chain(names.local), local);

  for (const ep of reachable) {
    const c = chain(endpointChainName(info, ep)).rules;
    c.push(rule([{ k: 'addr', field: 'saddr', cidrs: [ep.ip] }, verdictJump(MARK_MASQ)]));
    if (affinity) c.push(rule([{ k: 'update', set: affinitySetName(info, ep) }]));
    c.push(
      rule([
        { k: 'l4proto', proto },
        { k: 'dnat', to: ep.str },
      ]),
    );
  }
  return deepFreeze(frag);
}

/** kube-proxy deletes a stale chain only once it has been unreferenced for a second (kernels < 6.2). */
const STALE_DELETE_AFTER_MS = 1000;

const isServiceChain = (name: string): boolean => name.includes('/');
const elemKey = (set: string, el: NftElement): string => `${set}\u0000${el.key.join(' . ')}`;
const sameElement = (a: NftElement | undefined, b: NftElement | undefined): boolean =>
  a === b ||
  (!!a &&
    !!b &&
    a.comment === b.comment &&
    (a.value ? !!b.value && verdictKey(a.value) === verdictKey(b.value) : !b.value));
const verdictKey = (v: NftVerdict): string => (v.k === 'jump' || v.k === 'goto' ? `${v.k} ${v.chain}` : v.k);
const emptyChain = (name: string): NftChain => deepFreeze<NftChain>({ name, rules: [] });
const byId = (a: NftFragment, b: NftFragment): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const svcKeyOf = (s: Service): string => `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`;

/**
 * A full sync (kube-proxy's first sync, or after its change tracking was lost): setupNFTables, every
 * map flushed and refilled, every Service's chains flushed and refilled. Objects that already exist
 * in the kernel keep their place (the kernel lists by creation); service chains nothing uses any more
 * are flushed and left for a later sync to delete.
 */
function fullSync(ctx: Ctx, sig: string, sorted: NftFragment[], now: number, prevTable?: NftTable, prev?: NftCache) {
  const tx: NftTxStats = { rules: 0, elementsAdded: 0, elementsDeleted: 0, flushed: [], deleted: [] };
  // the stale chains old enough go first, in a transaction of their own
  const stale: string[] = [];
  const gone = new Set(prev && prev.lastSync < now - STALE_DELETE_AFTER_MS ? prev.stale : []);
  tx.deleted.push(...gone);

  const sets = fixedSets(ctx);
  const byName = new Map(sets.map((st) => [st.name, st]));
  const claims = new PMapEditor<readonly Claim[]>(emptyPMap());
  const affinity: NftSet[] = [];
  const chains: NftChain[] = fixedChains(ctx);
  const bySvc = new Map<string, NftFragment[]>();
  for (const f of sorted) {
    let l = bySvc.get(f.svcKey);
    if (!l) bySvc.set(f.svcKey, (l = []));
    l.push(f);
    for (const [set, el] of f.elements) {
      const k = elemKey(set, el);
      const had = claims.get(k);
      if (had) {
        if (!had.some((c) => c[0] === f.id)) claims.set(k, [...had, [f.id, el]]);
        continue;
      }
      claims.set(k, [[f.id, el]]);
      byName.get(set)!.elements.push(el);
    }
    for (const a of f.affinitySets) affinity.push(a);
    for (const c of f.chains) chains.push(c);
  }
  for (const st of sets) {
    const keyed = st.elements.map((e) => [elementOrderKey(st.type, e.key), e] as const);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    st.elements = keyed.map(([, e]) => e);
    tx.elementsAdded += st.elements.length;
    deepFreeze(st);
  }
  for (const c of chains) {
    tx.rules += c.rules.length;
    deepFreeze(c);
  }

  let outChains = chains;
  let outSets = [...sets, ...affinity];
  if (prevTable) {
    const active = new Set(chains.map((c) => c.name));
    const kept = new Map(chains.map((c) => [c.name, c]));
    for (const c of prevTable.chains)
      if (!active.has(c.name) && isServiceChain(c.name) && !gone.has(c.name)) {
        kept.set(c.name, emptyChain(c.name));
        stale.push(c.name);
        if (c.rules.length) tx.flushed.push(c.name);
      }
    outChains = keepOrder(
      prevTable.chains.filter((c) => !gone.has(c.name)),
      [...chains, ...[...kept.values()].filter((c) => !active.has(c.name))],
    );
    outSets = keepOrder(prevTable.sets, outSets);
  }
  const chainSeq = new PMapEditor<number>(emptyPMap());
  outChains.forEach((c, i) => chainSeq.set(c.name, i));
  const svcIndex = new PMapEditor<readonly NftFragment[]>(emptyPMap());
  for (const [k, l] of bySvc) svcIndex.set(k, Object.freeze(l));
  const cache: NftCache = Object.freeze({
    v: 2 as const,
    sig,
    sorted: Object.freeze(sorted),
    bySvc: svcIndex.done(),
    chainSeq: chainSeq.done(),
    seqs: Object.freeze(outChains.map((_, i) => i)),
    nextSeq: outChains.length,
    claims: claims.done(),
    stale: Object.freeze(stale),
    lastSync: now,
  });
  return { table: freezeTable(outSets, outChains), cache, tx };
}

/**
 * A partial sync (proxier.go syncProxyRules with tryPartialSync): only the changed Services' chains
 * are flushed and refilled (skipServiceUpdate is false for them alone), only elements that appear,
 * go or change value are added or deleted (nftElementStorage.ensureElem / cleanupLeftoverKeys), the
 * changed Services' chains nothing uses any more are flushed and marked stale, stale chains older
 * than a second are deleted first, and stale affinity sets are deleted at once. The work is
 * proportional to what changed: the rest of the table is the very same objects.
 */
function partialSync(
  prevTable: NftTable,
  prev: NftCache,
  changed: Set<string>,
  after: NftFragment[],
  now: number,
): { table: NftTable; cache: NftCache; before: NftFragment[]; tx: NftTxStats } {
  const tx: NftTxStats = { rules: 0, elementsAdded: 0, elementsDeleted: 0, flushed: [], deleted: [] };
  let chains: NftChain[] | null = null;
  let seqs: number[] | null = null;
  const work = () => {
    chains ??= [...prevTable.chains];
    seqs ??= [...prev.seqs];
    return { chains, seqs };
  };
  const chainSeq = new PMapEditor(prev.chainSeq);
  let nextSeq = prev.nextSeq;
  const indexOf = (name: string): number => {
    const s = chainSeq.get(name);
    if (s === undefined) return -1;
    const arr = seqs ?? prev.seqs;
    const i = lowerBound(arr, (x) => x < s);
    return arr[i] === s ? i : -1;
  };

  // 1. stale chains unreferenced for over a second are deleted (a transaction of its own)
  let stale = prev.stale;
  if (stale.length && prev.lastSync < now - STALE_DELETE_AFTER_MS) {
    const w = work();
    if (stale.length > 8) {
      const drop = new Set(stale);
      const keep = w.chains.map((c) => !drop.has(c.name));
      chains = w.chains.filter((_, i) => keep[i]);
      seqs = w.seqs.filter((_, i) => keep[i]);
    } else
      for (const name of stale) {
        const i = indexOf(name);
        if (i >= 0) {
          w.chains.splice(i, 1);
          w.seqs.splice(i, 1);
        }
      }
    for (const name of stale) chainSeq.delete(name);
    tx.deleted.push(...stale);
    stale = [];
  }

  // 2. the changed Services' fragments, before and after
  const before: NftFragment[] = [];
  const bySvc = new PMapEditor(prev.bySvc);
  for (const k of changed) {
    const old = bySvc.get(k);
    if (old) before.push(...old);
    bySvc.delete(k);
  }
  const afterBySvc = new Map<string, NftFragment[]>();
  for (const f of after) {
    let l = afterBySvc.get(f.svcKey);
    if (!l) afterBySvc.set(f.svcKey, (l = []));
    l.push(f);
  }
  for (const [k, l] of afterBySvc) bySvc.set(k, Object.freeze(l));
  const sorted = [...prev.sorted];
  for (const f of before) {
    const i = lowerBound(sorted, (x) => x.id < f.id);
    if (sorted[i] === f) sorted.splice(i, 1);
  }
  for (const f of after)
    sorted.splice(
      lowerBound(sorted, (x) => x.id < f.id),
      0,
      f,
    );

  // 3. elements: each fragment claims its elements; an element is written when its first claim changes
  const claims = new PMapEditor(prev.claims);
  const touched = new Map<string, { set: string; key: string[]; was: NftElement | undefined }>();
  const touch = (k: string, set: string, el: NftElement) => {
    if (!touched.has(k)) touched.set(k, { set, key: el.key, was: claims.get(k)?.[0]?.[1] });
  };
  for (const f of before)
    for (const [set, el] of f.elements) {
      const k = elemKey(set, el);
      touch(k, set, el);
      const left = (claims.get(k) ?? []).filter((c) => c[0] !== f.id);
      if (left.length) claims.set(k, left);
      else claims.delete(k);
    }
  for (const f of after)
    for (const [set, el] of f.elements) {
      const k = elemKey(set, el);
      touch(k, set, el);
      const had = claims.get(k) ?? [];
      if (had.some((c) => c[0] === f.id)) continue;
      const i = lowerBound(had, (c) => c[0] < f.id);
      claims.set(k, [...had.slice(0, i), [f.id, el] as const, ...had.slice(i)]);
    }
  const setEls = new Map<string, NftElement[]>();
  const setIdx = new Map(prevTable.sets.map((st, i) => [st.name, i]));
  for (const [k, t] of touched) {
    const now = claims.get(k)?.[0]?.[1];
    if (sameElement(t.was, now)) continue;
    const st = prevTable.sets[setIdx.get(t.set)!];
    let els = setEls.get(t.set);
    if (!els) setEls.set(t.set, (els = [...st.elements]));
    if (t.was) {
      setRemove(els, st.type, t.key);
      tx.elementsDeleted++;
    }
    if (now) {
      setInsert(els, st.type, now);
      tx.elementsAdded++;
    }
  }

  // 4. chains: the changed Services' chains are flushed and refilled; new ones go at the end
  const active = new Set<string>();
  const beforeNames = new Set(before.flatMap((f) => f.chains.map((c) => c.name)));
  // a chain that exists but none of the changed Services had is a stale one coming back into use
  const revived = new Set<string>();
  const newStale: string[] = [];
  for (const f of after)
    for (const c of f.chains) {
      active.add(c.name);
      tx.rules += c.rules.length;
      const i = indexOf(c.name);
      const w = work();
      if (i >= 0 && !beforeNames.has(c.name)) revived.add(c.name);
      if (i >= 0) w.chains[i] = c;
      else {
        const seq = nextSeq++;
        w.chains.push(c);
        w.seqs.push(seq);
        chainSeq.set(c.name, seq);
      }
    }
  for (const f of before)
    for (const c of f.chains) {
      if (active.has(c.name)) continue;
      const i = indexOf(c.name);
      if (i >= 0 && (chains ?? prevTable.chains)[i].rules.length) {
        work().chains[i] = emptyChain(c.name);
        tx.flushed.push(c.name);
      }
      if (i >= 0) newStale.push(c.name);
    }
  // every stale chain still there is flushed again by this sync (and carries this sync's time)
  if (revived.size) stale = stale.filter((n) => !revived.has(n));
  if (newStale.length) stale = [...stale, ...newStale];

  // 5. affinity sets: the changed Services' sets that are gone are deleted; new ones go at the end
  const oldAff = new Set(before.flatMap((f) => f.affinitySets.map((a) => a.name)));
  const newAff = after.flatMap((f) => f.affinitySets);
  let sets: NftSet[] = prevTable.sets as NftSet[];
  if (oldAff.size || newAff.length || setEls.size) {
    const keep = new Set(newAff.map((a) => a.name));
    sets = prevTable.sets.filter((st) => !(oldAff.has(st.name) && !keep.has(st.name)));
    const fresh = new Map(newAff.map((a) => [a.name, a]));
    sets = sets.map((st) => {
      const a = fresh.get(st.name);
      if (a) {
        fresh.delete(st.name);
        return a;
      }
      const els = setEls.get(st.name);
      return els ? deepFreeze({ ...st, elements: Object.freeze(els) as NftElement[] }) : st;
    });
    sets.push(...fresh.values());
  }

  const table =
    chains || sets !== prevTable.sets ? freezeTable(sets, (chains ?? prevTable.chains) as NftChain[]) : prevTable;
  const cache: NftCache = Object.freeze({
    ...prev,
    sorted: Object.freeze(sorted),
    bySvc: bySvc.done(),
    chainSeq: chainSeq.done(),
    seqs: seqs ? Object.freeze(seqs) : prev.seqs,
    nextSeq,
    claims: claims.done(),
    stale: Object.isFrozen(stale) ? stale : Object.freeze(stale),
    lastSync: now,
  });
  return { table, cache, before, tx };
}

/** Objects that existed before keep their place; new ones go at the end (the kernel lists by creation). */
function keepOrder<T extends { name: string }>(before: readonly T[], now: T[]): T[] {
  const cur = new Map(now.map((x) => [x.name, x]));
  const out: T[] = [];
  const seen = new Set<string>();
  for (const b of before) {
    const x = cur.get(b.name);
    if (x) {
      out.push(x);
      seen.add(b.name);
    }
  }
  for (const x of now) if (!seen.has(x.name)) out.push(x);
  return out;
}

/**
 * One node's sync. With the previous sync's cache and table and the set of Services changed since
 * (or null: a full sync), only those Services are recompiled; `input.services` then needs to hold only
 * the changed Services (a changed key with no Service there was deleted).
 */
export function compileNft(
  input: NftCompileInput,
  prev?: NftCache,
  changed?: Iterable<string> | null,
  prevTable?: NftTable,
): NftCompileResult {
  const ctx = ctxOf(input);
  const sig = sigOf(ctx);
  const now = input.now ?? 0;
  if (prev && changed && prevTable && prev.v === 2 && prev.sig === sig) {
    const ch = new Set(changed);
    const slices = slicesByService(input.slices, ch);
    const after: NftFragment[] = [];
    for (const svc of input.services) {
      const k = svcKeyOf(svc);
      if (!ch.has(k)) continue;
      for (const p of servicePorts(svc, slices.get(k) ?? [], input.node)) after.push(buildNftFragment(p, ctx));
    }
    after.sort(byId);
    const r = partialSync(prevTable, prev, ch, after, now);
    return { ...r, full: false, after };
  }
  const slices = slicesByService(input.slices);
  const sorted: NftFragment[] = [];
  for (const svc of input.services)
    for (const p of servicePorts(svc, slices.get(svcKeyOf(svc)) ?? [], input.node))
      sorted.push(buildNftFragment(p, ctx));
  sorted.sort(byId);
  const r = fullSync(ctx, sig, sorted, now, prevTable, prev?.v === 2 ? prev : undefined);
  return { ...r, full: true, before: [], after: sorted };
}

/** Full compile without history. */
export const compileNftTable = (input: NftCompileInput): NftTable => compileNft(input).table;
