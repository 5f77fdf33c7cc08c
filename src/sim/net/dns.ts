// Cluster DNS as CoreDNS's kubernetes plugin answers it (DNS specification 1.1.0), and the libc
// resolver's walk through a Pod's search path with ndots.
import type { ClusterState } from '../model/state';
import type { Service } from '../model/types';
import type { ResolvConf } from '../kubelet/resolv';
import { intToIp, isIPv4 } from '../lib/ip';
import { fnv1a32 } from '../lib/hash';

export interface DnsRecord {
  name: string;
  type: 'A' | 'CNAME' | 'SRV' | 'PTR' | 'TXT';
  ttl: number;
  data: string;
  port?: number;
  priority?: number;
  weight?: number;
}
export interface DnsAnswer {
  name: string;
  rcode: 'NOERROR' | 'NXDOMAIN';
  records: DnsRecord[];
}

const TTL = 30;

/** Names outside the cluster: the playground's stand-in for the Internet answers *.example.com/.org/.net. */
function upstream(name: string): DnsAnswer {
  const n = name.replace(/\.$/, '').toLowerCase();
  if (/(^|\.)example\.(com|org|net)$/.test(n)) {
    return {
      name,
      rcode: 'NOERROR',
      records: [{ name: n + '.', type: 'A', ttl: 300, data: intToIp(0xc0000200 + 10 + (fnv1a32(n) % 200)) }],
    };
  }
  return { name, rcode: 'NXDOMAIN', records: [] };
}

function readyAddresses(s: ClusterState, ns: string, svc: string): { ip: string; hostname?: string }[] {
  const out: { ip: string; hostname?: string }[] = [];
  for (const sl of Object.values(s.objects.endpointslices)) {
    if (sl.metadata.namespace !== ns || sl.metadata.labels?.['kubernetes.io/service-name'] !== svc) continue;
    for (const e of sl.endpoints)
      if (e.conditions.ready)
        for (const a of e.addresses) if (!out.some((o) => o.ip === a)) out.push({ ip: a, hostname: e.hostname });
  }
  return out.sort((a, b) => a.ip.localeCompare(b.ip, undefined, { numeric: true }));
}

/**
 * The ready endpoints of a Service with each port the slices give them (CoreDNS findServices walks
 * each address x port), for SRV answers; `port`/`proto` empty match any (matchPortAndProtocol).
 */
function readyEndpointPorts(
  s: ClusterState,
  ns: string,
  svc: string,
  portName: string,
  proto: string,
): { ip: string; hostname?: string; port: number }[] {
  const out: { ip: string; hostname?: string; port: number }[] = [];
  for (const sl of Object.values(s.objects.endpointslices)) {
    if (sl.metadata.namespace !== ns || sl.metadata.labels?.['kubernetes.io/service-name'] !== svc) continue;
    for (const e of sl.endpoints) {
      if (!e.conditions.ready) continue;
      for (const a of e.addresses)
        for (const p of sl.ports) {
          if (!p.port) continue;
          if (portName && (p.name ?? '').toLowerCase() !== portName) continue;
          if (proto && (p.protocol ?? 'TCP').toLowerCase() !== proto) continue;
          if (!out.some((o) => o.ip === a && o.port === p.port))
            out.push({ ip: a, hostname: e.hostname, port: p.port! });
        }
    }
  }
  return out.sort((a, b) => a.ip.localeCompare(b.ip, undefined, { numeric: true }) || a.port - b.port);
}

/**
 * SRV records for a Service (CoreDNS plugin/kubernetes findServices + plugin/backend_lookup.go SRV):
 * owner = the question; a headless Service names each ready endpoint (its hostname, else its dashed IP)
 * with the endpoint's port, a ClusterIP Service names itself with the Service port; the weight is
 * 100 shared among the records of one priority, floor(100 / count).
 */
function srvRecords(s: ClusterState, svc: Service, fq: string, svcFq: string, portName: string, proto: string) {
  const ns = svc.metadata.namespace ?? 'default';
  const targets: { target: string; port: number }[] =
    svc.spec.clusterIP === 'None'
      ? readyEndpointPorts(s, ns, svc.metadata.name, portName, proto).map((a) => ({
          target: `${a.hostname ?? a.ip.replace(/\./g, '-')}.${svcFq}`,
          port: a.port,
        }))
      : (svc.spec.ports ?? [])
          .filter(
            (p) =>
              (!portName || (p.name ?? '').toLowerCase() === portName) &&
              (!proto || (p.protocol ?? 'TCP').toLowerCase() === proto),
          )
          .map((p) => ({ target: svcFq, port: p.port }));
  const weight = targets.length ? Math.floor(100 / targets.length) : 100;
  return targets.map((t): DnsRecord => ({
    name: fq,
    type: 'SRV',
    ttl: TTL,
    data: t.target,
    port: t.port,
    priority: 0,
    weight,
  }));
}

