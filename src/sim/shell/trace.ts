// trace SOURCE DEST [-p tcp|udp|sctp] [-n NS] [-o json]: one new connection, hop by hop. The text
// twin of the animated packet; `-o json` prints the very Trace the canvas replays.
import type { Command, Ctx, Where } from './types';
import type { Source } from '../net/trace';
import type { Trace, TraceHop } from '../net/trace-types';
import { Out, fail } from './output';
import { tracePacket } from '../net/trace';
import { hopRuleText } from '../net/hop-text';
import { lookup, parseUrl } from './host/connect';
import { podKey } from './session';

const USAGE =
  'usage: trace SOURCE DEST [-p tcp|udp|sctp] [-n NAMESPACE] [-o json]\n  SOURCE: client, a node name, or pod/NAME\n  DEST:   IP:PORT, NAME:PORT (a Pod resolves it through its DNS) or a URL';

function parseSource(ctx: Ctx, src: string, ns: string): { source: Source; where: Where } | string {
  const s = ctx.state;
  if (src === 'client' || src === s.settings.client.name)
    return { source: { kind: 'client' }, where: { kind: 'client', name: s.settings.client.name } };
  const m = src.match(/^(?:pod|pods|po)\/(?:([^/]+)\/)?([^/]+)$/);
  if (m) {
    const pns = m[1] ?? ns;
    const pod = s.objects.pods[`${pns}/${m[2]}`];
    if (!pod) return `trace: pod "${m[2]}" not found in namespace ${pns}`;
    if (!pod.status.podIP || !s.runtime[pod.metadata.uid]?.sandboxUp)
      return `trace: pod "${m[2]}" is not running yet (it has no network)`;
    return { source: { kind: 'pod', namespace: pns, name: m[2] }, where: { kind: 'pod', pod, key: podKey(pod) } };
  }
  const node = src.replace(/^(node|nodes|no)\//, '');
  if (s.objects.nodes[node]) return { source: { kind: 'node', name: node }, where: { kind: 'node', name: node } };
  return `trace: unknown source "${src}": use client, a node (${Object.keys(s.objects.nodes).join(', ')}) or pod/NAME`;
}

function parseDest(dest: string): { host: string; port: number } | null {
  if (/^[a-z]+:\/\//i.test(dest)) {
    const u = parseUrl(dest);
    return u ? { host: u.host, port: u.port } : null;
  }
  const m = dest.match(/^([^:\s]+):(\d+)$/);
  return m ? { host: m[1], port: Number(m[2]) } : null;
}

const addr = (a: TraceHop['before']) => `${a.src}:${a.sport} → ${a.dst}:${a.dport}`;

function hopText(h: TraceHop, i: number): string {
  const head: string[] = [`${String(i + 1).padStart(3)}  ${h.place}`];
  if (h.table && h.chain) head.push(`${h.table} ${h.chain}${h.line ? ` rule ${h.line}` : ''}`);
  else head.push(h.kind);
  let s = head.join('  ') + '\n';
  if (h.rule) s += `     ${hopRuleText(h)}\n`;
  if (h.probability !== undefined)
    s += `     random: probability ${h.probability.toFixed(5)}, ${h.taken ? 'taken' : 'not taken'}\n`;
  if (h.choice)
    s += `     chose ${h.choice.chosen} of ${h.choice.endpoints.length} endpoint${h.choice.endpoints.length === 1 ? '' : 's'} (${h.choice.endpoints.join(', ')})\n`;
  if (addr(h.before) !== addr(h.after)) s += `     ${addr(h.before)}  ⇒  ${addr(h.after)}\n`;
  if (h.conntrack) s += `     conntrack: ${h.conntrack}\n`;
  s += `     ${h.note}\n`;
  return s;
}

function verdictText(t: Trace): string {
  switch (t.verdict) {
    case 'delivered':
      return t.pod
        ? `delivered to ${t.pod} at ${t.endpoint}; the Pod sees the connection coming from ${t.sourceSeen}`
        : `delivered to ${t.endpoint}; it sees the connection coming from ${t.sourceSeen}`;
    case 'refused':
      return `refused: ${t.reason ?? 'connection refused'}`;
    case 'dropped':
      return `dropped: ${t.reason ?? 'the packet was dropped'}`;
    case 'timed-out':
      return `timed out: ${t.reason ?? 'nothing answered'}`;
    default:
      return `no route: ${t.reason ?? 'no route to the destination'}`;
  }
}

export function traceJson(t: Trace): string {
  const o: Record<string, unknown> = { source: t.source, verdict: t.verdict };
  if (t.pod !== undefined) o.pod = t.pod;
  if (t.endpoint !== undefined) o.endpoint = t.endpoint;
  if (t.sourceSeen !== undefined) o.sourceSeen = t.sourceSeen;
  o.hops = t.hops;
  Object.assign(o, {
    from: t.from,
    destination: t.destination,
    proto: t.proto,
    ...(t.reason ? { reason: t.reason } : {}),
    path: t.path,
    at: t.at,
  });
  return JSON.stringify(o, null, 2) + '\n';
}

export const trace: Command = (ctx, args) => {
  let proto: 'tcp' | 'udp' | 'sctp' = 'tcp';
  let ns = 'default';
  let json = false;
  const pos: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-p' || a === '--protocol') proto = (args[++i] ?? '').toLowerCase() as typeof proto;
    else if (a === '-n' || a === '--namespace') ns = args[++i] ?? '';
    else if (a === '-o' || a === '--output') json = args[++i] === 'json';
    else if (a === '-ojson' || a === '-o=json' || a === '--output=json') json = true;
    else if (a.startsWith('--namespace=')) ns = a.slice(12);
    else if (a.startsWith('--protocol=')) proto = a.slice(11).toLowerCase() as typeof proto;
    else if (a === '-h' || a === '--help') return new Out().out(USAGE + '\n').done(0);
    else if (a.startsWith('-')) return fail(`trace: unknown option ${a}\n${USAGE}`, 2);
    else pos.push(a);
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto))
    return fail(`trace: unknown protocol "${proto}": use tcp, udp or sctp`, 2);
  if (pos.length !== 2) return fail(USAGE, 2);
  const src = parseSource(ctx, pos[0], ns);
  if (typeof src === 'string') return fail(src, 1);
  const dest = parseDest(pos[1]);
  if (!dest) return fail(`trace: DEST must be IP:PORT, NAME:PORT or a URL, not "${pos[1]}"`, 2);
  const sctx: Ctx = { ...ctx, where: src.where };
  const l = lookup(sctx, dest.host);
  if (!l.ok) {
    const why =
      l.reason === 'timeout'
        ? 'its DNS server does not answer'
        : src.source.kind === 'pod'
          ? 'NXDOMAIN through its search path'
          : "the machines' resolver knows nothing of the cluster's Service names";
    return fail(`trace: ${pos[0]} cannot resolve "${dest.host}": ${why}`, 1);
  }
  const t = tracePacket(ctx.state, src.source, { ip: l.ip, port: dest.port, proto });
  // the canvas animates it like any other request
  ctx.traces.push(t);
  if (json) return new Out().out(traceJson(t)).done(0);
  const o = new Out();
  o.out(
    `trace ${t.from} (${t.source}) → ${dest.host === l.ip ? '' : `${dest.host} = `}${t.destination}/${t.proto}\n\n`,
  );
  t.hops.forEach((h, i) => o.out(hopText(h, i)));
  o.out(`\nverdict: ${verdictText(t)}\n`);
  return o.done(0);
};
