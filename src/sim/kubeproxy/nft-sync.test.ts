// nftables-mode syncs: a partial sync rewrites only the changed Service's chains and map elements (as
// kube-proxy's partial transaction does); chains keep the order the kernel lists them in (creation);
// switching modes restarts kube-proxy and removes the other mode's rules.
import { describe, expect, it } from 'vitest';
import { defaultCluster } from '../scenario/apply';
import { setProxyMode } from '../actions';
import { deleteObject } from '../apiserver/api';
import { settle } from '../step';
import { podsWith } from '../testing';
import '../nftables';

describe('nftables sync', () => {
  it('a Pod gone: only frontend-svc lines change, in kube-proxy transaction form', () => {
    const s = defaultCluster();
    setProxyMode(s, 'nftables');
    const before = s.proxies.worker1.nft!.chains.map((c) => c.name);
    const [victim] = podsWith(s, 'app', 'frontend');
    deleteObject(s, 'Pod', 'default', victim.metadata.name);
    settle(s);
    const d = s.proxies.worker1.lastDiff!;
    expect(d.added.length).toBeGreaterThan(0);
    for (const l of [...d.added, ...d.removed]) expect(l).toMatch(/default\/frontend-svc|^add element ip kube-proxy/);
    expect(d.removed.some((l) => l.includes(`__${victim.status.podIP}/5000`))).toBe(true);
    // surviving chains keep their place; the new endpoint's chain comes last
    const after = s.proxies.worker1.nft!.chains.map((c) => c.name);
    const kept = before.filter((c) => after.includes(c));
    expect(after.slice(0, kept.length)).toEqual(kept);
    expect(after.at(-1)).toMatch(/^endpoint-.*default\/frontend-svc\/tcp\/__/);
  });
  it('switching back and forth leaves one mode’s rules at a time', () => {
    const s = defaultCluster();
    setProxyMode(s, 'nftables');
    expect(s.proxies.worker1.tables.nat.rules['KUBE-SERVICES']).toBeUndefined();
    expect(s.proxies.worker1.tables.filter.rules['KUBE-FIREWALL']?.length).toBe(1);
    setProxyMode(s, 'iptables');
    expect(s.proxies.worker1.nft).toBeUndefined();
    expect(s.proxies.worker1.tables.nat.rules['KUBE-SERVICES']!.length).toBeGreaterThan(3);
    expect(s.events.some((e) => e.message.includes('restarted in iptables mode'))).toBe(true);
  });
});

describe('partial sync = full compile', () => {
  it('after endpoint, Service and port changes the patched table holds what a full compile writes', async () => {
    const { syntheticCluster } = await import('./fixtures');
    const { compileNft } = await import('./nft-compile');
    const { services, slices } = syntheticCluster(30, 3, ['node-a', 'node-b']);
    const settings = { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/16', masqueradeAll: false };
    const input = { node: 'node-a', nodeIPs: ['10.40.41.10'], settings, services, slices };
    const first = compileNft(input);
    const services2 = services.filter((x) => x.metadata.name !== 'svc-3');
    const slices2 = slices.map((x) =>
      x.metadata.name === 'svc-7-x' ? { ...x, endpoints: x.endpoints.slice(0, 1) } : x,
    );
    const input2 = { ...input, services: services2, slices: slices2 };
    const inc = compileNft(input2, first.cache, ['default/svc-3', 'default/svc-7'], first.table);
    const full = compileNft(input2);
    expect(inc.full).toBe(false);
    // the chains nothing uses any more stay, flushed, until a later sync deletes them (staleChains)
    const names = (t: typeof full.table) =>
      t.chains
        .filter((c) => c.rules.length || !c.name.includes('/'))
        .map((c) => c.name)
        .sort();
    expect(names(inc.table)).toEqual(names(full.table));
    expect(inc.tx.flushed.length).toBeGreaterThan(0);
    for (const n of inc.tx.flushed) expect(inc.table.chains.find((c) => c.name === n)?.rules).toEqual([]);
    for (const st of full.table.sets) {
      const other = inc.table.sets.find((x) => x.name === st.name)!;
      const keys = (x: typeof st) => x.elements.map((e) => `${e.key.join('.')}=${JSON.stringify(e.value)}`).sort();
      expect(keys(other)).toEqual(keys(st));
    }
    expect(inc.table.chains.filter((c) => c.name.includes('svc-3/')).every((c) => c.rules.length === 0)).toBe(true);
  });
});
