// kube-proxy's nftables mode for one node, as a pure function: Services + EndpointSlices → the node's
// `table ip kube-proxy` (kubernetes pkg/proxy/nftables/proxier.go, v1.34: setupNFTables, syncProxyRules,
// writeServiceToEndpointRules). Each Service port compiles to an NftFragment: its map elements, its
// affinity sets and its own chains. A sync after a few Services changed rebuilds only their fragments,
// and what it changes is element adds/deletes plus the changed Services' chains, as kube-proxy's
// partial sync transaction does.
import type { EndpointSlice, Service } from '../model/types';
import type { NftChain, NftElement, NftRule, NftSet, NftStmt, NftTable, NftVerdict } from '../model/nftables';
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

// Names from proxier.go.
export const NFT_TABLE = 'kube-proxy';
export const SERVICES = 'services';
export const SERVICE_IPS = 'service-ips';
export const SERVICE_NODEPORTS = 'service-nodeports';
export const NODEPORT_IPS = 'nodeport-ips';
export const CLUSTER_IPS = 'cluster-ips';
export const SERVICE_ENDPOINTS_CHECK = 'service-endpoints-check';
export const NODEPORT_ENDPOINTS_CHECK = 'nodeport-endpoints-check';
export const NO_ENDPOINT_SERVICES = 'no-endpoint-services';
export const NO_ENDPOINT_NODEPORTS = 'no-endpoint-nodeports';
export const REJECT_CHAIN = 'reject-chain';
export const CLUSTER_IPS_CHECK = 'cluster-ips-check';
export const FIREWALL_IPS = 'firewall-ips';
export const FIREWALL_CHECK = 'firewall-check';
export const MARK_MASQ = 'mark-for-masquerade';
export const MASQUERADING = 'masquerading';

/** --masquerade-bit 14, as the iptables mode. */
export const NFT_MASQ_MARK = 0x4000;

const DSTNAT = -100;
const SRCNAT = 100;
const FILTER = 0;

/** Base chains (v1.34, after kubernetes#132456): filter before DNAT, filter at priority 0, nat. */
const BASE_CHAINS: NftChain[] = [
  {
    name: 'filter-prerouting-pre-dnat',
    base: { type: 'filter', hook: 'prerouting', priority: DSTNAT - 10 },
    rules: [],
  },
  { name: 'filter-output-pre-dnat', base: { type: 'filter', hook: 'output', priority: DSTNAT - 10 }, rules: [] },
  { name: 'filter-input', base: { type: 'filter', hook: 'input', priority: FILTER }, rules: [] },
  { name: 'filter-forward', base: { type: 'filter', hook: 'forward', priority: FILTER }, rules: [] },
  { name: 'filter-output', base: { type: 'filter', hook: 'output', priority: FILTER }, rules: [] },
  { name: 'nat-prerouting', base: { type: 'nat', hook: 'prerouting', priority: DSTNAT }, rules: [] },
  { name: 'nat-output', base: { type: 'nat', hook: 'output', priority: DSTNAT }, rules: [] },
  { name: 'nat-postrouting', base: { type: 'nat', hook: 'postrouting', priority: SRCNAT }, rules: [] },
];

/** nftablesJumpChains: [destination, source base chain, ct state new?] in the order they are added. */
const JUMPS: [string, string, boolean][] = [
  [NODEPORT_ENDPOINTS_CHECK, 'filter-input', true],
  [SERVICE_ENDPOINTS_CHECK, 'filter-input', true],
  [SERVICE_ENDPOINTS_CHECK, 'filter-forward', true],
  [SERVICE_ENDPOINTS_CHECK, 'filter-output', true],
  [FIREWALL_CHECK, 'filter-prerouting-pre-dnat', true],
  [FIREWALL_CHECK, 'filter-output-pre-dnat', true],
  [SERVICES, 'nat-output', false],
  [SERVICES, 'nat-prerouting', false],
  [MASQUERADING, 'nat-postrouting', false],
  [CLUSTER_IPS_CHECK, 'filter-forward', true],
  [CLUSTER_IPS_CHECK, 'filter-output', true],
];

