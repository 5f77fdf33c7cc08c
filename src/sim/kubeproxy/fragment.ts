// The rules one Service port contributes to a node's tables, as kube-proxy's syncProxyRules writes
// them (kubernetes pkg/proxy/iptables/proxier.go, the loop over svcPortMap, v1.34). A fragment is the
// unit of incremental sync: an unchanged Service keeps its fragment from the previous sync.
import type { Rule, RuleMatch, RuleTarget } from '../model/iptables';
import {
  categorize,
  externallyAccessible,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type EndpointInfo,
  type ServicePortInfo,
} from './endpoints';
import {
  serviceExternalChainName,
  serviceFirewallChainName,
  servicePortChainName,
  servicePortEndpointChainName,
  servicePortLocalChainName,
} from './hash';
import { jump, KUBE_MARK_MASQ, LOCALHOST_NPS_ACCEPTED_PKTS, mk } from './static-rules';
import { cidrContains } from '../lib/ip';

export interface FragmentContext {
  /** this node's IPv4 (KUBE-FW: lets the node reach its own LB VIP when a source range covers it) */
  nodeIP: string;
  /** --cluster-cidr (local traffic detector); '' = not set */
  clusterCIDR: string;
  masqueradeAll: boolean;
  /** more than 1000 endpoints in the cluster: kube-proxy drops the per-endpoint comments */
  largeClusterMode: boolean;
}

export interface PortFragment {
  /** sort key: the service port name string (then protocol) */
  id: string;
  svcKey: string;
  spn: string;
  /** len(endpointsMap[svcPortName]), which kube-proxy sums to decide large-cluster mode */
  endpointCount: number;
  natServices: Rule[];
  natNodePorts: Rule[];
  filterServices: Rule[];
  filterExternal: Rule[];
  filterNodePorts: Rule[];
  filterFirewall: Rule[];
  /** this port's own nat chains (KUBE-EXT/FW/SVC/SVL/SEP), in the order kube-proxy creates them */
  chains: string[];
  chainRules: Rule[][];
}

type O = readonly (keyof RuleMatch)[];
// The order kube-proxy writes each kind of rule's arguments in.
const O_VIP: O = ['comment', 'proto', 'dst', 'dport'];
const O_VIP_MASQ: O = ['comment', 'proto', 'dst', 'dport', 'src'];
const O_NODEPORT: O = ['comment', 'proto', 'dport'];
const O_NODEPORT_LOCALHOST: O = ['comment', 'proto', 'dst', 'dport', 'nfacct'];
const LOCALHOST_NET = { cidr: '127.0.0.0/8' };
const O_NODEPORT_FILTER: O = ['comment', 'dstTypeLocal', 'proto', 'dport'];
const O_COMMENT: O = ['comment'];
const O_COMMENT_SRC: O = ['comment', 'src'];
const O_COMMENT_SRCTYPE: O = ['comment', 'srcTypeLocal'];
const O_NONE: O = [];
const O_SRC: O = ['src'];
const O_AFF: O = ['comment', 'recent'];
const O_AFF_LARGE: O = ['recent'];
const O_LB: O = ['comment', 'probability'];
const O_LB_LARGE: O = ['probability'];
const O_DNAT: O = ['comment', 'proto'];
const O_DNAT_AFF: O = ['comment', 'recent', 'proto'];
const O_DNAT_LARGE: O = ['proto'];
const O_DNAT_AFF_LARGE: O = ['recent', 'proto'];

const host = (ip: string): string => `${ip}/32`;
const toMasq = jump(KUBE_MARK_MASQ);

export function fragmentId(spn: string, protocol: string): string {
  return `${spn}\u0000${protocol}`;
}

