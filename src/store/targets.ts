// Turn the user's choice of source and target into what the engine traces: a Source and IP:port.
// Resolved at send time, so "the Service by ClusterIP" follows the Service while "a Pod IP" stays fixed.
import { nodeIP, type ClusterState, type Source } from '../sim';
import type { Tracer } from './tracer-loader';
import type { RequestSpec, Store, TargetRef } from './types';

export type Resolved =
  { ok: true; ip: string; port: number; label: string; dns?: string } | { ok: false; error: string };

export function sourceLabel(s: Source): string {
  if (s.kind === 'client') return 'external client';
  if (s.kind === 'node') return `node ${s.name}`;
  return `Pod ${s.name}`;
}

/** The engine's Source, or why this source cannot send now. */
export function toSource(state: ClusterState, s: Source): { ok: true; source: Source } | { ok: false; error: string } {
  if (s.kind === 'client') return { ok: true, source: { kind: 'client' } };
  if (s.kind === 'node') {
    if (!state.objects.nodes[s.name]) return { ok: false, error: `node ${s.name} no longer exists` };
    return { ok: true, source: s };
  }
  const pod = state.objects.pods[`${s.namespace}/${s.name}`];
  if (!pod || !pod.status.podIP || !state.runtime[pod.metadata.uid]?.sandboxUp)
    return { ok: false, error: `Pod ${s.name} is not running, so it cannot send` };
  return { ok: true, source: s };
}

function svcOf(state: ClusterState, key: string | undefined) {
  return key ? state.objects.services[key] : undefined;
}

/** The target in IP:port; a DNS name through the cluster DNS (which comes with the tracer). */
export function resolveTarget(
  dns: Pick<Tracer, 'resolve' | 'podResolv'>,
  state: ClusterState,
  src: Source,
  t: TargetRef,
): Resolved {
  const svc = svcOf(state, t.service);
  const svcName = t.service?.split('/')[1] ?? '';
  const needSvc = ['clusterIP', 'dns', 'nodePort', 'loadBalancer', 'externalIP'].includes(t.kind);
  if (needSvc && t.kind !== 'dns' && !svc)
    return { ok: false, error: `Service ${svcName || '(none chosen)'} does not exist` };
  const port = svc?.spec.ports?.find((p) => p.port === t.port) ?? svc?.spec.ports?.[0];
  switch (t.kind) {
    case 'clusterIP':
      if (!svc!.spec.clusterIP || svc!.spec.clusterIP === 'None')
        return { ok: false, error: `${svcName} has no ClusterIP` };
      return {
        ok: true,
        ip: svc!.spec.clusterIP,
        port: port?.port ?? 80,
        label: `${svcName} ClusterIP ${svc!.spec.clusterIP}:${port?.port}`,
      };
    case 'dns': {
      // "name" or "name:port", as a learner would type it after curl or wget
      const typed = (t.name ?? '').trim();
      const m = typed.match(/^([^:]*)(?::(.*))?$/)!;
      const name = m[1];
      if (!name) return { ok: false, error: 'no DNS name given' };
      if (m[2] !== undefined && !/^\d{1,5}$/.test(m[2]))
        return { ok: false, error: `"${typed}": give a port number after the colon` };
      const typedPort = m[2] !== undefined ? Number(m[2]) : undefined;
      if (typedPort !== undefined && (typedPort < 1 || typedPort > 65535))
        return { ok: false, error: `port ${typedPort} is out of range (1-65535)` };
      if (src.kind !== 'pod')
        return {
          ok: false,
          error: `only a Pod resolves Service names: the ${src.kind === 'client' ? 'external client' : 'node'} does not use the cluster DNS`,
        };
      const pod = state.objects.pods[`${src.namespace}/${src.name}`];
      if (!pod) return { ok: false, error: `Pod ${src.name} does not exist` };
      const r = dns.resolve(state, name, dns.podResolv(state, pod));
      if (!r.addresses.length) return { ok: false, error: `nslookup ${name}: NXDOMAIN (no such Service name)` };
      // no port typed: the port chosen for the Service, else the port of the Service the name resolved to
      const named = Object.values(state.objects.services).find(
        (v) => v.spec.clusterIP === r.addresses[0] && v.spec.clusterIP !== 'None',
      );
      const p =
        typedPort ??
        (svc && named === svc ? port?.port : undefined) ??
        named?.spec.ports?.[0]?.port ??
        t.port ??
        svc?.spec.ports?.[0]?.port ??
        80;
      const fq = r.steps[r.steps.length - 1]?.query ?? name;
      return {
        ok: true,
        ip: r.addresses[0],
        port: p,
        label: `${name}:${p}`,
        dns: `DNS: ${name} → ${fq.replace(/\.$/, '')} → ${r.addresses[0]}`,
      };
    }
    case 'nodePort': {
      const np = port?.nodePort;
      if (!np) return { ok: false, error: `${svcName} is type ${svc!.spec.type ?? 'ClusterIP'}: it has no NodePort` };
      const node = t.node ? state.objects.nodes[t.node] : undefined;
      if (!node) return { ok: false, error: `node ${t.node ?? '(none chosen)'} does not exist` };
      const ip = nodeIP(node);
      return { ok: true, ip, port: np, label: `${svcName} NodePort ${np} on ${t.node} (${ip}:${np})` };
    }
    case 'loadBalancer': {
      const ip = svc!.status.loadBalancer.ingress?.[0]?.ip;
      if (svc!.spec.type !== 'LoadBalancer')
        return { ok: false, error: `${svcName} is type ${svc!.spec.type ?? 'ClusterIP'}, not LoadBalancer` };
      if (!ip)
        return {
          ok: false,
          error: `${svcName}'s EXTERNAL-IP is <pending>: no cloud load balancer has been provisioned`,
        };
      return { ok: true, ip, port: port?.port ?? 80, label: `${svcName} load balancer ${ip}:${port?.port}` };
    }
    case 'externalIP': {
      const ip = t.ip && svc!.spec.externalIPs?.includes(t.ip) ? t.ip : svc!.spec.externalIPs?.[0];
      if (!ip) return { ok: false, error: `${svcName} has no externalIPs` };
      return { ok: true, ip, port: port?.port ?? 80, label: `${svcName} ExternalIP ${ip}:${port?.port}` };
    }
    case 'podIP':
    case 'address': {
      if (!t.ip || !t.port) return { ok: false, error: 'give an IP and a port' };
      const who = t.kind === 'podIP' && t.pod ? ` (Pod ${t.pod.split('/')[1]})` : '';
      return { ok: true, ip: t.ip, port: t.port, label: `${t.ip}:${t.port}${who}` };
    }
  }
}

