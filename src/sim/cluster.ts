// A new cluster as kubeadm (+ flannel) leaves it: nodes, system namespaces, the kubernetes and kube-dns
// Services, CoreDNS, and the control-plane and kube-proxy Pods.
import type { ClusterSettings, ClusterState, NodeSpecSetting } from './model/state';
import type { Deployment, EndpointSlice, ManifestInput, Node, Pod, Service } from './model/types';
import { clone, newUid, nextRV } from './model/meta';
import { podRemoved } from './model/pod-list';
import { seedState, randomSuffix } from './time/rng';
import { hostInCidr, subnet24 } from './lib/ip';
import { writeObject } from './apiserver/api';
import { settle } from './step';

export const DEFAULT_SETTINGS: ClusterSettings = {
  name: 'kubernetes',
  epoch: Date.UTC(2026, 0, 12, 9, 0, 0),
  kubernetesVersion: 'v1.34.1',
  nodes: [
    { name: 'master', role: 'control-plane' },
    { name: 'worker1', role: 'worker' },
    { name: 'worker2', role: 'worker' },
  ],
  podSubnet: '10.244.0.0/16',
  serviceSubnet: '10.96.0.0/12',
  nodeSubnet: '10.40.41.0/24',
  clusterDomain: 'cluster.local',
  cloudLoadBalancer: false,
  loadBalancerPool: '203.0.113.0/24',
  client: { name: 'client', ip: '198.51.100.7' },
  externalRoutes: [],
  kubeProxy: { minSyncPeriodMs: 1000, watchDelayMs: 200, masqueradeAll: false, mode: 'iptables' },
  seed: 1,
};

export function emptyState(settings: ClusterSettings): ClusterState {
  return {
    settings,
    now: 0,
    rng: seedState(settings.seed),
    counters: { uid: 0, rv: 1000, event: 0, conn: 0 },
    objects: {
      namespaces: {},
      nodes: {},
      pods: {},
      services: {},
      deployments: {},
      replicasets: {},
      endpointslices: {},
    },
    alloc: { clusterIPs: {}, nodePorts: {}, lbIPs: {}, podIPs: {} },
    runtime: {},
    changes: { seq: 0, log: [] },
    proxies: {},
    conntrack: [],
    recent: {},
    events: [],
    images: {},
    cloud: { pending: {} },
  };
}

export function nodeIPFor(settings: ClusterSettings, index: number): string {
  return hostInCidr(settings.nodeSubnet, 10 + index);
}

/** Add a machine to the cluster as `kubeadm join` would (index = its position, fixing its IPs). */
export function addNodeObject(s: ClusterState, spec: NodeSpecSetting, index: number): Node {
  const ip = nodeIPFor(s.settings, index);
  const podCIDR = subnet24(s.settings.podSubnet, index);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
  };
  if (spec.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      uid: newUid(s),
      resourceVersion: nextRV(s),
      creationTimestamp: s.now,
      labels,
      annotations: {
        'flannel.alpha.coreos.com/public-ip': ip,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR,
      podCIDRs: [podCIDR],
      ...(spec.role === 'control-plane'
        ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: spec.name },
      ],
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          lastHeartbeatTime: s.now,
          lastTransitionTime: s.now,
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
          lastHeartbeatTime: s.now,
          lastTransitionTime: s.now,
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
          lastHeartbeatTime: s.now,
          lastTransitionTime: s.now,
        },
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: s.now,
          lastTransitionTime: s.now,
        },
      ],
      nodeInfo: {
        kubeletVersion: s.settings.kubernetesVersion,
        kubeProxyVersion: '',
        osImage: 'Ubuntu 24.04.3 LTS',
        kernelVersion: '6.8.0-88-generic',
        containerRuntimeVersion: 'containerd://1.7.28',
        architecture: 'amd64',
        operatingSystem: 'linux',
      },
      capacity: { cpu: '2', 'ephemeral-storage': '61202244Ki', memory: '4005084Ki', pods: '110' },
      allocatable: { cpu: '2', 'ephemeral-storage': '56403987978', memory: '3902684Ki', pods: '110' },
    },
  };
  s.objects.nodes[spec.name] = node;
  s.alloc.podIPs[spec.name] = { last: 1, used: {} };
  addHostPod(
    s,
    'kube-system',
    `kube-proxy-${randomSuffix(s)}`,
    spec.name,
    'registry.k8s.io/kube-proxy:' + s.settings.kubernetesVersion,
    { 'k8s-app': 'kube-proxy', 'controller-revision-hash': '66b4d4bd7c', 'pod-template-generation': '1' },
    { kind: 'DaemonSet', name: 'kube-proxy', apiVersion: 'apps/v1' },
  );
  addHostPod(
    s,
    'kube-flannel',
    `kube-flannel-ds-${randomSuffix(s)}`,
    spec.name,
    'ghcr.io/flannel-io/flannel:v0.27.4',
    {
      app: 'flannel',
      'k8s-app': 'flannel',
      tier: 'node',
      'controller-revision-hash': '7d7b8dc9f7',
      'pod-template-generation': '1',
    },
    { kind: 'DaemonSet', name: 'kube-flannel-ds', apiVersion: 'apps/v1' },
  );
  return node;
}

