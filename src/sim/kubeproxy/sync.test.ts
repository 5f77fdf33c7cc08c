// syncProxy: full first sync, then partial syncs that equal a full compile.
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { ClusterState } from '../model/state';
import type { EndpointSlice, Service } from '../model/types';
import { emptyProxyState, initProxy, proxyNeedsSync, syncProxy } from './sync';
import { compileNodeTables } from './compile';
import { makeEndpoint, makeNode, makeService, makeSlice, syntheticCluster } from './fixtures';
import { DEFAULT_SETTINGS, emptyState } from '../cluster';
import { servicePortChainName } from './hash';

const keyOf = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;

function makeState(services: Service[], slices: EndpointSlice[]): ClusterState {
  const s = emptyState({ ...DEFAULT_SETTINGS, epoch: Date.UTC(2026, 0, 1) });
  s.now = 5000;
  s.objects.nodes = { worker: makeNode('worker', '172.18.0.3'), worker2: makeNode('worker2', '172.18.0.4') };
  s.objects.services = Object.fromEntries(services.map((x) => [keyOf(x), x]));
  s.objects.endpointslices = Object.fromEntries(slices.map((x) => [keyOf(x), x]));
  return s;
}

/** What the store would do on a change: record it in the change log. */
function recordChange(d: ClusterState, service: string): void {
  d.changes.seq += 1;
  d.changes.log.push({ seq: d.changes.seq, at: d.now, service });
}

const full = (s: ClusterState, n: string) =>
  compileNodeTables({
    node: n,
    nodeIPs: s.objects.nodes[n].status.addresses.filter((a) => a.type === 'InternalIP').map((a) => a.address),
    settings: { podSubnet: s.settings.podSubnet, masqueradeAll: s.settings.kubeProxy.masqueradeAll },
    services: Object.values(s.objects.services),
    slices: Object.values(s.objects.endpointslices),
  });

const frontend = makeService('default', 'frontend-svc', {
  clusterIP: '10.101.34.7',
  ports: [{ port: 80, targetPort: 5000, protocol: 'TCP' }],
});
const slice2 = makeSlice(
  'default',
  'frontend-svc',
  [{ port: 5000 }],
  [makeEndpoint('10.244.1.5', 'worker'), makeEndpoint('10.244.2.7', 'worker2')],
  'frontend-svc-x1',
);

