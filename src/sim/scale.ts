// Why nftables mode scales, measured on the compiled rules themselves: for a synthetic cluster of N
// ClusterIP Services × E endpoints, per kube-proxy mode,
//  - the rules the first packet of a connection is checked against (a Pod on another node opening a
//    connection to a ClusterIP: prerouting, forward and postrouting hooks), averaged over Services
//    spread along the list: iptables scans KUBE-SERVICES one rule per Service port until one matches;
//    nftables looks the destination up in the service-ips verdict map once;
//  - the rules and elements one sync rewrites when one endpoint of one Service goes away. iptables
//    partial sync (pkg/proxy/iptables/proxier.go syncProxyRules) still rewrites every rule of its
//    top-level chains (KUBE-SERVICES, KUBE-NODEPORTS, KUBE-EXTERNAL-SERVICES, KUBE-PROXY-FIREWALL) plus
//    the changed Service's chains; nftables (pkg/proxy/nftables/proxier.go) rewrites the changed
//    Service's chains and adds or deletes only the map elements that changed.
import type { ClusterState } from './model/state';
import type { Packet } from './net/eval';
import { walk } from './net/eval';
import { DEFAULT_SETTINGS, emptyState } from './cluster';
import { syntheticCluster } from './kubeproxy/fixtures';
import { compileCached } from './kubeproxy/compile';
import { fragmentRules } from './kubeproxy/compile';
import { compileNft } from './kubeproxy/nft-compile';
import { nftHook } from './net/nft-eval';

export interface ScaleRow {
  services: number;
  endpoints: number;
  iptables: { firstPacket: number; rewritten: number; rules: number };
  nftables: { firstPacket: number; rewritten: number; rules: number };
}

const NODES = ['node-a', 'node-b', 'node-c'];
const NODE_IP = '10.40.41.10';
const TOP_LEVEL = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-EXTERNAL-SERVICES', 'KUBE-PROXY-FIREWALL'];

export function measureScale(n: number, eps = 10): ScaleRow {
  const { services, slices } = syntheticCluster(n, eps, NODES);
  const settings = { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/16', masqueradeAll: false };
  const input = { node: NODES[0], nodeIPs: [NODE_IP], settings, services, slices };
  const ipt = compileCached(input);
  const nft = compileNft(input);

  const s: ClusterState = emptyState(DEFAULT_SETTINGS);
  const local = new Set([NODE_IP, '10.244.0.1', '10.244.0.0', '127.0.0.1']);
  const samples = Math.min(n, 25);
  let iptSum = 0;
  let nftSum = 0;
  for (let k = 0; k < samples; k++) {
    const i = samples === 1 ? 0 : Math.round((k * (n - 1)) / (samples - 1));
    const dst = services[i].spec.clusterIP ?? '';
    const pkt = (): Packet => ({ proto: 'tcp', src: '10.244.1.77', sport: 40000, dst, dport: 80, mark: 0 });
    // iptables: nat PREROUTING (DNAT), filter FORWARD, nat POSTROUTING
    const counter = { n: 0 };
    const ectx = { state: s, node: NODES[0], local, ctstate: 'NEW' as const, counter };
    const p1 = pkt();
    const pre = walk(ipt.tables.nat, 'PREROUTING', p1, ectx);
    if (pre.dnat) {
      p1.dst = pre.dnat.ip;
      p1.dport = pre.dnat.port;
    }
    walk(ipt.tables.filter, 'FORWARD', p1, ectx);
    walk(ipt.tables.nat, 'POSTROUTING', p1, ectx);
    iptSum += counter.n;
    // nftables: filter prerouting before DNAT, nat prerouting, filter forward, nat postrouting
    const nctx = { state: s, node: NODES[0], local, ctstate: 'NEW' as const };
    const p2 = pkt();
    let evaluated = nftHook(nft.table, 'filter', 'prerouting', p2, nctx, -Infinity, -101).evaluated;
    const nat = nftHook(nft.table, 'nat', 'prerouting', p2, nctx);
    evaluated += nat.evaluated;
    if (nat.dnat) {
      p2.dst = nat.dnat.ip;
      p2.dport = nat.dnat.port;
    }
    evaluated += nftHook(nft.table, 'filter', 'forward', p2, nctx, -100, Infinity).evaluated;
    evaluated += nftHook(nft.table, 'nat', 'postrouting', p2, nctx).evaluated;
    nftSum += evaluated;
  }

  // one endpoint of the middle Service goes away
  const m = Math.floor(n / 2);
  const key = `default/svc-${m}`;
  const slices2 = slices.map((x) =>
    x.metadata.name === `svc-${m}-x` ? { ...x, endpoints: x.endpoints.slice(0, -1) } : x,
  );
  const input2 = { ...input, slices: slices2 };
  const ipt2 = compileCached(input2, ipt.cache, [key]);
  let iptRewritten = 0;
  for (const c of TOP_LEVEL)
    iptRewritten += (ipt2.tables.nat.rules[c]?.length ?? 0) + (ipt2.tables.filter.rules[c]?.length ?? 0);
  for (const f of ipt2.after) for (const r of fragmentRules(f)) if (!TOP_LEVEL.includes(r.chain)) iptRewritten++;

  // the partial sync's own count of what its transaction wrote: the rules of the chains it refilled
  // and the elements it added or deleted
  const nft2 = compileNft({ ...input2, now: 2000 }, nft.cache, [key], nft.table);
  const nftRewritten = nft2.tx.rules + nft2.tx.elementsAdded + nft2.tx.elementsDeleted;

  const count = (rules: Record<string, unknown[]>) => Object.values(rules).reduce((a, r) => a + r.length, 0);
  return {
    services: n,
    endpoints: n * eps,
    iptables: {
      firstPacket: Math.round((iptSum / samples) * 10) / 10,
      rewritten: iptRewritten,
      rules: count(ipt.tables.nat.rules) + count(ipt.tables.filter.rules),
    },
    nftables: {
      firstPacket: Math.round((nftSum / samples) * 10) / 10,
      rewritten: nftRewritten,
      rules: nft.table.chains.reduce((a, c) => a + c.rules.length, 0),
    },
  };
}

export const SCALE_SIZES = [10, 100, 1000, 5000];
