// endpointslice-controller: for each Service with a selector, the Pods it selects become endpoints,
// grouped into slices by their resolved ports (a named targetPort is looked up per Pod).
import { podList } from '../model/pod-list';
import type { ClusterState } from '../model/state';
import type { Endpoint, EndpointPort, EndpointSlice, Pod, Service } from '../model/types';
import { matchesLabels, newUid, nextRV, objKey } from '../model/meta';
import { randomSuffix } from '../time/rng';
import { recordServiceChange } from '../apiserver/changes';
import { isPodReady } from '../model/facts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';

/**
 * A new slice named <owner>-<random> (generateName), owned by its controller's object: the Service for the
 * EndpointSlice controller, the v1 Endpoints for the mirroring controller. The caller stores it.
 */
export function newSlice(
  s: ClusterState,
  owner: { apiVersion: string; kind: string; name: string; uid: string },
  ns: string,
  labels: Record<string, string>,
  d: { ports: EndpointPort[]; endpoints: Endpoint[] },
  annotations: Record<string, string> = {},
): EndpointSlice {
  let name = `${owner.name}-${randomSuffix(s)}`;
  while (s.objects.endpointslices[`${ns}/${name}`]) name = `${owner.name}-${randomSuffix(s)}`;
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      generateName: `${owner.name}-`,
      namespace: ns,
      uid: newUid(s),
      resourceVersion: nextRV(s),
      generation: 1,
      creationTimestamp: s.now,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ownerReferences: [{ ...owner, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: d.endpoints,
    ports: d.ports,
  };
}

/** podutil.FindPort: a number is itself; a name is looked up in the Pod's containers' ports. */
export function findPort(pod: Pod, target: number | string | undefined, port: number, protocol: string): number | null {
  if (target === undefined || target === '' || target === 0) return port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec.containers)
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return null;
}

/**
 * The Pods that can be endpoints (an IP, not finished), by namespace and label: each Service looks up
 * the Pods carrying its selector's first label instead of testing every Pod (Services × Pods matches
 * per reconcile round was most of the cost of settling a large cluster). Built once per reconcile of
 * the controller: it changes slices only, never Pods.
 */
/** namespace, label name and value: none can hold a NUL */
const labelKey = (ns: string | undefined, k?: string, v?: string) =>
  k === undefined ? `${ns ?? ''}` : `${ns ?? ''}\u0000${k}\u0000${v}`;

function podsByLabel(s: ClusterState): Map<string, Pod[]> {
  const m = new Map<string, Pod[]>();
  for (const p of podList(s)) {
    if (!p.status.podIP || p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    for (const [k, v] of Object.entries(p.metadata.labels ?? {})) {
      const key = labelKey(p.metadata.namespace, k, v);
      const list = m.get(key);
      if (list) list.push(p);
      else m.set(key, [p]);
    }
    const all = labelKey(p.metadata.namespace);
    const list = m.get(all);
    if (list) list.push(p);
    else m.set(all, [p]);
  }
  return m;
}

function desiredSlices(
  s: ClusterState,
  svc: Service,
  index: Map<string, Pod[]>,
): { ports: EndpointPort[]; endpoints: Endpoint[] }[] {
  const ns = svc.metadata.namespace;
  const first = Object.entries(svc.spec.selector ?? {})[0];
  const candidates = index.get(first ? labelKey(ns, first[0], first[1]) : labelKey(ns)) ?? [];
  const pods = candidates
    .filter((p) => matchesLabels(svc.spec.selector, p.metadata.labels))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const pod of pods) {
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const proto = sp.protocol ?? 'TCP';
      const n = findPort(pod, sp.targetPort, sp.port, proto);
      if (n === null) continue;
      const ep: EndpointPort = { name: sp.name ?? '', port: n, protocol: proto };
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      ports.push(ep);
    }
    const sig = JSON.stringify(ports);
    if (!groups.has(sig)) groups.set(sig, { ports, endpoints: [] });
    const serving = isPodReady(pod);
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    const ep: Endpoint = {
      addresses: [pod.status.podIP!],
      conditions: { ready: svc.spec.publishNotReadyAddresses ? true : serving && !terminating, serving, terminating },
      nodeName: pod.spec.nodeName,
      targetRef: { kind: 'Pod', namespace: ns!, name: pod.metadata.name, uid: pod.metadata.uid },
    };
    if (pod.spec.hostname && pod.spec.subdomain === svc.metadata.name) ep.hostname = pod.spec.hostname;
    groups.get(sig)!.endpoints.push(ep);
  }
  return [...groups.values()];
}

function sliceLabels(svc: Service): Record<string, string> {
  const l: Record<string, string> = {
    ...(svc.metadata.labels ?? {}),
    [SERVICE_NAME_LABEL]: svc.metadata.name,
    [MANAGED_BY_LABEL]: MANAGED_BY,
  };
  if (svc.spec.clusterIP === 'None') l['service.kubernetes.io/headless'] = '';
  return l;
}

export function slicesOf(s: ClusterState, namespace: string | undefined, service: string): EndpointSlice[] {
  return Object.values(s.objects.endpointslices).filter(
    (e) => e.metadata.namespace === namespace && e.metadata.labels?.[SERVICE_NAME_LABEL] === service,
  );
}

export function reconcileEndpointSlices(s: ClusterState): boolean {
  let changed = false;
  const index = podsByLabel(s);
  for (const svc of Object.values(s.objects.services)) {
    if (!svc.spec.selector || svc.spec.type === 'ExternalName') continue;
    const ns = svc.metadata.namespace!;
    const existing = slicesOf(s, ns, svc.metadata.name).filter(
      (e) => e.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY,
    );
    const want = desiredSlices(s, svc, index);
    if (want.length === 0) want.push({ ports: [], endpoints: [] }); // an empty slice still exists for a Service with no Pods
    const unused = new Set(existing);
    let svcChanged = false;
    for (const d of want) {
      const sig = JSON.stringify(d.ports);
      const match =
        [...unused].find((e) => JSON.stringify(e.ports) === sig) ??
        (d.endpoints.length === 0 ? [...unused][0] : undefined);
      const labels = sliceLabels(svc);
      if (match) {
        unused.delete(match);
        if (
          JSON.stringify(match.endpoints) !== JSON.stringify(d.endpoints) ||
          JSON.stringify(match.ports) !== sig ||
          JSON.stringify(match.metadata.labels) !== JSON.stringify(labels)
        ) {
          match.endpoints = d.endpoints;
          match.ports = d.ports;
          match.metadata.labels = labels;
          match.metadata.resourceVersion = nextRV(s);
          svcChanged = true;
        }
        continue;
      }
      const slice = newSlice(
        s,
        { apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid },
        ns,
        labels,
        d,
      );
      s.objects.endpointslices[objKey(slice)] = slice;
      svcChanged = true;
    }
    for (const e of unused) {
      delete s.objects.endpointslices[objKey(e)];
      svcChanged = true;
    }
    if (svcChanged) {
      recordServiceChange(s, objKey(svc));
      changed = true;
    }
  }
  // Slices whose Service is gone are garbage-collected with their owner.
  for (const e of Object.values(s.objects.endpointslices)) {
    const owner = e.metadata.ownerReferences?.find((r) => r.kind === 'Service');
    const svc = owner ? s.objects.services[`${e.metadata.namespace}/${owner.name}`] : undefined;
    if (owner && (!svc || svc.metadata.uid !== owner.uid || !svc.spec.selector)) {
      delete s.objects.endpointslices[objKey(e)];
      recordServiceChange(s, `${e.metadata.namespace}/${owner.name}`);
      changed = true;
    }
  }
  return changed;
}
