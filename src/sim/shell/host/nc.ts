// nc: one TCP (or UDP) connection, the way a learner checks that a port answers: `nc -zv HOST PORT`.
// In a Pod it is busybox's nc (networking/nc_bloaty.c: "HOST (IP:PORT) open" on stderr with -v; a
// failure is printed with -v unless it is a refusal, which needs -vv); on the machines it is Ubuntu's
// netcat-openbsd (netcat.c, report_sock / connection_info: "Connection to HOST (IP) PORT port
// [tcp/SERVICE] succeeded!" on stderr; "nc: connect to HOST port PORT (tcp) failed: REASON").
// Without -z the connection stays open for input this shell cannot type: it is made, and closed.
import type { Command, Ctx } from '../types';
import { Out, fail } from '../output';
import { connect, lookup } from './connect';
import { advance } from '../../step';

/** /etc/services names netcat-openbsd prints (getservbyport), for the ports a learner meets. */
const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https' };

const BB_USAGE =
  'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n';
const OBSD_USAGE = 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n';

export const nc: Command = (ctx: Ctx, args) => {
  const bb = ctx.where.kind === 'pod';
  let udp = false,
    zero = false,
    verbose = 0,
    wait: number | undefined;
  const pos: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-w' || a === '-W') {
      wait = Number(args[++i]);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'u') udp = true;
        else if (c === 'v') verbose++;
        else if (c === 'z') zero = true;
        else if (c === 'n' || c === '4') continue;
        else if (c === 'w') {
          wait = Number(a.slice(j + 1) || args[++i]);
          break;
        } else if (c === 'l') return fail(bb ? 'nc: bind: Address in use' : 'nc: Address already in use', 1);
        else
          return fail(
            bb
              ? `nc: invalid option -- '${c}'\n${BB_USAGE}`.trimEnd()
              : `nc: invalid option -- '${c}'\n${OBSD_USAGE}`.trimEnd(),
            1,
          );
      }
      continue;
    }
    pos.push(a);
  }
  if (pos.length < 2) return fail((bb ? BB_USAGE : OBSD_USAGE).trimEnd(), 1);
  const [host, portText] = pos;
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
    return fail(bb ? `nc: bad port '${portText}'` : `nc: port number invalid: ${portText}`, 1);
  const l = lookup(ctx, host);
  if (!l.ok) {
    if (l.reason === 'timeout') advance(ctx.state, 10_000);
    return fail(
      bb ? `nc: bad address '${host}'` : `nc: getaddrinfo for host "${host}" port ${port}: Name or service not known`,
      1,
    );
  }
  const proto = udp ? 'udp' : 'tcp';
  const t = connect(ctx, l.ip, port, proto);
  const o = new Out();
  if (udp) return udpProbe(ctx, o, { bb, zero, verbose, wait, host, ip: l.ip, port }, t.verdict === 'refused');
  if (t.verdict === 'delivered') {
    if (bb) {
      if (verbose) o.err(`${host} (${l.ip}:${port}) open\n`);
    } else if (verbose)
      o.err(
        `Connection to ${host}${host === l.ip ? '' : ` (${l.ip})`} ${port} port [${proto}/${SERVICES[port] ?? '*'}] succeeded!\n`,
      );
    return o.done(0);
  }
  const why =
    t.verdict === 'refused'
      ? 'Connection refused'
      : t.verdict === 'no-route'
        ? 'No route to host'
        : 'Connection timed out';
  // a connection nobody answers waits for -w, or for the kernel's SYN retries (about two minutes)
  if (why === 'Connection timed out') advance(ctx.state, wait && wait > 0 ? wait * 1000 : 130_000);
  if (bb) {
    if (verbose > 1 || (verbose && why !== 'Connection refused')) o.err(`nc: ${host} (${l.ip}:${port}): ${why}\n`);
  } else if (why === 'Connection timed out' && wait && wait > 0)
    // -w: netcat gives up on the pending connect itself
    o.err(`nc: connect to ${host} port ${port} (${proto}) timed out: Operation now in progress\n`);
  else o.err(`nc: connect to ${host} port ${port} (${proto}) failed: ${why}\n`);
  return o.done(1);
};

/**
 * nc -u: connect() on a UDP socket sends nothing, so it always "succeeds"; only a write can tell, when
 * the ICMP port unreachable that answered an earlier datagram comes back as ECONNREFUSED. Silence (a
 * datagram delivered, dropped or lost) looks the same as an open port.
 * busybox networking/nc_bloaty.c nc_main/udptest (with -z): write, wait (-w, or the "tcp ping" of up to
 * 5 s), write again; a refusal is printed only with -vv, like a TCP one; otherwise "HOST (IP:PORT) open".
 * netcat-openbsd netcat.c main/udptest (with -z or -v): two writes, then a write a second for -w or
 * UDP_SCAN_TIMEOUT (3 s); "No info on failed or skipped test": a refusal prints nothing and exits 1.
 */
function udpProbe(
  ctx: Ctx,
  o: Out,
  a: { bb: boolean; zero: boolean; verbose: number; wait?: number; host: string; ip: string; port: number },
  refused: boolean,
) {
  const wait = a.wait && a.wait > 0 ? a.wait : undefined;
  const tests = a.bb ? a.zero : a.zero || a.verbose > 0;
  if (tests && refused) {
    advance(ctx.state, a.bb ? (wait ?? 0) * 1000 + 1 : 1);
    if (a.bb && a.verbose > 1) o.err(`nc: ${a.host} (${a.ip}:${a.port}): Connection refused\n`);
    return o.done(1);
  }
  if (tests) advance(ctx.state, (wait ?? (a.bb ? 5 : 3)) * 1000);
  if (a.bb) {
    if (a.verbose) o.err(`${a.host} (${a.ip}:${a.port}) open\n`);
  } else if (a.verbose)
    o.err(
      `Connection to ${a.host}${a.host === a.ip ? '' : ` (${a.ip})`} ${a.port} port [udp/${SERVICES[a.port] ?? '*'}] succeeded!\n`,
    );
  return o.done(0);
}
