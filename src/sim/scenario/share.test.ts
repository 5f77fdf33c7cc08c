// Share links round-trip: the same objects, addresses and requests on the other side; and they stay short.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  encodeShare,
  decodeShare,
  shareFromState,
  scenarioFromShare,
  rebuildFromShare,
  settingsDiff,
  compactJson,
  traceFromShare,
  SHARE_VERSION,
} from './share';
import { lzStringFragment } from './share-compare';
import type { SharePayload } from './share';
import { defaultCluster } from './apply';
import { loadScenario } from './load';
import { fiftyObjectScenario } from './fixtures-50';
import { listScenarios, getScenario } from './scenarios';
import { userObjects, toManifest } from './user-objects';
import type { ClusterState } from '../model/state';
import { tracePacket, type Source, type Target } from '../net/trace';
import { clone } from '../model/meta';
import { deleteObject, scaleDeployment } from '../apiserver/api';
import { advance, settle } from '../step';
import { setCloudLoadBalancer, addNode, removeNode } from '../actions';
import { renameKeys, LONG_TO_SHORT, SHORT_TO_LONG } from './share-keys';
import fc from 'fast-check';

const BUSYBOX: Source = { kind: 'pod', namespace: 'default', name: 'busybox' };

function view(s: ClusterState) {
  return {
    objects: userObjects(s).map((o) => toManifest(o)),
    services: Object.values(s.objects.services).map((x) => [
      x.metadata.namespace,
      x.metadata.name,
      x.spec.clusterIP,
      x.spec.ports?.map((p) => [p.port, p.nodePort]),
      x.status.loadBalancer.ingress,
    ]),
    pods: Object.values(s.objects.pods)
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => [p.metadata.namespace, p.metadata.name, p.status.podIP, p.spec.nodeName])
      .sort(),
  };
}

const traceOf = (s: ClusterState, from: Source, to: Target) => {
  const t = tracePacket(clone(s), from, to);
  return {
    verdict: t.verdict,
    pod: t.pod,
    endpoint: t.endpoint,
    sourceSeen: t.sourceSeen,
    path: t.path,
    hops: t.hops.length,
  };
};

async function roundTrip(
  s: ClusterState,
  extra: Partial<SharePayload> = {},
): Promise<{ fragment: string; payload: SharePayload; rebuilt: ClusterState; exact: boolean }> {
  const built = shareFromState(s, extra);
  const fragment = await encodeShare(built.payload);
  const decoded = await decodeShare(fragment);
  if (!decoded.ok) throw new Error(decoded.error.message);
  expect(decoded.payload).toEqual(built.payload);
  return { fragment, payload: decoded.payload, rebuilt: scenarioFromShare(decoded.payload), exact: built.exact };
}

