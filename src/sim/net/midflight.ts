// A packet on its way meets the cluster as it is when it gets somewhere. tracePacket decides a whole
// connection at the instant it opens; an animated packet takes seconds to travel, and the learner may
// kill a Pod, change a Service or let kube-proxy resync meanwhile. meetCluster answers what happens to
// the packet that is about to play hops[next] now:
// - not yet at the first node's netfilter hooks: nothing has translated it, so if that node's
//   kube-proxy has rewritten its rules since the connection opened, the packet meets the new rules
//   (the connection is traced again from its sender);
// - already translated (DNAT done, conntrack holds the mapping): stale rules no longer matter, the
//   packet goes to the endpoint it was given; when it reaches that Pod, the Pod must still be there.
//   A Pod that is gone has no network namespace (ARP gets no answer: the client times out); a Pod that
//   is terminating has its container stopped (connection refused). Never a delivery to a dead Pod.
import type { ClusterState } from '../model/state';
import type { Place, Trace } from './trace-types';
import { deliver, visit, type Run } from './trace-run';
import { tracePacket, type Source } from './trace';
import { hopRuleText } from './hop-text';

function sourceOfPlace(s: ClusterState, from: Place): Source | null {
  if (from === 'client') return { kind: 'client' };
  const [kind, a, b] = from.split('/');
  if (kind === 'node') return s.objects.nodes[a] ? { kind: 'node', name: a } : null;
  if (kind === 'pod') {
    const pod = s.objects.pods[`${a}/${b}`];
    if (!pod?.status.podIP || !s.runtime[pod.metadata.uid]?.sandboxUp) return null;
    return { kind: 'pod', namespace: a, name: b };
  }
  return null;
}

/** The index of the first hop evaluated by a node's tables (before it, nothing has translated the packet). */
function firstRuleHop(t: Trace): number {
  return t.hops.findIndex((h) => h.place.startsWith('node/') && (h.kind === 'rule' || h.kind === 'random'));
}

/**
 * Whether meetCluster may change the packet about to play hops[next], without touching the cluster:
 * callers holding a frozen state ask this first and trace again only when it says so.
 */
export function mayMeetChange(s: ClusterState, t: Trace, next: number): boolean {
  if (next <= 0 || next >= t.hops.length) return false;
  const h = t.hops[next];
  if (h.kind === 'reply') return false;
  if (next === firstRuleHop(t)) {
    const synced = s.proxies[h.place.slice('node/'.length)]?.lastSyncAt;
    return synced !== null && synced !== undefined && synced > t.at && sourceOfPlace(s, t.from) !== null;
  }
  // delivery only reads the cluster
  return h.kind === 'deliver' && h.place.startsWith('pod/') && meetCluster(s, t, next) !== null;
}

/**
 * What happens to the packet of trace `t` that is about to play `t.hops[next]`, given the cluster now.
 * Returns a new trace whose hops before `next` are the ones already played (so an animation carries on
 * from where it is), or null when the cluster changed nothing for this packet. Mutates `s` as sending
 * does when the connection has to be traced again (generator, conntrack); otherwise reads only.
 */
export function meetCluster(s: ClusterState, t: Trace, next: number): Trace | null {
  if (next <= 0 || next >= t.hops.length) return null;
  const h = t.hops[next];
  // the reply is conntrack's business: the connection was accepted
  if (h.kind === 'reply') return null;

  if (next === firstRuleHop(t)) {
    const node = h.place.slice('node/'.length);
    const synced = s.proxies[node]?.lastSyncAt;
    if (synced === null || synced === undefined || synced <= t.at) return null;
    const src = sourceOfPlace(s, t.from);
    if (!src) return null;
    const dst = t.destination;
    const i = dst.lastIndexOf(':');
    const again = tracePacket(s, src, { ip: dst.slice(0, i), port: Number(dst.slice(i + 1)), proto: t.proto });
    const same =
      again.verdict === t.verdict &&
      again.pod === t.pod &&
      again.hops.length === t.hops.length &&
      again.hops.every((x, k) => x.place === t.hops[k].place && hopRuleText(x) === hopRuleText(t.hops[k]));
    if (same) return null;
    // the part already played stays as it was (the sender's hop); the rest is what the rules say now
    return { ...again, hops: [...t.hops.slice(0, next), ...again.hops.slice(next)] };
  }

  if (h.kind === 'deliver' && h.place.startsWith('pod/')) {
    const hops = t.hops.slice(0, next);
    const r: Run = { s, hops, path: [], pkt: { proto: t.proto, ...h.before, mark: 0 }, natNodes: [], visited: 0 };
    for (const x of hops) visit(r, x.place);
    const now = deliver(r, { from: t.from, source: t.source, dest: t.destination });
    if (now.verdict === 'delivered' && now.pod === t.pod) return null;
    // gone (timed out), terminating (refused), or a new Pod that took over the address meanwhile
    return { ...now, at: t.at, connId: t.connId };
  }
  return null;
}
