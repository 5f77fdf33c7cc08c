// What the apiserver fills in before it validates: scheme defaulting (pkg/apis/core/v1/defaults.go,
// pkg/apis/apps/v1/defaults.go), admission plugins that always run (ServiceAccount,
// DefaultTolerationSeconds), and the Service REST hooks that run before validation
// (normalizeClusterIPs, patchAllocatedValues, initIPFamilyFields, dropTypeDependentFields).
// Every function works on a deep copy and returns it.

import type {
  Container,
  Probe,
  Deployment,
  Namespace,
  Pod,
  PodSpec,
  PodTemplateSpec,
  ReplicaSet,
  Service,
} from '../model/types';
import { parseIPSloppy, type IPFamily } from './ip-parse';

type Toleration = NonNullable<PodSpec['tolerations']>[number];

export const DEFAULT_CLIENT_IP_TIMEOUT = 10800;
export const DEFAULT_TERMINATION_GRACE_PERIOD = 30;

const copy = <T>(o: T): T => structuredClone(o);

// ---------------------------------------------------------------- Service helpers

/** pkg/api/service ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs. */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec.externalIPs?.length ?? 0) > 0);
}

/** A health-check nodePort is needed only for LoadBalancer with externalTrafficPolicy Local. */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local';
}

/** The validation's notion of headless: clusterIPs is exactly ["None"]. */
export function isHeadlessService(svc: Service): boolean {
  const ips = svc.spec.clusterIPs;
  return ips !== undefined && ips.length === 1 && ips[0] === 'None';
}

const needsClusterIP = (s: Service) => s.spec.type !== 'ExternalName';
const needsNodePort = (s: Service) => s.spec.type === 'NodePort' || s.spec.type === 'LoadBalancer';
const sameList = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i]);
// The strategy compares clusterIP and clusterIPs; the REST storage hooks compare clusterIPs only.
const sameClusterIPs = (o: Service, n: Service) =>
  (o.spec.clusterIP ?? '') === (n.spec.clusterIP ?? '') && sameList(o.spec.clusterIPs, n.spec.clusterIPs);
const samePluralIPs = (o: Service, n: Service) => sameList(o.spec.clusterIPs, n.spec.clusterIPs);

/** SetDefaults_Service (v1). */
function setDefaultsService(svc: Service): void {
  const s = svc.spec;
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP' && s.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    s.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT } };
  }
  if (!s.type) s.type = 'ClusterIP';
  for (const p of s.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(svc) && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if (
    s.internalTrafficPolicy === undefined &&
    (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP')
  ) {
    s.internalTrafficPolicy = 'Cluster';
  }
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined)
    s.allocateLoadBalancerNodePorts = true;
  if (s.type === 'LoadBalancer') {
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
  }
}

/** normalizeClusterIPs: keep clusterIP and clusterIPs in step (REST beginCreate/beginUpdate). */
function normalizeClusterIPs(n: Service, o?: Service): void {
  const s = n.spec;
  if (!o) {
    if (s.clusterIP && !s.clusterIPs?.length) s.clusterIPs = [s.clusterIP];
    return;
  }
  if (
    (o.spec.clusterIPs?.length ?? 0) > 0 &&
    !s.clusterIPs?.length &&
    (o.spec.clusterIP ?? '') === (s.clusterIP ?? '')
  ) {
    s.clusterIPs = [...(o.spec.clusterIPs ?? [])];
  }
  if ((o.spec.clusterIP ?? '') !== (s.clusterIP ?? '')) {
    if (o.spec.clusterIP && !s.clusterIP) {
      if (samePluralIPs(o, n)) delete s.clusterIPs;
    } else if (samePluralIPs(o, n)) {
      s.clusterIPs = [s.clusterIP ?? ''];
    }
  }
}

