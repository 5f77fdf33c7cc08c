// tracePacket: one new connection walked through the cluster's real data path. At every node the
// packet meets that node's compiled kube-proxy tables (nat PREROUTING/OUTPUT, filter, nat POSTROUTING);
// routing follows the Pod network (a /24 per node, flannel VXLAN between nodes) and the machines' LAN.
import type { ClusterState } from '../model/state';
import type { Service } from '../model/types';
import type { Addr, Place, Trace, TraceHop } from './trace-types';
import type { RuleStep } from './eval';
import { walk } from './eval';
import { cidrContains } from '../lib/ip';
import {
  addr,
  bridgeIP,
  deliver,
  finish,
  flannelIP,
  fmt,
  hop,
  localAddrs,
  nodeOfPodIP,
  podPlace,
  visit,
  type Run,
} from './trace-run';
import { randomInt } from '../time/rng';
import { listeningPorts } from '../kubelet/images';
import { addConntrack, expireConntrack } from './conntrack';
import { chainEndpoints, describeStep, endpointOf } from './explain';
import { nftTracer } from './nft-hooks';
import { nodeIP } from '../model/facts';
import { isNodeReady } from '../model/facts';
import { ruleComment } from './hop-text';
import { objKey } from '../model/meta';
import { nodePassesHealthCheck } from '../kubeproxy/healthcheck';

export { nodeOfPodIP, bridgeIP, flannelIP, localAddrs } from './trace-run';

export type Source =
  { kind: 'client' } | { kind: 'node'; name: string } | { kind: 'pod'; namespace: string; name: string };
export interface Target {
  ip: string;
  port: number;
  proto?: 'tcp' | 'udp' | 'sctp';
}

function recordSteps(r: Run, node: string, steps: RuleStep[]) {
  for (const st of steps) {
    const before = addr(r.pkt);
    const h: TraceHop = {
      place: `node/${node}`,
      kind: st.probability !== undefined ? 'random' : 'rule',
      before,
      after: before,
      table: st.table,
      chain: st.chain,
      rule: { mode: 'iptables', ...st.rule },
      line: st.index + 1,
      note: describeStep(r.s, node, st),
    };
    if (st.probability !== undefined) {
      h.probability = st.probability;
      h.taken = st.matched;
    }
    r.hops.push(h);
  }
  visit(r, `node/${node}`);
}

function lbServiceFor(
  s: ClusterState,
  ip: string,
  port: number,
  proto: string,
): { svc: Service; nodePort?: number } | undefined {
  for (const svc of Object.values(s.objects.services)) {
    if (svc.spec.type !== 'LoadBalancer') continue;
    if (!(svc.status.loadBalancer.ingress ?? []).some((i) => i.ip === ip)) continue;
    const p = (svc.spec.ports ?? []).find((x) => x.port === port && (x.protocol ?? 'TCP').toLowerCase() === proto);
    if (p) return { svc, nodePort: p.nodePort };
    return { svc };
  }
  return undefined;
}

/** Where a packet leaving `node` for `dst` goes next. */
type Next =
  | { kind: 'local' }
  | { kind: 'pod'; node: string }
  | { kind: 'node'; node: string }
  | { kind: 'lb'; ip: string }
  | { kind: 'external'; node: string }
  | { kind: 'nowhere' };
function route(s: ClusterState, dst: string, from: string): Next {
  if (localAddrs(s, from).has(dst)) return { kind: 'local' };
  if (cidrContains(s.settings.podSubnet, dst)) {
    const n = nodeOfPodIP(s, dst);
    return n ? { kind: 'pod', node: n } : { kind: 'nowhere' };
  }
  for (const n of Object.values(s.objects.nodes)) if (nodeIP(n) === dst) return { kind: 'node', node: n.metadata.name };
  for (const r of s.settings.externalRoutes)
    if (r.ip === dst && s.objects.nodes[r.node]) return { kind: 'external', node: r.node };
  for (const svc of Object.values(s.objects.services))
    if ((svc.status.loadBalancer.ingress ?? []).some((i) => i.ip === dst)) return { kind: 'lb', ip: dst };
  return { kind: 'nowhere' };
}

