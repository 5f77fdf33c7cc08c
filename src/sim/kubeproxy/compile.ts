// kube-proxy's syncProxyRules for one node, as a pure function: Services + EndpointSlices → nat and
// filter tables. Each Service port compiles to a PortFragment; the tables are the fixed rules plus the
// fragments in order. A cache of fragments makes a sync after a few Services changed cheap, the way
// kube-proxy (1.28+) only rewrites the changed Services' chains on a partial sync.
import type { EndpointSlice, Service } from '../model/types';
import type { NodeTables, Rule } from '../model/iptables';
import { servicePorts, slicesByService, type ServicePortInfo } from './endpoints';
import { buildPortFragment, type FragmentContext, type PortFragment } from './fragment';
import * as S from './static-rules';

export interface CompileInput {
  node: string;
  /** the node's addresses; the first IPv4 one is used */
  nodeIPs: string[];
  /** podSubnet is kube-proxy's --cluster-cidr ('' = unset); masqueradeAll is --masquerade-all */
  settings: { podSubnet: string; masqueradeAll: boolean };
  services: Service[];
  slices: EndpointSlice[];
}

/** kube-proxy drops per-endpoint comments above this many endpoints (largeClusterEndpointsThreshold). */
export const LARGE_CLUSTER_ENDPOINTS = 1000;

/** Compiled fragments kept between syncs (stored in ProxyState.cache). Plain data. */
export interface CompileCache {
  v: 1;
  /** node IP, cluster CIDR, masqueradeAll, large-cluster mode: a change means a full recompile */
  sig: string;
  totalEndpoints: number;
  /** every fragment, sorted by id (service port name) */
  sorted: PortFragment[];
}

export interface CompileResult {
  tables: NodeTables;
  cache: CompileCache;
  /** true when everything was recompiled (no cache, settings changed, or large-cluster mode flipped) */
  full: boolean;
  /** on an incremental compile: the fragments the changed Services had before and have now */
  before: PortFragment[];
  after: PortFragment[];
}

/**
 * Compiled data is shared between syncs, nodes' histories and undo snapshots, so it is frozen; immer
 * also skips frozen data when it finalizes a draft, which keeps a partial sync cheap.
 */
function freeze<T>(v: T): T {
  return Object.freeze(v);
}

function freezeRules(rules: Rule[]): void {
  for (const r of rules) {
    freeze(r.match);
    freeze(r);
  }
  freeze(rules);
}

/** Freeze a fragment, its rule lists and rules (their shared `order` arrays stay as they are). */
function freezeFragment(f: PortFragment): PortFragment {
  for (const a of [
    f.natServices,
    f.natNodePorts,
    f.filterServices,
    f.filterExternal,
    f.filterNodePorts,
    f.filterFirewall,
  ])
    freezeRules(a);
  for (const a of f.chainRules) freezeRules(a);
  freeze(f.chains);
  freeze(f.chainRules);
  return freeze(f);
}

const build = (p: ServicePortInfo, ctx: FragmentContext): PortFragment => freezeFragment(buildPortFragment(p, ctx));
const EMPTY: Rule[] = freeze([]);
const FILTER_CHAINS: string[] = freeze([...S.FILTER_STATIC_CHAINS]);

const byId = (a: PortFragment, b: PortFragment): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function svcKeyOf(s: Service): string {
  return `${s.metadata.namespace ?? 'default'}/${s.metadata.name}`;
}

function baseContext(input: CompileInput): Omit<FragmentContext, 'largeClusterMode'> {
  const nodeIP = input.nodeIPs.find((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip)) ?? '';
  return { nodeIP, clusterCIDR: input.settings.podSubnet, masqueradeAll: input.settings.masqueradeAll };
}

const sigOf = (c: Omit<FragmentContext, 'largeClusterMode'>, large: boolean): string =>
  `${c.nodeIP}|${c.clusterCIDR}|${c.masqueradeAll}|${large}`;

