import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../../model/state';
import {
  describeDeployment,
  describeReplicaSet,
  describeEndpoints,
  describeEndpointSlice,
  describeNamespace,
  describeNode,
  describePod,
  describeService,
  eventsFor,
  formatEndpointSlices,
  joinDescriptions,
} from './describe';
import { endpointsFromSlices } from './endpoints';
import { D, EPOCH, MIN, NOW, S, deployment, frontendSvc, node, pod, replicaSet, service, slice } from './test-fixtures';

/** Expected text: drop the leading newline; "·" marks a trailing space kubectl prints. */
const t = (s: string) => s.replace(/^\n/, '').replace(/·/g, ' ');
const ctx = { now: NOW, epoch: EPOCH };
const ev = (
  id: number,
  o: Partial<ClusterEvent> & Pick<ClusterEvent, 'reason' | 'message' | 'at' | 'object' | 'source'>,
): ClusterEvent => ({ id, type: 'Normal', count: 1, lastAt: o.at, ...o });

const frontendSlice = () =>
  slice(
    'frontend-svc-abcde',
    'frontend-svc',
    [{ name: '', port: 5000, protocol: 'TCP' }],
    [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }],
  );

describe('kubectl describe service', () => {
  it('prints the reference layout (values at column 26)', () => {
    expect(describeService(frontendSvc(), [frontendSlice()], [], ctx)).toBe(
      t(`
Name:                     frontend-svc
Namespace:                default
Labels:                   app=frontend
Annotations:              <none>
Selector:                 app=frontend
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.101.34.7
IPs:                      10.101.34.7
Port:                     <unset>  80/TCP
TargetPort:               5000/TCP
NodePort:                 <unset>  31842/TCP
Endpoints:                10.244.1.5:5000,10.244.2.7:5000
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`),
    );
  });

  it('LoadBalancer: ingress, named ports, hidden last-applied annotation, events table', () => {
    const lb = service(
      'web-lb',
      5 * MIN,
      {
        type: 'LoadBalancer',
        selector: { app: 'web', tier: 'fe' },
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 30080 },
          { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090, nodePort: 30090 },
        ],
        clusterIP: '10.96.5.5',
        clusterIPs: ['10.96.5.5'],
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 31234,
        internalTrafficPolicy: 'Cluster',
        allocateLoadBalancerNodePorts: true,
      },
      {
        labels: { app: 'web', tier: 'fe' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Service"}\n',
          'example.com/owner': 'team-a',
        },
      },
      [{ ip: '172.18.255.200', ipMode: 'VIP' } as { ip: string }],
    );
    const eps = slice(
      'web-lb-x1',
      'web-lb',
      [
        { name: 'http', port: 8080, protocol: 'TCP' },
        { name: 'metrics', port: 9090, protocol: 'TCP' },
      ],
      [
        { ip: '10.244.1.2' },
        { ip: '10.244.1.3' },
        { ip: '10.244.2.2', ready: false },
        { ip: '10.244.2.3' },
        { ip: '10.244.2.4' },
      ],
    );
    const object = { kind: 'Service', namespace: 'default', name: 'web-lb', uid: lb.metadata.uid };
    const events = [
      ev(2, {
        reason: 'EnsuredLoadBalancer',
        message: 'Ensured load balancer',
        at: NOW - 90 * S,
        object,
        source: 'service-controller',
      }),
      ev(1, {
        reason: 'EnsuringLoadBalancer',
        message: 'Ensuring load balancer',
        at: NOW - 5 * MIN,
        lastAt: NOW - 2 * MIN,
        count: 3,
        object,
        source: 'service-controller',
      }),
      ev(3, { reason: 'Other', message: 'not this one', at: NOW, object: { ...object, name: 'other' }, source: 'x' }),
    ];
    expect(describeService(lb, [eps], eventsFor(events, lb), ctx)).toBe(
      t(`
Name:                     web-lb
Namespace:                default
Labels:                   app=web
                          tier=fe
Annotations:              example.com/owner: team-a
Selector:                 app=web,tier=fe
Type:                     LoadBalancer
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.96.5.5
IPs:                      10.96.5.5
LoadBalancer Ingress:     172.18.255.200 (VIP)
Port:                     http  80/TCP
TargetPort:               http/TCP
NodePort:                 http  30080/TCP
Endpoints:                10.244.1.2:8080,10.244.1.3:8080,10.244.2.3:8080 + 1 more...
Port:                     metrics  9090/TCP
TargetPort:               9090/TCP
NodePort:                 metrics  30090/TCP
Endpoints:                10.244.1.2:9090,10.244.1.3:9090,10.244.2.3:9090 + 1 more...
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Cluster
HealthCheck NodePort:     31234
Events:
  Type    Reason                Age              From                Message
  ----    ------                ----             ----                -------
  Normal  EnsuringLoadBalancer  2m (x3 over 5m)  service-controller  Ensuring load balancer
  Normal  EnsuredLoadBalancer   90s              service-controller  Ensured load balancer
`),
    );
  });

  it.each([
    ['no slice', [], '<none>'],
    [
      'no ready endpoint',
      [slice('s', 'svc', [{ name: '', port: 80, protocol: 'TCP' }], [{ ip: '10.244.1.5', ready: false }])],
      '',
    ],
    [
      'headless without ports',
      [slice('s', 'svc', [], [{ ip: '10.244.1.5' }, { ip: '10.244.1.6' }])],
      '10.244.1.5,10.244.1.6',
    ],
    // kubectl sets "more" before checking readiness
    [
      'a not-ready fourth endpoint',
      [
        slice(
          's',
          'svc',
          [{ name: '', port: 80, protocol: 'TCP' }],
          [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }, { ip: '10.0.0.3' }, { ip: '10.0.0.4', ready: false }],
        ),
      ],
      '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 0 more...',
    ],
  ])('Endpoints line: %s', (_n, slices, want) => {
    expect(formatEndpointSlices(slices, '')).toBe(want);
  });

  it('an empty Endpoints value keeps the padding, as kubectl does', () => {
    const out = describeService(
      frontendSvc(),
      [slice('s', 'frontend-svc', [{ name: '', port: 5000, protocol: 'TCP' }], [{ ip: '10.244.1.5', ready: false }])],
      undefined,
      ctx,
    );
    expect(out).toContain('\nEndpoints:                \nSession Affinity:');
    expect(out).not.toContain('Events:');
  });
});