describe('syncProxy', () => {
  it('first sync: full tables, bookkeeping, every rule in lastDiff.added', () => {
    const s0 = makeState([frontend], [slice2]);
    expect(proxyNeedsSync(s0, 'worker')).toBe(true);
    const s1 = produce(s0, (d) => initProxy(d, 'worker'));
    const p = s1.proxies.worker;
    expect(p.tables).toEqual(full(s1, 'worker'));
    expect(p).toMatchObject({ lastSyncAt: 5000, syncedSeq: 0, syncCount: 1, dirtySince: null, syncDueAt: null });
    expect(p.lastDiff?.removed).toEqual([]);
    expect(p.lastDiff?.added).toContain(
      '-A KUBE-SEP-5JK2OSQYVAISTKJT -p tcp -m comment --comment "default/frontend-svc" -m tcp -j DNAT --to-destination 10.244.1.5:5000',
    );
    expect(proxyNeedsSync(s1, 'worker')).toBe(false);
  });

  it('one Pod gone: partial sync equals a full compile; lastDiff has only the changed lines', () => {
    const s1 = produce(makeState([frontend], [slice2]), (d) => initProxy(d, 'worker'));
    const s2 = produce(s1, (d) => {
      d.now = 9000;
      d.objects.endpointslices['default/frontend-svc-x1'].endpoints.splice(1, 1);
      recordChange(d, 'default/frontend-svc');
    });
    expect(proxyNeedsSync(s2, 'worker')).toBe(true);
    const s3 = produce(s2, (d) => syncProxy(d, 'worker'));
    const p = s3.proxies.worker;
    expect(p.tables).toEqual(full(s3, 'worker'));
    expect(p).toMatchObject({ lastSyncAt: 9000, syncedSeq: 1, syncCount: 2 });
    expect(p.lastDiff).toEqual({
      at: 9000,
      added: [
        '-A KUBE-SVC-YOOWV2ZAGYTT6DGH -m comment --comment "default/frontend-svc -> 10.244.1.5:5000" -j KUBE-SEP-5JK2OSQYVAISTKJT',
      ],
      removed: [
        '-A KUBE-SVC-YOOWV2ZAGYTT6DGH -m comment --comment "default/frontend-svc -> 10.244.1.5:5000" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-5JK2OSQYVAISTKJT',
        '-A KUBE-SVC-YOOWV2ZAGYTT6DGH -m comment --comment "default/frontend-svc -> 10.244.2.7:5000" -j KUBE-SEP-RD2DGJC4G4MAJ3NF',
        '-A KUBE-SEP-RD2DGJC4G4MAJ3NF -s 10.244.2.7/32 -m comment --comment "default/frontend-svc" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-RD2DGJC4G4MAJ3NF -p tcp -m comment --comment "default/frontend-svc" -m tcp -j DNAT --to-destination 10.244.2.7:5000',
      ],
    });
    // unchanged chains keep their identity (structural sharing)
    expect(p.tables.nat.rules['KUBE-POSTROUTING']).toBe(s1.proxies.worker.tables.nat.rules['KUBE-POSTROUTING']);
  });

  it.each([
    ['Service deleted', (d: ClusterState) => void delete d.objects.services['default/svc-3'], 'default/svc-3'],
    [
      'Service becomes headless',
      (d: ClusterState) =>
        void (
          (d.objects.services['default/svc-4'].spec.clusterIP = 'None'),
          (d.objects.services['default/svc-4'].spec.clusterIPs = ['None'])
        ),
      'default/svc-4',
    ],
    [
      'all endpoints gone',
      (d: ClusterState) => void (d.objects.endpointslices['default/svc-5-x'].endpoints = []),
      'default/svc-5',
    ],
    [
      'Service added',
      (d: ClusterState) =>
        void (d.objects.services['default/new'] = makeService('default', 'new', {
          clusterIP: '10.96.9.9',
          type: 'NodePort',
          ports: [{ port: 80, nodePort: 30080 }],
        })),
      'default/new',
    ],
    [
      'ETP Local switched on',
      (d: ClusterState) =>
        void Object.assign(d.objects.services['default/svc-6'].spec, {
          type: 'NodePort',
          externalTrafficPolicy: 'Local',
          ports: [{ port: 80, nodePort: 30081, protocol: 'TCP' }],
        }),
      'default/svc-6',
    ],
  ])('%s: partial sync equals full compile on every node', (_n, change, key) => {
    const { services, slices } = syntheticCluster(20, 3, ['worker', 'worker2']);
    let s = makeState(services, slices);
    s = produce(s, (d) => {
      initProxy(d, 'worker');
      initProxy(d, 'worker2');
    });
    const before = s;
    s = produce(s, (d) => {
      change(d);
      recordChange(d, key);
    });
    s = produce(s, (d) => {
      syncProxy(d, 'worker');
      syncProxy(d, 'worker2');
    });
    expect(s.proxies.worker.tables).toEqual(full(s, 'worker'));
    expect(s.proxies.worker2.tables).toEqual(full(s, 'worker2'));
    expect(s.proxies.worker.lastDiff!.added.length + s.proxies.worker.lastDiff!.removed.length).toBeGreaterThan(0);
    // the partial path was taken: an unchanged Service's chain is the very same array as before
    const svc10 = servicePortChainName('default/svc-10', 'tcp');
    expect(s.proxies.worker.tables.nat.rules[svc10]).toBe(before.proxies.worker.tables.nat.rules[svc10]);
  });

  it('crossing the 1000-endpoint threshold recompiles everything (comments dropped)', () => {
    const { services, slices } = syntheticCluster(100, 10, ['worker']); // exactly 1000
    let s = produce(makeState(services, slices), (d) => initProxy(d, 'worker'));
    s = produce(s, (d) => {
      d.objects.endpointslices['default/svc-0-x'].endpoints.push(makeEndpoint('10.99.0.1', 'worker'));
      recordChange(d, 'default/svc-0');
    });
    s = produce(s, (d) => syncProxy(d, 'worker'));
    expect(s.proxies.worker.tables).toEqual(full(s, 'worker'));
    expect(s.proxies.worker.lastDiff!.added.some((l) => l.startsWith('-A KUBE-SEP-') && !l.includes('--comment'))).toBe(
      true,
    );
  });

  it('a change log trimmed past syncedSeq forces a full sync', () => {
    let s = produce(makeState([frontend], [slice2]), (d) => initProxy(d, 'worker'));
    s = produce(s, (d) => {
      d.objects.endpointslices['default/frontend-svc-x1'].endpoints.pop();
      d.changes.seq = 7;
      d.changes.log = [{ seq: 7, at: 0, service: 'default/other' }];
    });
    s = produce(s, (d) => syncProxy(d, 'worker'));
    expect(s.proxies.worker.tables).toEqual(full(s, 'worker'));
    expect(s.proxies.worker.syncedSeq).toBe(7);
  });

  it('a sync with nothing changed keeps the same tables object', () => {
    const s1 = produce(makeState([frontend], [slice2]), (d) => initProxy(d, 'worker'));
    const s2 = produce(s1, (d) => syncProxy(d, 'worker'));
    expect(s2.proxies.worker.tables).toBe(s1.proxies.worker.tables);
    expect(s2.proxies.worker.lastDiff).toEqual({ at: 5000, added: [], removed: [] });
    expect(s2.proxies.worker.syncCount).toBe(2);
  });

  it('a settings change (masqueradeAll) is picked up as a full recompile', () => {
    const s1 = produce(makeState([frontend], [slice2]), (d) => initProxy(d, 'worker'));
    const s2 = produce(s1, (d) => {
      d.settings.kubeProxy.masqueradeAll = true;
      syncProxy(d, 'worker');
    });
    expect(s2.proxies.worker.tables).toEqual(full(s2, 'worker'));
    expect(s2.proxies.worker.lastDiff?.added).toEqual([
      '-A KUBE-SVC-YOOWV2ZAGYTT6DGH -d 10.101.34.7/32 -p tcp -m comment --comment "default/frontend-svc cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
    ]);
  });

  it('works on plain (non-draft) state too', () => {
    const s = makeState([frontend], [slice2]);
    s.proxies.worker = emptyProxyState('worker');
    syncProxy(s, 'worker');
    expect(s.proxies.worker.tables).toEqual(full(s, 'worker'));
  });
});
