// conntrack on a node: the connections whose addresses this node translated (DNAT to an endpoint,
// masquerade), as conntrack-tools 1.4.8 and libnetfilter_conntrack print them.
// conntrack-tools src/conntrack.c: -L/-C/-D/-F/-E, the tuple filters (-p, -s/-d, -r/-q, and once -p names
// the protocol its --sport/--dport and --reply-port-src/--reply-port-dst), and the closing messages
// ("%d flow entries have been shown.", "... deleted.", "connection tracking table has been emptied.").
import type { ClusterState, ConntrackEntry } from '../../model/state';
import type { Command, ConntrackFilter, WatchSpec } from '../types';
import { Out, fail } from '../output';
import { PROTO_NUM, conntrackLine, entryText, liveConntrack, tcpState } from '../../net/conntrack';

/** TCP timeouts per state (nf_conntrack_proto_tcp.c tcp_timeouts), seconds. */
const TCP_TIMEOUT: Record<string, number> = {
  SYN_SENT: 120,
  SYN_RECV: 60,
  ESTABLISHED: 432000,
  FIN_WAIT: 120,
  CLOSE_WAIT: 60,
  LAST_ACK: 30,
  TIME_WAIT: 120,
  CLOSE: 10,
};

/**
 * The events `conntrack -E` prints for an entry it sees appear (libnetfilter_conntrack
 * __snprintf_msg_type "%9s ": "    [NEW] ", " [UPDATE] "): each state change the connection went through
 * by now. A delivered curl connection: the handshake (SYN_SENT, SYN_RECV, ESTABLISHED, which sets
 * ASSURED), then the client closes first (FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT).
 */
function conntrackBirthEvents(e: ConntrackEntry): string[] {
  const p = e.proto.toLowerCase();
  const head = `${p.padEnd(8)} ${PROTO_NUM[p] ?? 0} `;
  const o = `src=${e.orig.src} dst=${e.orig.dst} sport=${e.orig.sport} dport=${e.orig.dport}`;
  const r = `src=${e.reply.src} dst=${e.reply.dst} sport=${e.reply.sport} dport=${e.reply.dport}`;
  const ev = (kind: 'NEW' | 'UPDATE', left: number, st: string, replied: boolean, assured: boolean) =>
    `[${kind}]`.padStart(9) + ' ' + entryText(head, left, st, o, r, replied, assured, false);
  if (p !== 'tcp') {
    const out = [ev('NEW', 30, '', false, false)];
    if (e.state !== 'UNREPLIED') out.push(ev('UPDATE', 30, '', true, false));
    return out;
  }
  const out = [ev('NEW', TCP_TIMEOUT.SYN_SENT, 'SYN_SENT', false, false)];
  const st = tcpState(e);
  if (st === 'CLOSE') out.push(ev('UPDATE', TCP_TIMEOUT.CLOSE, 'CLOSE', true, false));
  else if (st === 'TIME_WAIT') {
    out.push(ev('UPDATE', TCP_TIMEOUT.SYN_RECV, 'SYN_RECV', true, false));
    for (const x of ['ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT'])
      out.push(ev('UPDATE', TCP_TIMEOUT[x], x, true, true));
  }
  return out;
}

/** The DESTROY event of an entry that timed out or was deleted. */
function conntrackDestroyEvent(s: ClusterState, e: ConntrackEntry): string {
  return `[DESTROY] ${conntrackLine(s, e, 'destroy')}`;
}

const PROG = 'conntrack v1.4.8 (conntrack-tools)';
const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.";

type Mode = 'L' | 'C' | 'D' | 'F' | 'E';
const MODES: Record<string, Mode> = {
  '-L': 'L',
  '--dump': 'L',
  '-C': 'C',
  '--count': 'C',
  '-D': 'D',
  '--delete': 'D',
  '-F': 'F',
  '--flush': 'F',
  '-E': 'E',
  '--event': 'E',
};
const ADDR: Record<string, keyof ConntrackFilter> = {
  '-s': 'src',
  '--src': 'src',
  '--orig-src': 'src',
  '-d': 'dst',
  '--dst': 'dst',
  '--orig-dst': 'dst',
  '-r': 'replySrc',
  '--reply-src': 'replySrc',
  '-q': 'replyDst',
  '--reply-dst': 'replyDst',
};
/** the options libct_proto_tcp/udp add once -p names the protocol */
const PORT: Record<string, keyof ConntrackFilter> = {
  '--sport': 'sport',
  '--orig-port-src': 'sport',
  '--dport': 'dport',
  '--orig-port-dst': 'dport',
  '--reply-port-src': 'replySport',
  '--reply-port-dst': 'replyDport',
};

export function matchesFilter(e: ConntrackEntry, f: ConntrackFilter): boolean {
  if (f.proto && e.proto.toLowerCase() !== f.proto) return false;
  if (f.src && e.orig.src !== f.src) return false;
  if (f.dst && e.orig.dst !== f.dst) return false;
  if (f.replySrc && e.reply.src !== f.replySrc) return false;
  if (f.replyDst && e.reply.dst !== f.replyDst) return false;
  if (f.sport !== undefined && e.orig.sport !== f.sport) return false;
  if (f.dport !== undefined && e.orig.dport !== f.dport) return false;
  if (f.replySport !== undefined && e.reply.sport !== f.replySport) return false;
  if (f.replyDport !== undefined && e.reply.dport !== f.replyDport) return false;
  return true;
}

