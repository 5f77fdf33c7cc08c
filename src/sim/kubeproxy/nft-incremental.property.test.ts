// kube-proxy's nftables partial sync must leave the kernel exactly as a full sync would: random
// sequences of endpoint and Service changes, each synced partially (only the changed Services, as
// kubernetes pkg/proxy/nftables/proxier.go syncProxyRules does with tryPartialSync), compared after
// every sync with
//  - a full sync of the same node (needFullSync: setupNFTables, every map flushed and refilled, every
//    chain refilled) from the same previous table: `nft list table` text identical, same stale chains;
//  - a compile from scratch (a fresh node): the same chains and elements (stale, flushed chains aside,
//    and chain order, which is the kernel's creation order), and the tracer walking packets to every
//    Service's ClusterIP and NodePort through the same hops with the same verdicts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { EndpointSlice, Service, ServiceSpec } from '../model/types';
import type { NftTable } from '../model/nftables';
import { DEFAULT_SETTINGS, emptyState } from '../cluster';
import { makeEndpoint, makeService, makeSlice } from './fixtures';
import { compileNft, type NftCompileInput } from './nft-compile';
import { chainText, listTable, setText } from './nft-print';
import { nftHook } from '../net/nft-eval';

const NODE = 'node-a';
const NODE_IP = '10.40.41.10';
const settings = { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/16', masqueradeAll: false };
const N = 6;

type Variant = 'ClusterIP' | 'NodePort' | 'LBLocal' | 'Affinity' | 'ITPLocal' | 'TwoPorts';
type Op =
  | { t: 'rmEp'; svc: number }
  | { t: 'addEp'; svc: number; host: number; node: number }
  | { t: 'notReady'; svc: number }
  | { t: 'delSvc'; svc: number }
  | { t: 'setSvc'; svc: number; v: Variant }
  | { t: 'sync'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('rmEp' as const), svc: fc.nat(N - 1) }),
  fc.record({
    t: fc.constant('addEp' as const),
    svc: fc.nat(N - 1),
    host: fc.integer({ min: 2, max: 9 }),
    node: fc.nat(1),
  }),
  fc.record({ t: fc.constant('notReady' as const), svc: fc.nat(N - 1) }),
  fc.record({ t: fc.constant('delSvc' as const), svc: fc.nat(N - 1) }),
  fc.record({
    t: fc.constant('setSvc' as const),
    svc: fc.nat(N - 1),
    v: fc.constantFrom<Variant>('ClusterIP', 'NodePort', 'LBLocal', 'Affinity', 'ITPLocal', 'TwoPorts'),
  }),
  fc.record({ t: fc.constant('sync' as const), ms: fc.integer({ min: 100, max: 2500 }) }),
);

function service(i: number, v: Variant): Service {
  const port = { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' as const };
  const spec: ServiceSpec = { clusterIP: `10.96.7.${i + 1}`, ports: [port] };
  let ingress: string[] = [];
  if (v === 'NodePort') Object.assign(spec, { type: 'NodePort', ports: [{ ...port, nodePort: 30100 + i }] });
  if (v === 'LBLocal') {
    Object.assign(spec, {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      ports: [{ ...port, nodePort: 31100 + i }],
    });
    ingress = [`172.18.255.${200 + i}`];
  }
  if (v === 'Affinity')
    Object.assign(spec, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } });
  if (v === 'ITPLocal') spec.internalTrafficPolicy = 'Local';
  if (v === 'TwoPorts') spec.ports = [port, { name: 'dns', port: 53, targetPort: 8080, protocol: 'UDP' }];
  return makeService('team', `s${i}`, spec, ingress);
}

interface World {
  services: (Service | null)[];
  eps: { ip: string; node: string; ready: boolean }[][];
}

function slices(w: World): EndpointSlice[] {
  return w.eps.map((list, i) =>
    makeSlice(
      'team',
      `s${i}`,
      [
        { name: 'http', port: 8080 },
        { name: 'dns', port: 8080, protocol: 'UDP' },
      ],
      list.map((e) => makeEndpoint(e.ip, e.node, { ready: e.ready, serving: e.ready, terminating: false })),
      `s${i}-x`,
    ),
  );
}

