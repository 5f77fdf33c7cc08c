// Controllers and the Pod lifecycle against real Kubernetes behaviour (reference §3).
import { describe, expect, it } from 'vitest';
import { apply, podsWith, svc, withDefault } from '../testing';
import { advance, settle } from '../step';
import { deleteObject, scaleDeployment, setLabels } from '../apiserver/api';
import { drainNode, removeNode, addNode } from '../actions';
import { slicesOf } from './endpointslice';

describe('Deployment → ReplicaSet → Pods', () => {
  it('names ReplicaSets <deployment>-<hash> and Pods <rs>-<5 chars> from the safe alphabets', () => {
    const s = withDefault();
    const rs = Object.values(s.objects.replicasets).find((r) => r.metadata.name.startsWith('frontend-'))!;
    expect(rs.metadata.name).toMatch(/^frontend-[456789bcdf]+$/);
    const hash = rs.metadata.name.slice('frontend-'.length);
    for (const p of podsWith(s, 'app', 'frontend')) {
      expect(p.metadata.name).toMatch(new RegExp(`^frontend-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels!['pod-template-hash']).toBe(hash);
    }
  });

  it('replaces a deleted Pod at once with a new name and a new IP, while the old one is Terminating', () => {
    const s = withDefault();
    const [victim] = podsWith(s, 'app', 'frontend');
    deleteObject(s, 'Pod', 'default', victim.metadata.name);
    advance(s, 10);
    const pods = podsWith(s, 'app', 'frontend');
    expect(pods).toHaveLength(4);
    expect(s.objects.pods[`default/${victim.metadata.name}`].metadata.deletionTimestamp).toBeDefined();
    const fresh = pods.find((p) => p.metadata.creationTimestamp === s.now - 10 || !p.status.podIP)!;
    expect(fresh.status.phase).toBe('Pending');
    settle(s);
    const after = podsWith(s, 'app', 'frontend');
    expect(after).toHaveLength(3);
    expect(after.every((p) => p.status.phase === 'Running')).toBe(true);
    expect(after.map((p) => p.status.podIP)).not.toContain(victim.status.podIP);
  });

  it('a Pod whose process ignores SIGTERM (busybox sleep as PID 1) stays Terminating for its grace period, then is killed', () => {
    const s = withDefault();
    const t0 = s.now;
    deleteObject(s, 'Pod', 'default', 'busybox');
    advance(s, 29_000);
    const pod = s.objects.pods['default/busybox'];
    expect(pod.metadata.deletionTimestamp).toBe(t0 + 30_000);
    expect(pod.status.containerStatuses?.[0].state).toHaveProperty('running');
    expect(pod.status.containerStatuses?.[0].ready).toBe(true);
    advance(s, 1_000);
    expect(s.objects.pods['default/busybox'].status.containerStatuses?.[0].state).toEqual({
      terminated: expect.objectContaining({ exitCode: 137, reason: 'Error' }),
    });
    settle(s);
    expect(s.objects.pods['default/busybox']).toBeUndefined();
    // a shorter grace period is honoured; a server that exits on SIGTERM is gone in well under a second
    apply(
      s,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nap\nspec:\n  terminationGracePeriodSeconds: 5\n  containers:\n  - name: nap\n    image: busybox:1.28\n    command: ["/bin/sleep", "3600"]\n',
    );
    const t1 = s.now;
    deleteObject(s, 'Pod', 'default', 'nap');
    deleteObject(s, 'Pod', 'default', 'db');
    advance(s, 1_000);
    expect(s.objects.pods['default/db']).toBeUndefined();
    expect(s.objects.pods['default/nap'].metadata.deletionTimestamp).toBe(t1 + 5_000);
    settle(s);
    expect(s.objects.pods['default/nap']).toBeUndefined();
  });

  it('goes Pending → ContainerCreating (IP, not ready) → Running and Ready', () => {
    const s = withDefault();
    scaleDeployment(s, 'default', 'frontend', 4);
    advance(s, 5);
    const newest = () =>
      podsWith(s, 'app', 'frontend').find(
        (p) => !p.status.containerStatuses?.[0]?.ready && p.metadata.deletionTimestamp === undefined,
      );
    expect(newest()?.status.phase).toBe('Pending');
    advance(s, 200);
    const p = newest()!;
    expect(p.status.podIP).toBeDefined();
    expect(p.status.containerStatuses![0].state.waiting?.reason).toBe('ContainerCreating');
    settle(s);
    expect(podsWith(s, 'app', 'frontend').every((x) => x.status.phase === 'Running')).toBe(true);
  });

  it('a bare Pod is not replaced', () => {
    const s = withDefault();
    deleteObject(s, 'Pod', 'default', 'db');
    settle(s);
    expect(podsWith(s, 'app', 'db')).toHaveLength(0);
    expect(slicesOf(s, 'default', 'db-svc')[0].endpoints).toEqual([]);
  });

  it('scales down, deleting the newest Pods first, and up again', () => {
    const s = withDefault();
    scaleDeployment(s, 'default', 'frontend', 1);
    settle(s);
    expect(podsWith(s, 'app', 'frontend')).toHaveLength(1);
    scaleDeployment(s, 'default', 'frontend', 5);
    settle(s);
    expect(podsWith(s, 'app', 'frontend')).toHaveLength(5);
    expect(slicesOf(s, 'default', 'frontend-svc')[0].endpoints).toHaveLength(5);
  });
});

describe('EndpointSlices', () => {
  it('list the ready Pods the selector matches, with resolved target ports', () => {
    const s = withDefault();
    const [slice] = slicesOf(s, 'default', 'frontend-svc');
    expect(slice.metadata.name).toMatch(/^frontend-svc-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice.metadata.labels).toMatchObject({
      'kubernetes.io/service-name': 'frontend-svc',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice.ports).toEqual([{ name: '', port: 5000, protocol: 'TCP' }]);
    expect(slice.endpoints).toHaveLength(3);
    for (const e of slice.endpoints) expect(e.conditions).toEqual({ ready: true, serving: true, terminating: false });
  });

  it('a terminating Pod stays listed as serving, not ready, until it is gone', () => {
    const s = withDefault();
    const [victim] = podsWith(s, 'app', 'frontend');
    deleteObject(s, 'Pod', 'default', victim.metadata.name);
    advance(s, 10);
    const ep = slicesOf(s, 'default', 'frontend-svc')[0].endpoints.find(
      (e) => e.targetRef!.name === victim.metadata.name,
    )!;
    expect(ep.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('a label change moves a Pod out of a Service', () => {
    const s = withDefault();
    const [p] = podsWith(s, 'app', 'frontend');
    const r = setLabels(s, 'Pod', 'default', p.metadata.name, { app: 'debug' }, true);
    expect(r.ok).toBe(true);
    settle(s);
    const eps = slicesOf(s, 'default', 'frontend-svc')[0].endpoints.map((e) => e.targetRef!.name);
    expect(eps).not.toContain(p.metadata.name);
    // the ReplicaSet releases the Pod (it keeps running, orphaned) and creates a replacement
    expect(eps).toHaveLength(3);
    expect(s.objects.pods[`default/${p.metadata.name}`].metadata.ownerReferences).toBeUndefined();
    expect(s.objects.pods[`default/${p.metadata.name}`].status.phase).toBe('Running');
  });

  it('a named targetPort is looked up in each Pod', () => {
    const s = withDefault();
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata: {name: named, labels: {app: named}}
spec:
  containers:
  - name: web
    image: nginx
    ports: [{name: http-web, containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: named-svc}
spec:
  selector: {app: named}
  ports: [{port: 80, targetPort: http-web}]
`,
    );
    expect(slicesOf(s, 'default', 'named-svc')[0].ports[0].port).toBe(8080);
  });
});

describe('nodes', () => {
  it('a command on one cluster leaves the defaults alone: the next cluster has the default machines', () => {
    const a = withDefault();
    addNode(a);
    removeNode(a, 'worker1');
    expect(a.settings.nodes.map((n) => n.name)).toEqual(['master', 'worker2', 'worker3']);
    expect(withDefault().settings.nodes).toEqual([
      { name: 'master', role: 'control-plane' },
      { name: 'worker1', role: 'worker' },
      { name: 'worker2', role: 'worker' },
    ]);
  });

  it('draining a node moves its Deployment Pods elsewhere; bare Pods are gone', () => {
    const s = withDefault();
    drainNode(s, 'worker1');
    settle(s);
    for (const p of podsWith(s, 'app', 'frontend')) expect(p.spec.nodeName).toBe('worker2');
    expect(podsWith(s, 'app', 'frontend')).toHaveLength(3);
  });

  it('removing a node reschedules its Pods and drops its kube-proxy', () => {
    const s = withDefault();
    removeNode(s, 'worker2');
    settle(s);
    expect(s.proxies.worker2).toBeUndefined();
    for (const p of podsWith(s, 'app', 'frontend')) expect(p.spec.nodeName).toBe('worker1');
  });

  it('a new node gets the next Pod subnet and its own kube-proxy', () => {
    const s = withDefault();
    const name = addNode(s);
    settle(s);
    expect(name).toBe('worker3');
    expect(s.objects.nodes.worker3.spec.podCIDR).toBe('10.244.3.0/24');
    expect(s.proxies.worker3.lastSyncAt).not.toBeNull();
    expect(svc(s, 'frontend-svc')).toBeDefined();
  });
});