export const conntrack: Command = (ctx, args) => {
  let mode: Mode | null = null;
  const f: ConntrackFilter = {};
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    const m = MODES[a];
    if (m) {
      if (mode && mode !== m) return fail(`${PROG}: Invalid parameters\n${TRY}`, 2);
      mode = m;
    } else if (a === '-p' || a === '--proto' || a === '--protonum') {
      const p = args[++i]?.toLowerCase();
      if (p === undefined) return fail(`${PROG}: option \`${a}' requires an argument\n${TRY}`, 2);
      const name = p === '6' ? 'tcp' : p === '17' ? 'udp' : p;
      if (!['tcp', 'udp', 'sctp', 'icmp', 'udplite', 'dccp', 'gre'].includes(name))
        return fail(`${PROG}: \`${args[i]}' unsupported protocol\n${TRY}`, 2);
      f.proto = name;
    } else if (ADDR[a]) {
      const v = args[++i];
      if (v === undefined) return fail(`${PROG}: option \`${a}' requires an argument\n${TRY}`, 2);
      (f as Record<string, string>)[ADDR[a]] = v;
    } else if (PORT[a] && (f.proto === 'tcp' || f.proto === 'udp' || f.proto === 'sctp')) {
      const v = args[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) > 65535)
        return fail(`${PROG}: invalid port '${v ?? ''}'\n${TRY}`, 2);
      (f as Record<string, number>)[PORT[a]] = Number(v);
    } else if (a === '-n' || a === '--src-nat' || a === '-g' || a === '--dst-nat') continue;
    else if (a === '-o' || a === '--output' || a === '-f' || a === '--family') i++;
    else return fail(`${PROG}: Bad parameter \`${a}'\n${TRY}`, 2);
  }
  if (!mode) return fail(`${PROG}: no command specified\n${TRY}`, 2);
  const w = ctx.where;
  const node =
    w.kind === 'node' ? w.name : w.kind === 'pod' && w.pod.spec.hostNetwork ? w.pod.spec.nodeName : undefined;
  const s = ctx.state;
  const live = node ? liveConntrack(s, node).filter((e) => matchesFilter(e, f)) : [];
  const o = new Out();
  switch (mode) {
    case 'C':
      return o.out(`${live.length}\n`).done(0);
    case 'L':
      for (const e of live) o.out(conntrackLine(s, e) + '\n');
      o.err(`${PROG}: ${live.length} flow entries have been shown.\n`);
      return o.done(0);
    case 'D': {
      // each entry is printed as it is deleted; none matching is an error
      const gone = new Set(live.map((e) => e.id));
      for (const e of live) o.out(conntrackLine(s, e) + '\n');
      s.conntrack = s.conntrack.filter((e) => !gone.has(e.id));
      o.err(`${PROG}: ${live.length} flow entries have been deleted.\n`);
      return o.done(live.length ? 0 : 1);
    }
    case 'F':
      if (node) s.conntrack = s.conntrack.filter((e) => e.node !== node);
      o.err(`${PROG}: connection tracking table has been emptied.\n`);
      return o.done(0);
    case 'E': {
      if (!node) return o.done(0);
      // events from now on: what is already in the table was announced before the watch began
      const spec: WatchSpec = {
        resource: 'conntrack',
        names: null,
        table: { wide: false, showLabels: false, allNamespaces: false, withKindPrefix: false, labelColumns: [] },
        widths: [],
        seen: Object.fromEntries(live.map((e) => [String(e.id), { v: e.state, cells: [] }])),
        conntrack: { node, filter: f, shown: 0 },
      };
      return { chunks: [], code: 0, watch: spec };
    }
  }
};

/**
 * One step of a running `conntrack -E`: the events of entries that appeared since the last step (the
 * state changes they went through) and a DESTROY for each one that timed out or was deleted.
 */
export function conntrackWatchStep(
  s: ClusterState,
  w: WatchSpec,
): { text: string; seen: WatchSpec['seen']; widths: number[]; events: number } {
  const c = w.conntrack!;
  const live = liveConntrack(s, c.node).filter((e) => matchesFilter(e, c.filter));
  const seen: WatchSpec['seen'] = {};
  let text = '';
  let events = 0;
  const print = (line: string) => {
    text += line + '\n';
    events++;
  };
  const byId = new Map(s.conntrack.map((e) => [String(e.id), e]));
  const liveIds = new Set(live.map((e) => String(e.id)));
  for (const id of Object.keys(w.seen)) {
    if (liveIds.has(id)) continue;
    const e = byId.get(id);
    // an entry dropped from the table entirely is printed from what was known: only its id is gone
    if (e) print(conntrackDestroyEvent(s, e));
    else if (w.seen[id].cells.length) print(w.seen[id].cells[0]);
  }
  for (const e of live) {
    const id = String(e.id);
    if (!w.seen[id]) for (const l of conntrackBirthEvents(e)) print(l);
    seen[id] = { v: e.state, cells: [conntrackDestroyEvent(s, e)] };
  }
  return { text, seen, widths: w.widths, events };
}

/**
 * What a `conntrack -E` ended by Ctrl+C prints as it exits, on stderr, right after the terminal's ^C
 * (conntrack-tools src/conntrack.c, event_sighandler: the program, its version, and the count).
 */
export function conntrackEventsShown(w: WatchSpec): string {
  return `${PROG}: ${w.conntrack?.shown ?? 0} flow events have been shown.`;
}