const countEndpoints = (infos: ServicePortInfo[]): number => infos.reduce((n, i) => n + i.endpoints.length, 0);

/** Full compile: what syncProxyRules writes on a full sync. */
export function compileNodeTables(input: CompileInput): NodeTables {
  return compileCached(input).tables;
}

/**
 * Compile with a cache. With `prev` and `changed` (the Service keys that changed since `prev`), only
 * those Services are recompiled; otherwise (or when the settings or large-cluster mode changed) all are.
 */
export function compileCached(
  input: CompileInput,
  prev?: CompileCache,
  changed?: Iterable<string> | null,
): CompileResult {
  const base = baseContext(input);
  if (prev && changed) {
    const inc = incremental(input, base, prev, new Set(changed));
    if (inc) return inc;
  }
  return full(input, base);
}

function full(input: CompileInput, base: Omit<FragmentContext, 'largeClusterMode'>): CompileResult {
  const slices = slicesByService(input.slices);
  const infos = new Map<string, ServicePortInfo[]>();
  let total = 0;
  for (const svc of input.services) {
    const k = svcKeyOf(svc);
    const ports = servicePorts(svc, slices.get(k) ?? [], input.node);
    if (ports.length === 0) continue;
    infos.set(k, ports);
    total += countEndpoints(ports);
  }
  const ctx: FragmentContext = { ...base, largeClusterMode: total > LARGE_CLUSTER_ENDPOINTS };
  const sorted: PortFragment[] = [];
  for (const ports of infos.values()) for (const p of ports) sorted.push(build(p, ctx));
  sorted.sort(byId);
  const cache = freeze({
    v: 1 as const,
    sig: sigOf(base, ctx.largeClusterMode),
    totalEndpoints: total,
    sorted: freeze(sorted),
  });
  return { tables: assemble(sorted), cache, full: true, before: [], after: sorted };
}

function incremental(
  input: CompileInput,
  base: Omit<FragmentContext, 'largeClusterMode'>,
  prev: CompileCache,
  changed: Set<string>,
): CompileResult | null {
  const large = prev.totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
  if (prev.v !== 1 || prev.sig !== sigOf(base, large)) return null;
  const slices = slicesByService(input.slices, changed);
  const infos = new Map<string, ServicePortInfo[]>();
  for (const svc of input.services) {
    const k = svcKeyOf(svc);
    if (changed.has(k)) infos.set(k, servicePorts(svc, slices.get(k) ?? [], input.node));
  }
  // one pass over the cached fragments: keep the unchanged ones, set aside the changed Services' old ones
  const before: PortFragment[] = [];
  const sorted: PortFragment[] = [];
  let total = prev.totalEndpoints;
  for (const f of prev.sorted) {
    if (changed.has(f.svcKey)) {
      before.push(f);
      total -= f.endpointCount;
    } else sorted.push(f);
  }
  for (const ports of infos.values()) total += countEndpoints(ports);
  // crossing the large-cluster threshold changes every Service's comments: recompile all
  if (total > LARGE_CLUSTER_ENDPOINTS !== large) return null;

  const ctx: FragmentContext = { ...base, largeClusterMode: large };
  const after: PortFragment[] = [];
  for (const ports of infos.values()) for (const p of ports) after.push(build(p, ctx));
  for (const f of after) sorted.splice(lowerBound(sorted, f), 0, f);
  const cache = freeze({ v: 1 as const, sig: prev.sig, totalEndpoints: total, sorted: freeze(sorted) });
  return { tables: assemble(sorted), cache, full: false, before, after };
}

function lowerBound(arr: PortFragment[], f: PortFragment): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid].id < f.id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function append(into: Rule[], from: Rule[]): void {
  for (let i = 0; i < from.length; i++) into.push(from[i]);
}

/**
 * The node's tables: fixed rules plus each fragment. KUBE-SERVICES lists Service ports sorted by name;
 * real kube-proxy walks a Go map, so its order differs between syncs.
 */
