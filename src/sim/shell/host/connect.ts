// What curl, wget and nslookup share: who is sending (the trace source), resolving a name the way
// that machine or Pod would (/etc/hosts, then its resolv.conf: a Pod's search path and ndots, the
// node's LAN resolver that knows nothing of Services), and one TCP connection traced through the
// cluster's real data path.
import type { ClusterState } from '../../model/state';
import type { Ctx } from '../types';
import type { Source } from '../../net/trace';
import type { Trace } from '../../net/trace-types';
import type { ResolvConf } from '../../kubelet/resolv';
import { tracePacket } from '../../net/trace';
import { resolve, type Resolution } from '../../net/dns';
import { podResolv, nodeResolv } from '../../kubelet/resolv';
import { isIPv4 } from '../../lib/ip';
import { nodeIP } from '../../model/facts';

export function sourceOf(ctx: Ctx): Source {
  const w = ctx.where;
  if (w.kind === 'pod')
    return { kind: 'pod', namespace: w.pod.metadata.namespace ?? 'default', name: w.pod.metadata.name };
  if (w.kind === 'client') return { kind: 'client' };
  return { kind: 'node', name: w.name };
}

export function resolvConfOf(ctx: Ctx): ResolvConf {
  return ctx.where.kind === 'pod' ? podResolv(ctx.state, ctx.where.pod) : nodeResolv(ctx.state);
}

/** /etc/hosts: localhost, the Pod's own name, or (on the machines) every node's name. */
function hostsEntry(ctx: Ctx, name: string): string | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  const w = ctx.where;
  if (n === 'localhost')
    return w.kind === 'pod' && !w.pod.spec.hostNetwork ? (w.pod.status.podIP ?? '127.0.0.1') : '127.0.0.1';
  if (w.kind === 'pod')
    return n === w.pod.metadata.name || n === w.pod.spec.hostname ? (w.pod.status.podIP ?? null) : null;
  for (const node of Object.values(ctx.state.objects.nodes)) if (node.metadata.name === n) return nodeIP(node);
  if (n === ctx.state.settings.client.name && w.kind === 'client') return ctx.state.settings.client.ip;
  return null;
}

export type Lookup =
  | { ok: true; ip: string; resolution?: Resolution }
  | { ok: false; reason: 'nxdomain' | 'timeout'; resolution?: Resolution };

/** Whether this source can reach its cluster DNS server at all (kube-dns is a Service like any other). */
export function dnsReachable(s: ClusterState, src: Source, conf: ResolvConf): boolean {
  const dnsIP = s.objects.services['kube-system/kube-dns']?.spec.clusterIP;
  if (!dnsIP || conf.nameservers[0] !== dnsIP) return true;
  try {
    return tracePacket(s, src, { ip: dnsIP, port: 53, proto: 'udp' }).verdict === 'delivered';
  } catch (e) {
    // (a TypeError is a write to a frozen cluster: the page runs a line on the cluster as it is, and
    // again on a copy when the line turns out to write; that is not a verdict on DNS)
    if (e instanceof TypeError) throw e;
    return false;
  }
}

export function lookup(ctx: Ctx, name: string, conf: ResolvConf = resolvConfOf(ctx)): Lookup {
  if (isIPv4(name)) return { ok: true, ip: name };
  const h = hostsEntry(ctx, name);
  if (h) return { ok: true, ip: h };
  if (!dnsReachable(ctx.state, sourceOf(ctx), conf)) return { ok: false, reason: 'timeout' };
  const r = resolve(ctx.state, name, conf);
  if (r.addresses.length) return { ok: true, ip: r.addresses[0], resolution: r };
  return { ok: false, reason: 'nxdomain', resolution: r };
}

/** One new TCP connection from here to ip:port. A loopback address from a Pod is the Pod itself. */
export function connect(ctx: Ctx, ip: string, port: number, proto: 'tcp' | 'udp' = 'tcp'): Trace {
  const w = ctx.where;
  let dst = ip;
  if (ip.startsWith('127.') && w.kind === 'pod' && !w.pod.spec.hostNetwork && w.pod.status.podIP)
    dst = w.pod.status.podIP;
  const trace = tracePacket(ctx.state, sourceOf(ctx), { ip: dst, port, proto });
  ctx.traces.push(trace);
  return trace;
}

export interface Url {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  path: string;
}

export function parseUrl(raw: string): Url | null {
  const m = raw.match(/^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]*)(?::(\d*))?([/?#].*)?$/);
  if (!m || !m[2]) return null;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return null;
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  let path = m[4] ?? '/';
  if (!path.startsWith('/')) path = '/' + path;
  return { scheme, host: m[2], port, path };
}
