// kubectl describe for Services, Endpoints, EndpointSlices, Deployments, ReplicaSets and Namespaces
// (kubectl pkg/describe/describe.go); Pods and Nodes live in describe-pod.ts and describe-node.ts.
// Each returns the whole text (ending in a newline); pass events (eventsFor) for the Events section.
import type { ClusterEvent } from '../../model/state';
import type {
  Deployment,
  EndpointSlice,
  Namespace,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
  Service,
} from '../../model/types';
import {
  byteCompare,
  controllerOf,
  formatLabels,
  formatLabelSelector,
  joinHostPort,
  rfc1123z,
  selectorString,
} from './format';
import { DescribeWriter, writeAnnotations, writeEvents, writeLabels } from './describe-writer';
import type { DescribeContext } from './describe-pod';
import { writePodTemplate } from './describe-pod';
import type { Endpoints } from './endpoints';

export { describePod } from './describe-pod';
export type { DescribeContext } from './describe-pod';
export { describeNode } from './describe-node';
export { eventsFor, joinDescriptions } from './describe-writer';

/**
 * describe.go formatEndpointSlices: ready ip:port values of the named port, at most three, then
 * " + n more..."; "<none>" without slices; "" when no endpoint is ready. (The "more" flag is set
 * before the readiness check, as kubectl does, so a not-ready fourth endpoint shows " + 0 more...".)
 */
