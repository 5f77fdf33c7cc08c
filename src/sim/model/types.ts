// API object shapes (core/v1, apps/v1, discovery.k8s.io/v1), reduced to the fields the simulator
// models. Field names and nesting follow the real API so objects print as a real apiserver returns them.
// Timestamps are virtual milliseconds since the cluster's epoch (see ClusterSettings.epoch).

export type Labels = Record<string, string>;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: number;
  deletionTimestamp?: number;
  deletionGracePeriodSeconds?: number;
  labels?: Labels;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

// ---- Namespace ----
export interface Namespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
  spec?: { finalizers?: string[] };
  status: { phase: 'Active' | 'Terminating' };
}

// ---- Node ----
export interface NodeAddress {
  type: 'InternalIP' | 'ExternalIP' | 'Hostname';
  address: string;
}
export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastHeartbeatTime?: number;
  lastTransitionTime?: number;
}
export interface Node {
  apiVersion: 'v1';
  kind: 'Node';
  metadata: ObjectMeta;
  spec: {
    podCIDR?: string;
    podCIDRs?: string[];
    unschedulable?: boolean;
    taints?: { key: string; effect: string; value?: string }[];
  };
  status: {
    addresses: NodeAddress[];
    conditions: NodeCondition[];
    nodeInfo: {
      kubeletVersion: string;
      osImage: string;
      kernelVersion: string;
      containerRuntimeVersion: string;
      kubeProxyVersion?: string;
      architecture: string;
      operatingSystem: string;
    };
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
  };
}

// ---- Pod ----
export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: Protocol;
  hostPort?: number;
}
export interface EnvVar {
  name: string;
  value?: string;
}
/** core/v1 Probe: one of exec, httpGet, tcpSocket, with its timing (defaulted by the apiserver). */
export interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: 'HTTP' | 'HTTPS' };
  tcpSocket?: { port: number | string; host?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number;
}
/** core/v1 LifecycleHandler (preStop / postStart) */
export interface LifecycleHandler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: 'HTTP' | 'HTTPS' };
  tcpSocket?: { port: number | string; host?: string };
  sleep?: { seconds: number };
}
export interface Container {
  name: string;
  image: string;
  ports?: ContainerPort[];
  env?: EnvVar[];
  command?: string[];
  args?: string[];
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  resources?: Record<string, unknown>;
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: LifecycleHandler; postStart?: LifecycleHandler };
  volumeMounts?: VolumeMount[];
}
export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}
/** A volume: its name and one source (only `projected` is modelled; other sources are kept as written). */
export interface Volume {
  name: string;
  emptyDir?: { medium?: string; sizeLimit?: string };
  projected?: {
    defaultMode?: number;
    sources: {
      serviceAccountToken?: { expirationSeconds?: number; path: string };
      configMap?: { name: string; optional?: boolean; items?: { key: string; path: string }[] };
      downwardAPI?: { items?: { path: string; fieldRef?: { apiVersion?: string; fieldPath: string } }[] };
    }[];
  };
}
export interface PodSpec {
  containers: Container[];
  nodeName?: string;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  dnsPolicy?: 'ClusterFirst' | 'Default' | 'None' | 'ClusterFirstWithHostNet';
  enableServiceLinks?: boolean;
  terminationGracePeriodSeconds?: number;
  schedulerName?: string;
  serviceAccountName?: string;
  securityContext?: Record<string, unknown>;
  tolerations?: { key?: string; operator?: string; effect?: string; tolerationSeconds?: number }[];
  volumes?: Volume[];
  automountServiceAccountToken?: boolean;
}
export interface PodCondition {
  type: 'PodScheduled' | 'Initialized' | 'ContainersReady' | 'Ready' | 'PodReadyToStartContainers';
  status: 'True' | 'False';
  lastTransitionTime?: number;
  lastProbeTime?: null;
  reason?: string;
}
export interface ContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: number };
  terminated?: { exitCode: number; reason?: string; startedAt?: number; finishedAt?: number; signal?: number };
}
export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  /** the kubelet's report of the container's mounts (RecursiveReadOnlyMounts, beta and on since 1.31) */
  volumeMounts?: (VolumeMount & { recursiveReadOnly?: 'Disabled' })[];
  containerID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: ContainerState;
  lastState?: ContainerState;
}
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
export interface PodStatus {
  phase: PodPhase;
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: number;
  containerStatuses?: ContainerStatus[];
  qosClass?: string;
  reason?: string;
  message?: string;
}
export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
  status: PodStatus;
}
export interface PodTemplateSpec {
  metadata?: { labels?: Labels; annotations?: Record<string, string>; creationTimestamp?: null };
  spec: PodSpec;
}

// ---- Label selectors ----
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

