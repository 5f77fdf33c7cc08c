// endpointslicemirroring-controller (pkg/controller/endpointslicemirroring): v1 Endpoints someone wrote for a
// Service without a selector become EndpointSlices, so kube-proxy (which reads only slices) routes to them.
// One slice per subset's port set (addrTypePortMapKey), named <endpoints>-<random>, labelled with the
// Endpoints' labels plus kubernetes.io/service-name and managed-by endpointslicemirroring-controller.k8s.io,
// owned by the Endpoints; addresses ready, notReadyAddresses not (utils.go addressToEndpoint: only `ready`
// is set). Not mirrored: Endpoints of a Service with a selector (the endpoints controller's own), of no
// Service, or labelled endpointslice.kubernetes.io/skip-mirror=true.
import type { ClusterState } from '../model/state';
import type { Endpoint, EndpointPort, EndpointSlice, EndpointsV1 } from '../model/types';
import { nextRV, objKey } from '../model/meta';
import { recordServiceChange } from '../apiserver/changes';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL, newSlice } from './endpointslice';

export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
const SKIP_ANNOTATIONS = new Set([
  'endpoints.kubernetes.io/last-change-trigger-time',
  'kubectl.kubernetes.io/last-applied-configuration',
]);

function wanted(s: ClusterState, ep: EndpointsV1): boolean {
  const svc = s.objects.services[`${ep.metadata.namespace}/${ep.metadata.name}`];
  return !!svc && !svc.spec.selector && ep.metadata.labels?.['endpointslice.kubernetes.io/skip-mirror'] !== 'true';
}

function desired(ep: EndpointsV1): { ports: EndpointPort[]; endpoints: Endpoint[] }[] {
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const ss of ep.subsets ?? []) {
    const ports: EndpointPort[] = (ss.ports ?? []).map((p) => ({
      name: p.name ?? '',
      port: p.port,
      protocol: p.protocol ?? 'TCP',
      ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
    }));
    const key = JSON.stringify(ports);
    const g = groups.get(key) ?? { ports, endpoints: [] };
    groups.set(key, g);
    const add = (ready: boolean) => (a: NonNullable<typeof ss.addresses>[number]) => {
      const e: Endpoint = { addresses: [a.ip], conditions: { ready } };
      if (a.hostname) e.hostname = a.hostname;
      if (a.nodeName) e.nodeName = a.nodeName;
      if (a.targetRef) e.targetRef = a.targetRef;
      g.endpoints.push(e);
    };
    (ss.addresses ?? []).forEach(add(true));
    (ss.notReadyAddresses ?? []).forEach(add(false));
  }
  return [...groups.values()];
}

function labelsOf(ep: EndpointsV1): Record<string, string> {
  return {
    ...(ep.metadata.labels ?? {}),
    [SERVICE_NAME_LABEL]: ep.metadata.name,
    [MANAGED_BY_LABEL]: MIRRORING_CONTROLLER,
  };
}

function annotationsOf(ep: EndpointsV1): Record<string, string> {
  return Object.fromEntries(Object.entries(ep.metadata.annotations ?? {}).filter(([k]) => !SKIP_ANNOTATIONS.has(k)));
}

export function reconcileEndpointSliceMirroring(s: ClusterState): boolean {
  let changed = false;
  const mirrored = Object.values(s.objects.endpointslices).filter(
    (e) => e.metadata.labels?.[MANAGED_BY_LABEL] === MIRRORING_CONTROLLER,
  );
  const keep = new Set<EndpointSlice>();
  for (const ep of Object.values(s.objects.endpoints ?? {})) {
    if (!wanted(s, ep)) continue;
    const ns = ep.metadata.namespace!;
    const mine = mirrored.filter((e) =>
      (e.metadata.ownerReferences ?? []).some((r) => r.kind === 'Endpoints' && r.uid === ep.metadata.uid),
    );
    const unused = new Set(mine);
    let epChanged = false;
    for (const d of desired(ep)) {
      const sig = JSON.stringify(d.ports);
      const match = [...unused].find((e) => JSON.stringify(e.ports) === sig) ?? [...unused][0];
      const labels = labelsOf(ep);
      const annotations = annotationsOf(ep);
      if (match) {
        unused.delete(match);
        keep.add(match);
        const before = JSON.stringify([
          match.endpoints,
          match.ports,
          match.metadata.labels,
          match.metadata.annotations ?? {},
        ]);
        if (before !== JSON.stringify([d.endpoints, d.ports, labels, annotations])) {
          match.endpoints = d.endpoints;
          match.ports = d.ports;
          match.metadata.labels = labels;
          if (Object.keys(annotations).length) match.metadata.annotations = annotations;
          else delete match.metadata.annotations;
          match.metadata.resourceVersion = nextRV(s);
          epChanged = true;
        }
        continue;
      }
      const owner = { apiVersion: 'v1', kind: 'Endpoints', name: ep.metadata.name, uid: ep.metadata.uid };
      const slice = newSlice(s, owner, ns, labels, d, annotations);
      s.objects.endpointslices[objKey(slice)] = slice;
      keep.add(slice);
      epChanged = true;
    }
    for (const e of unused) {
      delete s.objects.endpointslices[objKey(e)];
      epChanged = true;
    }
    if (epChanged) {
      recordServiceChange(s, `${ns}/${ep.metadata.name}`);
      changed = true;
    }
  }
  // slices whose Endpoints went away, or whose Service now has a selector (or is gone)
  for (const e of mirrored) {
    if (keep.has(e) || !s.objects.endpointslices[objKey(e)]) continue;
    delete s.objects.endpointslices[objKey(e)];
    recordServiceChange(s, `${e.metadata.namespace}/${e.metadata.labels?.[SERVICE_NAME_LABEL] ?? ''}`);
    changed = true;
  }
  return changed;
}