describe('share links', () => {
  it('default scenario → encode → decode → rebuild: same objects, names, IPs, ports, and the same trace', async () => {
    const s = defaultCluster();
    const ip = s.objects.services['default/frontend-svc'].spec.clusterIP!;
    const { fragment, payload, rebuilt, exact } = await roundTrip(s, {
      trace: { source: BUSYBOX, target: { ip, port: 80 } },
    });
    expect(fragment.startsWith(`#s=${SHARE_VERSION}.`)).toBe(true);
    expect(exact).toBe(true);
    expect(view(rebuilt)).toEqual(view(s));
    expect(payload.trace).toEqual({ source: BUSYBOX, target: { ip, port: 80 } });
    expect(traceOf(rebuilt, BUSYBOX, { ip, port: 80 })).toEqual(traceOf(s, BUSYBOX, { ip, port: 80 }));
    expect(traceOf(rebuilt, { kind: 'client' }, { ip, port: 80 })).toEqual(
      traceOf(s, { kind: 'client' }, { ip, port: 80 }),
    );
  });

  it('carries only what the user applied: no status, uids, ReplicaSets, EndpointSlices, controller Pods or system objects', async () => {
    const { payload } = await roundTrip(defaultCluster());
    const text = JSON.stringify(payload);
    for (const bad of [
      'status',
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'ReplicaSet',
      'EndpointSlice',
      'kube-system',
      'clusterIP',
      'ownerReferences',
      'frontend-5487',
    ])
      expect(text).not.toContain(bad);
    expect(payload.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Deployment/frontend',
      'Service/frontend-svc',
      'Pod/db',
      'Service/db-svc',
      'Pod/busybox',
    ]);
    expect(payload.settings).toEqual({});
  });

  for (const sc of listScenarios()) {
    it(`${sc.id}: rebuilds exactly from its link`, async () => {
      const s = loadScenario(sc.yaml).state!;
      const { rebuilt, exact } = await roundTrip(s);
      expect(exact).toBe(true);
      expect(view(rebuilt)).toEqual(view(s));
      expect(rebuilt.settings).toEqual(s.settings);
    });
  }

  it('keeps settings, the lesson step and the selected request', async () => {
    const s = loadScenario(getScenario('externalip')!.yaml).state!;
    setCloudLoadBalancer(s, true);
    addNode(s);
    s.settings.kubeProxy.minSyncPeriodMs = 5000;
    settle(s);
    const { payload, rebuilt } = await roundTrip(s, {
      lesson: { id: 'externalip', step: 2 },
      trace: { source: { kind: 'client' }, target: { ip: '172.16.0.100', port: 80, proto: 'tcp' }, rng: 12345 },
    });
    expect(payload.settings).toEqual(settingsDiff(s.settings));
    expect(payload.settings).toMatchObject({
      cloudLoadBalancer: true,
      kubeProxy: { minSyncPeriodMs: 5000 },
      externalRoutes: [{ ip: '172.16.0.100', node: 'worker1' }],
    });
    expect(payload.lesson).toEqual({ id: 'externalip', step: 2 });
    expect(payload.trace?.rng).toBe(12345);
    expect(rebuilt.settings).toEqual(s.settings);
    expect(Object.keys(rebuilt.objects.nodes).sort()).toEqual(['master', 'worker1', 'worker2', 'worker3']);
  });

  it('after a kill and a scale-up, the link says where each Pod was and rebuilds the very same Pods', async () => {
    const s = defaultCluster();
    // A request draws from the generator; a Pod killed afterwards gets a replacement whose name a replay cannot draw.
    tracePacket(s, BUSYBOX, { ip: s.objects.services['default/frontend-svc'].spec.clusterIP!, port: 80 });
    const victim = Object.values(s.objects.pods).find((p) => p.metadata.labels?.app === 'frontend')!;
    deleteObject(s, 'Pod', 'default', victim.metadata.name);
    settle(s);
    scaleDeployment(s, 'default', 'frontend', 5);
    settle(s);
    const { payload, rebuilt, exact } = await roundTrip(s);
    expect(exact).toBe(true);
    expect(view(rebuilt)).toEqual(view(s));
    expect(payload.pods).toHaveLength(7);
    expect(payload.pods).toContainEqual(['default/busybox', 'worker1', s.objects.pods['default/busybox'].status.podIP]);
    expect(rebuilt.hints).toBeUndefined(); // only while rebuilding
    // a link that needs no hints carries none
    expect((await roundTrip(defaultCluster())).payload.pods).toBeUndefined();
  });

  it('after a middle node is removed, the other nodes keep their addresses in the rebuilt cluster', async () => {
    const s = defaultCluster();
    addNode(s);
    settle(s);
    removeNode(s, 'worker1');
    settle(s);
    advance(s, 60_000);
    settle(s);
    const { rebuilt, exact } = await roundTrip(s);
    expect(exact).toBe(true);
    const nodes = (c: ClusterState) =>
      Object.values(c.objects.nodes)
        .map((n) => [n.metadata.name, n.status.addresses?.[0]?.address, n.spec.podCIDR])
        .sort();
    expect(nodes(rebuilt)).toEqual(nodes(s));
    // (the system's DaemonSet Pods on a node added later have other random names; the user's are the same)
    const mine = (c: ClusterState) => view(c).pods.filter((p) => p[0] === 'default');
    expect(mine(rebuilt)).toEqual(mine(s));
    expect(view(rebuilt).services).toEqual(view(s).services);
  });

  it("replays the selected request with the sender's random state: same endpoint, same source port", async () => {
    const s = defaultCluster();
    const target = { ip: s.objects.services['default/frontend-svc'].spec.clusterIP!, port: 80 };
    for (let i = 0; i < 5; i++) tracePacket(s, BUSYBOX, target); // the sender has been busy
    const rng = s.rng;
    const mine = tracePacket(s, BUSYBOX, target);
    const { payload, rebuilt } = await roundTrip(s, { trace: { source: BUSYBOX, target, rng } });
    const theirs = traceFromShare(rebuilt, payload.trace!)!;
    expect([theirs.pod, theirs.endpoint, theirs.hops[0].before.sport]).toEqual([
      mine.pod,
      mine.endpoint,
      mine.hops[0].before.sport,
    ]);
    expect(traceFromShare(rebuilt, { source: { kind: 'pod', namespace: 'default', name: 'gone' }, target })).toBeNull();
  });

  it('rebuild reports objects the cluster refuses, and still builds the rest', () => {
    const r = rebuildFromShare({
      settings: {},
      objects: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'ok' },
          spec: { selector: { app: 'x' }, ports: [{ port: 80 }] },
        },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'bad' },
          spec: { selector: { app: 'x' }, ports: [{ port: 70000 }] },
        },
      ],
    });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('The Service "bad" is invalid');
    expect(r.state.objects.services['default/ok']).toBeDefined();
    // Settings a cluster cannot be built from fall back to the default cluster, with a message.
    const odd = rebuildFromShare({ settings: { serviceSubnet: '10.96.0.0/30', seed: 7 }, objects: [] });
    expect(odd.errors[0]).toMatch(/cluster settings could not be used/);
    expect(odd.state.settings.seed).toBe(7);
  });

  it('stays short: measured against lz-string for the default and a 50-object scenario', async () => {
    const measure = async (s: ClusterState) => {
      const { payload } = shareFromState(s);
      return {
        objects: payload.objects.length,
        json: compactJson(payload).length,
        deflateRaw: (await encodeShare(payload)).length,
        lzString: lzStringFragment(payload).length,
      };
    };
    const sizes = {
      default: await measure(defaultCluster()),
      fiftyObjects: await measure(loadScenario(fiftyObjectScenario()).state!),
    };
    console.log('share link sizes (characters of the #s=… fragment):', JSON.stringify(sizes));
    expect(sizes.fiftyObjects.objects).toBe(50);
    expect(sizes.default.deflateRaw).toBeLessThan(1000);
    expect(sizes.fiftyObjects.deflateRaw).toBeLessThan(2000);
    // deflate is the codec links use because it is the smaller one
    expect(sizes.default.deflateRaw).toBeLessThan(sizes.default.lzString);
    expect(sizes.fiftyObjects.deflateRaw).toBeLessThan(sizes.fiftyObjects.lzString);
    const file = new URL('../../../docs/share-sizes.json', import.meta.url);
    const record = {
      note: 'Share-link fragment lengths in characters, measured by src/sim/scenario/share.test.ts (UPDATE_SHARE_SIZES=1 rewrites this file). Links use deflate-raw; lz-string is the comparison.',
      codec: 'deflate-raw',
      ...sizes,
    };
    if (process.env.UPDATE_SHARE_SIZES) writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
    const recorded = JSON.parse(readFileSync(file, 'utf8')) as typeof record;
    // zlib versions differ by a few bytes; the record must still describe these links.
    for (const k of ['default', 'fiftyObjects'] as const) {
      expect(Math.abs(recorded[k].deflateRaw - sizes[k].deflateRaw)).toBeLessThanOrEqual(sizes[k].deflateRaw * 0.05);
      expect(recorded[k].lzString).toBe(sizes[k].lzString);
    }
  });
});

describe('short field names', () => {
  it('are a one-to-one mapping', () => {
    expect(SHORT_TO_LONG.size).toBe(LONG_TO_SHORT.size);
    for (const s of SHORT_TO_LONG.keys())
      expect(LONG_TO_SHORT.has(s), `${s} is both a short and a long name`).toBe(false);
  });

  it('round-trip any JSON, including keys that look like short names', () => {
    const key = fc
      .oneof(fc.string(), fc.constantFrom(...LONG_TO_SHORT.keys(), ...SHORT_TO_LONG.keys(), '~', '~o', '~~k'))
      .filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    const json = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(key, tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(json, (v) => {
        expect(renameKeys(renameKeys(v, 'encode'), 'decode')).toEqual(v);
      }),
    );
  });
});
