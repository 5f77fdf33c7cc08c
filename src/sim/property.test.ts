// Property-based tests: random sequences of user commands must keep the cluster's invariants.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ClusterState } from './model/state';
import type { KubeObject } from './model/types';
import { defaultCluster } from './scenario/apply';
import { writeObject, deleteObject, scaleDeployment, setLabels } from './apiserver/api';
import { advance, settle } from './step';
import { addNode, removeNode, setCloudLoadBalancer } from './actions';
import { tracePacket } from './net/trace';
import { cidrContains } from './lib/ip';
import { matchesLabels } from './model/meta';
import { isPodReady } from './model/facts';

type Cmd =
  | {
      t: 'svc';
      name: number;
      type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
      app: number;
      port: number;
      nodePort: number | null;
      etp: 'Cluster' | 'Local';
    }
  | { t: 'delsvc'; name: number }
  | { t: 'kill'; pick: number }
  | { t: 'scale'; n: number }
  | { t: 'relabel'; pick: number; app: number }
  | { t: 'addnode' }
  | { t: 'rmnode'; pick: number }
  | { t: 'cloud'; on: boolean }
  | { t: 'wait'; ms: number };

const APPS = ['frontend', 'db', 'other'];

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({
    t: fc.constant('svc' as const),
    name: fc.integer({ min: 0, max: 3 }),
    type: fc.constantFrom('ClusterIP' as const, 'NodePort' as const, 'LoadBalancer' as const),
    app: fc.integer({ min: 0, max: 2 }),
    port: fc.integer({ min: 1, max: 65535 }),
    nodePort: fc.option(fc.integer({ min: 29990, max: 32770 })),
    etp: fc.constantFrom('Cluster' as const, 'Local' as const),
  }),
  fc.record({ t: fc.constant('delsvc' as const), name: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ t: fc.constant('kill' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('scale' as const), n: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ t: fc.constant('relabel' as const), pick: fc.nat(), app: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ t: fc.constant('addnode' as const) }),
  fc.record({ t: fc.constant('rmnode' as const), pick: fc.nat() }),
  fc.record({ t: fc.constant('cloud' as const), on: fc.boolean() }),
  fc.record({ t: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 5000 }) }),
);