function input(w: World, now: number, only?: Set<string>): NftCompileInput {
  const services = w.services.filter((s): s is Service => !!s);
  return {
    node: NODE,
    nodeIPs: [NODE_IP],
    settings,
    services: only ? services.filter((s) => only.has(`team/${s.metadata.name}`)) : services,
    slices: slices(w),
    now,
  };
}

/** The table's content regardless of creation order, flushed (stale) chains left out. */
function content(t: NftTable): string {
  const chains = t.chains
    .filter((c) => c.rules.length || !c.name.includes('/'))
    .map(chainText)
    .sort();
  const sets = t.sets.map(setText).sort();
  return [...sets, ...chains].join('\n');
}

/** Packets to every Service's ClusterIP (both protocols) and NodePort, walked through the table. */
function walks(t: NftTable, w: World): string {
  const out: string[] = [];
  w.services.forEach((s, i) => {
    const targets: [string, 'tcp' | 'udp', number][] = [
      [`10.96.7.${i + 1}`, 'tcp', 80],
      [`10.96.7.${i + 1}`, 'udp', 53],
      [`10.96.7.${i + 1}`, 'tcp', 81],
      [NODE_IP, 'tcp', 30100 + i],
      [NODE_IP, 'tcp', 31100 + i],
      [`172.18.255.${200 + i}`, 'tcp', 80],
    ];
    for (const [dst, proto, dport] of targets) {
      const state = emptyState(DEFAULT_SETTINGS);
      const ctx = { state, node: NODE, local: new Set([NODE_IP]), ctstate: 'NEW' as const };
      const p = { proto, src: '10.244.9.9', sport: 40000, dst, dport, mark: 0 };
      const hops: string[] = [];
      for (const [type, hook] of [
        ['filter', 'prerouting'],
        ['nat', 'prerouting'],
        ['filter', 'forward'],
        ['nat', 'postrouting'],
      ] as const) {
        const r = nftHook(t, type, hook, p, ctx);
        for (const st of r.steps)
          hops.push(
            `${st.chain}#${st.index}${st.matched ? '' : '!'}${st.element ? `[${st.element.key}=${st.element.verdict}]` : ''}`,
          );
        hops.push(`${hook}:${r.verdict}${r.dnat ? `>${r.dnat.ip}:${r.dnat.port}` : ''}`);
        if (r.dnat) [p.dst, p.dport] = [r.dnat.ip, r.dnat.port];
        if (r.verdict === 'DROP' || r.verdict === 'REJECT') break;
      }
      out.push(`${s ? i : '-'} ${dst}:${proto}/${dport} ${hops.join(' ')}`);
    }
  });
  return out.join('\n');
}

function apply(w: World, o: Op, changed: Set<string>): void {
  if (o.t === 'sync') return;
  const key = `team/s${o.svc}`;
  changed.add(key);
  const list = w.eps[o.svc];
  if (o.t === 'rmEp') list.pop();
  else if (o.t === 'addEp') {
    const ip = `10.244.${o.node}.${o.svc * 10 + o.host}`;
    if (!list.some((e) => e.ip === ip)) list.push({ ip, node: o.node ? 'node-b' : NODE, ready: true });
  } else if (o.t === 'notReady') {
    if (list.length) list[0] = { ...list[0], ready: false };
  } else if (o.t === 'delSvc') w.services[o.svc] = null;
  else w.services[o.svc] = service(o.svc, o.v);
}

