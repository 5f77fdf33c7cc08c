// The user's objects, apart from what the cluster derived, in creation order, as minimal manifests.
import { describe, expect, it } from 'vitest';
import { userObjects, toManifest, creationOrders } from './user-objects';
import type { Pod } from '../model/types';
import { defaultCluster } from './apply';
import { loadScenario } from './load';
import { deleteObject } from '../apiserver/api';
import { apply } from '../testing';
import { settle } from '../step';

const names = (xs: { kind: string; metadata: { name: string; namespace?: string } }[]) =>
  xs.map((o) => `${o.kind}/${o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata.name}`);

describe('userObjects', () => {
  it('lists what the default scenario applied, in the order it was applied', () => {
    const s = defaultCluster();
    expect(names(userObjects(s))).toEqual([
      'Deployment/default/frontend',
      'Service/default/frontend-svc',
      'Pod/default/db',
      'Service/default/db-svc',
      'Pod/default/busybox',
    ]);
    expect(creationOrders(s)).toHaveLength(1);
  });

  it('leaves out system objects, controller-owned objects, EndpointSlices, Nodes and Pods being deleted', () => {
    const s = defaultCluster();
    deleteObject(s, 'Pod', 'default', 'busybox');
    const got = names(userObjects(s));
    expect(got).not.toContain('Pod/default/busybox');
    expect(
      got.some(
        (n) =>
          n.startsWith('ReplicaSet/') ||
          n.startsWith('EndpointSlice/') ||
          n.startsWith('Node/') ||
          n.includes('kube-system'),
      ),
    ).toBe(false);
    expect(got.filter((n) => n.startsWith('Pod/'))).toEqual(['Pod/default/db']);
  });

  it('keeps a Namespace the user made, first, and a ReplicaSet nobody owns', () => {
    const s = defaultCluster();
    apply(
      s,
      `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: solo
  namespace: team-a
spec:
  replicas: 1
  selector:
    matchLabels:
      app: solo
  template:
    metadata:
      labels:
        app: solo
    spec:
      containers:
      - name: solo
        image: nginx:1.29
`,
    );
    const got = names(userObjects(s));
    expect(got[0]).toBe('Namespace/team-a');
    expect(got).toContain('ReplicaSet/team-a/solo');
  });
});

const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.values(v).forEach(deepFreeze);
    Object.freeze(v);
  }
  return v;
};

describe('toManifest', () => {
  it('of Pods that differ only in their metadata: each its own metadata, the rest pruned alike', () => {
    const pod = (name: string, labels: Record<string, string>) =>
      ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', labels, uid: name },
        spec: {
          containers: [{ name: 'c', image: 'nginx', imagePullPolicy: 'Always' }],
          restartPolicy: 'Never',
          enableServiceLinks: true,
          dnsPolicy: 'ClusterFirst',
        },
      }) as unknown as Pod;
    const a = toManifest(pod('a', { app: 'x' }));
    const b = toManifest(pod('b', { app: 'y', tier: 'web' }));
    expect(a).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'a', labels: { app: 'x' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }], restartPolicy: 'Never' },
    });
    expect(b.metadata).toEqual({ name: 'b', labels: { app: 'y', tier: 'web' } });
    expect(b.spec).toEqual(a.spec);
    // each caller its own copy
    (a.spec as { restartPolicy: string }).restartPolicy = 'Always';
    expect(toManifest(pod('c', {})).spec).toEqual(b.spec);
  });

  it("of a frozen Pod whose status or labels changed around the same frozen spec is the unfrozen Pod's", () => {
    const s = defaultCluster();
    settle(s);
    const pods = Object.values(s.objects.pods);
    // one the scheduler placed, and the same Pod as if it were not placed yet (no PodScheduled condition)
    const placed = pods.find((p) => p.spec.nodeName && p.spec.volumes?.length)!;
    const spec = deepFreeze(structuredClone(placed.spec));
    const fresh = (p: Pod) => toManifest(structuredClone(p));
    const variants: Pod[] = [
      { ...structuredClone(placed), spec },
      { ...structuredClone(placed), spec, status: { ...structuredClone(placed.status), conditions: [] } },
      {
        ...structuredClone(placed),
        spec,
        metadata: { ...structuredClone(placed.metadata), labels: { app: 'other' }, annotations: { team: 'red' } },
      },
      { ...structuredClone(placed), spec, metadata: { ...structuredClone(placed.metadata), name: 'renamed' } },
    ];
    const seen = variants.map((v) => toManifest(deepFreeze(v)));
    variants.forEach((v, i) => expect(seen[i]).toEqual(fresh(v)));
    // they differ where the Pods do (nodeName kept only when not placed by the scheduler; labels; name)
    expect(seen[0].spec).not.toHaveProperty('nodeName');
    expect((seen[1].spec as Record<string, unknown>).nodeName).toBe(placed.spec.nodeName);
    expect(seen[2].metadata.labels).toEqual({ app: 'other' });
    expect(seen[3].metadata.name).toBe('renamed');
    // asked again, the same answer (each caller its own copy)
    expect(toManifest(variants[1])).toEqual(seen[1]);
    expect(toManifest(variants[1])).not.toBe(seen[1]);
  });

  it('drops status, server metadata, allocated values and defaults', () => {
    const s = loadScenario(`apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{}'
    team: blue
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector:
    app: web
  ports:
  - port: 80
    protocol: TCP
`).state!;
    const m = toManifest(s.objects.services['default/web']);
    expect(m).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', annotations: { team: 'blue' } },
      spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    // readable: what a person expects to see in a Service's ports
    expect(toManifest(s.objects.services['default/web'], { readable: true }).spec).toMatchObject({
      ports: [{ protocol: 'TCP', port: 80, targetPort: 80 }],
    });
  });

  it('keeps a nodeName the user set, drops one the scheduler set, keeps namespaces other than default', () => {
    const s = defaultCluster();
    apply(
      s,
      `apiVersion: v1
kind: Namespace
metadata:
  name: pinned
---
apiVersion: v1
kind: Pod
metadata:
  name: on-w2
  namespace: pinned
spec:
  nodeName: worker2
  containers:
  - name: c
    image: nginx:1.29
`,
    );
    settle(s);
    expect(toManifest(s.objects.pods['pinned/on-w2'])).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'on-w2', namespace: 'pinned' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.29' }], nodeName: 'worker2' },
    });
    expect(toManifest(s.objects.pods['default/db']).spec).not.toHaveProperty('nodeName');
  });

  it('a Deployment comes back as written', () => {
    const m = toManifest(defaultCluster().objects.deployments['default/frontend']);
    expect(m.spec).toEqual({
      replicas: 3,
      selector: { matchLabels: { app: 'frontend' } },
      template: {
        metadata: { labels: { app: 'frontend' } },
        spec: {
          containers: [
            {
              name: 'frontend',
              image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
              args: ['netexec', '--http-port=5000'],
              ports: [{ containerPort: 5000 }],
            },
          ],
        },
      },
    });
  });
});
