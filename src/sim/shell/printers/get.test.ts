import { describe, expect, it } from 'vitest';
import type { Service } from '../../model/types';
import { endpointsFromSlices, formatEndpoints } from './endpoints';
import { noResourcesMessage, printGetAll, printNames, printTable, printTables } from './get';
import {
  D,
  H,
  MIN,
  NOW,
  S,
  deployment,
  frontendSvc,
  kubernetesSvc,
  node,
  pod,
  replicaSet,
  service,
  slice,
} from './test-fixtures';

const t = (s: string) => s.replace(/^\n/, '');

describe('kubectl get services', () => {
  it('prints the reference table', () => {
    expect(printTable('Service', [kubernetesSvc(), frontendSvc()], { now: NOW })).toBe(
      t(`
NAME           TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE
frontend-svc   NodePort    10.101.34.7   <none>        80:31842/TCP   5m12s
kubernetes     ClusterIP   10.96.0.1     <none>        443/TCP        2d4h
`),
    );
  });

  const lb = (name: string, ingress?: { ip?: string; hostname?: string }[], externalIPs?: string[]) =>
    service(
      name,
      45 * S,
      {
        type: 'LoadBalancer',
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 },
          { name: 'https', port: 443, protocol: 'TCP', nodePort: 30443 },
        ],
        clusterIP: '10.96.5.5',
        clusterIPs: ['10.96.5.5'],
        externalIPs,
      },
      {},
      ingress,
    );

  it('EXTERNAL-IP and PORT(S) rules', () => {
    const svcs: Service[] = [
      service('headless', 2 * MIN, {
        type: 'ClusterIP',
        clusterIP: 'None',
        clusterIPs: ['None'],
        selector: { app: 'db' },
        ports: [{ port: 5432, protocol: 'TCP' }],
      }),
      service('noports', 119 * S, {
        type: 'ClusterIP',
        clusterIP: 'None',
        clusterIPs: ['None'],
        selector: { app: 'x' },
      }),
      service('ext', 179 * MIN, { type: 'ExternalName', externalName: 'db.example.com' }),
      service('withips', 3 * H + 5 * MIN, {
        type: 'ClusterIP',
        clusterIP: '10.96.0.50',
        clusterIPs: ['10.96.0.50'],
        externalIPs: ['192.168.1.10', '192.168.1.11'],
        ports: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      }),
      lb('lb-pending'),
      lb('lb-ip', [{ ip: '172.18.255.201' }, { ip: '172.18.255.200' }]),
      lb('lb-host', [{ hostname: 'a1b2c3d4e5f6.elb.amazonaws.com' }]),
      lb('lb-both', [{ ip: '172.18.255.200' }], ['10.0.0.9']),
    ];
    expect(printTable('Service', svcs, { now: NOW })).toBe(
      t(`
NAME         TYPE           CLUSTER-IP   EXTERNAL-IP                 PORT(S)                      AGE
ext          ExternalName   <none>       db.example.com              <none>                       179m
headless     ClusterIP      None         <none>                      5432/TCP                     2m
lb-both      LoadBalancer   10.96.5.5    172.18.255.200,10.0.0.9     80:30080/TCP,443:30443/TCP   45s
lb-host      LoadBalancer   10.96.5.5    a1b2c3d4e5f6....            80:30080/TCP,443:30443/TCP   45s
lb-ip        LoadBalancer   10.96.5.5    172.18.255.20...            80:30080/TCP,443:30443/TCP   45s
lb-pending   LoadBalancer   10.96.5.5    <pending>                   80:30080/TCP,443:30443/TCP   45s
noports      ClusterIP      None         <none>                      <none>                       119s
withips      ClusterIP      10.96.0.50   192.168.1.10,192.168.1.11   53/UDP,53/TCP                3h5m
`),
    );
  });

  it('-o wide adds SELECTOR and keeps long load-balancer addresses', () => {
    expect(
      printTable('Service', [lb('lb-ip', [{ ip: '172.18.255.201' }, { ip: '172.18.255.200' }]), kubernetesSvc()], {
        now: NOW,
        wide: true,
      }),
    ).toBe(
      t(`
NAME         TYPE           CLUSTER-IP   EXTERNAL-IP                     PORT(S)                      AGE    SELECTOR
kubernetes   ClusterIP      10.96.0.1    <none>                          443/TCP                      2d4h   <none>
lb-ip        LoadBalancer   10.96.5.5    172.18.255.200,172.18.255.201   80:30080/TCP,443:30443/TCP   45s    app=web
`),
    );
  });

  it('-A, --show-labels and kind prefixes', () => {
    const other = service(
      'dns',
      47 * H,
      {
        type: 'ClusterIP',
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
      },
      { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    );
    expect(
      printTable('Service', [frontendSvc(), other], {
        now: NOW,
        allNamespaces: true,
        showLabels: true,
        withKindPrefix: true,
      }),
    ).toBe(
      t(`
NAMESPACE     NAME                   TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE     LABELS
default       service/frontend-svc   NodePort    10.101.34.7   <none>        80:31842/TCP   5m12s   app=frontend
kube-system   service/dns            ClusterIP   10.96.0.10    <none>        53/UDP         47h     k8s-app=kube-dns
`),
    );
  });
});

