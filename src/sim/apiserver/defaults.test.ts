import { describe, expect, it } from 'vitest';
import type { Namespace, ReplicaSet, ServiceSpec } from '../model/types';
import {
  defaultDeployment,
  defaultNamespace,
  defaultPod,
  defaultPullPolicy,
  defaultReplicaSet,
  defaultService,
} from './defaults';
import { deployment, pod, svc, web } from './validation-fixtures';

const spec = (s: ServiceSpec) => defaultService(svc(s)).spec;

describe('Service defaults', () => {
  it('a plain ClusterIP Service', () => {
    expect(spec({ selector: { app: 'web' }, ports: [{ port: 80 }] })).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });
  it.each<[string, number | string | undefined, number | string]>([
    ['unset', undefined, 80],
    ['0', 0, 80],
    ['empty', '', 80],
    ['a number', 5000, 5000],
    ['a name', 'http', 'http'],
  ])('targetPort %s', (_n, targetPort, want) => {
    expect(spec({ ports: [{ port: 80, targetPort }] }).ports?.[0].targetPort).toBe(want);
  });
  it('keeps the protocol it is given', () =>
    expect(spec({ ports: [{ port: 53, protocol: 'UDP' }] }).ports?.[0].protocol).toBe('UDP'));
  it('None affinity drops a config', () => {
    expect(
      spec({ ...web, sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } }).sessionAffinityConfig,
    ).toBeUndefined();
  });
  it('ClientIP gets a 10800 s timeout', () => {
    expect(spec({ ...web, sessionAffinity: 'ClientIP' }).sessionAffinityConfig).toEqual({
      clientIP: { timeoutSeconds: 10800 },
    });
    expect(
      spec({ ...web, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } })
        .sessionAffinityConfig,
    ).toEqual({ clientIP: { timeoutSeconds: 60 } });
  });
  it.each<[string, ServiceSpec, string | undefined]>([
    ['ClusterIP', web, undefined],
    ['ClusterIP with externalIPs', { ...web, externalIPs: ['192.0.2.1'] }, 'Cluster'],
    ['NodePort', { ...web, type: 'NodePort' }, 'Cluster'],
    ['LoadBalancer', { ...web, type: 'LoadBalancer' }, 'Cluster'],
    ['LoadBalancer, Local kept', { ...web, type: 'LoadBalancer', externalTrafficPolicy: 'Local' }, 'Local'],
    ['ExternalName', { type: 'ExternalName', externalName: 'x.example.com' }, undefined],
  ])('externalTrafficPolicy for %s', (_n, s, want) => expect(spec(s).externalTrafficPolicy).toBe(want));
  it('internalTrafficPolicy, allocateLoadBalancerNodePorts', () => {
    expect(spec({ ...web, type: 'LoadBalancer' })).toMatchObject({
      internalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
    });
    expect(
      spec({ ...web, type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }).allocateLoadBalancerNodePorts,
    ).toBe(false);
    expect(spec({ ...web, type: 'NodePort' }).allocateLoadBalancerNodePorts).toBeUndefined();
  });
  it('ExternalName gets no traffic policy, IP families or clusterIPs', () => {
    expect(spec({ type: 'ExternalName', externalName: 'db.example.com' })).toEqual({
      type: 'ExternalName',
      externalName: 'db.example.com',
      sessionAffinity: 'None',
    });
  });
  it('a chosen clusterIP fills clusterIPs', () => {
    expect(spec({ ...web, clusterIP: '10.96.0.50' })).toMatchObject({
      clusterIP: '10.96.0.50',
      clusterIPs: ['10.96.0.50'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
  });
  it('headless with a selector is SingleStack', () => {
    expect(spec({ ...web, clusterIP: 'None' })).toMatchObject({
      clusterIPs: ['None'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
  });
  it('headless without a selector is RequireDualStack with both families', () => {
    expect(spec({ clusterIP: 'None', ports: [{ port: 80 }] })).toMatchObject({
      clusterIPs: ['None'],
      ipFamilies: ['IPv4', 'IPv6'],
      ipFamilyPolicy: 'RequireDualStack',
    });
  });
  it('a family the cluster lacks is not inferred', () => {
    expect(spec({ ...web, clusterIP: 'fd00::1' }).ipFamilies).toBeUndefined();
  });
  it('a dual-stack cluster fills the second family for PreferDualStack', () => {
    expect(
      defaultService(svc({ ...web, ipFamilyPolicy: 'PreferDualStack' }), undefined, ['IPv4', 'IPv6']).spec.ipFamilies,
    ).toEqual(['IPv4', 'IPv6']);
  });
  it('LoadBalancer ingress IPs get ipMode VIP', () => {
    const s = svc({ ...web, type: 'LoadBalancer' });
    s.status = { loadBalancer: { ingress: [{ ip: '203.0.113.5' }] } };
    expect(defaultService(s).status.loadBalancer.ingress).toEqual([{ ip: '203.0.113.5', ipMode: 'VIP' }]);
  });
  it('does not touch its input', () => {
    const input = svc({ ports: [{ port: 80 }] });
    const before = JSON.stringify(input);
    defaultService(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('Service update defaults', () => {
  const stored = defaultService(
    svc({
      ...web,
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      clusterIP: '10.96.0.10',
      ports: [{ name: 'http', port: 80, targetPort: 5000, nodePort: 31842 }],
      healthCheckNodePort: 32100,
      loadBalancerClass: 'example.com/lb',
    }),
  );

  it('keeps what the server allocated when the manifest leaves it out', () => {
    const next = defaultService(
      svc({
        ...web,
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        ports: [{ name: 'http', port: 80, targetPort: 5000 }],
        loadBalancerClass: 'example.com/lb',
      }),
      stored,
    );
    expect(next.spec).toMatchObject({
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      healthCheckNodePort: 32100,
      ipFamilyPolicy: 'SingleStack',
    });
    expect(next.spec.ports?.[0].nodePort).toBe(31842);
  });
  it('a changed clusterIP replaces clusterIPs, for validation to refuse', () => {
    const next = defaultService(svc({ ...stored.spec, clusterIP: '10.96.0.5' }), stored);
    expect(next.spec.clusterIPs).toEqual(['10.96.0.5']);
  });
  it('switching to ClusterIP drops nodePorts, policies and LB-only fields', () => {
    const next = defaultService(svc({ ...stored.spec, type: 'ClusterIP' }), stored);
    expect(next.spec.ports?.[0].nodePort).toBeUndefined();
    expect(next.spec.healthCheckNodePort).toBeUndefined();
    expect(next.spec.externalTrafficPolicy).toBeUndefined();
    expect(next.spec.allocateLoadBalancerNodePorts).toBeUndefined();
    expect(next.spec.loadBalancerClass).toBeUndefined();
    expect(next.spec.clusterIP).toBe('10.96.0.10');
  });
  it('switching to ExternalName drops the clusterIP and IP families', () => {
    const next = defaultService(svc({ ...stored.spec, type: 'ExternalName', externalName: 'db.example.com' }), stored);
    expect(next.spec).not.toHaveProperty('clusterIP');
    expect(next.spec).not.toHaveProperty('clusterIPs');
    expect(next.spec).not.toHaveProperty('ipFamilies');
    expect(next.spec).not.toHaveProperty('ipFamilyPolicy');
    expect(next.spec).not.toHaveProperty('internalTrafficPolicy');
  });
});

describe('Pod defaults', () => {
  it('what kubectl get pod -o yaml shows after create', () => {
    const p = defaultPod(pod({ containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] }));
    expect(p.spec).toEqual({
      containers: [
        {
          name: 'web',
          image: 'nginx',
          imagePullPolicy: 'Always',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    });
    expect(p.status).toMatchObject({ phase: 'Pending', qosClass: 'BestEffort' });
  });
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry:5000/app', 'Always'],
    ['registry:5000/app:v1', 'IfNotPresent'],
    ['nginx@sha256:0123abcd', 'IfNotPresent'],
  ])('imagePullPolicy for %s', (image, want) => expect(defaultPullPolicy(image)).toBe(want));
  it('keeps what is set, and a toleration that already covers a taint', () => {
    const p = defaultPod(
      pod({
        restartPolicy: 'Never',
        dnsPolicy: 'Default',
        enableServiceLinks: false,
        serviceAccountName: 'robot',
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 },
        ],
      }),
    );
    expect(p.spec).toMatchObject({
      restartPolicy: 'Never',
      dnsPolicy: 'Default',
      enableServiceLinks: false,
      serviceAccountName: 'robot',
    });
    expect(p.spec.tolerations?.map((t) => `${t.key}:${t.tolerationSeconds}`)).toEqual([
      'node.kubernetes.io/not-ready:60',
      'node.kubernetes.io/unreachable:300',
    ]);
  });
  it('hostNetwork copies containerPort to hostPort', () => {
    expect(defaultPod(pod({ hostNetwork: true })).spec.containers[0].ports?.[0].hostPort).toBe(80);
  });
  it('Guaranteed when limits equal requests', () => {
    const p = defaultPod(
      pod({ containers: [{ name: 'a', image: 'x:1', resources: { limits: { cpu: '1', memory: '1Gi' } } }] }),
    );
    expect(p.status.qosClass).toBe('Guaranteed');
    expect(p.spec.containers[0].resources).toEqual({
      limits: { cpu: '1', memory: '1Gi' },
      requests: { cpu: '1', memory: '1Gi' },
    });
  });
});

describe('apps/v1 and Namespace defaults', () => {
  it('a Deployment', () => {
    const d = defaultDeployment(deployment());
    expect(d.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27',
              imagePullPolicy: 'IfNotPresent',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
  });
  it('Recreate gets no rollingUpdate; a partial rollingUpdate is completed', () => {
    expect(defaultDeployment(deployment({ strategy: { type: 'Recreate' } })).spec.strategy).toEqual({
      type: 'Recreate',
    });
    const partial = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } as unknown as NonNullable<
      ReturnType<typeof deployment>['spec']['strategy']
    >;
    expect(defaultDeployment(deployment({ strategy: partial })).spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 },
    });
  });
  it('a ReplicaSet', () => {
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'r', uid: '', resourceVersion: '', creationTimestamp: 0 },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
      },
      status: { replicas: 0 },
    };
    const d = defaultReplicaSet(rs);
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30 });
  });
  it('a Namespace', () => {
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', uid: '', resourceVersion: '', creationTimestamp: 0 },
    } as Namespace;
    const d = defaultNamespace(ns);
    expect(d.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(d.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(d.status).toEqual({ phase: 'Active' });
  });
});