/** Compile one Service port for one node. */
export function buildPortFragment(info: ServicePortInfo, ctx: FragmentContext): PortFragment {
  const { spn, protocol: proto } = info;
  const frag: PortFragment = {
    id: fragmentId(spn, proto),
    svcKey: info.svcKey,
    spn,
    endpointCount: info.endpoints.length,
    natServices: [],
    natNodePorts: [],
    filterServices: [],
    filterExternal: [],
    filterNodePorts: [],
    filterFirewall: [],
    chains: [],
    chainRules: [],
  };
  const chainMap = new Map<string, Rule[]>();
  const chain = (name: string): Rule[] => {
    let rules = chainMap.get(name);
    if (!rules) {
      rules = [];
      chainMap.set(name, rules);
      frag.chains.push(name);
      frag.chainRules.push(rules);
    }
    return rules;
  };

  const { cluster, local, reachable, hasAny } = categorize(info);
  const clusterPolicyChain = servicePortChainName(spn, proto);
  const localPolicyChain = servicePortLocalChainName(spn, proto);
  const usesClusterPolicyChain = cluster.length > 0 && usesClusterEndpoints(info);
  const usesLocalPolicyChain = local.length > 0 && usesLocalEndpoints(info);

  let internalChain = clusterPolicyChain;
  let hasInternal = hasAny;
  if (info.internalPolicyLocal) {
    internalChain = localPolicyChain;
    if (local.length === 0) hasInternal = false;
  }
  let externalPolicyChain = clusterPolicyChain;
  let hasExternal = hasAny;
  if (info.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (local.length === 0) hasExternal = false;
  }
  const extChain = serviceExternalChainName(spn, proto);
  // the EXT chain is needed for the local short-circuit rules even without external endpoints
  const usesExtChain = hasAny && externallyAccessible(info);
  const fwChain = serviceFirewallChainName(spn, proto);
  const usesFWChain = hasAny && info.lbVIPs.length > 0 && info.sourceRanges.length > 0;
  const lbChain = usesFWChain ? fwChain : extChain;

  // kube-proxy: REJECT when a service has no endpoints at all, DROP when a Local policy has none here
  let intTarget: RuleTarget = { kind: 'REJECT' };
  let intComment = `${spn} has no endpoints`;
  let extTarget: RuleTarget = { kind: 'REJECT' };
  let extComment = intComment;
  if (hasAny) {
    intTarget = extTarget = { kind: 'DROP' };
    intComment = extComment = `${spn} has no local endpoints`;
  }

  const vip = (comment: string, ip: string, target: RuleTarget): Rule =>
    mk({ comment, proto, dst: { cidr: host(ip) }, dport: info.port }, target, O_VIP);

  // Capture the cluster IP.
  if (hasInternal) frag.natServices.push(vip(`${spn} cluster IP`, info.clusterIP, jump(internalChain)));
  else frag.filterServices.push(vip(intComment, info.clusterIP, intTarget));

  // Capture external IPs.
  for (const ip of info.externalIPs) {
    if (hasAny) frag.natServices.push(vip(`${spn} external IP`, ip, jump(extChain)));
    if (!hasExternal) frag.filterExternal.push(vip(extComment, ip, extTarget));
  }

  // Capture load-balancer ingress IPs.
  for (const ip of info.lbVIPs) {
    if (hasAny) frag.natServices.push(vip(`${spn} loadbalancer IP`, ip, jump(lbChain)));
    if (usesFWChain) frag.filterFirewall.push(vip(`${spn} traffic not accepted by ${fwChain}`, ip, { kind: 'DROP' }));
  }
  if (!hasExternal) for (const ip of info.lbVIPs) frag.filterExternal.push(vip(extComment, ip, extTarget));

  // Capture the node port.
  if (info.nodePort !== 0) {
    if (hasAny) {
      // localhost nodeports (--iptables-localhost-nodeports, on by default for IPv4) are counted in an nfacct
      // object the kernel provides: proxier.go syncProxyRules, "Capture nodeports"
      frag.natNodePorts.push(
        mk(
          { comment: spn, proto, dst: LOCALHOST_NET, dport: info.nodePort, nfacct: LOCALHOST_NPS_ACCEPTED_PKTS },
          jump(extChain),
          O_NODEPORT_LOCALHOST,
        ),
      );
      frag.natNodePorts.push(mk({ comment: spn, proto, dport: info.nodePort }, jump(extChain), O_NODEPORT));
    }
    if (!hasExternal)
      frag.filterExternal.push(
        mk({ comment: extComment, dstTypeLocal: true, proto, dport: info.nodePort }, extTarget, O_NODEPORT_FILTER),
      );
  }

  // The health check node port is accepted whether or not this node has a local endpoint.
  if (info.healthCheckNodePort !== 0)
    frag.filterNodePorts.push(
      mk(
        { comment: `${spn} health check node port`, proto: 'tcp', dport: info.healthCheckNodePort },
        { kind: 'ACCEPT' },
        O_NODEPORT,
      ),
    );

  // Internal traffic: masquerade what does not come from a pod (or everything with --masquerade-all).
  if (hasInternal) {
    const base = { comment: `${spn} cluster IP`, proto, dst: { cidr: host(info.clusterIP) }, dport: info.port };
    if (ctx.masqueradeAll) chain(internalChain).push(mk(base, toMasq, O_VIP));
    else if (ctx.clusterCIDR)
      chain(internalChain).push(mk({ ...base, src: { cidr: ctx.clusterCIDR, neg: true } }, toMasq, O_VIP_MASQ));
  }

  // External traffic: KUBE-EXT-…
  if (usesExtChain) {
    const ext = chain(extChain);
    if (!info.externalPolicyLocal) {
      // endpoints may be on other nodes: masquerade so replies come back through this node
      ext.push(mk({ comment: `masquerade traffic for ${spn} external destinations` }, toMasq, O_COMMENT));
    } else {
      if (ctx.clusterCIDR)
        ext.push(
          mk(
            { comment: `pod traffic for ${spn} external destinations`, src: { cidr: ctx.clusterCIDR } },
            jump(clusterPolicyChain),
            O_COMMENT_SRC,
          ),
        );
      ext.push(
        mk(
          { comment: `masquerade LOCAL traffic for ${spn} external destinations`, srcTypeLocal: true },
          toMasq,
          O_COMMENT_SRCTYPE,
        ),
      );
      ext.push(
        mk(
          { comment: `route LOCAL traffic for ${spn} external destinations`, srcTypeLocal: true },
          jump(clusterPolicyChain),
          O_COMMENT_SRCTYPE,
        ),
      );
    }
    if (hasExternal) ext.push(mk({}, jump(externalPolicyChain), O_NONE));
  }

  // loadBalancerSourceRanges: KUBE-FW-…
  if (usesFWChain) {
    const fw = chain(fwChain);
    const comment = `${spn} loadbalancer IP`;
    let allowFromNode = false;
    for (const cidr of info.sourceRanges) {
      fw.push(mk({ comment, src: { cidr } }, jump(extChain), O_COMMENT_SRC));
      if (ctx.nodeIP && cidrContains(cidr, ctx.nodeIP)) allowFromNode = true;
    }
    // a node reaching its own LB VIP loops back with the VIP as source
    if (allowFromNode)
      for (const ip of info.lbVIPs) fw.push(mk({ comment, src: { cidr: host(ip) } }, jump(extChain), O_COMMENT_SRC));
    fw.push(
      mk({ comment: `other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL` }, { kind: 'NONE' }, O_COMMENT),
    );
  }

  if (usesClusterPolicyChain) writeServiceToEndpointRules(chain(clusterPolicyChain), info, cluster, ctx);
  if (usesLocalPolicyChain) writeServiceToEndpointRules(chain(localPolicyChain), info, local, ctx);

  // One KUBE-SEP-… per endpoint reachable from this node.
  const large = ctx.largeClusterMode;
  for (const ep of reachable) {
    const sep = servicePortEndpointChainName(spn, proto, ep.str);
    const rules = chain(sep);
    // hairpin: a pod reaching itself through the Service must be masqueraded
    rules.push(
      large
        ? mk({ src: { cidr: host(ep.ip) } }, toMasq, O_SRC)
        : mk({ comment: spn, src: { cidr: host(ep.ip) } }, toMasq, O_COMMENT_SRC),
    );
    const m: RuleMatch = large ? {} : { comment: spn };
    if (info.affinitySeconds) m.recent = { name: sep, mode: 'set' };
    m.proto = proto;
    const order = info.affinitySeconds ? (large ? O_DNAT_AFF_LARGE : O_DNAT_AFF) : large ? O_DNAT_LARGE : O_DNAT;
    rules.push({ ...mk(m, { kind: 'DNAT', to: ep.str }, order), about: { service: spn, endpoint: ep.str } });
  }

  // every rule of this port says which Service port it is for (the readers' field; comments are text)
  for (const list of [
    frag.natServices,
    frag.natNodePorts,
    frag.filterServices,
    frag.filterExternal,
    frag.filterNodePorts,
    frag.filterFirewall,
    ...frag.chainRules,
  ])
    for (const r of list) r.about ??= { service: spn };
  return frag;
}