describe('kubectl get endpoints / endpointslices', () => {
  const ports = [{ name: '', port: 5000, protocol: 'TCP' as const }];
  it.each([
    ['two ready', [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }], '10.244.1.5:5000,10.244.2.7:5000'],
    [
      'four ready: + 1 more...',
      [{ ip: '10.244.1.9' }, { ip: '10.244.1.10' }, { ip: '10.244.2.7' }, { ip: '10.244.2.8' }],
      '10.244.1.10:5000,10.244.1.9:5000,10.244.2.7:5000 + 1 more...',
    ],
    ['only not ready: empty', [{ ip: '10.244.1.5', ready: false }], ''],
    [
      'terminating left out',
      [{ ip: '10.244.1.5', ready: false, serving: true, terminating: true }, { ip: '10.244.2.7' }],
      '10.244.2.7:5000',
    ],
    ['no pods: <none>', [], '<none>'],
  ])('%s', (_n, eps, want) => {
    expect(
      formatEndpoints(endpointsFromSlices(frontendSvc(), [slice('frontend-svc-abcde', 'frontend-svc', ports, eps)])),
    ).toBe(want);
  });

  it('prints the table (port-less headless subsets list bare IPs)', () => {
    const headless = service('db', 2 * MIN, {
      type: 'ClusterIP',
      clusterIP: 'None',
      clusterIPs: ['None'],
      selector: { app: 'db' },
    });
    const eps = [
      endpointsFromSlices(frontendSvc(), [
        slice('frontend-svc-abcde', 'frontend-svc', ports, [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }]),
      ]),
      endpointsFromSlices(headless, [slice('db-xyz12', 'db', [], [{ ip: '10.244.1.20' }])]),
      endpointsFromSlices(kubernetesSvc(), [
        slice('kubernetes', 'kubernetes', [{ name: 'https', port: 6443, protocol: 'TCP' }], [{ ip: '172.18.0.2' }]),
      ]),
    ];
    expect(printTable('Endpoints', eps, { now: NOW })).toBe(
      t(`
NAME           ENDPOINTS                         AGE
db             10.244.1.20                       2m
frontend-svc   10.244.1.5:5000,10.244.2.7:5000   5m12s
kubernetes     172.18.0.2:6443                   2d4h
`),
    );
  });

  it('endpointslices: PORTS and ENDPOINTS lists, <unset> when empty', () => {
    const dns = slice(
      'kube-dns-7x2kq',
      'kube-dns',
      [
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ],
      [{ ip: '10.244.0.2' }, { ip: '10.244.0.3' }],
    );
    const many = slice('web-4kq8z', 'web', ports, [
      { ip: '10.244.1.2' },
      { ip: '10.244.1.3', ready: false },
      { ip: '10.244.2.2' },
      { ip: '10.244.2.3' },
    ]);
    const empty = slice('empty-n5v6m', 'empty', [], []);
    expect(printTable('EndpointSlice', [dns, many, empty], { now: NOW })).toBe(
      t(`
NAME             ADDRESSTYPE   PORTS        ENDPOINTS                                      AGE
empty-n5v6m      IPv4          <unset>      <unset>                                        5m
kube-dns-7x2kq   IPv4          53,53,9153   10.244.0.2,10.244.0.3                          5m
web-4kq8z        IPv4          5000         10.244.1.2,10.244.1.3,10.244.2.2 + 1 more...   5m
`),
    );
  });
});