/**
 * Process the packet at `node`, having entered by `entry` (PREROUTING for a packet that arrived,
 * OUTPUT for one a local process sent). Returns the trace's end.
 */
function atNode(
  r: Run,
  node: string,
  entry: 'PREROUTING' | 'OUTPUT',
  ctx: { from: Place; source: string; dest: string },
): Trace {
  const s = r.s;
  if (++r.visited > 8) return finish(r, ctx.from, ctx.source, ctx.dest, 'timed-out', { reason: 'routing loop' });
  const tables = s.proxies[node]?.tables;
  const local = localAddrs(s, node);
  const ectx = { state: s, node, local, ctstate: 'NEW' as const };
  const before = addr(r.pkt);
  const nftT = nftTracer();
  const nft = nftT ? s.proxies[node]?.nft : undefined;
  const nftEnd = nft ? nftT!.nftPre(r, node, nft, entry, ectx) : null;
  if (nftEnd) return finish(r, ctx.from, ctx.source, ctx.dest, nftEnd.verdict, { reason: nftEnd.reason });
  if (nft) {
    /* nftables mode: nftPre walked the filter-*-pre-dnat and nat-* base chains */
  } else if (tables) {
    const nat = walk(tables.nat, entry, r.pkt, ectx);
    recordSteps(r, node, nat.steps);
    if (nat.verdict === 'DNAT' && nat.dnat) {
      r.pkt.dst = nat.dnat.ip;
      r.pkt.dport = nat.dnat.port;
      const last = r.hops[r.hops.length - 1];
      last.after = addr(r.pkt);
      last.note += ` The destination becomes ${fmt(r.pkt.dst, r.pkt.dport)}.`;
    }
  } else {
    hop(r, { place: `node/${node}`, kind: 'rule', note: `kube-proxy on ${node} has not written any rules yet.` });
  }
  const next = route(s, r.pkt.dst, node);
  // filter table: INPUT for the node itself, FORWARD for a packet passing through, OUTPUT for a local sender
  const filterChain = entry === 'OUTPUT' ? 'OUTPUT' : next.kind === 'local' ? 'INPUT' : 'FORWARD';
  const nftFiltered = nft ? nftT!.nftFilter(r, node, nft, filterChain, ectx) : null;
  if (nftFiltered)
    return finish(r, ctx.from, ctx.source, ctx.dest, nftFiltered.verdict, { reason: nftFiltered.reason });
  if (tables && !nft) {
    const f = walk(tables.filter, filterChain, r.pkt, ectx);
    const decisive = f.verdict === 'REJECT' || f.verdict === 'DROP';
    if (decisive) {
      recordSteps(r, node, f.steps);
      const last = r.hops[r.hops.length - 1];
      if (f.verdict === 'REJECT') {
        last.kind = 'refuse';
        return finish(r, ctx.from, ctx.source, ctx.dest, 'refused', {
          reason: `rejected by kube-proxy's rule on ${node}: ${ruleComment(last) ?? 'no endpoints'} (ICMP port unreachable)`,
        });
      }
      last.kind = 'drop';
      return finish(r, ctx.from, ctx.source, ctx.dest, 'dropped', {
        reason: `dropped by kube-proxy's rule on ${node}: ${ruleComment(last) ?? ''}; the client waits until it times out`,
      });
    }
  }
  // nat POSTROUTING: KUBE-POSTROUTING masquerades packets marked 0x4000
  if (tables && next.kind !== 'local') {
    const egress =
      next.kind === 'pod'
        ? next.node === node
          ? bridgeIP(s, node)
          : flannelIP(s, node)
        : nodeIP(s.objects.nodes[node]);
    if (nft) nftT!.nftPost(r, node, nft, egress, ectx);
    const post = nft ? { verdict: 'continue', steps: [] } : walk(tables.nat, 'POSTROUTING', r.pkt, ectx);
    if (post.verdict === 'MASQUERADE') {
      recordSteps(
        r,
        node,
        post.steps.filter((x) => x.matched),
      );
      const last = r.hops[r.hops.length - 1];
      const was = addr(r.pkt);
      r.pkt.src = egress;
      // --random-fully: the kernel also picks a fresh source port for the masqueraded connection
      const masq = post.steps.filter((x) => x.matched).at(-1)?.rule.target;
      if (masq?.kind === 'MASQUERADE' && masq.randomFully) r.pkt.sport = randomInt(s, 32768, 60999);
      last.before = was;
      last.after = addr(r.pkt);
      last.note = `kube-proxy marked this packet for SNAT (mark 0x4000), so ${node} masquerades it: the source becomes ${egress}, the address of the interface it leaves by. The Pod will see ${egress}, not the real client.`;
    }
    r.pkt.mark = 0;
  }
  if (before.dst !== r.pkt.dst || before.src !== r.pkt.src) {
    r.natNodes.push({ node, before, after: addr(r.pkt) });
    addConntrack(s, node, r.pkt.proto, before, addr(r.pkt), s.now);
  }
  switch (next.kind) {
    case 'local': {
      const open = localListening(s, node, r.pkt.dst).has(r.pkt.dport);
      hop(r, {
        place: `node/${node}`,
        kind: open ? 'deliver' : 'refuse',
        note: open
          ? `${node} itself answers on port ${r.pkt.dport}.`
          : `Nothing on ${node} listens on port ${r.pkt.dport}, and no kube-proxy rule claimed it, so the kernel answers with a TCP reset.`,
      });
      return finish(
        r,
        ctx.from,
        ctx.source,
        ctx.dest,
        open ? 'delivered' : 'refused',
        open
          ? { endpoint: fmt(r.pkt.dst, r.pkt.dport), sourceSeen: r.pkt.src }
          : { reason: `connection refused by ${node}: nothing listens on port ${r.pkt.dport}` },
      );
    }
    case 'pod': {
      if (next.node !== node) {
        hop(r, {
          place: `node/${node}`,
          kind: 'route',
          note: `${r.pkt.dst} is in ${next.node}'s Pod subnet ${s.objects.nodes[next.node].spec.podCIDR}: flannel wraps the packet in VXLAN and sends it to ${nodeIP(s.objects.nodes[next.node])}.`,
        });
        hop(r, {
          place: `node/${next.node}`,
          kind: 'wire',
          note: `${next.node} unwraps the packet. Its destination is a Pod IP, not a Service address, so its kube-proxy rules do not change it.`,
        });
      } else {
        hop(r, {
          place: `node/${node}`,
          kind: 'route',
          note: `${r.pkt.dst} is a Pod on this node: the packet goes over the cni0 bridge to the Pod's veth.`,
        });
      }
      return deliver(r, ctx);
    }
    case 'node': {
      hop(r, {
        place: `node/${node}`,
        kind: 'route',
        note: `${r.pkt.dst} is ${next.node}'s address on the machines' network: the packet goes there.`,
      });
      return atNode(r, next.node, 'PREROUTING', ctx);
    }
    case 'external': {
      hop(r, { place: `node/${node}`, kind: 'route', note: `The administrator routes ${r.pkt.dst} to ${next.node}.` });
      return atNode(r, next.node, 'PREROUTING', ctx);
    }
    case 'lb':
      return viaLoadBalancer(r, next.ip, ctx);
    default: {
      const isSvc = cidrContains(s.settings.serviceSubnet, r.pkt.dst);
      hop(r, {
        place: `node/${node}`,
        kind: 'timeout',
        note: isSvc
          ? `No rule on ${node} matches ${fmt(r.pkt.dst, r.pkt.dport)}: no Service owns it (or this node's kube-proxy has not synced it yet). A ClusterIP is virtual: nothing answers it, and the client times out.`
          : cidrContains(s.settings.podSubnet, r.pkt.dst)
            ? `No node's Pod subnet holds ${r.pkt.dst}: the packet is lost and the client times out.`
            : `No route inside the cluster leads to ${r.pkt.dst}; it leaves by the default gateway and nothing answers.`,
      });
      return finish(r, ctx.from, ctx.source, ctx.dest, 'timed-out', {
        reason: `nothing answers ${fmt(r.pkt.dst, r.pkt.dport)}`,
      });
    }
  }
}