/** Parse "IP:port" typed by the user. */
export function parseAddress(text: string): { ip: string; port: number } | null {
  const m = text.trim().match(/^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { ip: m[1], port };
}

/** The Send panel's choice after a cluster is replaced: keep what still exists, else a sensible default. */
export function specFor(s: Store): RequestSpec {
  const c = s.cluster;
  const { source, target } = s.spec;
  const podOk = (ns: string, n: string) => !!c.objects.pods[`${ns}/${n}`];
  const src =
    source.kind === 'pod' && !podOk(source.namespace, source.name)
      ? podOk('default', 'busybox')
        ? { kind: 'pod' as const, namespace: 'default', name: 'busybox' }
        : { kind: 'client' as const }
      : source.kind === 'node' && !c.objects.nodes[source.name]
        ? { kind: 'client' as const }
        : source;
  let tgt = target;
  const svc0 = target.service ? c.objects.services[target.service] : undefined;
  // a literal address means something only if the new cluster has it
  const known = (ip: string | undefined) =>
    !!ip &&
    (Object.values(c.objects.nodes).some((n) => nodeIP(n) === ip) ||
      Object.values(c.objects.pods).some((p) => p.status.podIP === ip) ||
      Object.values(c.objects.services).some(
        (v) =>
          v.spec.clusterIP === ip ||
          v.spec.externalIPs?.includes(ip) ||
          v.status.loadBalancer.ingress?.some((x) => x.ip === ip),
      ));
  // a new cluster: a target that named a Service, a Pod, a node or an address it does not have is replaced
  const gone =
    (target.service !== undefined && !svc0) ||
    (target.kind === 'podIP' && !(target.pod && c.objects.pods[target.pod]?.status.podIP === target.ip)) ||
    (target.kind === 'nodePort' && !svc0?.spec.ports?.some((p) => p.nodePort)) ||
    (target.kind === 'address' && target.ip !== undefined && !known(target.ip));
  if (!gone && svc0) {
    // the same Service name in another cluster: its own ports, and a node this cluster has
    const port = svc0.spec.ports?.some((p) => p.port === target.port) ? target.port : svc0.spec.ports?.[0]?.port;
    tgt = { ...target, port };
    if (target.kind === 'nodePort' && !(target.node && c.objects.nodes[target.node]))
      tgt.node =
        Object.keys(c.objects.nodes)
          .sort()
          .find((n) => n !== 'master') ?? Object.keys(c.objects.nodes)[0];
  }
  if (gone) {
    const svc = Object.values(c.objects.services)
      .filter(
        (x) =>
          x.metadata.namespace !== 'kube-system' &&
          x.metadata.name !== 'kubernetes' &&
          x.spec.clusterIP &&
          x.spec.clusterIP !== 'None',
      )
      .sort(
        (a, b) =>
          a.metadata.creationTimestamp - b.metadata.creationTimestamp || a.metadata.name.localeCompare(b.metadata.name),
      )[0];
    // no Service in this cluster (yet): a Pod that listens on a port, by its IP, as the chapter's first step does
    const pod = svc
      ? undefined
      : Object.values(c.objects.pods)
          .filter(
            (p) =>
              p.metadata.namespace === 'default' &&
              p.status.podIP &&
              p.metadata.deletionTimestamp === undefined &&
              !(src.kind === 'pod' && p.metadata.name === src.name),
          )
          .filter((p) => p.spec.containers.some((x) => x.ports?.length))
          .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
    const port = pod?.spec.containers.find((x) => x.ports?.length)?.ports?.[0]?.containerPort;
    tgt = svc
      ? {
          kind: 'clusterIP',
          service: `${svc.metadata.namespace}/${svc.metadata.name}`,
          port: svc.spec.ports?.[0]?.port,
        }
      : pod && port
        ? { kind: 'podIP', ip: pod.status.podIP, port, pod: `default/${pod.metadata.name}` }
        : // nothing to aim at yet: the form asks for a choice instead of keeping the old cluster's target
          { kind: 'clusterIP' };
  }
  return { source: { ...src }, target: { ...tgt } };
}

/** The Send panel's target for an address: the Service behind a ClusterIP or NodePort when there is one. */
export function targetFor(c: Store['cluster'], ip: string, port: number): RequestSpec['target'] {
  for (const svc of Object.values(c.objects.services)) {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    if (svc.spec.clusterIP === ip && svc.spec.ports?.some((p) => p.port === port))
      return { kind: 'clusterIP', service: key, port };
    const node = Object.values(c.objects.nodes).find((n) => n.status.addresses?.some((a) => a.address === ip));
    if (node && svc.spec.ports?.some((p) => p.nodePort === port))
      return { kind: 'nodePort', service: key, node: node.metadata.name };
  }
  return { kind: 'address', ip, port };
}
