// ping: ICMP echo. Pod and node addresses answer; a ClusterIP does not (in iptables mode kube-proxy
// only translates the Service's TCP/UDP/SCTP ports, and no interface holds the address), which is why
// "ping my Service" fails while curl works.
import type { Command, Ctx } from '../types';
import { Out, fail } from '../output';
import { lookup } from './connect';
import { advance } from '../../step';
import { fnv1a32 } from '../../lib/hash';
import { nodeIP } from '../../model/facts';

function answers(ctx: Ctx, ip: string): boolean {
  const s = ctx.state;
  const w = ctx.where;
  if (ip.startsWith('127.')) return true;
  const nodes = Object.values(s.objects.nodes).map(nodeIP);
  if (nodes.includes(ip)) return true;
  if (w.kind === 'client') return ip === s.settings.client.ip;
  return Object.values(s.objects.pods).some((p) => p.status.podIP === ip && s.runtime[p.metadata.uid]?.sandboxUp);
}

export const ping: Command = (ctx, args) => {
  let count = 4;
  let host: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-c') count = Number(args[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === '-W' || a === '-w' || a === '-i' || a === '-s') i++;
    else if (!a.startsWith('-')) host = a;
  }
  const bb = ctx.where.kind === 'pod';
  if (!host)
    return fail(
      bb
        ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST'
        : 'ping: usage error: Destination address required',
      bb ? 1 : 2,
    );
  if (!Number.isInteger(count) || count < 1) count = 4;
  const l = lookup(ctx, host);
  if (!l.ok) return fail(bb ? `ping: bad address '${host}'` : `ping: ${host}: Name or service not known`, bb ? 1 : 2);
  const ip = l.ip;
  const ok = answers(ctx, ip);
  const o = new Out();
  o.out(bb ? `PING ${host} (${ip}): 56 data bytes\n` : `PING ${host} (${ip}) 56(84) bytes of data.\n`);
  const times: number[] = [];
  for (let i = 1; i <= count; i++) {
    if (!ok) continue;
    const t = 0.05 + (fnv1a32(`${ip}:${ctx.state.now}:${i}`) % 600) / 1000;
    times.push(t);
    o.out(
      bb
        ? `64 bytes from ${ip}: seq=${i - 1} ttl=63 time=${t.toFixed(3)} ms\n`
        : `64 bytes from ${ip}: icmp_seq=${i} ttl=63 time=${t.toFixed(3)} ms\n`,
    );
  }
  advance(ctx.state, count * 1000);
  const lost = Math.round((100 * (count - times.length)) / count);
  o.out(`\n--- ${host} ping statistics ---\n`);
  if (bb) o.out(`${count} packets transmitted, ${times.length} packets received, ${lost}% packet loss\n`);
  else
    o.out(
      `${count} packets transmitted, ${times.length} received, ${lost}% packet loss, time ${(count - 1) * 1000 + 3}ms\n`,
    );
  if (times.length) {
    const min = Math.min(...times),
      max = Math.max(...times),
      avg = times.reduce((a, b) => a + b, 0) / times.length;
    const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / times.length);
    o.out(
      bb
        ? `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`
        : `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`,
    );
  }
  return o.done(times.length ? 0 : 1);
};
