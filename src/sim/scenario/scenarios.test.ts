// Every built-in scenario loads cleanly, with strict field checking, and shows what its description promises.
import { describe, expect, it } from 'vitest';
import { listScenarios, getScenario, DEFAULT_SCENARIO_ID } from './scenarios';
import { loadScenario } from './load';
import { parseManifests } from './manifest';
import { DEFAULT_SCENARIO } from './builtin/default';
import { EXTERNAL_IP } from './builtin/externalip';
import type { ClusterState } from '../model/state';
import { tracePacket } from '../net/trace';
import { clone } from '../model/meta';
import { isPodReady } from '../model/facts';

function load(id: string): ClusterState {
  const r = loadScenario(getScenario(id)!.yaml);
  expect(r.errors).toEqual([]);
  return r.state!;
}

const svc = (s: ClusterState, name: string, ns = 'default') => s.objects.services[`${ns}/${name}`];
const userPods = (s: ClusterState) =>
  Object.values(s.objects.pods).filter((p) => !['kube-system', 'kube-flannel'].includes(p.metadata.namespace!));

describe('built-in scenarios', () => {
  it('have unique ids, titles and one-paragraph descriptions', () => {
    const all = listScenarios();
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    expect(all.map((s) => s.id)).toEqual([
      'pod-ip',
      'default',
      'kube-proxy',
      'discovery-env',
      'discovery-dns',
      'clusterip-only',
      'nodeport',
      'loadbalancer-cloud',
      'loadbalancer-pending',
      'externalip',
      'externalname',
      'headless',
      'session-affinity',
      'traffic-policy',
      'empty',
    ]);
    for (const s of all) {
      expect(s.title.length, s.id).toBeGreaterThan(5);
      expect(s.description.length, s.id).toBeGreaterThan(80);
      expect(s.description, s.id).not.toContain('\n');
    }
    expect(getScenario(DEFAULT_SCENARIO_ID)?.yaml).toBe(DEFAULT_SCENARIO);
    expect(getScenario('nope')).toBeUndefined();
  });

  for (const sc of listScenarios()) {
    it(`${sc.id}: parses strictly and loads with no errors, every Pod running`, () => {
      const parsed = parseManifests(sc.yaml, { source: `${sc.id}.yaml` });
      expect(parsed.errors).toEqual([]);
      // Nothing the simulator ignores: every field is one kubectl apply would send and the simulator models.
      expect(parsed.ignored).toEqual([]);
      for (const o of parsed.objects)
        expect(['Namespace', 'Pod', 'Service', 'Deployment'], `${o.kind} in ${sc.id}`).toContain(o.kind);
      const s = load(sc.id);
      for (const p of userPods(s)) expect(isPodReady(p), `${p.metadata.name} in ${sc.id}`).toBe(true);
    });
  }

  it("pod-ip: one frontend Pod reachable by IP, and no Service of the user's", () => {
    const s = load('pod-ip');
    const fe = userPods(s).filter((p) => p.metadata.labels?.app === 'frontend');
    expect(fe).toHaveLength(1);
    expect(Object.keys(s.objects.services).sort()).toEqual(['default/kubernetes', 'kube-system/kube-dns']);
    const t = tracePacket(
      clone(s),
      { kind: 'pod', namespace: 'default', name: 'busybox' },
      { ip: fe[0].status.podIP!, port: 5000 },
    );
    expect(t.verdict).toBe('delivered');
  });

  it('default: frontend-svc groups 3 Pods (80 → 5000), db-svc 1', () => {
    const s = load('default');
    expect(svc(s, 'frontend-svc').spec.ports?.[0]).toMatchObject({ port: 80, targetPort: 5000 });
    expect(userPods(s).filter((p) => p.metadata.labels?.app === 'frontend')).toHaveLength(3);
    expect(userPods(s).filter((p) => p.metadata.labels?.app === 'db')).toHaveLength(1);
  });

  it('kube-proxy: minSyncPeriod is 10 s', () => {
    expect(load('kube-proxy').settings.kubeProxy.minSyncPeriodMs).toBe(10000);
  });

  it('discovery-env: busybox has FRONTEND_SVC_ variables and no redis-master Service yet', () => {
    const s = load('discovery-env');
    const env = s.runtime[s.objects.pods['default/busybox'].metadata.uid].serviceEnv!.map((e) => e.name);
    expect(env).toContain('FRONTEND_SVC_SERVICE_HOST');
    expect(env.some((n) => n.startsWith('REDIS_MASTER_'))).toBe(false);
    expect(svc(s, 'redis-master')).toBeUndefined();
  });

  it('discovery-dns: redis-master lives in my-ns', () => {
    const s = load('discovery-dns');
    expect(svc(s, 'redis-master', 'my-ns')?.spec.clusterIP).toMatch(/^10\./);
    expect(s.objects.pods['my-ns/shell']).toBeDefined();
  });

  it('nodeport: one chosen port (32233), one random from the range', () => {
    const s = load('nodeport');
    expect(svc(s, 'frontend-svc').spec.ports?.[0].nodePort).toBe(32233);
    const random = svc(s, 'frontend-random').spec.ports![0].nodePort!;
    expect(random).toBeGreaterThanOrEqual(30000);
    expect(random).toBeLessThanOrEqual(32767);
  });

  it('loadbalancer: an external IP with the cloud controller, <pending> without', () => {
    expect(svc(load('loadbalancer-cloud'), 'frontend-svc').status.loadBalancer.ingress?.[0]?.ip).toMatch(
      /^203\.0\.113\./,
    );
    const pending = load('loadbalancer-pending');
    expect(pending.settings.cloudLoadBalancer).toBe(false);
    expect(svc(pending, 'frontend-svc').status.loadBalancer.ingress ?? []).toEqual([]);
    expect(svc(pending, 'frontend-svc').spec.ports?.[0].nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('externalip: the administrator routes the external IP to worker1, and the client gets through', () => {
    const s = load('externalip');
    expect(s.settings.externalRoutes).toEqual([{ ip: EXTERNAL_IP, node: 'worker1' }]);
    expect(svc(s, 'frontend-svc').spec.externalIPs).toEqual([EXTERNAL_IP]);
    expect(tracePacket(clone(s), { kind: 'client' }, { ip: EXTERNAL_IP, port: 80 }).verdict).toBe('delivered');
  });

  it('externalname, headless, session-affinity, traffic-policy: the Services are what they say', () => {
    expect(svc(load('externalname'), 'my-database').spec).toMatchObject({
      type: 'ExternalName',
      externalName: 'db.example.com',
    });
    expect(svc(load('headless'), 'frontend-headless').spec.clusterIP).toBe('None');
    expect(svc(load('session-affinity'), 'frontend-svc').spec.sessionAffinity).toBe('ClientIP');
    const tp = load('traffic-policy');
    expect(svc(tp, 'frontend-cluster').spec).toMatchObject({ externalTrafficPolicy: 'Cluster' });
    expect(svc(tp, 'frontend-local').spec).toMatchObject({ externalTrafficPolicy: 'Local' });
    expect(userPods(tp).filter((p) => p.metadata.labels?.app === 'frontend')).toHaveLength(1);
  });

  it("empty: only the cluster's own objects", () => {
    const s = load('empty');
    expect(userPods(s)).toEqual([]);
  });
});
