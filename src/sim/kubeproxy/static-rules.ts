// The rules kube-proxy (and kubelet) install on every node regardless of Services: the jumps from the
// built-in chains, KUBE-MARK-MASQ, KUBE-POSTROUTING, KUBE-FORWARD, KUBE-FIREWALL, and the canary chains.
// Facts: kubernetes pkg/proxy/iptables/proxier.go (iptablesJumpChains, syncProxyRules),
// pkg/kubelet/kubelet_network_linux.go.
import type { Rule, RuleMatch, RuleTarget, Table } from '../model/iptables';

/** kube-proxy's nfacct counters (pkg/proxy/metrics: IPTablesCTStateInvalidDroppedNFAcctCounter, LocalhostNodePortAcceptedNFAcctCounter). */
export const CT_STATE_INVALID_DROPPED_PKTS = 'ct_state_invalid_dropped_pkts';
export const LOCALHOST_NPS_ACCEPTED_PKTS = 'localhost_nps_accepted_pkts';

/** kube-proxy's default --iptables-masquerade-bit 14. */
export const MASQ_MARK = 0x4000;

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY';
export const KUBE_KUBELET_CANARY = 'KUBE-KUBELET-CANARY';

/** Build a rule; `order` is the order kube-proxy wrote the matches in. */
export function mk(match: RuleMatch, target: RuleTarget, order: readonly (keyof RuleMatch)[]): Rule {
  return { match, target, order: order as (keyof RuleMatch)[] };
}

/** Shared by every node's tables, so never to be mutated: freeze them (immer skips frozen data too). */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
const fixed = (rules: Rule[]): Rule[] => deepFreeze(rules);

export const jump = (chain: string): RuleTarget => ({ kind: 'jump', chain });

const O_CT_COMMENT = ['ctstate', 'comment'] as const;
const O_COMMENT = ['comment'] as const;
const NONE = [] as const;

const NEW = ['NEW'];

// Each built-in chain's rules as they end up on a node: kube-proxy prepends its jumps one by one in
// iptablesJumpChains order (so a chain holds them in reverse), after kubelet had already put its
// KUBE-FIREWALL jump in INPUT and OUTPUT.
const portals = 'kubernetes service portals';
const external = 'kubernetes externally-visible service portals';
const lbFirewall = 'kubernetes load balancer firewall';

export const FILTER_INPUT: Rule[] = fixed([
  mk({ ctstate: NEW, comment: lbFirewall }, jump(KUBE_PROXY_FIREWALL), O_CT_COMMENT),
  mk({ comment: 'kubernetes health check service ports' }, jump(KUBE_NODEPORTS), O_COMMENT),
  mk({ ctstate: NEW, comment: external }, jump(KUBE_EXTERNAL_SERVICES), O_CT_COMMENT),
  mk({}, jump(KUBE_FIREWALL), NONE),
]);
export const FILTER_FORWARD: Rule[] = fixed([
  mk({ ctstate: NEW, comment: lbFirewall }, jump(KUBE_PROXY_FIREWALL), O_CT_COMMENT),
  mk({ comment: 'kubernetes forwarding rules' }, jump(KUBE_FORWARD), O_COMMENT),
  mk({ ctstate: NEW, comment: portals }, jump(KUBE_SERVICES), O_CT_COMMENT),
  mk({ ctstate: NEW, comment: external }, jump(KUBE_EXTERNAL_SERVICES), O_CT_COMMENT),
]);
export const FILTER_OUTPUT: Rule[] = fixed([
  mk({ ctstate: NEW, comment: lbFirewall }, jump(KUBE_PROXY_FIREWALL), O_CT_COMMENT),
  mk({ ctstate: NEW, comment: portals }, jump(KUBE_SERVICES), O_CT_COMMENT),
  mk({}, jump(KUBE_FIREWALL), NONE),
]);

export const NAT_PREROUTING: Rule[] = fixed([mk({ comment: portals }, jump(KUBE_SERVICES), O_COMMENT)]);
export const NAT_OUTPUT: Rule[] = fixed([mk({ comment: portals }, jump(KUBE_SERVICES), O_COMMENT)]);
export const NAT_POSTROUTING: Rule[] = fixed([
  mk({ comment: 'kubernetes postrouting rules' }, jump(KUBE_POSTROUTING), O_COMMENT),
]);

export const NAT_MARK_MASQ: Rule[] = [mk({}, { kind: 'MARK', op: 'or', value: MASQ_MARK }, NONE)];