/** patchAllocatedValues: a resubmitted manifest keeps what the apiserver allocated. */
function patchAllocatedValues(n: Service, o: Service): void {
  if (needsClusterIP(o) && needsClusterIP(n)) {
    if (!n.spec.clusterIP) n.spec.clusterIP = o.spec.clusterIP;
    if (!n.spec.clusterIPs?.length && (o.spec.clusterIPs?.length ?? 0) > 0)
      n.spec.clusterIPs = [...(o.spec.clusterIPs ?? [])];
  }
  if (needsNodePort(o) && needsNodePort(n)) {
    const used = (s: Service) => new Set((s.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((x) => x !== 0));
    const newUsed = used(n);
    const inBoth = new Set([...used(o)].filter((x) => newUsed.has(x)));
    const byName = new Map<string, number>();
    for (const p of o.spec.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of n.spec.ports ?? []) {
      if (p.nodePort) continue;
      const old = byName.get(p.name ?? '') ?? 0;
      if (old && !inBoth.has(old)) p.nodePort = old;
    }
  }
  if (needsHealthCheck(o) && needsHealthCheck(n) && !n.spec.healthCheckNodePort) {
    n.spec.healthCheckNodePort = o.spec.healthCheckNodePort;
  }
}

/** dropTypeDependentFields (strategy PrepareForUpdate): a type change wipes what no longer applies. */
export function dropTypeDependentFields(n: Service, o: Service): void {
  const s = n.spec;
  if (needsClusterIP(o) && !needsClusterIP(n)) {
    if (sameClusterIPs(o, n)) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (sameList(o.spec.ipFamilies, s.ipFamilies)) delete s.ipFamilies;
    if (o.spec.ipFamilyPolicy === s.ipFamilyPolicy) delete s.ipFamilyPolicy;
  }
  const nodePorts = (x: Service) => (x.spec.ports ?? []).map((p) => p.nodePort ?? 0).filter((v) => v !== 0);
  const oldPorts = new Set(nodePorts(o));
  if (needsNodePort(o) && !needsNodePort(n) && nodePorts(n).every((p) => oldPorts.has(p))) {
    for (const p of s.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(o) && !needsHealthCheck(n) && o.spec.healthCheckNodePort === s.healthCheckNodePort)
    delete s.healthCheckNodePort;
  if (o.spec.type === 'LoadBalancer' && s.type !== 'LoadBalancer') {
    if (
      s.allocateLoadBalancerNodePorts !== undefined &&
      o.spec.allocateLoadBalancerNodePorts === s.allocateLoadBalancerNodePorts
    ) {
      delete s.allocateLoadBalancerNodePorts;
    }
    if (o.spec.loadBalancerClass === s.loadBalancerClass) delete s.loadBalancerClass;
  }
  if (externallyAccessible(o) && !externallyAccessible(n) && o.spec.externalTrafficPolicy === s.externalTrafficPolicy) {
    delete s.externalTrafficPolicy;
  }
  if (s.type !== 'LoadBalancer' && n.status) n.status = { ...n.status, loadBalancer: {} };
}

/**
 * initIPFamilyFields' defaulting half (the allocator, before validation). It never infers a
 * family the cluster lacks; validateServiceIPFamilies reports that case as the apiserver does.
 */
function initIPFamilies(n: Service, o: Service | undefined, clusterFamilies: readonly IPFamily[]): void {
  const s = n.spec;
  if (s.type === 'ExternalName') return;
  const headlessNoSelector = s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0;
  if (!s.ipFamilyPolicy) {
    if (o?.spec.ipFamilyPolicy) s.ipFamilyPolicy = o.spec.ipFamilyPolicy;
    else s.ipFamilyPolicy = headlessNoSelector ? 'RequireDualStack' : 'SingleStack';
  }
  if (o && s.ipFamilyPolicy === 'SingleStack') {
    if (samePluralIPs(o, n) && (s.clusterIPs?.length ?? 0) > 1) s.clusterIPs = s.clusterIPs?.slice(0, 1);
    if (sameList(o.spec.ipFamilies, s.ipFamilies) && (s.ipFamilies?.length ?? 0) > 1)
      s.ipFamilies = s.ipFamilies?.slice(0, 1);
  }
  const families: IPFamily[] = [...(s.ipFamilies ?? [])];
  // The allocator validates clusterIPs before it infers anything; on bad input it infers nothing.
  const ips = s.clusterIPs ?? [];
  const fams = ips.map((ip) => parseIPSloppy(ip)?.family);
  let blocked =
    ips.length > 2 ||
    (ips.length > 0 && s.clusterIP !== ips[0]) ||
    (ips.length === 2 && (!fams[0] || !fams[1] || fams[0] === fams[1])) ||
    (ips.length === 1 && !fams[0] && ips[0] !== 'None');
  if (!blocked)
    for (const [i, ip] of ips.entries()) {
      if (ip === 'None') break;
      const parsed = parseIPSloppy(ip);
      if (!parsed) break;
      if (i < families.length) continue;
      if (!clusterFamilies.includes(parsed.family)) {
        blocked = true;
        break;
      }
      families.push(parsed.family);
    }
  const primary = clusterFamilies[0] ?? 'IPv4';
  const other: IPFamily = primary === 'IPv4' ? 'IPv6' : 'IPv4';
  if (headlessNoSelector) {
    if (families.length === 0) families.push(primary);
    if (families.length < 2 && s.ipFamilyPolicy !== 'SingleStack')
      families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
  } else if (!blocked) {
    if (families.length === 0) families.push(primary);
    if (s.ipFamilyPolicy !== 'SingleStack' && families.length === 1 && clusterFamilies.length === 2) {
      families.push(families[0] === primary ? other : primary);
    }
  }
  if (families.length > 0) s.ipFamilies = families;
}

/**
 * A Service as the apiserver holds it just before validation (allocation aside): scheme defaults,
 * clusterIP/clusterIPs normalized, IP families set for a cluster with `clusterFamilies`
 * (single-stack IPv4 unless told). With `old`, the update path: allocated values patched in,
 * type-dependent fields dropped, the old ipFamilyPolicy kept.
 */
export function defaultService(svc: Service, old?: Service, clusterFamilies: readonly IPFamily[] = ['IPv4']): Service {
  const n = copy(svc);
  if (!n.spec) n.spec = {};
  setDefaultsService(n);
  if (old) {
    patchAllocatedValues(n, old);
    normalizeClusterIPs(n, old);
  } else {
    normalizeClusterIPs(n);
  }
  initIPFamilies(n, old, clusterFamilies);
  if (old) dropTypeDependentFields(n, old);
  // The apiserver drops internalTrafficPolicy from ExternalName Services when it reads them.
  if (n.spec.type === 'ExternalName') delete n.spec.internalTrafficPolicy;
  return n;
}

// ---------------------------------------------------------------- Pods and templates

/** PullPolicy from the tag: `Always` for `:latest` or no tag (no digest), `IfNotPresent` otherwise. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const tag = colon < 0 ? 'latest' : image.slice(colon + 1);
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** SetDefaults_Probe and SetDefaults_HTTPGetAction (pkg/apis/core/v1/defaults.go). */
function defaultProbe(p: Probe | undefined): void {
  if (!p || typeof p !== 'object') return;
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (p.httpGet) {
    if (!p.httpGet.path) p.httpGet.path = '/';
    if (!p.httpGet.scheme) p.httpGet.scheme = 'HTTP';
  }
}

function defaultContainer(c: Container): void {
  defaultProbe(c.readinessProbe);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.startupProbe);
  for (const h of [c.lifecycle?.preStop, c.lifecycle?.postStart])
    if (h?.httpGet) {
      if (!h.httpGet.path) h.httpGet.path = '/';
      if (!h.httpGet.scheme) h.httpGet.scheme = 'HTTP';
    }
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image ?? '');
  if (c.resources === undefined) c.resources = {};
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
}

