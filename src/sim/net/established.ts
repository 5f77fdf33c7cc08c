// The next packet of an established connection: conntrack already knows it, so no nat rule is read
// again; each node (and the load balancer) applies the translation it chose for the first packet.
// If that endpoint has died since, the connection breaks — only a new connection is balanced anew.
import type { ClusterState } from '../model/state';
import type { Trace } from './trace-types';
import { addr, deliver, finish, hop, nodeOfPodIP, type Run } from './trace-run';

export function traceEstablished(s: ClusterState, first: Trace): Trace {
  if (first.verdict !== 'delivered' || !first.conn)
    throw new Error('only a delivered connection can carry more packets');
  const start = first.hops[0].before;
  const r: Run = {
    s,
    hops: [],
    path: [],
    pkt: { proto: first.proto, src: start.src, sport: start.sport, dst: start.dst, dport: start.dport, mark: 0 },
    natNodes: [],
    visited: 0,
  };
  const from = first.from;
  hop(r, {
    place: from,
    kind: 'send',
    note: `The next packet of the same connection (source port ${start.sport}) to ${start.dst}:${start.dport}.`,
  });
  for (const n of first.conn.nat) {
    const place = n.node.startsWith('lb/') ? n.node : `node/${n.node}`;
    if (!n.node.startsWith('lb/') && !s.objects.nodes[n.node]) {
      hop(r, {
        place,
        kind: 'timeout',
        note: `${n.node} is gone, and with it the connection's conntrack entry: the client times out.`,
      });
      return finish(r, from, start.src, `${start.dst}:${start.dport}`, 'timed-out', { reason: `${n.node} is gone` });
    }
    const before = addr(r.pkt);
    r.pkt.src = n.after.src;
    r.pkt.sport = n.after.sport;
    r.pkt.dst = n.after.dst;
    r.pkt.dport = n.after.dport;
    hop(r, {
      place,
      kind: 'rule',
      before,
      after: addr(r.pkt),
      conntrack: `ESTABLISHED ${n.before.src}:${n.before.sport} → ${n.before.dst}:${n.before.dport}`,
      note: n.node.startsWith('lb/')
        ? `The load balancer keeps this connection on the node it chose for it: ${n.after.dst}:${n.after.dport}.`
        : `conntrack on ${n.node} recognises the connection (ESTABLISHED): it applies the translation chosen for the first packet, and kube-proxy's nat rules are not consulted again.`,
    });
  }
  const podNode = nodeOfPodIP(s, r.pkt.dst);
  if (podNode && r.path[r.path.length - 1] !== `node/${podNode}`)
    hop(r, { place: `node/${podNode}`, kind: 'route', note: `The packet is routed to ${r.pkt.dst} on ${podNode}.` });
  return deliver(r, { from, source: start.src, dest: `${start.dst}:${start.dport}` });
}