function localListening(s: ClusterState, node: string, dst: string): Set<number> {
  const ports = new Set<number>([22, 10250, 10256]);
  const n = s.objects.nodes[node];
  // kube-proxy's service health checks: on every address (:::port) unless --nodeport-addresses narrows
  // them, as nftables mode's default "primary" does (service_health.go newServiceHealthServer)
  const onlyNodeIP = (s.settings.kubeProxy.mode ?? 'iptables') === 'nftables';
  if (!onlyNodeIP || (n && dst === nodeIP(n)))
    for (const hc of Object.values(s.proxies[node]?.health ?? {})) ports.add(hc.port);
  if (n?.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) {
    ports.add(6443);
    ports.add(2379);
  }
  for (const p of Object.values(s.objects.pods))
    if (p.spec.hostNetwork && p.spec.nodeName === node && s.runtime[p.metadata.uid]?.appUp)
      for (const l of listeningPorts(p)) ports.add(l.port);
  return ports;
}

/** The cloud load balancer forwards to a healthy node's NodePort, keeping the client's source address. */
function viaLoadBalancer(r: Run, ip: string, ctx: { from: Place; source: string; dest: string }): Trace {
  const s = r.s;
  const place = `lb/${ip}`;
  const found = lbServiceFor(s, ip, r.pkt.dport, r.pkt.proto);
  if (!found) {
    hop(r, { place, kind: 'refuse', note: `The load balancer ${ip} has no listener on port ${r.pkt.dport}.` });
    return finish(r, ctx.from, ctx.source, ctx.dest, 'refused', {
      reason: `load balancer ${ip} has no listener on port ${r.pkt.dport}`,
    });
  }
  const { svc, nodePort } = found;
  const local = svc.spec.externalTrafficPolicy === 'Local';
  const candidates = Object.values(s.objects.nodes)
    .filter(
      (n) =>
        isNodeReady(n) && n.metadata.labels?.['node.kubernetes.io/exclude-from-external-load-balancers'] === undefined,
    )
    .filter((n) => nodePassesHealthCheck(s, n.metadata.name, objKey(svc), local))
    .map((n) => n.metadata.name)
    .sort();
  if (!candidates.length) {
    hop(r, {
      place,
      kind: 'drop',
      note: local
        ? `Every node's health check (port ${svc.spec.healthCheckNodePort}) says it has no local endpoint for ${svc.metadata.name}, so the load balancer has no healthy backend.`
        : `No node's kube-proxy answers 200 on /healthz (port 10256): the load balancer has no healthy node to send to.`,
    });
    return finish(r, ctx.from, ctx.source, ctx.dest, 'timed-out', {
      reason: 'the load balancer has no healthy backend',
    });
  }
  const chosen = candidates[randomInt(s, 0, candidates.length - 1)];
  const n = s.objects.nodes[chosen];
  const was = addr(r.pkt);
  if (nodePort) {
    r.pkt.dst = nodeIP(n);
    r.pkt.dport = nodePort;
  }
  r.natNodes.push({ node: place, before: was, after: addr(r.pkt) });
  r.hops.push({
    place,
    kind: 'balance',
    before: was,
    after: addr(r.pkt),
    choice: { endpoints: candidates, chosen, probability: 1 / candidates.length },
    note: `The cloud load balancer for ${svc.metadata.namespace}/${svc.metadata.name} picks ${chosen} of ${candidates.length} healthy node${candidates.length > 1 ? 's' : ''}${local ? ` (externalTrafficPolicy Local: only nodes whose kube-proxy answers 200 on the health check port ${svc.spec.healthCheckNodePort}, i.e. that have a local ready endpoint)` : ' (nodes whose kube-proxy answers 200 on /healthz, port 10256)'} and forwards to ${nodePort ? `its NodePort ${fmt(r.pkt.dst, r.pkt.dport)}` : `it with the destination ${ip} unchanged`}, keeping the client's source address.`,
  });
  visit(r, place);
  return atNode(r, chosen, 'PREROUTING', ctx);
}