/** SetDefaults_PodSpec plus container defaults; this is all a pod template gets. */
function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext === undefined) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined)
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const c of spec.containers ?? []) defaultContainer(c);
}

// A template is a value in Go: even a missing one gets the PodSpec defaults.
function defaultTemplate(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const tt = t ?? { spec: { containers: [] } };
  if (!tt.spec) tt.spec = { containers: [] };
  defaultPodSpec(tt.spec);
  return tt;
}

// DefaultTolerationSeconds admission: pods tolerate an unready or unreachable node for 300 s.
const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function toleratesNoExecute(ts: readonly Toleration[], key: string): boolean {
  return ts.some(
    (t) => (t.effect === 'NoExecute' || !t.effect) && (t.key === key || (!t.key && t.operator === 'Exists')),
  );
}

/** The QoS class the pod strategy records at create (BestEffort without requests or limits). */
function qosClass(spec: PodSpec): string {
  const res = (spec.containers ?? []).map(
    (c) => (c.resources ?? {}) as { requests?: Record<string, unknown>; limits?: Record<string, unknown> },
  );
  if (res.every((r) => Object.keys(r.requests ?? {}).length === 0 && Object.keys(r.limits ?? {}).length === 0))
    return 'BestEffort';
  const guaranteed = res.every((r) => {
    const l = r.limits ?? {};
    const q = { ...l, ...(r.requests ?? {}) };
    return ['cpu', 'memory'].every((k) => l[k] !== undefined && String(q[k]) === String(l[k]));
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** A Pod as `kubectl get pod -o yaml` shows it right after create (before scheduling). */
export function defaultPod(pod: Pod): Pod {
  const p = copy(pod);
  if (!p.spec) p.spec = { containers: [] };
  const spec = p.spec;
  // SetDefaults_Pod: requests default to limits.
  for (const c of spec.containers ?? []) {
    const r = c.resources as { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | undefined;
    if (r?.limits) r.requests = { ...r.limits, ...(r.requests ?? {}) };
  }
  defaultPodSpec(spec);
  if (spec.enableServiceLinks === undefined) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    for (const c of spec.containers ?? [])
      for (const port of c.ports ?? []) if (!port.hostPort) port.hostPort = port.containerPort;
  }
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  const tolerations = [...(spec.tolerations ?? [])];
  for (const t of DEFAULT_TOLERATIONS) if (!toleratesNoExecute(tolerations, t.key ?? '')) tolerations.push({ ...t });
  spec.tolerations = tolerations;
  if (!p.status) p.status = { phase: 'Pending' };
  if (!p.status.phase) p.status.phase = 'Pending';
  if (!p.status.qosClass) p.status.qosClass = qosClass(spec);
  return p;
}

// ---------------------------------------------------------------- apps/v1

/** SetDefaults_Deployment: 1 replica, RollingUpdate 25%/25%, 10 old ReplicaSets, 600 s deadline. */
export function defaultDeployment(d: Deployment): Deployment {
  const n = copy(d);
  const s = n.spec;
  if (s.replicas === undefined) s.replicas = 1;
  if (!s.strategy) s.strategy = { type: 'RollingUpdate' };
  if (!s.strategy.type) s.strategy.type = 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    const ru: Partial<NonNullable<typeof s.strategy.rollingUpdate>> = s.strategy.rollingUpdate ?? {};
    s.strategy.rollingUpdate = { maxUnavailable: ru.maxUnavailable ?? '25%', maxSurge: ru.maxSurge ?? '25%' };
  }
  if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
  if (s.progressDeadlineSeconds === undefined) s.progressDeadlineSeconds = 600;
  s.template = defaultTemplate(s.template);
  return n;
}

export function defaultReplicaSet(rs: ReplicaSet): ReplicaSet {
  const n = copy(rs);
  if (n.spec.replicas === undefined) n.spec.replicas = 1;
  n.spec.template = defaultTemplate(n.spec.template);
  return n;
}

/** Namespaces get the kubernetes.io/metadata.name label, the `kubernetes` finalizer and phase Active. */
export function defaultNamespace(ns: Namespace): Namespace {
  const n = copy(ns);
  if (n.metadata.name)
    n.metadata.labels = { ...(n.metadata.labels ?? {}), 'kubernetes.io/metadata.name': n.metadata.name };
  if (!n.spec?.finalizers) n.spec = { ...(n.spec ?? {}), finalizers: ['kubernetes'] };
  if (!n.status?.phase) n.status = { phase: 'Active' };
  return n;
}
