// Requests that did not come from the Send button (a lesson's "Show me", a shared link) are recorded
// like any other, so the canvas replays them and the trace panel prints them.
import type { ShareTrace, Trace } from '../sim';
import type { RequestRecord, RequestSpec, Store } from './types';
import { summarize } from './describe';

const KEEP = 80;

function placeLabel(place: string): string {
  if (place === 'client') return 'external client';
  const [kind, ...rest] = place.split('/');
  if (kind === 'pod') return `Pod ${rest[1]}`;
  return `${kind} ${rest.join('/')}`;
}

export function recordTrace(s: Store, trace: Trace, replay?: ShareTrace): RequestRecord {
  const from = placeLabel(trace.from);
  const ok = trace.verdict === 'delivered';
  const rec: RequestRecord = {
    id: s.nextRequestId++,
    at: s.cluster.now,
    manual: true,
    from,
    to: trace.destination,
    trace,
    replay,
    ok,
    summary: summarize(from, trace.destination, trace),
  };
  if (ok && trace.pod) s.counts[trace.pod] = (s.counts[trace.pod] ?? 0) + 1;
  else if (!ok) s.failed++;
  s.requests.push(rec);
  if (s.requests.length > KEEP) s.requests.splice(0, s.requests.length - KEEP);
  s.focusedRequest = rec.id;
  return rec;
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
  // a new cluster: a target that named a Service or a Pod it does not have is replaced
  const gone =
    (target.service !== undefined && !c.objects.services[target.service]) ||
    (target.kind === 'podIP' && !(target.pod && c.objects.pods[target.pod]?.status.podIP === target.ip));
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
        : { ...target };
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
