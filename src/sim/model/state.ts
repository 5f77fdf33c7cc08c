// ClusterState: the whole simulated cluster as plain, serializable data.
import type {
  Deployment,
  EndpointSlice,
  EndpointsV1,
  EnvVar,
  Namespace,
  Node,
  Pod,
  Protocol,
  ReplicaSet,
  Service,
} from './types';
import type { NodeTables } from './iptables';
import type { NftTable } from './nftables';

export type ProxyMode = 'iptables' | 'nftables';

export interface NodeSpecSetting {
  name: string;
  role: 'control-plane' | 'worker';
  /** which /24 and machine address it has; its position in the list when absent */
  index?: number;
}

export interface ClusterSettings {
  /** kind cluster name; also the kubeadm cluster name */
  name: string;
  /** wall-clock ms (UTC) of virtual time 0; used only to print timestamps */
  epoch: number;
  kubernetesVersion: string;
  /** the cluster's machines, in order; node i gets the i-th /24 of podSubnet and IP .(10+i) of nodeSubnet */
  nodes: NodeSpecSetting[];
  podSubnet: string; // flannel default 10.244.0.0/16, a /24 per node
  serviceSubnet: string; // kubeadm default 10.96.0.0/12
  nodeSubnet: string; // the machines' LAN, node IPs are .10, .11, ...
  clusterDomain: string;
  /** whether a cloud load-balancer controller runs (gives LoadBalancer Services an ingress IP) */
  cloudLoadBalancer: boolean;
  loadBalancerPool: string;
  /** the external machine outside the cluster */
  client: { name: string; ip: string };
  /** routes the administrator set up: traffic for `ip` goes to `node` (ExternalIP Services) */
  externalRoutes: { ip: string; node: string }[];
  kubeProxy: {
    /** kube-proxy --iptables-min-sync-period, virtual ms */
    minSyncPeriodMs: number;
    /** how long a node's informer takes to see a change, virtual ms (per node, + jitter) */
    watchDelayMs: number;
    masqueradeAll: boolean;
    /** kube-proxy --proxy-mode (kind: networking.kubeProxyMode); absent in old share links = iptables */
    mode?: ProxyMode;
  };
  seed: number;
}

export interface PodRuntime {
  uid: string;
  /** the service variables kubelet wrote when the container started (null before start) */
  serviceEnv: EnvVar[] | null;
  /** keys (ns/name) of the Services whose variables are in serviceEnv */
  envServices: string[];
  /** the application answers on its ports */
  appUp: boolean;
  /** the Pod's network namespace exists (its IP answers at all) */
  sandboxUp: boolean;
  /** next kubelet transition, virtual ms */
  nextAt: number | null;
  /**
   * running: nextAt, when set, is when the main process exits by itself; backoff: it exited and kubelet
   * restarts it at nextAt (restartPolicy Always, or OnFailure after a failure); completed: it exited
   * for good (the Pod Succeeded or Failed).
   */
  stage: 'pending' | 'pulling' | 'creating' | 'starting' | 'running' | 'backoff' | 'completed' | 'stopping' | 'stopped';
  /** kubelet's probe workers, per container name (absent when no container has a probe) */
  probes?: Record<string, ContainerProbes>;
  /**
   * Files the containers' processes or the user (kubectl exec … touch/rm) wrote, path → content. An exec
   * probe sees them. A restarted container starts from its image again: kubelet clears this.
   */
  files?: Record<string, string>;
  /** the container's own script's file operations still to come (absolute virtual ms), in order */
  fileOps?: { at: number; op: 'write' | 'remove'; path: string; text?: string }[];
}

/** One probe worker (pkg/kubelet/prober/worker.go): its next tick, the current run and the published result. */
export interface ProbeWorker {
  nextAt: number;
  /** how many probes in a row gave lastResult */
  run: number;
  lastResult: 'success' | 'failure' | null;
  /** what the results manager holds: readiness starts at failure, liveness at success, startup unknown (null) */
  result: 'success' | 'failure' | null;
  /** after a liveness or startup failure the worker holds until the container restarts */
  onHold?: boolean;
}
export interface ContainerProbes {
  readiness?: ProbeWorker;
  liveness?: ProbeWorker;
  startup?: ProbeWorker;
}