/** A host-network Pod the simulator does not reconcile (static Pods, DaemonSet Pods). */
function addHostPod(
  s: ClusterState,
  ns: string,
  name: string,
  node: string,
  image: string,
  labels: Record<string, string>,
  owner: { kind: string; name: string; apiVersion: string },
): void {
  const container = name
    .replace(/-[a-z0-9]{5}$/, '')
    .replace(/-ds$/, '')
    .replace(new RegExp(`-${node}$`), '');
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: newUid(s),
      resourceVersion: nextRV(s),
      creationTimestamp: s.now,
      labels,
      ownerReferences: [
        {
          apiVersion: owner.apiVersion,
          kind: owner.kind,
          name: owner.name,
          uid: newUid(s),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: container.startsWith('kube-flannel') ? 'kube-flannel' : container,
          image,
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      nodeName: node,
      hostNetwork: true,
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      terminationGracePeriodSeconds: 30,
      tolerations: [{ operator: 'Exists' }],
      schedulerName: 'default-scheduler',
    },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
  s.objects.pods[`${ns}/${name}`] = pod;
  podRemoved(s, `${ns}/${name}`);
}

function must<T>(r: { ok: boolean; error?: { text: string } } & T): T {
  if (!r.ok) throw new Error(`bootstrap: ${r.error?.text}`);
  return r;
}

export function createCluster(overrides: Partial<ClusterSettings> = {}): ClusterState {
  // a copy: commands change a cluster's settings (adding a node), never the defaults or the caller's
  const settings: ClusterSettings = clone({
    ...DEFAULT_SETTINGS,
    ...overrides,
    kubeProxy: { ...DEFAULT_SETTINGS.kubeProxy, ...(overrides.kubeProxy ?? {}) },
  });
  const s = emptyState(settings);
  for (const ns of ['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']) {
    must(
      writeObject(
        s,
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
        },
        'create',
      ),
    );
  }
  const master = settings.nodes.find((n) => n.role === 'control-plane') ?? settings.nodes[0];
  settings.nodes.forEach((n, i) => addNodeObject(s, n, n.index ?? i));
  const masterIP = nodeIPFor(settings, master.index ?? settings.nodes.indexOf(master));
  for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    addHostPod(
      s,
      'kube-system',
      `${c}-${master.name}`,
      master.name,
      `registry.k8s.io/${c === 'etcd' ? 'etcd:3.6.4-0' : `${c}:${settings.kubernetesVersion}`}`,
      { component: c, tier: 'control-plane' },
      { kind: 'Node', name: master.name, apiVersion: 'v1' },
    );
  }
  const net = hostInCidr(settings.serviceSubnet, 1);
  const kubernetes: ManifestInput<Service> = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: net,
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }],
      sessionAffinity: 'None',
    },
  };
  must(writeObject(s, kubernetes, 'create'));
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      uid: newUid(s),
      resourceVersion: nextRV(s),
      generation: 1,
      creationTimestamp: s.now,
      labels: { 'kubernetes.io/service-name': 'kubernetes' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [masterIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  };
  s.objects.endpointslices['default/kubernetes'] = slice;
  const dnsLabels = { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' };
  must(
    writeObject(
      s,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'kube-dns',
          namespace: 'kube-system',
          labels: dnsLabels,
          annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
        },
        spec: {
          clusterIP: hostInCidr(settings.serviceSubnet, 10),
          selector: { 'k8s-app': 'kube-dns' },
          ports: [
            { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
            { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
            { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
          ],
        },
      } satisfies ManifestInput<Service>,
      'create',
    ),
  );
  must(
    writeObject(
      s,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          template: {
            metadata: { labels: { 'k8s-app': 'kube-dns' } },
            spec: {
              containers: [
                {
                  name: 'coredns',
                  image: 'registry.k8s.io/coredns/coredns:v1.12.1',
                  args: ['-conf', '/etc/coredns/Corefile'],
                  ports: [
                    { name: 'dns', containerPort: 53, protocol: 'UDP' },
                    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
                  ],
                },
              ],
              dnsPolicy: 'Default',
              tolerations: [
                { key: 'CriticalAddonsOnly', operator: 'Exists' },
                { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
              ],
            },
          },
        },
      } satisfies ManifestInput<Deployment>,
      'create',
    ),
  );
  settle(s);
  // The bootstrap's own history is not part of the lesson.
  s.events = [];
  return s;
}