function userPods(s: ClusterState) {
  return Object.values(s.objects.pods)
    .filter((p) => p.metadata.namespace === 'default')
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

function run(s: ClusterState, c: Cmd): void {
  switch (c.t) {
    case 'svc': {
      const type = c.type;
      const svc = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc${c.name}` },
        spec: {
          type,
          selector: { app: APPS[c.app] },
          ports: [
            { port: c.port, targetPort: 5000, ...(c.nodePort && type !== 'ClusterIP' ? { nodePort: c.nodePort } : {}) },
          ],
          ...(type !== 'ClusterIP' ? { externalTrafficPolicy: c.etp } : {}),
        },
      } as unknown as KubeObject;
      writeObject(s, svc, 'apply');
      break;
    }
    case 'delsvc':
      deleteObject(s, 'Service', 'default', `svc${c.name}`);
      break;
    case 'kill': {
      const p = userPods(s);
      if (p.length) deleteObject(s, 'Pod', 'default', p[c.pick % p.length].metadata.name);
      break;
    }
    case 'scale':
      scaleDeployment(s, 'default', 'frontend', c.n);
      break;
    case 'relabel': {
      const p = userPods(s);
      if (p.length) setLabels(s, 'Pod', 'default', p[c.pick % p.length].metadata.name, { app: APPS[c.app] }, true);
      break;
    }
    case 'addnode':
      if (Object.keys(s.objects.nodes).length < 6) addNode(s);
      break;
    case 'rmnode': {
      const w = Object.keys(s.objects.nodes)
        .filter((n) => n !== 'master')
        .sort();
      if (w.length > 1) removeNode(s, w[c.pick % w.length]);
      break;
    }
    case 'cloud':
      setCloudLoadBalancer(s, c.on);
      break;
    case 'wait':
      advance(s, c.ms);
      break;
  }
}

function checkAllocations(s: ClusterState) {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const svc of Object.values(s.objects.services)) {
    const ip = svc.spec.clusterIP;
    if (ip && ip !== 'None') {
      expect(ips.has(ip)).toBe(false);
      ips.add(ip);
      expect(cidrContains(s.settings.serviceSubnet, ip)).toBe(true);
    }
    for (const p of svc.spec.ports ?? []) {
      if (!p.nodePort) continue;
      expect(p.nodePort).toBeGreaterThanOrEqual(30000);
      expect(p.nodePort).toBeLessThanOrEqual(32767);
      expect(ports.has(p.nodePort)).toBe(false);
      ports.add(p.nodePort);
    }
  }
  const podIPs = new Set<string>();
  for (const p of Object.values(s.objects.pods)) {
    // Pods of a removed node linger until the Pod GC's next pass, as in a real cluster
    if (p.spec.hostNetwork || !p.status.podIP || !p.spec.nodeName || !s.objects.nodes[p.spec.nodeName]) continue;
    expect(podIPs.has(p.status.podIP)).toBe(false);
    podIPs.add(p.status.podIP);
    expect(cidrContains(s.objects.nodes[p.spec.nodeName].spec.podCIDR!, p.status.podIP)).toBe(true);
  }
}

function checkSettled(s: ClusterState) {
  for (const svc of Object.values(s.objects.services)) {
    if (!svc.spec.selector || svc.metadata.namespace !== 'default') continue;
    const want = Object.values(s.objects.pods)
      .filter(
        (p) =>
          p.metadata.namespace === 'default' &&
          matchesLabels(svc.spec.selector, p.metadata.labels) &&
          isPodReady(p) &&
          p.status.podIP,
      )
      .map((p) => p.status.podIP)
      .sort();
    const have = Object.values(s.objects.endpointslices)
      .filter(
        (e) =>
          e.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata.name && e.metadata.namespace === 'default',
      )
      .flatMap((e) => e.endpoints.filter((x) => x.conditions.ready).map((x) => x.addresses[0]))
      .sort();
    expect(have).toEqual(want);
    // every request from inside ends delivered to a selected Pod, or with a named failure
    const t = tracePacket(
      s,
      { kind: 'node', name: 'master' },
      { ip: svc.spec.clusterIP!, port: svc.spec.ports![0].port },
    );
    if (t.verdict === 'delivered') {
      const pod = s.objects.pods[t.pod!];
      expect(matchesLabels(svc.spec.selector, pod.metadata.labels)).toBe(true);
    } else {
      expect(['refused', 'dropped', 'timed-out', 'no-route']).toContain(t.verdict);
      expect(t.reason).toBeTruthy();
    }
  }
  for (const p of Object.values(s.proxies)) expect(p.dirtySince).toBeNull();
}

describe('random command sequences', () => {
  it('keep IPs, ClusterIPs and NodePorts unique and in range; settle to exact EndpointSlices; trace to selected Pods', () => {
    const base = defaultCluster();
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 12 }), (cmds) => {
        const s = structuredClone(base);
        for (const c of cmds) {
          run(s, c);
          checkAllocations(s);
        }
        settle(s);
        checkAllocations(s);
        checkSettled(s);
      }),
      { numRuns: 40, seed: 42 },
    );
  });

  it('the same seed and commands give the same state; a state survives serialize → deserialize', () => {
    const base = defaultCluster();
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 8 }), (cmds) => {
        const a = structuredClone(base);
        const b = structuredClone(base);
        for (const c of cmds) {
          run(a, c);
          run(b, c);
        }
        settle(a);
        settle(b);
        expect(JSON.stringify(a) === JSON.stringify(b)).toBe(true);
        expect(JSON.parse(JSON.stringify(a))).toEqual(a);
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