export function assemble(sorted: PortFragment[]): NodeTables {
  const natServices: Rule[] = [];
  const natNodePorts: Rule[] = [];
  const fServices: Rule[] = [];
  const fExternal: Rule[] = [];
  const fNodePorts: Rule[] = [];
  const fFirewall: Rule[] = [];
  const natChains = [...S.NAT_STATIC_CHAINS];
  const natRules: Record<string, Rule[]> = {
    PREROUTING: S.NAT_PREROUTING,
    INPUT: EMPTY,
    OUTPUT: S.NAT_OUTPUT,
    POSTROUTING: S.NAT_POSTROUTING,
    [S.KUBE_KUBELET_CANARY]: EMPTY,
    [S.KUBE_SERVICES]: natServices,
    [S.KUBE_POSTROUTING]: S.NAT_KUBE_POSTROUTING,
    [S.KUBE_PROXY_CANARY]: EMPTY,
    [S.KUBE_NODEPORTS]: natNodePorts,
    [S.KUBE_MARK_MASQ]: S.NAT_MARK_MASQ,
  };
  for (const f of sorted) {
    append(natServices, f.natServices);
    append(natNodePorts, f.natNodePorts);
    append(fServices, f.filterServices);
    append(fExternal, f.filterExternal);
    append(fNodePorts, f.filterNodePorts);
    append(fFirewall, f.filterFirewall);
    for (let i = 0; i < f.chains.length; i++) {
      natChains.push(f.chains[i]);
      natRules[f.chains[i]] = f.chainRules[i];
    }
  }
  natServices.push(S.NAT_NODEPORTS_LAST);
  for (const a of [natServices, natNodePorts, fServices, fExternal, fNodePorts, fFirewall]) freeze(a);
  const filterRules: Record<string, Rule[]> = {
    INPUT: S.FILTER_INPUT,
    FORWARD: S.FILTER_FORWARD,
    OUTPUT: S.FILTER_OUTPUT,
    [S.KUBE_KUBELET_CANARY]: EMPTY,
    [S.KUBE_FIREWALL]: S.FILTER_KUBE_FIREWALL,
    [S.KUBE_EXTERNAL_SERVICES]: fExternal,
    [S.KUBE_NODEPORTS]: fNodePorts,
    [S.KUBE_SERVICES]: fServices,
    [S.KUBE_FORWARD]: S.FILTER_KUBE_FORWARD,
    [S.KUBE_PROXY_FIREWALL]: fFirewall,
    [S.KUBE_PROXY_CANARY]: EMPTY,
  };
  return freeze({
    nat: freeze({ name: 'nat' as const, builtin: S.NAT_POLICIES, chains: freeze(natChains), rules: freeze(natRules) }),
    filter: freeze({
      name: 'filter' as const,
      builtin: S.FILTER_POLICIES,
      chains: FILTER_CHAINS,
      rules: freeze(filterRules),
    }),
  });
}

/** (chain, rule) pairs a fragment contributes, nat first then filter; used to diff syncs. */
export function fragmentRules(f: PortFragment): { table: 'nat' | 'filter'; chain: string; rule: Rule }[] {
  const out: { table: 'nat' | 'filter'; chain: string; rule: Rule }[] = [];
  const add = (table: 'nat' | 'filter', chain: string, rules: Rule[]) => {
    for (const rule of rules) out.push({ table, chain, rule });
  };
  add('nat', S.KUBE_SERVICES, f.natServices);
  add('nat', S.KUBE_NODEPORTS, f.natNodePorts);
  f.chains.forEach((c, i) => add('nat', c, f.chainRules[i]));
  add('filter', S.KUBE_SERVICES, f.filterServices);
  add('filter', S.KUBE_EXTERNAL_SERVICES, f.filterExternal);
  add('filter', S.KUBE_NODEPORTS, f.filterNodePorts);
  add('filter', S.KUBE_PROXY_FIREWALL, f.filterFirewall);
  return out;
}