/** KUBE-SVC-… / KUBE-SVL-…: affinity checks first, then one probabilistic jump per endpoint. */
function writeServiceToEndpointRules(
  rules: Rule[],
  info: ServicePortInfo,
  eps: EndpointInfo[],
  ctx: FragmentContext,
): void {
  const { spn, protocol } = info;
  const large = ctx.largeClusterMode;
  const seps = eps.map((ep) => servicePortEndpointChainName(spn, protocol, ep.str));
  if (info.affinitySeconds) {
    eps.forEach((ep, i) => {
      const recent = { name: seps[i], mode: 'rcheck' as const, seconds: info.affinitySeconds };
      rules.push(
        large
          ? mk({ recent }, jump(seps[i]), O_AFF_LARGE)
          : mk({ comment: `${spn} -> ${ep.str}`, recent }, jump(seps[i]), O_AFF),
      );
      rules[rules.length - 1].about = { service: spn, endpoint: ep.str };
    });
  }
  const n = eps.length;
  eps.forEach((ep, i) => {
    const m: RuleMatch = large ? {} : { comment: `${spn} -> ${ep.str}` };
    // rule i of n matches with probability 1/(n-i); the last always matches
    if (i < n - 1) m.probability = 1 / (n - i);
    const order = i < n - 1 ? (large ? O_LB_LARGE : O_LB) : large ? O_NONE : O_COMMENT;
    rules.push({ ...mk(m, jump(seps[i]), order), about: { service: spn, endpoint: ep.str } });
  });
}