/** One query, type A (following a CNAME), SRV or PTR, as CoreDNS would answer it. */
export function query(s: ClusterState, qname: string, type: 'A' | 'SRV' | 'PTR' | 'TXT' = 'A', depth = 0): DnsAnswer {
  const zone = s.settings.clusterDomain.toLowerCase();
  const name = qname.toLowerCase().replace(/\.$/, '');
  const fq = name + '.';
  const nx: DnsAnswer = { name: fq, rcode: 'NXDOMAIN', records: [] };
  if (type === 'PTR') {
    const m = name.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/);
    if (!m) return nx;
    const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
    for (const svc of Object.values(s.objects.services))
      if (svc.spec.clusterIP === ip)
        return {
          name: fq,
          rcode: 'NOERROR',
          records: [
            { name: fq, type: 'PTR', ttl: TTL, data: `${svc.metadata.name}.${svc.metadata.namespace}.svc.${zone}.` },
          ],
        };
    // no ClusterIP: the endpoints of every Service (plugin/kubernetes reverse.go serviceRecordForIP walks
    // EpIndexReverse, headless or not), named by endpointHostname: the hostname, else the dashed IP.
    // CoreDNS lists them in its index's order; we put headless Services' names first.
    const ptrs: { headless: boolean; data: string }[] = [];
    for (const sl of Object.values(s.objects.endpointslices)) {
      const svcName = sl.metadata.labels?.['kubernetes.io/service-name'];
      const svc = svcName ? s.objects.services[`${sl.metadata.namespace}/${svcName}`] : undefined;
      if (!svc) continue;
      for (const e of sl.endpoints) {
        if (!e.addresses.includes(ip) || !e.conditions.ready) continue;
        const data = `${e.hostname ?? ip.replace(/\./g, '-')}.${svcName}.${sl.metadata.namespace}.svc.${zone}.`;
        if (!ptrs.some((x) => x.data === data)) ptrs.push({ headless: svc.spec.clusterIP === 'None', data });
      }
    }
    if (ptrs.length) {
      ptrs.sort((a, b) => Number(b.headless) - Number(a.headless) || a.data.localeCompare(b.data));
      return {
        name: fq,
        rcode: 'NOERROR',
        records: ptrs.map((x): DnsRecord => ({ name: fq, type: 'PTR', ttl: TTL, data: x.data })),
      };
    }
    return nx;
  }
  if (name === `dns-version.${zone}`)
    return {
      name: fq,
      rcode: 'NOERROR',
      records: type === 'TXT' ? [{ name: fq, type: 'TXT', ttl: TTL, data: '"1.1.0"' }] : [],
    };
  if (!name.endsWith('.' + zone) && name !== zone) return upstream(qname);
  const labels = name
    .slice(0, -(zone.length + 1))
    .split('.')
    .filter(Boolean);
  // <a-b-c-d>.<ns>.pod.<zone> (pods insecure)
  if (labels.length === 3 && labels[2] === 'pod') {
    const ip = labels[0].replace(/-/g, '.');
    if (isIPv4(ip) && s.objects.namespaces[labels[1]])
      return { name: fq, rcode: 'NOERROR', records: type === 'A' ? [{ name: fq, type: 'A', ttl: TTL, data: ip }] : [] };
    return nx;
  }
  const svcIdx = labels.lastIndexOf('svc');
  if (svcIdx < 0 || svcIdx !== labels.length - 1)
    return labels.length <= 1 || labels[labels.length - 1] === 'svc'
      ? {
          name: fq,
          rcode: labels.length
            ? s.objects.namespaces[labels[0]] || labels[0] === 'svc'
              ? 'NOERROR'
              : 'NXDOMAIN'
            : 'NOERROR',
          records: [],
        }
      : nx;
  const parts = labels.slice(0, svcIdx);
  if (parts.length === 1) return s.objects.namespaces[parts[0]] ? { name: fq, rcode: 'NOERROR', records: [] } : nx;
  const ns = parts[parts.length - 1];
  const svcName = parts[parts.length - 2];
  const svc = s.objects.services[`${ns}/${svcName}`];
  if (!svc) return nx;
  const rest = parts.slice(0, -2);
  const svcFq = `${svcName}.${ns}.svc.${zone}.`;
  if (rest.length === 0) {
    if (type === 'SRV' && svc.spec.type !== 'ExternalName')
      return { name: fq, rcode: 'NOERROR', records: srvRecords(s, svc, fq, svcFq, '', '') };
    if (svc.spec.type === 'ExternalName') {
      const target = svc.spec.externalName!.replace(/\.$/, '') + '.';
      const cname: DnsRecord = { name: fq, type: 'CNAME', ttl: TTL, data: target };
      // CoreDNS chases a target inside its own zone; outside names go upstream
      const up =
        type !== 'A'
          ? { records: [] as DnsRecord[] }
          : target.toLowerCase().endsWith(`.${zone}.`) && depth < 8
            ? query(s, target, 'A', depth + 1)
            : upstream(target);
      return { name: fq, rcode: 'NOERROR', records: [cname, ...up.records] };
    }
    if (type !== 'A') return { name: fq, rcode: 'NOERROR', records: [] };
    if (svc.spec.clusterIP === 'None') {
      const addrs = readyAddresses(s, ns, svcName);
      if (!addrs.length) return nx;
      return { name: fq, rcode: 'NOERROR', records: addrs.map((a) => ({ name: fq, type: 'A', ttl: TTL, data: a.ip })) };
    }
    return { name: fq, rcode: 'NOERROR', records: [{ name: fq, type: 'A', ttl: TTL, data: svc.spec.clusterIP! }] };
  }
  if (rest.length === 2 && rest[0].startsWith('_') && rest[1].startsWith('_')) {
    const port = (svc.spec.ports ?? []).find(
      (p) => p.name && `_${p.name}` === rest[0] && `_${(p.protocol ?? 'TCP').toLowerCase()}` === rest[1],
    );
    if (!port) return nx;
    if (type !== 'SRV') return { name: fq, rcode: 'NOERROR', records: [] };
    return {
      name: fq,
      rcode: 'NOERROR',
      records: srvRecords(s, svc, fq, svcFq, rest[0].slice(1), rest[1].slice(1)),
    };
  }
  if (rest.length === 1 && svc.spec.clusterIP === 'None') {
    const a = readyAddresses(s, ns, svcName).find(
      (x) => x.hostname === rest[0] || x.ip.replace(/\./g, '-') === rest[0],
    );
    if (!a) return nx;
    return { name: fq, rcode: 'NOERROR', records: type === 'A' ? [{ name: fq, type: 'A', ttl: TTL, data: a.ip }] : [] };
  }
  return nx;
}