export interface ConntrackEntry {
  id: number;
  node: string;
  proto: Protocol;
  orig: { src: string; dst: string; sport: number; dport: number };
  reply: { src: string; dst: string; sport: number; dport: number };
  /** pod uid the connection was DNATed to (or delivered to directly) */
  podUid?: string;
  state: 'ESTABLISHED' | 'SYN_SENT' | 'CLOSE' | 'UNREPLIED';
  createdAt: number;
  expiresAt: number;
}

export interface ProxyState {
  node: string;
  /** virtual ms of the last sync, null before the first */
  lastSyncAt: number | null;
  /** when the first change not yet synced was seen by this node's informer, null when in sync */
  dirtySince: number | null;
  /** when the pending sync will run */
  syncDueAt: number | null;
  /** the change sequence number this node has synced up to */
  syncedSeq: number;
  syncCount: number;
  tables: NodeTables;
  /** nftables mode: the node's `table ip kube-proxy` (absent in iptables mode) */
  nft?: NftTable;
  /** the mode this kube-proxy last synced in (absent = iptables) */
  mode?: ProxyMode;
  /** rules added and removed by the last sync, as iptables-save lines */
  lastDiff: { at: number; added: string[]; removed: string[] } | null;
  /** kube-proxy's own bookkeeping (per-service compiled fragments), opaque to others */
  cache: Record<string, unknown>;
  /** the service health-check listeners as of the last sync: "ns/name" -> port and local ready endpoints */
  health?: Record<string, { port: number; localEndpoints: number }>;
}

export interface ClusterEvent {
  id: number;
  at: number;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  object: { kind: string; namespace?: string; name: string; uid?: string };
  source: string; // component, e.g. "default-scheduler", "kubelet", "replicaset-controller"
  host?: string;
  count: number;
  lastAt: number;
  /** the simulator's own record (a kube-proxy sync, a trace), not a Kubernetes Event: kubectl never prints it */
  sim?: boolean;
}

export interface Objects {
  namespaces: Record<string, Namespace>;
  nodes: Record<string, Node>;
  pods: Record<string, Pod>;
  services: Record<string, Service>;
  deployments: Record<string, Deployment>;
  replicasets: Record<string, ReplicaSet>;
  endpointslices: Record<string, EndpointSlice>;
  /** v1 Endpoints users wrote (for Services without a selector); absent in states saved before they existed */
  endpoints?: Record<string, EndpointsV1>;
}

export interface ClusterState {
  settings: ClusterSettings;
  /** virtual clock, ms */
  now: number;
  /** seeded generator state (see time/rng.ts) */
  rng: number;
  counters: { uid: number; rv: number; event: number; conn: number };
  objects: Objects;
  alloc: {
    clusterIPs: Record<string, string>; // ip -> service key
    nodePorts: Record<string, string>; // "port" -> service key
    lbIPs: Record<string, string>;
    /** per node: host-local IPAM's last handed-out host number and the IPs in use */
    podIPs: Record<string, { last: number; used: Record<string, string> }>;
  };
  runtime: Record<string, PodRuntime>;
  /** Service/EndpointSlice change log kube-proxies consume: seq, and the service key that changed */
  changes: { seq: number; log: { seq: number; at: number; service: string }[] };
  proxies: Record<string, ProxyState>;
  conntrack: ConntrackEntry[];
  /** xt_recent lists per node: list name -> source IP -> last seen (virtual ms) */
  recent: Record<string, Record<string, Record<string, number>>>;
  events: ClusterEvent[];
  /** images each node's containerd has pulled */
  images: Record<string, string[]>;
  /** the cloud controller's pending load balancers: service key -> when it is ready */
  cloud: { pending: Record<string, number> };
  /**
   * Only while a share link is rebuilt: the Pods of the cluster it was made from (ns/name, node, IP).
   * A ReplicaSet's new Pod takes the next unused name listed under its prefix instead of a random one,
   * the scheduler prefers the listed node and IPAM the listed address, so Pods created after the
   * objects (a killed Pod's replacement, a scale-up) come back the same. Removed once settled.
   */
  hints?: { pods: PodHint[] };
}

export interface PodHint {
  key: string;
  node: string;
  ip: string;
}

export const key = (namespace: string | undefined, name: string): string => (namespace ? `${namespace}/${name}` : name);