/** Trace one new connection from `from` to `to`. Mutates s: the random generator, conntrack, recent lists. */
export function tracePacket(s: ClusterState, from: Source, to: Target): Trace {
  expireConntrack(s);
  const r: Run = {
    s,
    hops: [],
    path: [],
    pkt: { proto: to.proto ?? 'tcp', src: '', sport: randomInt(s, 32768, 60999), dst: to.ip, dport: to.port, mark: 0 },
    natNodes: [],
    visited: 0,
  };
  const t = start(r, from, to);
  annotateChoices(r);
  if (t.verdict === 'delivered') {
    addReply(r, t);
    t.conn = { nat: r.natNodes.map((n) => ({ node: n.node, before: { ...n.before }, after: { ...n.after } })) };
  }
  t.connId = s.counters.conn;
  return t;
}

/** Mark the KUBE-SVC rule that chose the endpoint with the whole choice (candidates and winner). */
function annotateChoices(r: Run) {
  for (const h of r.hops) {
    const t = h.rule?.mode === 'iptables' ? h.rule.target : undefined;
    if (
      h.rule?.mode !== 'iptables' ||
      !h.chain ||
      !(h.chain.startsWith('KUBE-SVC-') || h.chain.startsWith('KUBE-SVL-')) ||
      t?.kind !== 'jump' ||
      !t.chain.startsWith('KUBE-SEP-')
    )
      continue;
    if (h.kind === 'random' && !h.taken) continue;
    const node = h.place.slice('node/'.length);
    const all = chainEndpoints(r.s, node, h.chain);
    const chosen = endpointOf(h.rule) ?? '';
    h.choice = { endpoints: all, chosen, probability: all.length ? 1 / all.length : 1 };
  }
}