export function formatEndpointSlices(slices: EndpointSlice[], portName?: string): string {
  if (slices.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const s of slices) {
    const ports = s.ports ?? [];
    const endpoints = s.endpoints ?? [];
    if (ports.length === 0) {
      for (const ep of endpoints) {
        if (list.length === max) more = true;
        if (ep.conditions.ready === false) continue;
        if (!more) list.push(ep.addresses[0]);
        count++;
      }
      continue;
    }
    for (const port of ports) {
      if (portName !== undefined && port.name !== portName) continue;
      for (const ep of endpoints) {
        if (list.length === max) more = true;
        if (ep.conditions.ready === false) continue;
        if (!more) list.push(joinHostPort(ep.addresses[0], port.port));
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** `kubectl describe service`; `slices` are the Service's EndpointSlices (kubernetes.io/service-name). */
export function describeService(
  svc: Service,
  slices: EndpointSlice[],
  events: ClusterEvent[] | undefined,
  ctx: DescribeContext,
): string {
  const w = new DescribeWriter();
  const spec = svc.spec;
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', svc.metadata.labels);
  writeAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? 'ClusterIP'}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) {
    const list = ingress
      .map((i) => (i.ip ? (i.ipMode ? `${i.ip} (${i.ipMode})` : i.ip) : (i.hostname ?? '')))
      .join(', ');
    w.write(0, `LoadBalancer Ingress:\t${list}\n`);
  }
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    const proto = sp.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${sp.port}/${proto}\n`);
    const target = sp.targetPort === undefined || sp.targetPort === 0 || sp.targetPort === '' ? sp.port : sp.targetPort;
    w.write(0, `TargetPort:\t${target}/${proto}\n`);
    if (sp.appProtocol) w.write(0, `AppProtocol:\t${sp.appProtocol}\n`);
    if (sp.nodePort) w.write(0, `NodePort:\t${name}\t${sp.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length)
    w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (spec.trafficDistribution) w.write(0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
  writeEvents(w, events, ctx.now);
  return w.toString();
}

/** `kubectl describe endpoints` (print ENDPOINTS_DEPRECATION_WARNING on stderr too). */
export function describeEndpoints(ep: Endpoints, events: ClusterEvent[] | undefined, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ep.metadata.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', ep.metadata.labels);
  writeAnnotations(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const ss of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(ss.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${(ss.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    if (ss.ports?.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of ss.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol}\n`);
    }
    w.write(0, '\n');
  }
  writeEvents(w, events, ctx.now);
  return w.toString();
}

/** `kubectl describe endpointslice` (discovery.k8s.io/v1). */
export function describeEndpointSlice(
  s: EndpointSlice,
  events: ClusterEvent[] | undefined,
  ctx: DescribeContext,
): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${s.metadata.name}\n`);
  w.write(0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', s.metadata.labels);
  writeAnnotations(w, 'Annotations', s.metadata.annotations);
  w.write(0, `AddressType:\t${s.addressType}\n`);
  if (!s.ports?.length) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of s.ports) w.write(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol}\n`);
  }
  if (!s.endpoints?.length) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const ep of s.endpoints) {
      w.write(1, `- Addresses:\t${ep.addresses.join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${ep.conditions.ready === undefined ? '<unset>' : String(ep.conditions.ready)}\n`);
      w.write(2, `Hostname:\t${ep.hostname ?? '<unset>'}\n`);
      if (ep.targetRef) w.write(2, `TargetRef:\t${ep.targetRef.kind}/${ep.targetRef.name}\n`);
      w.write(2, `NodeName:\t${ep.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${ep.zone ?? '<unset>'}\n`);
    }
  }
  writeEvents(w, events, ctx.now);
  return w.toString();
}

/** Canonical JSON (sorted keys) of a template without pod-template-hash, to find the new ReplicaSet. */
function templateKey(t: PodTemplateSpec): string {
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(canon({ labels, annotations: t.metadata?.annotations ?? {}, spec: t.spec }));
}

const rsSummary = (list: ReplicaSet[]) =>
  list
    .map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`)
    .join(', ') || '<none>';

const intOrString = (v: number | string | undefined, dflt: string) => (v === undefined ? dflt : String(v));

/** `kubectl describe deployment`; `replicaSets` are those the Deployment owns. */
export function describeDeployment(
  d: Deployment,
  replicaSets: ReplicaSet[],
  events: ClusterEvent[] | undefined,
  ctx: DescribeContext,
): string {
  const w = new DescribeWriter();
  const st = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ctx.epoch, d.metadata.creationTimestamp)}\n`);
  writeLabels(w, 'Labels', d.metadata.labels);
  writeAnnotations(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(d.spec.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${d.spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  const strategy = d.spec.strategy ?? {
    type: 'RollingUpdate' as const,
    rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
  };
  w.write(0, `StrategyType:\t${strategy.type}\n`);
  w.write(0, `MinReadySeconds:\t${(d.spec as { minReadySeconds?: number }).minReadySeconds ?? 0}\n`);
  if (strategy.type === 'RollingUpdate') {
    const ru = strategy.rollingUpdate;
    w.write(
      0,
      `RollingUpdateStrategy:\t${intOrString(ru?.maxUnavailable, '25%')} max unavailable, ${intOrString(ru?.maxSurge, '25%')} max surge\n`,
    );
  }
  writePodTemplate(w, d.spec.template, ctx.epoch);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const key = templateKey(d.spec.template);
  const owned = replicaSets
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid) ?? true)
    .sort(
      (a, b) =>
        a.metadata.creationTimestamp - b.metadata.creationTimestamp || byteCompare(a.metadata.name, b.metadata.name),
    );
  const newRS = owned.find((rs) => templateKey(rs.spec.template) === key);
  const oldRSs = owned.filter((rs) => rs !== newRS);
  if (owned.length) {
    w.write(0, `OldReplicaSets:\t${rsSummary(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${rsSummary(newRS ? [newRS] : [])}\n`);
  }
  writeEvents(w, events, ctx.now);
  return w.toString();
}

/** `kubectl describe replicaset`; `pods` are the namespace's Pods (those it controls are counted). */
export function describeReplicaSet(
  rs: ReplicaSet,
  pods: Pod[],
  events: ClusterEvent[] | undefined,
  ctx: DescribeContext,
): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
  writeLabels(w, 'Labels', rs.metadata.labels);
  writeAnnotations(w, 'Annotations', rs.metadata.annotations);
  const ctl = controllerOf(rs.metadata);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`);
  const mine = pods.filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && r.uid === rs.metadata.uid));
  const n = (phase: string) => mine.filter((p) => p.status.phase === phase).length;
  w.write(
    0,
    `Pods Status:\t${n('Running')} Running / ${n('Pending')} Waiting / ${n('Succeeded')} Succeeded / ${n('Failed')} Failed\n`,
  );
  writePodTemplate(w, rs.spec.template, ctx.epoch);
  writeEvents(w, events, ctx.now);
  return w.toString();
}

/** `kubectl describe namespace` (no quotas or limit ranges in the simulator). */
export function describeNamespace(ns: Namespace): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  writeLabels(w, 'Labels', ns.metadata.labels);
  writeAnnotations(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? 'Active'}\n`);
  w.write(0, '\n');
  w.write(0, 'No resource quota.\n');
  w.write(0, '\n');
  w.write(0, 'No LimitRange resource.\n');
  return w.toString();
}