describe('nftables partial sync = full sync', () => {
  it('random endpoint and Service changes: identical `nft list` text, content and packet walks', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const w: World = {
          services: Array.from({ length: N }, (_, i) => service(i, i % 2 ? 'NodePort' : 'ClusterIP')),
          eps: Array.from({ length: N }, (_, i) => [
            { ip: `10.244.0.${i * 10 + 1}`, node: NODE, ready: true },
            { ip: `10.244.1.${i * 10 + 1}`, node: 'node-b', ready: true },
          ]),
        };
        let now = 1000;
        let cur = compileNft(input(w, now));
        let changed = new Set<string>();
        for (const o of [...ops, { t: 'sync' as const, ms: 500 }]) {
          apply(w, o, changed);
          if (o.t !== 'sync') continue;
          now += o.ms;
          const was = listTable(cur.table);
          const inc = compileNft(input(w, now, changed), cur.cache, changed, cur.table);
          const full = compileNft(input(w, now), cur.cache, null, cur.table);
          expect(inc.full).toBe(false);
          // the previous sync's table (an undo snapshot's) is left as it was
          expect(listTable(cur.table)).toBe(was);
          expect(listTable(inc.table)).toBe(listTable(full.table));
          expect([...inc.cache.stale].sort()).toEqual([...full.cache.stale].sort());
          const scratch = compileNft(input(w, now)).table;
          expect(content(inc.table)).toBe(content(scratch));
          expect(walks(inc.table, w)).toBe(walks(scratch, w));
          cur = inc;
          changed = new Set();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a stale chain stays, flushed, until a sync more than a second later deletes it', () => {
    const w: World = {
      services: [service(0, 'ClusterIP')],
      eps: [
        [
          { ip: '10.244.0.1', node: NODE, ready: true },
          { ip: '10.244.1.1', node: 'node-b', ready: true },
        ],
      ],
    };
    const first = compileNft(input(w, 0));
    w.eps[0].pop();
    const ch = new Set(['team/s0']);
    const a = compileNft(input(w, 5000, ch), first.cache, ch, first.table);
    const gone = a.tx.flushed;
    expect(gone).toEqual([expect.stringMatching(/__10\.244\.1\.1\/8080$/)]);
    expect(a.table.chains.find((c) => c.name === gone[0])?.rules).toEqual([]);
    // a sync 0.5 s later keeps it and renews its time (every sync flushes the stale chains again and
    // records `start`), so one 0.7 s after that keeps it too; one more than 1 s later deletes it
    const b = compileNft(input(w, 5500, ch), a.cache, ch, a.table);
    expect(b.tx.deleted).toEqual([]);
    const b2 = compileNft(input(w, 6200, ch), b.cache, ch, b.table);
    expect(b2.tx.deleted).toEqual([]);
    const c = compileNft(input(w, 7300, ch), b2.cache, ch, b2.table);
    expect(c.tx.deleted).toEqual(gone);
    expect(c.table.chains.some((x) => x.name === gone[0])).toBe(false);
  });

  it('one endpoint gone: the sync rewrites that Service’s chains only and touches no element', () => {
    const w: World = {
      services: [service(0, 'NodePort'), service(1, 'ClusterIP')],
      eps: [
        [
          { ip: '10.244.0.1', node: NODE, ready: true },
          { ip: '10.244.1.1', node: 'node-b', ready: true },
          { ip: '10.244.1.2', node: 'node-b', ready: true },
        ],
        [{ ip: '10.244.0.9', node: NODE, ready: true }],
      ],
    };
    const first = compileNft(input(w, 0));
    w.eps[0].pop();
    const ch = new Set(['team/s0']);
    const r = compileNft(input(w, 2000, ch), first.cache, ch, first.table);
    // service-… (masquerade + numgen), external-… (mark + goto), 2 endpoint chains × 2 rules
    expect(r.tx).toMatchObject({ rules: 8, elementsAdded: 0, elementsDeleted: 0 });
    // the other Service's chains are the very same objects
    for (const c of first.table.chains) if (c.name.includes('/s1/')) expect(r.table.chains).toContain(c);
    // its last endpoint gone: elements move from service-ips to no-endpoint-services (delete + add)
    w.eps[1] = [];
    const ch1 = new Set(['team/s1']);
    const r2 = compileNft(input(w, 4000, ch1), r.cache, ch1, r.table);
    expect(r2.tx).toMatchObject({ rules: 0, elementsAdded: 1, elementsDeleted: 1 });
  });
});