describe('kubectl describe endpoints / endpointslice', () => {
  it('endpoints', () => {
    expect(describeEndpoints(endpointsFromSlices(frontendSvc(), [frontendSlice()]), [], ctx)).toBe(
      t(`
Name:         frontend-svc
Namespace:    default
Labels:       app=frontend
Annotations:  <none>
Subsets:
  Addresses:          10.244.1.5,10.244.2.7
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  5000  TCP

Events:  <none>
`),
    );
  });

  it('endpointslice', () => {
    const s = slice(
      'frontend-svc-abcde',
      'frontend-svc',
      [{ name: '', port: 5000, protocol: 'TCP' }],
      [{ ip: '10.244.1.5' }],
    );
    expect(describeEndpointSlice(s, [], ctx)).toBe(
      t(`
Name:         frontend-svc-abcde
Namespace:    default
Labels:       endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io
              kubernetes.io/service-name=frontend-svc
Annotations:  <none>
AddressType:  IPv4
Ports:
  Name     Port  Protocol
  ----     ----  --------
  <unset>  5000  TCP
Endpoints:
  - Addresses:  10.244.1.5
    Conditions:
      Ready:    true
    Hostname:   <unset>
    TargetRef:  Pod/pod-10.244.1.5
    NodeName:   kind-worker
    Zone:       <unset>
Events:         <none>
`),
    );
  });
});