/** The response retraces the path; conntrack undoes each NAT on the way back. */
function addReply(r: Run, t: Trace) {
  const last = r.hops[r.hops.length - 1];
  const at = last.after;
  const back: Addr = { src: at.dst, sport: at.dport, dst: at.src, dport: at.sport };
  r.hops.push({
    place: last.place,
    kind: 'reply',
    before: back,
    after: back,
    note: `The Pod answers ${back.dst}:${back.dport}.`,
  });
  let cur = back;
  for (const n of [...r.natNodes].reverse()) {
    const next: Addr = { src: n.before.dst, sport: n.before.dport, dst: n.before.src, dport: n.before.sport };
    r.hops.push({
      place: n.node.startsWith('lb/') ? n.node : `node/${n.node}`,
      kind: 'reply',
      before: cur,
      after: next,
      conntrack: `${n.node}: ${n.before.src}:${n.before.sport} → ${n.before.dst}:${n.before.dport} was translated to ${n.after.src}:${n.after.sport} → ${n.after.dst}:${n.after.dport}`,
      note: `conntrack on ${n.node} recognises the reply and reverses the translation: it now comes from ${next.src}:${next.sport} and goes to ${next.dst}:${next.dport}.`,
    });
    cur = next;
  }
  const src = r.path[0];
  r.hops.push({
    place: src,
    kind: 'reply',
    before: cur,
    after: cur,
    note: `The reply reaches the sender from ${cur.src}:${cur.sport}, the address it connected to${t.from === 'client' ? '' : ''}.`,
  });
}

