// conntrack entries as the kernel keeps them for NATed connections, and `conntrack -L` text.
// Timeouts are the kernel's defaults: TCP TIME_WAIT and SYN_SENT 120 s (net/netfilter/
// nf_conntrack_proto_tcp.c tcp_timeouts), CLOSE 10 s; UDP 30 s (nf_conntrack_proto_udp.c udp_timeouts:
// UDP_CT_UNREPLIED nf_conntrack_udp_timeout=30, UDP_CT_REPLIED nf_conntrack_udp_timeout_stream=120 only once
// a flow is still active 2 s after its first reply, nf_conntrack_udp_packet; one request and one answer
// stays at 30 s and is never ASSURED).
import type { ClusterState, ConntrackEntry } from '../model/state';
import type { Addr, Verdict } from './trace-types';

export const PROTO_NUM: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };
const S = 1000;

export function addConntrack(s: ClusterState, node: string, proto: string, orig: Addr, nat: Addr, at: number): number {
  s.counters.conn++;
  s.conntrack.push({
    id: s.counters.conn,
    node,
    proto: proto.toUpperCase() as 'TCP',
    orig: { src: orig.src, dst: orig.dst, sport: orig.sport, dport: orig.dport },
    // the reply comes from the DNATed endpoint back to the (possibly SNATed) source
    reply: { src: nat.dst, dst: nat.src, sport: nat.dport, dport: nat.sport },
    // what the first packet leaves: settled by settleConntrack once the trace knows whether anything answered
    state: proto === 'tcp' ? 'SYN_SENT' : 'UNREPLIED',
    createdAt: at,
    expiresAt: at + (proto === 'udp' ? 30 : 120) * S,
  });
  if (s.conntrack.length > 2000) s.conntrack.splice(0, s.conntrack.length - 2000);
  return s.counters.conn;
}

/**
 * The entries a trace created (ids above `after`) once its outcome is known: a delivered TCP connection
 * (curl's request, answer and close) ends in TIME_WAIT, a reset one in CLOSE; a UDP datagram that was
 * answered loses [UNREPLIED]; an unanswered one keeps its state.
 */
export function settleConntrack(s: ClusterState, after: number, verdict: Verdict, at: number): void {
  for (let i = s.conntrack.length - 1; i >= 0 && s.conntrack[i].id > after; i--) {
    const e = s.conntrack[i];
    if (e.proto === 'TCP') {
      if (verdict === 'delivered') e.state = 'CLOSE';
      else if (verdict === 'refused') {
        e.state = 'CLOSE';
        e.expiresAt = at + 10 * S;
      }
    } else if (verdict === 'delivered') e.state = 'ESTABLISHED';
  }
}

export function expireConntrack(s: ClusterState): void {
  if (s.conntrack.some((e) => e.expiresAt <= s.now)) s.conntrack = s.conntrack.filter((e) => e.expiresAt > s.now);
}

/** The entries `conntrack -L` shows on one node now, oldest first. */
export function liveConntrack(s: ClusterState, node: string): ConntrackEntry[] {
  return s.conntrack.filter((e) => e.node === node && e.expiresAt > s.now);
}

/** How conntrack names an entry's TCP state ("TIME_WAIT"), or '' for UDP. */
export function tcpState(e: ConntrackEntry): string {
  if (e.proto !== 'TCP') return '';
  if (e.state === 'CLOSE') return e.expiresAt - e.createdAt > 10 * S ? 'TIME_WAIT' : 'CLOSE';
  return e.state;
}

/**
 * One entry as libnetfilter_conntrack prints it (src/conntrack/snprintf_default.c): protocol name padded to
 * 8, number, seconds left (not for a DESTROY event), TCP state, the original tuple, [UNREPLIED] when no
 * reply was seen, the reply tuple, [ASSURED]; `mark=0 use=1` in a dump (an event carries neither).
 */
export function conntrackLine(s: ClusterState, e: ConntrackEntry, mode: 'dump' | 'destroy' = 'dump'): string {
  const p = e.proto.toLowerCase();
  const left = Math.max(0, Math.round((e.expiresAt - s.now) / S));
  const st = tcpState(e);
  const replied = e.state !== 'UNREPLIED' && e.state !== 'SYN_SENT';
  const assured = p === 'tcp' && replied && st === 'TIME_WAIT';
  const o = `src=${e.orig.src} dst=${e.orig.dst} sport=${e.orig.sport} dport=${e.orig.dport}`;
  const r = `src=${e.reply.src} dst=${e.reply.dst} sport=${e.reply.sport} dport=${e.reply.dport}`;
  const line = `${p.padEnd(8)} ${PROTO_NUM[p] ?? 0} `;
  // a DESTROY event carries neither timeout, nor status, nor protocol state (nf_conntrack_netlink.c
  // ctnetlink_conntrack_event dumps only the tuples and counters for IPCT_DESTROY)
  if (mode === 'destroy') return line + `${o} ${r}`;
  return entryText(line, left, st, o, r, replied, assured, mode === 'dump');
}

export function entryText(
  head: string,
  left: number,
  st: string,
  o: string,
  r: string,
  replied: boolean,
  assured: boolean,
  dump: boolean,
): string {
  return `${head}${left} ${st ? `${st} ` : ''}${o} ${replied ? '' : '[UNREPLIED] '}${r}${assured ? ' [ASSURED]' : ''}${dump ? ' mark=0 use=1' : ''}`;
}

/** `conntrack -L` lines for one node (libnetfilter_conntrack's default format). */
export function conntrackList(s: ClusterState, node: string): { lines: string[]; count: number } {
  const lines = liveConntrack(s, node).map((e) => conntrackLine(s, e));
  return { lines, count: lines.length };
}