describe('kubectl get pods', () => {
  const pods = [
    pod('web-7c5ddbdf54-abcde', 5 * MIN + 12 * S, { ready: true, ip: '10.244.1.5' }),
    pod('web-7c5ddbdf54-fghij', 12 * S, { phase: 'Pending', waiting: 'ContainerCreating', node: 'kind-worker2' }),
    pod('web-7c5ddbdf54-klmno', 2 * D + 4 * H, { ready: true, ip: '10.244.2.7', restarts: 2, lastFinished: 3 * MIN }),
    pod('web-7c5ddbdf54-pqrst', 10 * MIN, { ready: true, ip: '10.244.1.6', deleting: true }),
    pod('web-7c5ddbdf54-uvwxz', 45 * S, {
      waiting: 'CrashLoopBackOff',
      restarts: 1,
      lastFinished: 20 * S,
      ip: '10.244.2.8',
    }),
  ];
  it('READY, STATUS, RESTARTS and AGE', () => {
    expect(printTable('Pod', pods, { now: NOW })).toBe(
      t(`
NAME                   READY   STATUS              RESTARTS      AGE
web-7c5ddbdf54-abcde   1/1     Running             0             5m12s
web-7c5ddbdf54-fghij   0/1     ContainerCreating   0             12s
web-7c5ddbdf54-klmno   1/1     Running             2 (3m ago)    2d4h
web-7c5ddbdf54-pqrst   1/1     Terminating         0             10m
web-7c5ddbdf54-uvwxz   0/1     CrashLoopBackOff    1 (20s ago)   45s
`),
    );
  });

  it('-o wide', () => {
    expect(printTable('Pod', pods.slice(0, 2), { now: NOW, wide: true })).toBe(
      t(`
NAME                   READY   STATUS              RESTARTS   AGE     IP           NODE           NOMINATED NODE   READINESS GATES
web-7c5ddbdf54-abcde   1/1     Running             0          5m12s   10.244.1.5   kind-worker    <none>           <none>
web-7c5ddbdf54-fghij   0/1     ContainerCreating   0          12s     <none>       kind-worker2   <none>           <none>
`),
    );
  });

  it('-o name', () => {
    expect(printNames('Pod', pods.slice(0, 2))).toBe('pod/web-7c5ddbdf54-abcde\npod/web-7c5ddbdf54-fghij\n');
    expect(printNames('Service', [frontendSvc()])).toBe('service/frontend-svc\n');
    expect(printNames('EndpointSlice', [slice('frontend-svc-abcde', 'frontend-svc', [], [])])).toBe(
      'endpointslice.discovery.k8s.io/frontend-svc-abcde\n',
    );
  });
});

