// kube-proxy's nftables table, the part every node has whatever its Services (proxier.go setupNFTables):
// the names, the base chains and their hooks, the fixed sets and maps and the chains that dispatch
// through them; and the small builders the per-Service compiler (nft-compile.ts) shares.
import type { NftChain, NftRule, NftSet, NftStmt, NftTable, NftVerdict } from '../model/nftables';

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

export const DSTNAT = -100;
export const SRCNAT = 100;
export const FILTER = 0;

/** Base chains (v1.34, after kubernetes#132456): filter before DNAT, filter at priority 0, nat. */
export const BASE_CHAINS: NftChain[] = [
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
export const JUMPS: [string, string, boolean][] = [
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

export const V_ADDR_MAP = 'ipv4_addr . inet_proto . inet_service : verdict';
export const V_PORT_MAP = 'inet_proto . inet_service : verdict';

export interface Ctx {
  nodeIP: string;
  clusterCIDR: string;
  serviceCIDR: string;
  masqueradeAll: boolean;
}

/**
 * Compiled data is shared between syncs, nodes' histories and undo snapshots: frozen, so it is never
 * changed by mistake and immer skips it when a sync's draft is finalized (a partial sync stays cheap).
 */
export function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

export const verdictJump = (chain: string): NftStmt => ({ k: 'verdict', v: { k: 'jump', chain } });
export const verdictGoto = (chain: string): NftStmt => ({ k: 'verdict', v: { k: 'goto', chain } });
export const rule = (stmts: NftStmt[], comment?: string): NftRule => (comment ? { stmts, comment } : { stmts });
export const gotoV = (chain: string): NftVerdict => ({ k: 'goto', chain });

/**
 * setupNFTables: the fixed sets, maps and chains; the per-Service elements are filled in later. `v6`:
 * the IPv6 proxier's table on an IPv4-only node, where --nodeport-addresses "primary" leaves no IPv6
 * CIDR (the node's IPv6 address is ::1), so NodePorts match every local address (MatchAll) and the
 * nodeport-ips set is not created.
 */
export function fixedSets(ctx: Ctx, v6 = false): NftSet[] {
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
  const addrMap = v6 ? V_ADDR_MAP.replace('ipv4_addr', 'ipv6_addr') : V_ADDR_MAP;
  return [
    s(CLUSTER_IPS, v6 ? 'ipv6_addr' : 'ipv4_addr', 'Active ClusterIPs'),
    ...(v6 ? [] : [nodeports]),
    s(NO_ENDPOINT_SERVICES, addrMap, 'vmap to drop or reject packets to services with no endpoints', true),
    s(NO_ENDPOINT_NODEPORTS, V_PORT_MAP, 'vmap to drop or reject packets to service nodeports with no endpoints', true),
    s(FIREWALL_IPS, addrMap, 'destinations that are subject to LoadBalancerSourceRanges', true),
    s(SERVICE_IPS, addrMap, 'ClusterIP, ExternalIP and LoadBalancer IP traffic', true),
    s(SERVICE_NODEPORTS, V_PORT_MAP, 'NodePort traffic', true),
  ];
}

export function fixedChains(ctx: Ctx, v6 = false): NftChain[] {
  const fam = v6 ? ({ v6: true } as const) : {};
  // MatchAll NodePorts (the IPv6 table here): any local address but the loopback one
  const notLoopback: NftStmt = { k: 'addr', field: 'daddr', neg: true, cidrs: ['::1'], ...fam };
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
        { k: 'inSet', field: 'daddr', set: CLUSTER_IPS, ...fam },
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
  ensure(SERVICE_ENDPOINTS_CHECK).rules.push(rule([{ k: 'vmap', key: 'addr', map: NO_ENDPOINT_SERVICES, ...fam }]));
  ensure(NODEPORT_ENDPOINTS_CHECK).rules.push(
    rule([
      v6 ? notLoopback : { k: 'inSet', field: 'daddr', set: NODEPORT_IPS },
      { k: 'vmap', key: 'port', map: NO_ENDPOINT_NODEPORTS },
    ]),
  );
  ensure(FIREWALL_CHECK).rules.push(rule([{ k: 'vmap', key: 'addr', map: FIREWALL_IPS, ...fam }]));
  const svc = ensure(SERVICES).rules;
  svc.push(rule([{ k: 'vmap', key: 'addr', map: SERVICE_IPS, ...fam }]));
  svc.push(
    rule([
      ...(v6
        ? [{ k: 'fibLocal', field: 'daddr' } as const, notLoopback]
        : [{ k: 'inSet', field: 'daddr', set: NODEPORT_IPS } as const]),
      { k: 'vmap', key: 'port', map: SERVICE_NODEPORTS },
    ]),
  );
  return out;
}

export const freezeTable = (sets: NftSet[], chains: NftChain[]): NftTable =>
  Object.freeze({
    family: 'ip' as const,
    name: NFT_TABLE,
    comment: 'rules for kube-proxy',
    sets: Object.freeze(sets) as NftSet[],
    chains: Object.freeze(chains) as NftChain[],
  });

/**
 * The `table ip6 kube-proxy` of a node in an IPv4-only cluster. kube-proxy's nftables mode always runs
 * as dual-stack on Linux (cmd/kube-proxy/app/server_linux.go platformCheckSupported assumes both
 * families; createProxier then builds nftables.NewDualStackProxier), so the IPv6 proxier writes its
 * table too: setupNFTables for IPv6 and no Service elements (no Service has an IPv6 ClusterIP), no
 * "unallocated ClusterIPs" rule (no IPv6 service CIDR), and MatchAll NodePorts: "primary" gives only
 * the node's IPv4 /32 (its IPv6 node IP is the ::1 fallback of server.go detectNodeIPs, skipped), and
 * pkg/proxy/util NewNodePortAddresses turns "no CIDR of this family" into ::/0, i.e. MatchAll.
 */
export function ip6KubeProxyTable(): NftTable {
  const ctx: Ctx = { nodeIP: '', clusterCIDR: '', serviceCIDR: '', masqueradeAll: false };
  const sets = fixedSets(ctx, true).map((st) => deepFreeze(st));
  const chains = fixedChains(ctx, true).map((c) => deepFreeze(c));
  return Object.freeze({ ...freezeTable(sets, chains), family: 'ip6' as const });
}