// ---- Deployment / ReplicaSet ----
export interface Deployment {
  apiVersion: 'apps/v1';
  kind: 'Deployment';
  metadata: ObjectMeta;
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: PodTemplateSpec;
    strategy?: {
      type: 'RollingUpdate' | 'Recreate';
      rollingUpdate?: { maxSurge: number | string; maxUnavailable: number | string };
    };
    revisionHistoryLimit?: number;
    progressDeadlineSeconds?: number;
    minReadySeconds?: number;
    paused?: boolean;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: {
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastUpdateTime?: number;
      lastTransitionTime?: number;
    }[];
  };
}
export interface ReplicaSet {
  apiVersion: 'apps/v1';
  kind: 'ReplicaSet';
  metadata: ObjectMeta;
  spec: { replicas?: number; minReadySeconds?: number; selector: LabelSelector; template: PodTemplateSpec };
  status: {
    replicas: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
  };
}

// ---- Service ----
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export interface ServicePort {
  name?: string;
  protocol?: Protocol;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}
export interface ServiceSpec {
  type?: ServiceType;
  selector?: Labels;
  ports?: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: ('IPv4' | 'IPv6')[];
  ipFamilyPolicy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  externalIPs?: string[];
  externalName?: string;
  sessionAffinity?: 'None' | 'ClientIP';
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  healthCheckNodePort?: number;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  loadBalancerClass?: string;
  allocateLoadBalancerNodePorts?: boolean;
  publishNotReadyAddresses?: boolean;
  trafficDistribution?: string;
}
export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: ObjectMeta;
  spec: ServiceSpec;
  status: { loadBalancer: { ingress?: { ip?: string; hostname?: string; ipMode?: 'VIP' | 'Proxy' }[] } };
}

// ---- EndpointSlice ----
export interface Endpoint {
  addresses: string[];
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
  zone?: string;
  hostname?: string;
  targetRef?: { kind: 'Pod'; namespace: string; name: string; uid: string };
}
export interface EndpointPort {
  name: string;
  port: number;
  protocol: Protocol;
  appProtocol?: string;
}
export interface EndpointSlice {
  apiVersion: 'discovery.k8s.io/v1';
  kind: 'EndpointSlice';
  metadata: ObjectMeta;
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: Endpoint[];
  ports: EndpointPort[];
}

// ---- Endpoints (core/v1, deprecated since 1.33 but served): written by hand for a Service without a selector ----
export interface EndpointAddressV1 {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: 'Pod'; namespace: string; name: string; uid: string };
}
export interface EndpointsV1 {
  apiVersion: 'v1';
  kind: 'Endpoints';
  metadata: ObjectMeta;
  subsets?: {
    addresses?: EndpointAddressV1[];
    notReadyAddresses?: EndpointAddressV1[];
    ports?: { name?: string; port: number; protocol: Protocol; appProtocol?: string }[];
  }[];
}

export type KubeObject = Namespace | Node | Pod | Deployment | ReplicaSet | Service | EndpointSlice | EndpointsV1;
export type Kind = KubeObject['kind'];

/**
 * An object on its way into the apiserver (the typed manifest input): the kind's own fields, with
 * metadata and status optional and none of the server-owned metadata required. YAML, share links,
 * saved state, the engine and `kubectl create/run` produce these; `writeObject` defaults, validates and
 * stores them as a KubeObject (a missing name is a validation error, as on a real apiserver).
 */
export type ManifestInput<T extends KubeObject = KubeObject> = T extends KubeObject
  ? Omit<T, 'metadata' | 'status'> & {
      metadata?: Partial<ObjectMeta>;
      status?: T extends { status: infer S } ? S : never;
    }
  : never;

/**
 * The check where untyped input enters (a YAML document, a share link's object, saved state): a kind
 * the API serves at its apiVersion, and metadata, if any, a mapping. The rest is the apiserver's to
 * validate, as a real one validates an object after decoding it.
 */
export function isManifestInput(o: unknown): o is ManifestInput {
  if (!isMapping(o)) return false;
  const { kind, apiVersion, metadata } = o;
  if (typeof kind !== 'string' || !Object.hasOwn(KINDS, kind)) return false;
  return apiVersion === KINDS[kind as Kind].apiVersion && (metadata === undefined || isMapping(metadata));
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where each kind is kept in ClusterState.objects, and whether it is namespaced. */
export const KINDS = {
  Namespace: { collection: 'namespaces', namespaced: false, resource: 'namespaces', group: '', apiVersion: 'v1' },
  Node: { collection: 'nodes', namespaced: false, resource: 'nodes', group: '', apiVersion: 'v1' },
  Pod: { collection: 'pods', namespaced: true, resource: 'pods', group: '', apiVersion: 'v1' },
  Service: { collection: 'services', namespaced: true, resource: 'services', group: '', apiVersion: 'v1' },
  Deployment: {
    collection: 'deployments',
    namespaced: true,
    resource: 'deployments',
    group: 'apps',
    apiVersion: 'apps/v1',
  },
  ReplicaSet: {
    collection: 'replicasets',
    namespaced: true,
    resource: 'replicasets',
    group: 'apps',
    apiVersion: 'apps/v1',
  },
  Endpoints: { collection: 'endpoints', namespaced: true, resource: 'endpoints', group: '', apiVersion: 'v1' },
  EndpointSlice: {
    collection: 'endpointslices',
    namespaced: true,
    resource: 'endpointslices',
    group: 'discovery.k8s.io',
    apiVersion: 'discovery.k8s.io/v1',
  },
} as const;
