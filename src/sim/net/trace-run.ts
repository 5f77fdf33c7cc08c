// The bookkeeping a trace carries while it walks (the packet, hops, path) and the last step shared by
// new and established connections: delivery to a Pod.
import type { ClusterState } from '../model/state';
import type { Pod } from '../model/types';
import type { Addr, Place, Trace, TraceHop, Verdict } from './trace-types';
import type { Packet } from './eval';
import { cidrContains, hostInCidr, parseCidr, intToIp } from '../lib/ip';
import { listeningPorts } from '../kubelet/images';
import { nodeIP } from '../model/facts';

export interface Run {
  s: ClusterState;
  hops: TraceHop[];
  path: Place[];
  pkt: Packet;
  natNodes: { node: string; before: Addr; after: Addr }[];
  visited: number;
}

export const addr = (p: Packet): Addr => ({ src: p.src, sport: p.sport, dst: p.dst, dport: p.dport });
export const fmt = (ip: string, port: number) => `${ip}:${port}`;

export function visit(r: Run, place: Place) {
  if (r.path[r.path.length - 1] !== place) r.path.push(place);
}

export function hop(r: Run, h: Omit<TraceHop, 'before' | 'after'> & { before?: Addr; after?: Addr }) {
  const a = addr(r.pkt);
  r.hops.push({ before: h.before ?? a, after: h.after ?? a, ...h } as TraceHop);
  visit(r, h.place);
}

export function nodeOfPodIP(s: ClusterState, ip: string): string | undefined {
  for (const n of Object.values(s.objects.nodes))
    if (n.spec.podCIDR && cidrContains(n.spec.podCIDR, ip)) return n.metadata.name;
  return undefined;
}

/** cni0 holds .1 of the node's /24; flannel.1 holds .0 */
export function bridgeIP(s: ClusterState, node: string): string {
  return hostInCidr(s.objects.nodes[node]?.spec.podCIDR ?? '0.0.0.0/24', 1);
}
export function flannelIP(s: ClusterState, node: string): string {
  return intToIp(parseCidr(s.objects.nodes[node]?.spec.podCIDR ?? '0.0.0.0/24').base);
}

export function localAddrs(s: ClusterState, node: string): Set<string> {
  const n = s.objects.nodes[node];
  return new Set([n ? nodeIP(n) : '', bridgeIP(s, node), flannelIP(s, node), '127.0.0.1']);
}

export function podByIP(s: ClusterState, ip: string): Pod | undefined {
  for (const p of Object.values(s.objects.pods))
    if (!p.spec.hostNetwork && p.status.podIP === ip && s.runtime[p.metadata.uid]?.sandboxUp) return p;
  return undefined;
}

export const podPlace = (p: Pod): Place => `pod/${p.metadata.namespace}/${p.metadata.name}`;

export function finish(
  r: Run,
  from: Place,
  source: string,
  dest: string,
  verdict: Verdict,
  extra: Partial<Trace> = {},
): Trace {
  return {
    source,
    from,
    proto: r.pkt.proto,
    destination: dest,
    verdict,
    at: r.s.now,
    hops: r.hops,
    path: r.path,
    ...extra,
  };
}

export function deliver(r: Run, ctx: { from: Place; source: string; dest: string }): Trace {
  const s = r.s;
  const pod = podByIP(s, r.pkt.dst);
  const node = nodeOfPodIP(s, r.pkt.dst)!;
  if (!pod) {
    hop(r, {
      place: `node/${node}`,
      kind: 'timeout',
      note: `No Pod has ${r.pkt.dst} any more: its network namespace is gone, ARP gets no answer, and the client times out.`,
    });
    return finish(r, ctx.from, ctx.source, ctx.dest, 'timed-out', {
      reason: `no Pod has ${r.pkt.dst} (it was deleted)`,
    });
  }
  const rt = s.runtime[pod.metadata.uid];
  const listening = listeningPorts(pod).some((l) => l.port === r.pkt.dport && l.protocol.toLowerCase() === r.pkt.proto);
  if (!rt?.appUp || !listening) {
    const why = !rt?.appUp
      ? `${pod.metadata.name}'s container is not running (${pod.metadata.deletionTimestamp !== undefined ? 'the Pod is terminating' : 'it has not started yet'})`
      : `${pod.metadata.name} does not listen on ${r.pkt.proto.toUpperCase()} port ${r.pkt.dport}`;
    // A closed TCP port answers the SYN with a reset (net/ipv4/tcp_ipv4.c tcp_v4_send_reset); a closed UDP
    // port with ICMP port unreachable (net/ipv4/udp.c __udp4_lib_rcv: icmp_send ICMP_DEST_UNREACH, ICMP_PORT_UNREACH).
    hop(r, {
      place: podPlace(pod),
      kind: 'refuse',
      note:
        r.pkt.proto === 'udp'
          ? `${why}, so its kernel answers with ICMP port unreachable: the sender's socket gets "connection refused".`
          : `${why}, so its kernel answers with a TCP reset: connection refused.`,
    });
    return finish(r, ctx.from, ctx.source, ctx.dest, 'refused', { reason: why });
  }
  hop(r, {
    place: podPlace(pod),
    kind: 'deliver',
    note: `${pod.metadata.name} (${r.pkt.dst}) accepts the connection on port ${r.pkt.dport}. It sees the request coming from ${r.pkt.src}.`,
  });
  return finish(r, ctx.from, ctx.source, ctx.dest, 'delivered', {
    pod: `${pod.metadata.namespace}/${pod.metadata.name}`,
    endpoint: fmt(r.pkt.dst, r.pkt.dport),
    sourceSeen: r.pkt.src,
  });
}