describe('kubectl get deployments, replicasets, nodes', () => {
  const d = deployment('web', 3, 2);
  const rs = replicaSet(d, '7c5ddbdf54', 3);
  it('deployments', () => {
    expect(printTable('Deployment', [d], { now: NOW })).toBe(
      t(`
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    2/3     3            2           10m
`),
    );
    expect(printTable('Deployment', [d], { now: NOW, wide: true })).toBe(
      t(`
NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
web    2/3     3            2           10m   nginx        nginx:1.27   app=web
`),
    );
  });
  it('replicasets', () => {
    expect(printTable('ReplicaSet', [rs], { now: NOW, wide: true })).toBe(
      t(`
NAME             DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR
web-7c5ddbdf54   3         3         3       10m   nginx        nginx:1.27   app=web,pod-template-hash=7c5ddbdf54
`),
    );
  });
  it('nodes: STATUS and ROLES', () => {
    const nodes = [
      node('kind-control-plane', { role: 'control-plane', ip: '172.18.0.2' }),
      node('kind-worker', { ip: '172.18.0.3', unschedulable: true }),
      node('kind-worker2', { ip: '172.18.0.4', ready: 'Unknown' }),
    ];
    expect(printTable('Node', nodes, { now: NOW })).toBe(
      t(`
NAME                 STATUS                     ROLES           AGE    VERSION
kind-control-plane   Ready                      control-plane   2d4h   v1.34.0
kind-worker          Ready,SchedulingDisabled   <none>          2d4h   v1.34.0
kind-worker2         NotReady                   <none>          2d4h   v1.34.0
`),
    );
    expect(printTable('Node', nodes.slice(0, 1), { now: NOW, wide: true, allNamespaces: true })).toBe(
      t(`
NAME                 STATUS   ROLES           AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME
kind-control-plane   Ready    control-plane   2d4h   v1.34.0   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-45-generic   containerd://2.1.3
`),
    );
  });

  it('get all: fixed kind order, prefixes, a blank line between tables', () => {
    const out = printGetAll(
      {
        Pod: [pod('web-7c5ddbdf54-abcde', 5 * MIN, { ready: true, ip: '10.244.1.5' })],
        Service: [kubernetesSvc()],
        Deployment: [d],
        ReplicaSet: [rs],
      },
      { now: NOW },
    );
    expect(out).toBe(
      t(`
NAME                       READY   STATUS    RESTARTS   AGE
pod/web-7c5ddbdf54-abcde   1/1     Running   0          5m

NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   2d4h

NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/3     3            2           10m

NAME                             DESIRED   CURRENT   READY   AGE
replicaset.apps/web-7c5ddbdf54   3         3         3       10m
`),
    );
  });

  it('several kinds skip empty tables; nothing found messages', () => {
    expect(
      printTables(
        [
          { kind: 'Pod', objects: [] },
          { kind: 'Service', objects: [frontendSvc()] },
        ],
        { now: NOW, withKindPrefix: true },
      ),
    ).toBe(
      t(`
NAME                   TYPE       CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE
service/frontend-svc   NodePort   10.101.34.7   <none>        80:31842/TCP   5m12s
`),
    );
    expect(printTable('Pod', [], { now: NOW })).toBe('');
    expect(noResourcesMessage('default')).toBe('No resources found in default namespace.\n');
    expect(noResourcesMessage(undefined)).toBe('No resources found\n');
  });
});

describe('kubectl get events', () => {
  it('LAST SEEN, TYPE, REASON, OBJECT, MESSAGE', () => {
    const object = { kind: 'Pod', namespace: 'default', name: 'web-7c5ddbdf54-abcde' };
    const events = [
      {
        id: 2,
        at: NOW - 5 * MIN,
        lastAt: NOW - 30 * S,
        count: 4,
        type: 'Warning' as const,
        reason: 'BackOff',
        message: 'Back-off restarting failed container web in pod web-7c5ddbdf54-abcde_default(uid)',
        object,
        source: 'kubelet',
        host: 'kind-worker',
      },
      {
        id: 1,
        at: NOW - 6 * MIN,
        lastAt: NOW - 6 * MIN,
        count: 1,
        type: 'Normal' as const,
        reason: 'Scheduled',
        message: 'Successfully assigned default/web-7c5ddbdf54-abcde to kind-worker',
        object,
        source: 'default-scheduler',
      },
      {
        id: 3,
        at: NOW - 2 * D,
        lastAt: NOW - 2 * D,
        count: 1,
        type: 'Normal' as const,
        reason: 'NodeReady',
        message: 'Node kind-worker status is now: NodeReady',
        object: { kind: 'Node', name: 'kind-worker' },
        source: 'kubelet',
        host: 'kind-worker',
      },
    ];
    expect(printTable('Event', events, { now: NOW, allNamespaces: true })).toBe(
      t(`
NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT                     MESSAGE
default     2d          Normal    NodeReady   node/kind-worker           Node kind-worker status is now: NodeReady
default     6m          Normal    Scheduled   pod/web-7c5ddbdf54-abcde   Successfully assigned default/web-7c5ddbdf54-abcde to kind-worker
default     30s         Warning   BackOff     pod/web-7c5ddbdf54-abcde   Back-off restarting failed container web in pod web-7c5ddbdf54-abcde_default(uid)
`),
    );
  });
});

describe('AGE', () => {
  it.each([
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * MIN, '2m'],
    [5 * MIN + 12 * S, '5m12s'],
    [179 * MIN, '179m'],
    [3 * H + 5 * MIN, '3h5m'],
    [47 * H, '47h'],
    [2 * D + 4 * H, '2d4h'],
    [729 * D, '729d'],
    [-30 * S, '<invalid>'],
  ])('%i ms → %s', (ago, want) => {
    const out = printTable(
      'Namespace',
      [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: NOW - ago },
          status: { phase: 'Active' },
        },
      ],
      { now: NOW, noHeaders: true },
    );
    expect(out).toBe(`default   Active   ${want}\n`);
  });
});
