// One or two plain sentences for each rule a packet matched, saying why it moved as it did.
import type { ClusterState } from '../model/state';
import type { Rule } from '../model/iptables';
import type { RuleStep } from './eval';

/** The endpoint ("ip:port") a KUBE-SVC/KUBE-SVL rule sends to (its comment says "ns/svc:port -> ip:port"). */
export function endpointOf(r: Rule): string | undefined {
  return r.about?.endpoint;
}

/** The endpoints a KUBE-SVC/KUBE-SVL chain spreads over. */
export function chainEndpoints(s: ClusterState, node: string, chain: string): string[] {
  const rules = s.proxies[node]?.tables.nat.rules[chain] ?? [];
  const out: string[] = [];
  for (const r of rules)
    if (r.target.kind === 'jump' && r.target.chain.startsWith('KUBE-SEP-') && !r.match.recent)
      out.push(endpointOf(r) ?? r.target.chain);
  return out;
}

export function describeStep(s: ClusterState, node: string, st: RuleStep): string {
  const m = st.rule.match;
  const t = st.rule.target;
  const c = m.comment ?? '';
  const name = st.rule.about?.service ?? '';
  if (st.chain === 'PREROUTING' || st.chain === 'OUTPUT') {
    if (t.kind === 'jump' && t.chain === 'KUBE-SERVICES')
      return `Every new connection through ${node} (nat ${st.chain}) is checked against kube-proxy's KUBE-SERVICES chain.`;
    if (t.kind === 'jump') return `nat ${st.chain} hands the packet to ${t.chain}.`;
  }
  if (st.chain === 'POSTROUTING' && t.kind === 'jump') return `nat POSTROUTING hands the packet to ${t.chain}.`;
  if (t.kind === 'jump' && t.chain === 'KUBE-NODEPORTS')
    return `The destination is one of ${node}'s own addresses, so kube-proxy's NodePort rules (KUBE-NODEPORTS) are checked.`;
  if (t.kind === 'jump' && t.chain === 'KUBE-MARK-MASQ') {
    if (st.chain.startsWith('KUBE-SEP-'))
      return `The Pod is reaching itself through its own Service (hairpin): the packet is marked for masquerading so the reply comes back through ${node}.`;
    if (c.startsWith('masquerade traffic for'))
      return `The packet came from outside the cluster to ${name} (externalTrafficPolicy: Cluster): it is marked for masquerading, so the reply returns through this node.`;
    if (c.startsWith('masquerade LOCAL'))
      return `The packet was sent by ${node} itself: it is marked for masquerading.`;
    if (c.endsWith('cluster IP'))
      return `The source is not a Pod (it is outside ${s.settings.podSubnet}): the packet is marked 0x4000 so it is masqueraded on the way out.`;
    return `The packet is marked for masquerading (mark 0x4000).`;
  }
  if (st.chain === 'KUBE-MARK-MASQ')
    return `KUBE-MARK-MASQ sets mark 0x4000 on the packet; KUBE-POSTROUTING will masquerade it.`;
  if (st.chain === 'KUBE-POSTROUTING' && t.kind === 'RETURN')
    return `The packet has no 0x4000 mark: no SNAT, the source address is kept.`;
  if (st.chain === 'KUBE-POSTROUTING' && t.kind === 'MARK') return `The 0x4000 mark is cleared before masquerading.`;
  if (t.kind === 'MASQUERADE') return `KUBE-POSTROUTING masquerades the marked packet.`;
  if (t.kind === 'jump' && st.chain === 'KUBE-SERVICES') {
    if (c.endsWith('cluster IP'))
      return `${m.dst?.cidr.replace('/32', '')}:${m.dport} is the ClusterIP and port of ${name}: jump to its chain ${t.chain}.`;
    if (c.endsWith('external IP'))
      return `${m.dst?.cidr.replace('/32', '')}:${m.dport} is an external IP of ${name}: jump to ${t.chain}.`;
    if (c.endsWith('loadbalancer IP'))
      return `${m.dst?.cidr.replace('/32', '')}:${m.dport} is the load-balancer IP of ${name}: the packet is handled here without leaving the node.`;
  }
  if (t.kind === 'jump' && st.chain === 'KUBE-NODEPORTS')
    return `Port ${m.dport} is the NodePort of ${name}: jump to ${t.chain}.`;
  if (t.kind === 'jump' && st.chain.startsWith('KUBE-EXT-')) {
    if (t.chain.startsWith('KUBE-SVL-'))
      return `externalTrafficPolicy is Local: only endpoints on ${node} (chain ${t.chain}) may take this connection, and the client's address is kept.`;
    if (c.startsWith('pod traffic')) return `The packet comes from a Pod, so it may use every endpoint of ${name}.`;
    if (c.startsWith('route LOCAL')) return `The packet was sent by ${node} itself, so it may use every endpoint.`;
    return `Continue to the Service's endpoint chain ${t.chain}.`;
  }
  if (
    t.kind === 'jump' &&
    (st.chain.startsWith('KUBE-SVC-') || st.chain.startsWith('KUBE-SVL-')) &&
    t.chain.startsWith('KUBE-SEP-')
  ) {
    const ep = endpointOf(st.rule) ?? t.chain;
    const all = chainEndpoints(s, node, st.chain);
    if (m.recent)
      return `Session affinity (ClientIP): this client was sent to ${ep} within the last ${m.recent.seconds}s, so it goes there again.`;
    if (st.probability !== undefined && !st.matched)
      return `Random draw ${st.draw?.toFixed(3)} ≥ ${st.probability.toFixed(3)}: this rule (${ep}) passes; the next one is tried.`;
    if (st.probability !== undefined)
      return `kube-proxy on ${node} sends 1 in ${all.length} new connections for ${name} to ${ep}: this rule matches with probability ${st.probability.toFixed(4)} and the draw (${st.draw?.toFixed(3)}) took it.`;
    return all.length > 1
      ? `The earlier rules passed, so the last one takes the connection: ${ep} (1 in ${all.length} overall).`
      : `${name} has one endpoint: ${ep}.`;
  }
  if (t.kind === 'DNAT')
    return `DNAT: the destination is rewritten to the endpoint ${t.to}${m.recent?.mode === 'set' ? ', and this client is remembered for session affinity' : ''}. conntrack remembers it so the reply can be translated back.`;
  if (t.kind === 'REJECT')
    return `${name} has no endpoints: kube-proxy's filter rule rejects the connection (ICMP port unreachable).`;
  if (t.kind === 'DROP')
    return c.includes('no local endpoints')
      ? `${name} has no endpoints on ${node} and its traffic policy is Local: kube-proxy drops the packet.`
      : `The packet is dropped${c ? ` (${c})` : ''}.`;
  if (t.kind === 'ACCEPT') return `Accepted by ${st.chain}${c ? ` (${c})` : ''}.`;
  if (t.kind === 'jump') return `Jump to ${t.chain}.`;
  return `Matched in ${st.chain}.`;
}