describe('kubectl describe pod', () => {
  it('a running pod: blocks align separately (IPs:, Containers:, Conditions: break them)', () => {
    const p = pod('web-7c5ddbdf54-abcde', 5 * MIN + 12 * S, {
      ready: true,
      ip: '10.244.1.5',
      conditions: true,
      owner: 'web-7c5ddbdf54',
    });
    p.spec.tolerations = [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ];
    const object = { kind: 'Pod', namespace: 'default', name: p.metadata.name, uid: p.metadata.uid };
    const events = [
      ev(1, {
        reason: 'Scheduled',
        message: 'Successfully assigned default/web-7c5ddbdf54-abcde to kind-worker',
        at: NOW - 5 * MIN - 12 * S,
        object,
        source: 'default-scheduler',
      }),
      ev(2, {
        reason: 'Pulled',
        message: 'Container image "nginx:1.27" already present on machine',
        at: NOW - 5 * MIN - 11 * S,
        object,
        source: 'kubelet',
        host: 'kind-worker',
      }),
    ];
    expect(describePod(p, events, ctx)).toBe(
      t(`
Name:             web-7c5ddbdf54-abcde
Namespace:        default
Priority:         0
Service Account:  default
Node:             kind-worker/172.18.0.3
Start Time:       Thu, 09 May 2024 07:02:57 +0000
Labels:           app=web
Annotations:      <none>
Status:           Running
IP:               10.244.1.5
IPs:
  IP:           10.244.1.5
Controlled By:  ReplicaSet/web-7c5ddbdf54
Containers:
  web:
    Container ID:   containerd://0123abcd
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:abc
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Thu, 09 May 2024 07:02:59 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True·
  Initialized                 True·
  Ready                       True·
  ContainersReady             True·
  PodScheduled                True·
Volumes:                      <none>
QoS Class:                    BestEffort
Node-Selectors:               <none>
Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age    From               Message
  ----    ------     ----   ----               -------
  Normal  Scheduled  5m12s  default-scheduler  Successfully assigned default/web-7c5ddbdf54-abcde to kind-worker
  Normal  Pulled     5m11s  kubelet            Container image "nginx:1.27" already present on machine
`),
    );
  });

  it('a terminating, still-creating pod', () => {
    expect(
      describePod(pod('web-x', 12 * S, { phase: 'Pending', waiting: 'ContainerCreating', deleting: true }), [], ctx),
    ).toBe(
      t(`
Name:                      web-x
Namespace:                 default
Priority:                  0
Service Account:           default
Node:                      kind-worker/172.18.0.3
Start Time:                Thu, 09 May 2024 07:07:57 +0000
Labels:                    app=web
Annotations:               <none>
Status:                    Terminating (lasts <invalid>)
Termination Grace Period:  30s
IP:························
IPs:                       <none>
Containers:
  web:
    Container ID:···
    Image:          nginx:1.27
    Image ID:·······
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Waiting
      Reason:       ContainerCreating
    Ready:          False
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Volumes:            <none>
QoS Class:          BestEffort
Node-Selectors:     <none>
Tolerations:        <none>
Events:             <none>
`),
    );
  });
});

