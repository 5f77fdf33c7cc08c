// flannel's own iptables rules on every node, beside kube-proxy's (flannel v0.27 pkg/trafficmngr/iptables/
// iptables.go: masqRules and forwardRules, appended with -A after kube-proxy prepended its jumps):
// FLANNEL-POSTRTG in nat masquerades traffic leaving the Pod network (not kube-proxy's marked packets, not
// Pod-to-Pod traffic), FLANNEL-FWD in filter accepts forwarding to and from the Pod network.
import type { ClusterState } from '../model/state';
import type { NodeTables, Rule, RuleMatch, RuleTarget, Table } from '../model/iptables';

export const FLANNEL_POSTRTG = 'FLANNEL-POSTRTG';
const FLANNEL_FWD = 'FLANNEL-FWD';
/** trafficmngr.KubeProxyMark: packets kube-proxy marked for its own masquerade */
const KUBE_PROXY_MARK = { value: 0x4000, mask: 0x4000 };
const MASQ = 'flanneld masq';
const FWD = 'flanneld forward';

const rule = (match: RuleMatch, target: RuleTarget, order: (keyof RuleMatch)[]): Rule =>
  Object.freeze({ match: Object.freeze(match), target: Object.freeze(target), order });

const cache = new WeakMap<NodeTables, { key: string; tables: NodeTables }>();

/** The chains flannel adds to a node whose lease is `podCIDR`, in a cluster network `clusterCIDR`. */
function flannelRules(
  clusterCIDR: string,
  podCIDR: string,
): { nat: Record<string, Rule[]>; filter: Record<string, Rule[]> } {
  const cluster = { cidr: clusterCIDR };
  const pod = { cidr: podCIDR };
  const masq: RuleTarget = { kind: 'MASQUERADE', randomFully: true };
  return {
    nat: {
      POSTROUTING: [rule({ comment: MASQ }, { kind: 'jump', chain: FLANNEL_POSTRTG }, ['comment'])],
      [FLANNEL_POSTRTG]: [
        // not what kube-proxy marked: it masquerades those itself ("double NAT bug on some kernel version")
        rule({ mark: KUBE_PROXY_MARK, comment: MASQ }, { kind: 'RETURN' }, ['mark', 'comment']),
        // no NAT inside the overlay network
        rule({ src: pod, dst: cluster, comment: MASQ }, { kind: 'RETURN' }, ['src', 'dst', 'comment']),
        rule({ src: cluster, dst: pod, comment: MASQ }, { kind: 'RETURN' }, ['src', 'dst', 'comment']),
        // external traffic that arrives for a Pod on this node keeps its source
        rule({ src: { ...cluster, neg: true }, dst: pod, comment: MASQ }, { kind: 'RETURN' }, [
          'src',
          'dst',
          'comment',
        ]),
        // Pods reaching outside the Pod network (multicast aside) leave with the node's address
        rule({ src: cluster, dst: { cidr: '224.0.0.0/4', neg: true }, comment: MASQ }, masq, ['src', 'dst', 'comment']),
        // the host reaching the Pod network elsewhere
        rule({ src: { ...cluster, neg: true }, dst: cluster, comment: MASQ }, masq, ['src', 'dst', 'comment']),
      ],
    },
    filter: {
      FORWARD: [rule({ comment: FWD }, { kind: 'jump', chain: FLANNEL_FWD }, ['comment'])],
      [FLANNEL_FWD]: [
        rule({ src: cluster, comment: FWD }, { kind: 'ACCEPT' }, ['src', 'comment']),
        rule({ dst: cluster, comment: FWD }, { kind: 'ACCEPT' }, ['dst', 'comment']),
      ],
    },
  };
}

function extend(t: Table, add: Record<string, Rule[]>): Table {
  const rules: Record<string, Rule[]> = { ...t.rules };
  const chains = [...t.chains];
  for (const [chain, rs] of Object.entries(add)) {
    if (chain in t.builtin) rules[chain] = Object.freeze([...(t.rules[chain] ?? []), ...rs]) as Rule[];
    else {
      chains.push(chain);
      rules[chain] = Object.freeze(rs) as Rule[];
    }
  }
  return Object.freeze({ ...t, chains: Object.freeze(chains) as string[], rules: Object.freeze(rules) });
}

/** A node's tables as the kernel holds them: kube-proxy's, with flannel's chains once flannel has the node's lease. */
export function nodeTables(s: ClusterState, node: string, tables: NodeTables): NodeTables;
export function nodeTables(s: ClusterState, node: string, tables: NodeTables | undefined): NodeTables | undefined;
export function nodeTables(s: ClusterState, node: string, tables: NodeTables | undefined): NodeTables | undefined {
  const podCIDR = s.objects.nodes[node]?.spec.podCIDR;
  if (!tables || !podCIDR) return tables;
  const key = `${s.settings.podSubnet} ${podCIDR}`;
  const hit = cache.get(tables);
  if (hit && hit.key === key) return hit.tables;
  const f = flannelRules(s.settings.podSubnet, podCIDR);
  const out = Object.freeze({ nat: extend(tables.nat, f.nat), filter: extend(tables.filter, f.filter) });
  cache.set(tables, { key, tables: out });
  return out;
}