export interface ResolveStep {
  query: string;
  answer: DnsAnswer;
}
export interface Resolution {
  name: string;
  steps: ResolveStep[];
  answer: DnsAnswer | null;
  addresses: string[];
  canonical?: string;
}

/** The stub resolver: names with fewer than ndots dots try the search list first, then the name as given. */
export function resolve(s: ClusterState, name: string, conf: ResolvConf, type: 'A' | 'SRV' = 'A'): Resolution {
  const steps: ResolveStep[] = [];
  if (isIPv4(name)) return { name, steps, answer: null, addresses: [name] };
  const ndots = Number(conf.options.find((o) => o.startsWith('ndots:'))?.slice(6) ?? 1);
  const abs = name.endsWith('.');
  const dots = (name.match(/\./g) ?? []).length;
  const candidates: string[] = [];
  if (abs) candidates.push(name);
  else {
    if (dots >= ndots) candidates.push(name + '.');
    for (const d of conf.search) candidates.push(`${name}.${d}.`);
    if (dots < ndots) candidates.push(name + '.');
  }
  const clusterDns =
    conf.nameservers[0] === (s.objects.services['kube-system/kube-dns']?.spec.clusterIP ?? '10.96.0.10');
  for (const q of candidates) {
    const answer = clusterDns ? query(s, q, type) : upstream(q);
    steps.push({ query: q, answer });
    if (answer.rcode === 'NOERROR' && answer.records.length) {
      const addresses = answer.records.filter((r) => r.type === 'A').map((r) => r.data);
      const cname = answer.records.find((r) => r.type === 'CNAME');
      return { name, steps, answer, addresses, canonical: cname?.data };
    }
  }
  return { name, steps, answer: null, addresses: [] };
}
