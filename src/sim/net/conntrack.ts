// conntrack entries as the kernel keeps them for NATed connections, and `conntrack -L` text.
import type { ClusterState } from '../model/state';
import type { Addr } from './trace-types';

const PROTO_NUM: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };
/** A curl connection is closed by the time we list it: TIME_WAIT for 120 s. */
const TIME_WAIT_S = 120;

export function addConntrack(s: ClusterState, node: string, proto: string, orig: Addr, nat: Addr, at: number): number {
  s.counters.conn++;
  s.conntrack.push({
    id: s.counters.conn,
    node,
    proto: proto.toUpperCase() as 'TCP',
    orig: { src: orig.src, dst: orig.dst, sport: orig.sport, dport: orig.dport },
    // the reply comes from the DNATed endpoint back to the (possibly SNATed) source
    reply: { src: nat.dst, dst: nat.src, sport: nat.dport, dport: nat.sport },
    state: proto === 'tcp' ? 'CLOSE' : 'UNREPLIED',
    createdAt: at,
    expiresAt: at + TIME_WAIT_S * 1000,
  });
  if (s.conntrack.length > 2000) s.conntrack.splice(0, s.conntrack.length - 2000);
  return s.counters.conn;
}

export function expireConntrack(s: ClusterState): void {
  if (s.conntrack.some((e) => e.expiresAt <= s.now)) s.conntrack = s.conntrack.filter((e) => e.expiresAt > s.now);
}

/** `conntrack -L` lines for one node (libnetfilter_conntrack's default format). */
export function conntrackList(s: ClusterState, node: string): { lines: string[]; count: number } {
  const lines: string[] = [];
  for (const e of s.conntrack) {
    if (e.node !== node || e.expiresAt <= s.now) continue;
    const p = e.proto.toLowerCase();
    const left = Math.max(0, Math.round((e.expiresAt - s.now) / 1000));
    const st = p === 'tcp' ? 'TIME_WAIT ' : '';
    const o = `src=${e.orig.src} dst=${e.orig.dst} sport=${e.orig.sport} dport=${e.orig.dport}`;
    const r = `src=${e.reply.src} dst=${e.reply.dst} sport=${e.reply.sport} dport=${e.reply.dport}`;
    lines.push(
      `${p.padEnd(8)} ${PROTO_NUM[p] ?? 0} ${left} ${st}${o} ${r} ${p === 'tcp' ? '[ASSURED] ' : ''}mark=0 use=1`,
    );
  }
  return { lines, count: lines.length };
}
