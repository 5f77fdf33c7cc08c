// kube-proxy compile and sync timings (performance.now() is allowed here, in bench files only).
// Synthetic clusters of N ClusterIP Services × 10 endpoints spread over 3 nodes.
import { produce } from 'immer';
import type { ClusterState } from '../sim/model/state';
import { DEFAULT_SETTINGS, emptyState } from '../sim/cluster';
import { compileNodeTables } from '../sim/kubeproxy/compile';
import { clearHashMemo } from '../sim/kubeproxy/hash';
import { syncProxy } from '../sim/kubeproxy/sync';
import { makeNode, syntheticCluster } from '../sim/kubeproxy/fixtures';
import { compileNftTable } from '../sim/kubeproxy/nft-compile';
import { measureScale, SCALE_SIZES, type ScaleRow } from '../sim/scale';
import '../sim/nftables';

const NODES = ['node-a', 'node-b', 'node-c'];

function stateWith(n: number): ClusterState {
  const s = emptyState(DEFAULT_SETTINGS);
  const { services, slices } = syntheticCluster(n, 10, NODES);
  NODES.forEach((name, i) => (s.objects.nodes[name] = makeNode(name, `10.40.41.${10 + i}`)));
  for (const x of services) s.objects.services[`default/${x.metadata.name}`] = x;
  for (const x of slices) s.objects.endpointslices[`default/${x.metadata.name}`] = x;
  return s;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Remove one endpoint of Service i (a Pod gone) and log the change, as the apiserver does. */
function podGone(d: ClusterState, i: number): void {
  d.now += 1000;
  d.objects.endpointslices[`default/svc-${i}-x`].endpoints.pop();
  d.changes.seq += 1;
  d.changes.log.push({ seq: d.changes.seq, at: d.now, service: `default/svc-${i}` });
}

export function benchKubeProxy(sizes: number[] = [100, 1000, 5000]): { name: string; ms: number }[] {
  const out: { name: string; ms: number }[] = [];
  for (const n of sizes) {
    const label = `${n} svc × 10 ep`;
    const s = stateWith(n);
    const input = (nodeName: string) => ({
      node: nodeName,
      nodeIPs: [s.objects.nodes[nodeName].status.addresses[0].address],
      settings: { podSubnet: s.settings.podSubnet, masqueradeAll: false },
      services: Object.values(s.objects.services),
      slices: Object.values(s.objects.endpointslices),
    });

    clearHashMemo();
    out.push({
      name: `full compile, cold hashes, 1 node (${label})`,
      ms: round(time(() => compileNodeTables(input(NODES[0])))),
    });
    const warm: number[] = [];
    for (let r = 0; r < 5; r++) warm.push(time(() => compileNodeTables(input(NODES[r % 3]))));
    out.push({ name: `full compile, 1 node (${label})`, ms: round(median(warm)) });

    // first sync on 3 nodes (full compile + every line in lastDiff), plain state
    out.push({
      name: `first sync, 3 nodes, plain state (${label})`,
      ms: round(time(() => NODES.forEach((x) => syncProxy(s, x)))),
    });

    // partial syncs: one Pod gone in one Service, then all 3 nodes sync
    const plainTimes: number[] = [];
    for (let r = 0; r < 7; r++) {
      podGone(s, (r * 7) % n);
      plainTimes.push(time(() => NODES.forEach((x) => syncProxy(s, x))) / NODES.length);
    }
    out.push({
      name: `incremental sync (one Pod gone), per node, plain state (${label})`,
      ms: round(median(plainTimes)),
    });

    // the same through immer, as the store runs the step loop on a draft
    let st = produce(stateWith(n), (d) => NODES.forEach((x) => syncProxy(d, x)));
    const draftTimes: number[] = [];
    for (let r = 0; r < 7; r++) {
      st = produce(st, (d) => podGone(d, (r * 11) % n));
      draftTimes.push(time(() => (st = produce(st, (d) => NODES.forEach((x) => syncProxy(d, x))))) / NODES.length);
    }
    out.push({
      name: `incremental sync (one Pod gone), per node, immer produce (${label})`,
      ms: round(median(draftTimes)),
    });
  }
  return out;
}

/**
 * Both compilers at 1,000 Services × 10 endpoints: the full compile, and the sync after one endpoint
 * of one Service went away (iptables partial sync; nftables partial transaction), through immer as
 * the store runs it. 21 syncs per mode, the median reported.
 */
export function benchModes(n = 1000): { name: string; ms: number }[] {
  const out: { name: string; ms: number }[] = [];
  const label = `${n} svc × 10 ep`;
  for (const mode of ['iptables', 'nftables'] as const) {
    const s = stateWith(n);
    s.settings = { ...s.settings, kubeProxy: { ...s.settings.kubeProxy, mode } };
    if (mode === 'nftables') {
      const input = {
        node: NODES[0],
        nodeIPs: [s.objects.nodes[NODES[0]].status.addresses[0].address],
        settings: { podSubnet: s.settings.podSubnet, serviceSubnet: s.settings.serviceSubnet, masqueradeAll: false },
        services: Object.values(s.objects.services),
        slices: Object.values(s.objects.endpointslices),
      };
      const full: number[] = [];
      for (let r = 0; r < 5; r++) full.push(time(() => compileNftTable(input)));
      out.push({ name: `nftables full compile, 1 node (${label})`, ms: round(median(full)) });
    }
    let cur = produce(s, (d) => syncProxy(d, NODES[0]));
    const inc: number[] = [];
    for (let r = 0; r < 21; r++) {
      const next = produce(cur, (d) => podGone(d, (r * 97) % n));
      inc.push(time(() => (cur = produce(next, (d) => syncProxy(d, NODES[0])))));
    }
    out.push({ name: `${mode} sync after one endpoint change, 1 node (${label})`, ms: round(median(inc)) });
  }
  return out;
}

/** The scale chart's figures: rules a first packet meets, rules one endpoint change rewrites. */
export function benchScale(): ScaleRow[] {
  return SCALE_SIZES.map((n) => measureScale(n));
}
