// Turn the user's choice of source and target into what the engine traces: a Source and IP:port.
// Resolved at send time, so "the Service by ClusterIP" follows the Service while "a Pod IP" stays fixed.
import { nodeIP, type ClusterState, type Source } from '../sim';
import type { RequestSpec, Store } from './types';

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