const V_ADDR_MAP = 'ipv4_addr . inet_proto . inet_service : verdict';
const V_PORT_MAP = 'inet_proto . inet_service : verdict';

export interface NftCompileInput {
  node: string;
  nodeIPs: string[];
  settings: { podSubnet: string; serviceSubnet: string; masqueradeAll: boolean };
  services: Service[];
  slices: EndpointSlice[];
}

interface Ctx {
  nodeIP: string;
  clusterCIDR: string;
  serviceCIDR: string;
  masqueradeAll: boolean;
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

export interface NftCache {
  v: 1;
  sig: string;
  sorted: NftFragment[];
}

export interface NftCompileResult {
  table: NftTable;
  cache: NftCache;
  full: boolean;
  before: NftFragment[];
  after: NftFragment[];
}

/**
 * Compiled data is shared between syncs, nodes' histories and undo snapshots: frozen, so it is never
 * changed by mistake and immer skips it when a sync's draft is finalized (a partial sync stays cheap).
 */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

const verdictJump = (chain: string): NftStmt => ({ k: 'verdict', v: { k: 'jump', chain } });
const verdictGoto = (chain: string): NftStmt => ({ k: 'verdict', v: { k: 'goto', chain } });
const rule = (stmts: NftStmt[], comment?: string): NftRule => (comment ? { stmts, comment } : { stmts });
const gotoV = (chain: string): NftVerdict => ({ k: 'goto', chain });

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

/** setupNFTables: the fixed sets, maps and chains; the per-Service elements are filled in later. */
function fixedSets(ctx: Ctx): NftSet[] {
  const s = (name: string, type: string, comment: string, map = false): NftSet => ({
    name,
    map,
    type,
    comment,
    elements: [],
  });
  const nodeports = s(NODEPORT_IPS, 'ipv4_addr', 'IPs that accept NodePort traffic');
  // nftables mode defaults --nodeport-addresses to "primary": the node's own IP
  if (ctx.nodeIP) nodeports.elements.push({ key: [ctx.nodeIP] });
  return [
    s(CLUSTER_IPS, 'ipv4_addr', 'Active ClusterIPs'),
    nodeports,
    s(NO_ENDPOINT_SERVICES, V_ADDR_MAP, 'vmap to drop or reject packets to services with no endpoints', true),
    s(NO_ENDPOINT_NODEPORTS, V_PORT_MAP, 'vmap to drop or reject packets to service nodeports with no endpoints', true),
    s(FIREWALL_IPS, V_ADDR_MAP, 'destinations that are subject to LoadBalancerSourceRanges', true),
    s(SERVICE_IPS, V_ADDR_MAP, 'ClusterIP, ExternalIP and LoadBalancer IP traffic', true),
    s(SERVICE_NODEPORTS, V_PORT_MAP, 'NodePort traffic', true),
  ];
}

function fixedChains(ctx: Ctx): NftChain[] {
  const out: NftChain[] = BASE_CHAINS.map((c) => ({ ...c, rules: [] }));
  const byName = new Map(out.map((c) => [c.name, c]));
  const ensure = (name: string, comment?: string): NftChain => {
    let c = byName.get(name);
    if (!c) {
      c = comment ? { name, comment, rules: [] } : { name, rules: [] };
      byName.set(name, c);
      out.push(c);
    }
    return c;
  };
  for (const [dst, src, ctNew] of JUMPS) {
    ensure(dst);
    byName.get(src)!.rules.push(rule(ctNew ? [{ k: 'ctNew' }, verdictJump(dst)] : [verdictJump(dst)]));
  }
  for (const c of [SERVICES, CLUSTER_IPS_CHECK, MASQUERADING, MARK_MASQ]) ensure(c);
  ensure(MARK_MASQ).rules.push(rule([{ k: 'mark', op: 'or', value: NFT_MASQ_MARK }]));
  const masq = ensure(MASQUERADING).rules;
  masq.push(
    rule([
      { k: 'markZero', value: NFT_MASQ_MARK },
      { k: 'verdict', v: { k: 'return' } },
    ]),
  );
  masq.push(rule([{ k: 'mark', op: 'xor', value: NFT_MASQ_MARK }]));
  masq.push(rule([{ k: 'masquerade' }]));
  const cipCheck = ensure(CLUSTER_IPS_CHECK).rules;
  cipCheck.push(
    rule(
      [
        { k: 'inSet', field: 'daddr', set: CLUSTER_IPS },
        { k: 'verdict', v: { k: 'reject' } },
      ],
      'Reject traffic to invalid ports of ClusterIPs',
    ),
  );
  if (ctx.serviceCIDR)
    cipCheck.push(
      rule(
        [
          { k: 'addr', field: 'daddr', cidrs: [ctx.serviceCIDR], anon: true },
          { k: 'verdict', v: { k: 'drop' } },
        ],
        'Drop traffic to unallocated ClusterIPs',
      ),
    );
  ensure(REJECT_CHAIN, 'helper for @no-endpoint-services / @no-endpoint-nodeports').rules.push(
    rule([{ k: 'verdict', v: { k: 'reject' } }]),
  );
  ensure(SERVICE_ENDPOINTS_CHECK).rules.push(rule([{ k: 'vmap', key: 'addr', map: NO_ENDPOINT_SERVICES }]));
  ensure(NODEPORT_ENDPOINTS_CHECK).rules.push(
    rule([
      { k: 'inSet', field: 'daddr', set: NODEPORT_IPS },
      { k: 'vmap', key: 'port', map: NO_ENDPOINT_NODEPORTS },
    ]),
  );
  ensure(FIREWALL_CHECK).rules.push(rule([{ k: 'vmap', key: 'addr', map: FIREWALL_IPS }]));
  const svc = ensure(SERVICES).rules;
  svc.push(rule([{ k: 'vmap', key: 'addr', map: SERVICE_IPS }]));
  svc.push(
    rule([
      { k: 'inSet', field: 'daddr', set: NODEPORT_IPS },
      { k: 'vmap', key: 'port', map: SERVICE_NODEPORTS },
    ]),
  );
  return out;
}

/** The table from the fixed part and the fragments; `order` keeps chains' creation order across syncs. */
export function assembleNft(ctx: Ctx, sorted: NftFragment[], prev?: NftTable): NftTable {
  const sets = fixedSets(ctx);
  const byName = new Map(sets.map((s) => [s.name, s]));
  const chains = fixedChains(ctx);
  const affinity: NftSet[] = [];
  const svcChains: NftChain[] = [];
  const seen = new Set<string>();
  for (const f of sorted) {
    for (const [set, el] of f.elements) {
      // ensureElem: a key is in a set or map once (a multi-port Service's ClusterIP in cluster-ips)
      const k = `${set} ${el.key.join(' . ')}`;
      if (seen.has(k)) continue;
      seen.add(k);
      byName.get(set)!.elements.push(el);
    }
    for (const a of f.affinitySets) affinity.push(a);
    for (const c of f.chains) svcChains.push(c);
  }
  for (const st of sets) deepFreeze(st);
  for (const c of chains) deepFreeze(c);
  const allSets = [...sets, ...affinity];
  const allChains = [...chains, ...svcChains];
  return Object.freeze({
    family: 'ip' as const,
    name: NFT_TABLE,
    comment: 'rules for kube-proxy',
    sets: Object.freeze(prev ? keepOrder(prev.sets, allSets) : allSets),
    chains: Object.freeze(prev ? keepOrder(prev.chains, allChains) : allChains),
  }) as NftTable;
}

/**
 * A partial sync's table: the previous one with the changed Services' chains, affinity sets and map
 * elements swapped for their new ones (what kube-proxy's partial transaction does), everything else
 * the very same objects. Chains and sets that are new go at the end, as the kernel lists them.
 */
function patchNft(prev: NftTable, before: NftFragment[], after: NftFragment[]): NftTable {
  const gone = new Set<string>();
  for (const f of before) {
    for (const c of f.chains) gone.add(c.name);
    for (const a of f.affinitySets) gone.add(a.name);
  }
  const chains = new Map<string, NftChain>();
  const affinity = new Map<string, NftSet>();
  const added = new Map<string, NftElement[]>();
  const seen = new Set<string>();
  for (const f of after) {
    for (const c of f.chains) chains.set(c.name, c);
    for (const a of f.affinitySets) affinity.set(a.name, a);
    for (const [set, el] of f.elements) {
      const k = `${set} ${el.key.join(' . ')}`;
      if (seen.has(k)) continue;
      seen.add(k);
      let l = added.get(set);
      if (!l) added.set(set, (l = []));
      l.push(el);
    }
  }
  const removed = new Map<string, Set<string>>();
  for (const f of before)
    for (const [set, el] of f.elements) {
      let r = removed.get(set);
      if (!r) removed.set(set, (r = new Set()));
      r.add(el.key.join(' . '));
    }
  const outChains: NftChain[] = [];
  for (const c of prev.chains) {
    const now = chains.get(c.name);
    if (now) {
      outChains.push(now);
      chains.delete(c.name);
    } else if (!gone.has(c.name)) outChains.push(c);
  }
  for (const c of chains.values()) outChains.push(c);
  const outSets: NftSet[] = [];
  for (const st of prev.sets) {
    if (st.timeoutSec !== undefined) {
      const now = affinity.get(st.name);
      if (now) {
        outSets.push(now);
        affinity.delete(st.name);
      } else if (!gone.has(st.name)) outSets.push(st);
      continue;
    }
    const rm = removed.get(st.name);
    const add = added.get(st.name);
    if (!rm && !add) {
      outSets.push(st);
      continue;
    }
    const elements = rm ? st.elements.filter((e) => !rm.has(e.key.join(' . '))) : [...st.elements];
    if (add) elements.push(...add);
    outSets.push(deepFreeze({ ...st, elements }));
  }
  for (const a of affinity.values()) outSets.push(a);
  return Object.freeze({ ...prev, sets: Object.freeze(outSets), chains: Object.freeze(outChains) }) as NftTable;
}

/** Objects that existed before keep their place; new ones go at the end (the kernel lists by creation). */
function keepOrder<T extends { name: string }>(before: T[], now: T[]): T[] {
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

const byId = (a: NftFragment, b: NftFragment): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const svcKeyOf = (s: Service): string => `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`;

export function compileNft(
  input: NftCompileInput,
  prev?: NftCache,
  changed?: Iterable<string> | null,
  prevTable?: NftTable,
): NftCompileResult {
  const ctx = ctxOf(input);
  const sig = sigOf(ctx);
  if (prev && changed && prev.v === 1 && prev.sig === sig) {
    const ch = new Set(changed);
    const slices = slicesByService(input.slices, ch);
    const before: NftFragment[] = [];
    const kept: NftFragment[] = [];
    for (const f of prev.sorted) (ch.has(f.svcKey) ? before : kept).push(f);
    const after: NftFragment[] = [];
    for (const svc of input.services) {
      const k = svcKeyOf(svc);
      if (!ch.has(k)) continue;
      for (const p of servicePorts(svc, slices.get(k) ?? [], input.node)) after.push(buildNftFragment(p, ctx));
    }
    // kept is in order already: insert the new fragments where they belong
    const sorted = kept;
    for (const f of [...after].sort(byId)) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid].id < f.id) lo = mid + 1;
        else hi = mid;
      }
      sorted.splice(lo, 0, f);
    }
    return {
      table: prevTable ? patchNft(prevTable, before, after) : assembleNft(ctx, sorted),
      cache: Object.freeze({ v: 1 as const, sig, sorted: Object.freeze(sorted) }) as NftCache,
      full: false,
      before,
      after,
    };
  }
  const slices = slicesByService(input.slices);
  const sorted: NftFragment[] = [];
  for (const svc of input.services)
    for (const p of servicePorts(svc, slices.get(svcKeyOf(svc)) ?? [], input.node))
      sorted.push(buildNftFragment(p, ctx));
  sorted.sort(byId);
  return {
    table: assembleNft(ctx, sorted, prevTable),
    cache: Object.freeze({ v: 1 as const, sig, sorted: Object.freeze(sorted) }) as NftCache,
    full: true,
    before: [],
    after: sorted,
  };
}

/** Full compile without history. */
export const compileNftTable = (input: NftCompileInput): NftTable => compileNft(input).table;
