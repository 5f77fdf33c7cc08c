// Object builders for the printer tests (API objects as the simulator stores them).
import type { Deployment, EndpointSlice, Node, Pod, ReplicaSet, Service } from '../../model/types';

export const S = 1000;
export const MIN = 60 * S;
export const H = 60 * MIN;
export const D = 24 * H;
/** 2024-05-06T07:08:09Z */
export const EPOCH = Date.UTC(2024, 4, 6, 7, 8, 9);
export const NOW = 3 * D;

let uid = 0;
const meta = (name: string, createdAgo: number, extra: Partial<Pod['metadata']> = {}) => ({
  name,
  namespace: 'default',
  uid: `00000000-0000-4000-8000-${String(++uid).padStart(12, '0')}`,
  resourceVersion: String(100 + uid),
  creationTimestamp: NOW - createdAgo,
  ...extra,
});

export function service(
  name: string,
  createdAgo: number,
  spec: Service['spec'],
  extra: Partial<Service['metadata']> = {},
  ingress?: { ip?: string; hostname?: string }[],
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, createdAgo, extra),
    spec,
    status: { loadBalancer: ingress ? { ingress } : {} },
  };
}

export function frontendSvc(): Service {
  return service(
    'frontend-svc',
    5 * MIN + 12 * S,
    {
      type: 'NodePort',
      selector: { app: 'frontend' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 5000, nodePort: 31842 }],
      clusterIP: '10.101.34.7',
      clusterIPs: ['10.101.34.7'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
    },
    { labels: { app: 'frontend' } },
  );
}

export function kubernetesSvc(): Service {
  return service(
    'kubernetes',
    2 * D + 4 * H,
    {
      type: 'ClusterIP',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      clusterIP: '10.96.0.1',
      clusterIPs: ['10.96.0.1'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
    },
    { labels: { component: 'apiserver', provider: 'kubernetes' } },
  );
}

export function slice(
  name: string,
  svc: string,
  ports: EndpointSlice['ports'],
  eps: { ip: string; ready?: boolean; serving?: boolean; terminating?: boolean; node?: string; pod?: string }[],
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      ...meta(name, 5 * MIN, { generateName: `${svc}-`, generation: 1 }),
      labels: {
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': svc,
      },
    },
    addressType: 'IPv4',
    ports,
    endpoints: eps.map((e) => ({
      addresses: [e.ip],
      conditions: {
        ready: e.ready ?? true,
        serving: e.serving ?? e.ready ?? true,
        terminating: e.terminating ?? false,
      },
      nodeName: e.node ?? 'kind-worker',
      targetRef: { kind: 'Pod' as const, namespace: 'default', name: e.pod ?? `pod-${e.ip}`, uid: `uid-${e.ip}` },
    })),
  };
}

export function pod(
  name: string,
  createdAgo: number,
  opts: {
    phase?: Pod['status']['phase'];
    ready?: boolean;
    waiting?: string;
    ip?: string;
    node?: string;
    restarts?: number;
    lastFinished?: number;
    deleting?: boolean;
    labels?: Record<string, string>;
    conditions?: boolean;
    owner?: string;
  } = {},
): Pod {
  const running = !opts.waiting && (opts.phase ?? 'Running') === 'Running';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta(name, createdAgo),
      labels: opts.labels ?? { app: 'web' },
      ...(opts.deleting ? { deletionTimestamp: NOW + 25 * S, deletionGracePeriodSeconds: 30 } : {}),
      ...(opts.owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: opts.owner,
                uid: 'rs-uid',
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
      nodeName: opts.node ?? 'kind-worker',
      restartPolicy: 'Always',
      serviceAccountName: 'default',
    },
    status: {
      phase: opts.phase ?? 'Running',
      hostIP: '172.18.0.3',
      podIP: opts.ip,
      podIPs: opts.ip ? [{ ip: opts.ip }] : undefined,
      startTime: NOW - createdAgo,
      qosClass: 'BestEffort',
      conditions: opts.conditions
        ? (['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'] as const).map(
            (type) => ({
              type,
              status:
                (type === 'Ready' || type === 'ContainersReady') && !opts.ready
                  ? ('False' as const)
                  : ('True' as const),
              lastProbeTime: null,
              lastTransitionTime: NOW - createdAgo + S,
            }),
          )
        : undefined,
      containerStatuses: [
        {
          name: 'web',
          image: 'docker.io/library/nginx:1.27',
          imageID: opts.waiting ? '' : 'docker.io/library/nginx@sha256:abc',
          containerID: opts.waiting ? undefined : 'containerd://0123abcd',
          ready: !!opts.ready,
          started: running,
          restartCount: opts.restarts ?? 0,
          state: opts.waiting
            ? { waiting: { reason: opts.waiting } }
            : { running: { startedAt: NOW - createdAgo + 2 * S } },
          lastState:
            opts.lastFinished !== undefined
              ? { terminated: { exitCode: 1, reason: 'Error', finishedAt: NOW - opts.lastFinished } }
              : {},
        },
      ],
    },
  };
}

export function node(
  name: string,
  opts: { role?: string; ready?: 'True' | 'False' | 'Unknown'; ip: string; unschedulable?: boolean },
): Node {
  const labels: Record<string, string> = {
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (opts.role) labels[`node-role.kubernetes.io/${opts.role}`] = '';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `node-${name}`, resourceVersion: '5', creationTimestamp: NOW - 2 * D - 4 * H, labels },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], unschedulable: opts.unschedulable },
    status: {
      addresses: [
        { type: 'InternalIP', address: opts.ip },
        { type: 'Hostname', address: name },
      ],
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          lastHeartbeatTime: NOW - 20 * S,
          lastTransitionTime: NOW - 2 * D,
        },
        {
          type: 'Ready',
          status: opts.ready ?? 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
          lastHeartbeatTime: NOW - 20 * S,
          lastTransitionTime: NOW - 2 * D,
        },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.34.0',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.8.0-45-generic',
        containerRuntimeVersion: 'containerd://2.1.3',
        architecture: 'amd64',
        operatingSystem: 'linux',
      },
      capacity: {
        cpu: '8',
        'ephemeral-storage': '102400000Ki',
        'hugepages-2Mi': '0',
        memory: '16384000Ki',
        pods: '110',
      },
      allocatable: {
        cpu: '8',
        'ephemeral-storage': '102400000Ki',
        'hugepages-2Mi': '0',
        memory: '16384000Ki',
        pods: '110',
      },
    },
  };
}

export function deployment(name: string, replicas: number, ready: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...meta(name, 10 * MIN, { generation: 1 }),
      labels: { app: name },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      unavailableReplicas: replicas - ready,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
          lastUpdateTime: NOW - 9 * MIN,
          lastTransitionTime: NOW - 9 * MIN,
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${name}-7c5ddbdf54" has successfully progressed.`,
          lastUpdateTime: NOW - 9 * MIN,
          lastTransitionTime: NOW - 10 * MIN,
        },
      ],
    },
  };
}

export function replicaSet(d: Deployment, hash: string, replicas: number): ReplicaSet {
  const labels = { ...d.spec.template.metadata!.labels!, 'pod-template-hash': hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      ...meta(`${d.metadata.name}-${hash}`, 10 * MIN, { generation: 1 }),
      labels,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: d.metadata.name,
          uid: d.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: d.metadata.name, 'pod-template-hash': hash } },
      template: { metadata: { labels }, spec: d.spec.template.spec },
    },
    status: {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      observedGeneration: 1,
    },
  };
}