describe('kubectl describe node / deployment / namespace', () => {
  it('node: the pods table shares the System Info column, Events align with Allocated resources', () => {
    const n = node('kind-worker', { ip: '172.18.0.3' });
    n.spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
    const web = pod('web-7c5ddbdf54-abcde', 5 * MIN, { ready: true, ip: '10.244.1.5' });
    const dns = (name: string) => {
      const p = pod(name, 2 * D, { ready: true, ip: '10.244.1.2' });
      p.metadata.namespace = 'kube-system';
      p.spec.containers[0].resources = { requests: { cpu: '100m', memory: '70Mi' }, limits: { memory: '170Mi' } };
      return p;
    };
    expect(describeNode(n, [], { ...ctx, pods: [dns('coredns-def'), web, dns('coredns-abc')] })).toBe(
      t(`
Name:               kind-worker
Roles:              <none>
Labels:             kubernetes.io/arch=amd64
                    kubernetes.io/hostname=kind-worker
                    kubernetes.io/os=linux
Annotations:        <none>
CreationTimestamp:  Tue, 07 May 2024 03:08:09 +0000
Taints:             node-role.kubernetes.io/control-plane:NoSchedule
Unschedulable:      false
Lease:
  HolderIdentity:  kind-worker
  AcquireTime:     <unset>
  RenewTime:       Thu, 09 May 2024 07:07:49 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Thu, 09 May 2024 07:07:49 +0000   Tue, 07 May 2024 07:08:09 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  Ready            True    Thu, 09 May 2024 07:07:49 +0000   Tue, 07 May 2024 07:08:09 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  172.18.0.3
  Hostname:    kind-worker
Capacity:
  cpu:                8
  ephemeral-storage:  102400000Ki
  hugepages-2Mi:      0
  memory:             16384000Ki
  pods:               110
Allocatable:
  cpu:                8
  ephemeral-storage:  102400000Ki
  hugepages-2Mi:      0
  memory:             16384000Ki
  pods:               110
System Info:
  Machine ID:·················
  System UUID:················
  Boot ID:····················
  Kernel Version:             6.8.0-45-generic
  OS Image:                   Debian GNU/Linux 12 (bookworm)
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://2.1.3
  Kubelet Version:            v1.34.0
  Kube-Proxy Version:·········
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (3 in total)
  Namespace                   Name                    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                    ------------  ----------  ---------------  -------------  ---
  default                     web-7c5ddbdf54-abcde    0 (0%)        0 (0%)      0 (0%)           0 (0%)         5m
  kube-system                 coredns-abc             100m (1%)     0 (0%)      70Mi (0%)        170Mi (1%)     2d
  kube-system                 coredns-def             100m (1%)     0 (0%)      70Mi (0%)        170Mi (1%)     2d
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                200m (2%)   0 (0%)
  memory             140Mi (0%)  340Mi (2%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:              <none>
`),
    );
  });

  it('deployment', () => {
    const d = deployment('web', 3, 3);
    expect(describeDeployment(d, [replicaSet(d, '7c5ddbdf54', 3)], [], ctx)).toBe(
      t(`
Name:                   web
Namespace:              default
CreationTimestamp:      Thu, 09 May 2024 06:58:09 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx:1.27
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-7c5ddbdf54 (3/3 replicas created)
Events:          <none>
`),
    );
  });

  it('replicaset', () => {
    const d = deployment('web', 3, 3);
    const rs = replicaSet(d, '7c5ddbdf54', 3);
    const pods = ['a', 'b', 'c'].map((x) => {
      const p = pod(`web-7c5ddbdf54-${x}`, MIN, { ready: x !== 'c', phase: x === 'c' ? 'Pending' : 'Running' });
      p.metadata.ownerReferences = [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true },
      ];
      return p;
    });
    expect(describeReplicaSet(rs, pods, [], ctx)).toBe(
      t(`
Name:           web-7c5ddbdf54
Namespace:      default
Selector:       app=web,pod-template-hash=7c5ddbdf54
Labels:         app=web
                pod-template-hash=7c5ddbdf54
Annotations:    <none>
Controlled By:  Deployment/web
Replicas:       3 current / 3 desired
Pods Status:    2 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  app=web
           pod-template-hash=7c5ddbdf54
  Containers:
   nginx:
    Image:         nginx:1.27
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:            <none>
`),
    );
  });

  it('namespace, and several descriptions joined', () => {
    const ns = describeNamespace({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'default',
        uid: 'x',
        resourceVersion: '1',
        creationTimestamp: 0,
        labels: { 'kubernetes.io/metadata.name': 'default' },
      },
      status: { phase: 'Active' },
    });
    expect(ns).toBe(
      t(`
Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`),
    );
    expect(joinDescriptions([ns, ns])).toBe(ns + '\n\n' + ns);
  });
});