export const NAT_KUBE_POSTROUTING: Rule[] = fixed([
  // not marked for SNAT: nothing to do
  mk({ mark: { value: MASQ_MARK, mask: MASQ_MARK, neg: true } }, { kind: 'RETURN' }, ['mark']),
  // clear the mark so a packet that re-traverses the stack is not masqueraded twice
  mk({}, { kind: 'MARK', op: 'xor', value: MASQ_MARK }, NONE),
  // iptables on current nodes supports --random-fully, so kube-proxy adds it
  mk({ comment: 'kubernetes service traffic requiring SNAT' }, { kind: 'MASQUERADE', randomFully: true }, O_COMMENT),
]);

/** The last rule of nat KUBE-SERVICES (nodePortAddresses unset, localhost nodeports allowed). */
export const NAT_NODEPORTS_LAST: Rule = deepFreeze(
  mk(
    { comment: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain', dstTypeLocal: true },
    jump(KUBE_NODEPORTS),
    ['comment', 'dstTypeLocal'],
  ),
);

export const FILTER_KUBE_FORWARD: Rule[] = fixed([
  // kube-proxy drops INVALID packets unless nf_conntrack_tcp_be_liberal is set, and counts them in an nfacct
  // object when the kernel has nfacct (as a kind node's does): proxier.go syncProxyRules,
  // nfAcctCounters[metrics.IPTablesCTStateInvalidDroppedNFAcctCounter]
  mk({ ctstate: ['INVALID'], nfacct: CT_STATE_INVALID_DROPPED_PKTS }, { kind: 'DROP' }, ['ctstate', 'nfacct']),
  mk({ comment: 'kubernetes forwarding rules', mark: { value: MASQ_MARK, mask: MASQ_MARK } }, { kind: 'ACCEPT' }, [
    'comment',
    'mark',
  ]),
  mk({ comment: 'kubernetes forwarding conntrack rule', ctstate: ['RELATED', 'ESTABLISHED'] }, { kind: 'ACCEPT' }, [
    'comment',
    'ctstate',
  ]),
]);

/** route_localnet mitigation (kubernetes#90259), written by kube-proxy and by kubelet alike. */
export const FILTER_KUBE_FIREWALL: Rule[] = fixed([
  mk(
    {
      comment: 'block incoming localnet connections',
      dst: { cidr: '127.0.0.0/8' },
      src: { cidr: '127.0.0.0/8', neg: true },
      ctstate: ['RELATED', 'ESTABLISHED', 'DNAT'],
      ctstateNeg: true,
    },
    { kind: 'DROP' },
    ['comment', 'dst', 'src', 'ctstate'],
  ),
]);

export const NAT_BUILTIN = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] as const;
export const FILTER_BUILTIN = ['INPUT', 'FORWARD', 'OUTPUT'] as const;

/** nat chains that exist whatever the Services, in creation order. */
export const NAT_STATIC_CHAINS = [
  ...NAT_BUILTIN,
  KUBE_KUBELET_CANARY,
  KUBE_SERVICES,
  KUBE_POSTROUTING,
  KUBE_PROXY_CANARY,
  KUBE_NODEPORTS,
  KUBE_MARK_MASQ,
];

export const FILTER_STATIC_CHAINS = [
  ...FILTER_BUILTIN,
  KUBE_KUBELET_CANARY,
  KUBE_FIREWALL,
  KUBE_EXTERNAL_SERVICES,
  KUBE_NODEPORTS,
  KUBE_SERVICES,
  KUBE_FORWARD,
  KUBE_PROXY_FIREWALL,
  KUBE_PROXY_CANARY,
];

const policies = (names: readonly string[]): Record<string, 'ACCEPT'> =>
  Object.fromEntries(names.map((n) => [n, 'ACCEPT' as const]));

/** A node's tables before kube-proxy's first sync: only the built-in chains. */
export function emptyTables(): { nat: Table; filter: Table } {
  return {
    nat: {
      name: 'nat',
      builtin: policies(NAT_BUILTIN),
      chains: [...NAT_BUILTIN],
      rules: Object.fromEntries(NAT_BUILTIN.map((c) => [c, []])),
    },
    filter: {
      name: 'filter',
      builtin: policies(FILTER_BUILTIN),
      chains: [...FILTER_BUILTIN],
      rules: Object.fromEntries(FILTER_BUILTIN.map((c) => [c, []])),
    },
  };
}

export const NAT_POLICIES = deepFreeze(policies(NAT_BUILTIN));
export const FILTER_POLICIES = deepFreeze(policies(FILTER_BUILTIN));