function start(r: Run, from: Source, to: Target): Trace {
  const s = r.s;
  const proto = r.pkt.proto;
  const dest = fmt(to.ip, to.port);
  if (from.kind === 'client') {
    const c = s.settings.client;
    r.pkt.src = c.ip;
    const place = 'client';
    hop(r, {
      place,
      kind: 'send',
      note: `The external client ${c.ip} opens a ${proto.toUpperCase()} connection to ${dest}.`,
    });
    const next = route(s, to.ip, '');
    const ctx = { from: place, source: c.ip, dest };
    if (next.kind === 'node') {
      hop(r, {
        place,
        kind: 'route',
        note: `${to.ip} is ${next.node}'s address: the client's network delivers the packet to it.`,
      });
      return atNode(r, next.node, 'PREROUTING', ctx);
    }
    if (next.kind === 'external') {
      hop(r, {
        place,
        kind: 'route',
        note: `The administrator's route sends ${to.ip} to ${next.node}: ExternalIPs are not managed by Kubernetes.`,
      });
      return atNode(r, next.node, 'PREROUTING', ctx);
    }
    if (next.kind === 'lb') return viaLoadBalancer(r, to.ip, ctx);
    const why = cidrContains(s.settings.serviceSubnet, to.ip)
      ? `${to.ip} is in the Service subnet ${s.settings.serviceSubnet}: a ClusterIP exists only in the kube-proxy rules of the cluster's nodes, and no router outside the cluster knows it.`
      : cidrContains(s.settings.podSubnet, to.ip)
        ? `${to.ip} is in the Pod network ${s.settings.podSubnet}, which is not routed outside the cluster.`
        : `No route leads from the client to ${to.ip}.`;
    hop(r, { place, kind: 'no-route', note: why });
    return finish(r, place, c.ip, dest, 'no-route', { reason: why });
  }
  if (from.kind === 'node') {
    const n = s.objects.nodes[from.name];
    if (!n) throw new Error(`no node ${from.name}`);
    const place = `node/${from.name}`;
    const next = route(s, to.ip, from.name);
    // the kernel takes the source address from the route: lo's 127.0.0.1 for a loopback destination
    r.pkt.src = to.ip.startsWith('127.')
      ? '127.0.0.1'
      : next.kind === 'pod'
        ? next.node === from.name
          ? bridgeIP(s, from.name)
          : flannelIP(s, from.name)
        : nodeIP(n);
    hop(r, {
      place,
      kind: 'send',
      note: `A process on ${from.name} opens a ${proto.toUpperCase()} connection to ${dest}; locally sent packets pass the nat OUTPUT chain.`,
    });
    return atNode(r, from.name, 'OUTPUT', { from: place, source: r.pkt.src, dest });
  }
  const pod = s.objects.pods[`${from.namespace}/${from.name}`];
  if (!pod || !pod.status.podIP || !s.runtime[pod.metadata.uid]?.sandboxUp)
    throw new Error(`pod ${from.namespace}/${from.name} is not running`);
  const place = podPlace(pod);
  r.pkt.src = pod.status.podIP;
  hop(r, {
    place,
    kind: 'send',
    note: `${pod.metadata.name} (${pod.status.podIP}) opens a ${proto.toUpperCase()} connection to ${dest}. The packet leaves the Pod by its veth into ${pod.spec.nodeName}.`,
  });
  if (pod.spec.hostNetwork) return atNode(r, pod.spec.nodeName!, 'OUTPUT', { from: place, source: r.pkt.src, dest });
  if (to.ip === pod.status.podIP) return deliver(r, { from: place, source: r.pkt.src, dest });
  return atNode(r, pod.spec.nodeName!, 'PREROUTING', { from: place, source: r.pkt.src, dest });
}
