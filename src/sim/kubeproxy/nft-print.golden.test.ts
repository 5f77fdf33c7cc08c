// `nft list` output against real nft 1.0.6 (the nftables of a kind node's Debian 12): the golden files
// in ./golden were printed by nft itself after loading the compiler's own transaction in a private
// network namespace. Regenerate them with `NFT_GOLDEN=1 npx vitest run src/sim/kubeproxy/nft-print.golden`
// on a machine with nft and unshare.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Endpoint, Service } from '../model/types';
import { makeService, makeSlice } from './fixtures';
import { compileNftTable } from './nft-compile';
import { ip6KubeProxyTable } from './nft-fixed';
import { listChain, listRuleset, listSet, listTable, tableAddLines } from './nft-print';

const HOST = 'worker1';
const ready = (ip: string, node?: string): Endpoint => ({ addresses: [ip], conditions: {}, nodeName: node });
const settings = { podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/16', masqueradeAll: false };

function fixture() {
  const tcp = (name: string, port: number, nodePort?: number) => ({ name, port, protocol: 'TCP' as const, nodePort });
  const services: Service[] = [
    makeService('default', 'kubernetes', { clusterIP: '10.96.0.1', ports: [tcp('https', 443)] }),
    makeService('kube-system', 'kube-dns', {
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        tcp('metrics', 9153),
      ],
    }),
    makeService('default', 'web', { type: 'NodePort', clusterIP: '10.96.12.7', ports: [tcp('', 80, 30080)] }),
    makeService(
      'default',
      'lb-local',
      {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        clusterIP: '10.96.40.2',
        ports: [tcp('http', 80, 31000)],
      },
      ['172.18.255.200'],
    ),
    makeService(
      'default',
      'lb-fw',
      {
        type: 'LoadBalancer',
        clusterIP: '10.96.40.3',
        ports: [tcp('http', 80, 31001)],
        loadBalancerSourceRanges: ['192.168.0.0/24', '192.168.1.0/24', '172.18.0.0/16', '1.2.3.4/32'],
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 3601 } },
      },
      ['172.18.255.201'],
    ),
    makeService('default', 'empty', { clusterIP: '10.96.50.5', externalIPs: ['203.0.113.9'], ports: [tcp('', 8080)] }),
  ];
  for (let i = 0; i < 5; i++)
    services.push(makeService('team', `s${i}`, { clusterIP: `10.96.60.${i + 1}`, ports: [tcp('', 80)] }));
  const slices = [
    makeSlice('default', 'kubernetes', [{ name: 'https', port: 6443 }], [ready('172.18.0.2')]),
    makeSlice(
      'kube-system',
      'kube-dns',
      [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53 },
        { name: 'metrics', port: 9153 },
      ],
      [ready('10.244.0.2', 'master'), ready('10.244.0.3', 'master')],
    ),
    makeSlice(
      'default',
      'web',
      [{ port: 8080 }],
      [ready('10.244.1.5', HOST), ready('10.244.2.5', 'worker2'), ready('10.244.2.6', 'worker2')],
    ),
    makeSlice(
      'default',
      'lb-local',
      [{ name: 'http', port: 8080 }],
      [ready('10.244.1.7', HOST), ready('10.244.2.7', 'worker2')],
    ),
    makeSlice(
      'default',
      'lb-fw',
      [{ name: 'http', port: 8080 }],
      [ready('10.244.1.8', HOST), ready('10.244.2.8', 'worker2')],
    ),
  ];
  for (let i = 0; i < 5; i++)
    slices.push(makeSlice('team', `s${i}`, [{ port: 80 }], [ready(`10.244.2.${20 + i}`, 'worker2')]));
  return compileNftTable({ node: HOST, nodeIPs: ['172.18.0.3'], settings, services, slices });
}

/**
 * Many Services on assorted ports and protocols, with NodePorts and no-endpoint ones, so the maps'
 * listing order is put to the test: nft sorts the elements it reads back (see elementOrderKey).
 */
function manyServices() {
  const protos = ['TCP', 'UDP', 'SCTP'] as const;
  const ports = [53, 80, 443, 8080, 1, 256, 257, 9153, 6443, 30000];
  const services: Service[] = [];
  const slices = [];
  for (let i = 0; i < 40; i++) {
    const protocol = protos[(i * 7) % 3];
    const port = ports[(i * 3) % ports.length] + (i % 4 === 0 ? i * 13 : 0);
    const ip = `10.96.${(i * 37) % 256}.${((i * 11) % 250) + 1}`;
    services.push(
      makeService('ns', `m${i}`, {
        type: i % 3 ? 'NodePort' : 'ClusterIP',
        clusterIP: ip,
        ports: [{ name: 'p', port, protocol, nodePort: i % 3 ? 30000 + ((i * 389) % 2767) : undefined }],
      }),
    );
    if (i % 5)
      slices.push(makeSlice('ns', `m${i}`, [{ name: 'p', port: 9000, protocol }], [ready(`10.244.3.${i + 1}`, 'x')]));
  }
  return compileNftTable({ node: HOST, nodeIPs: ['172.18.0.3'], settings, services, slices });
}

const GOLDEN = join(__dirname, 'golden');
const t = fixture();
const t6 = ip6KubeProxyTable();
const many = manyServices();
// [golden file, nft command, our output, the tables loaded into the kernel for it]
const node = [t, t6];
const cases: [string, string, string | null, typeof node][] = [
  ['table', 'list table ip kube-proxy', listTable(t), node],
  ['chain-services', 'list chain ip kube-proxy services', listChain(t, 'services'), node],
  ['map-service-ips', 'list map ip kube-proxy service-ips', listSet(t, 'service-ips', true), node],
  ['set-cluster-ips', 'list set ip kube-proxy cluster-ips', listSet(t, 'cluster-ips', false), node],
  ['table-ip6', 'list table ip6 kube-proxy', listTable(t6), node],
  ['ruleset', 'list ruleset', listRuleset(node), node],
  ['many-service-ips', 'list map ip kube-proxy service-ips', listSet(many, 'service-ips', true), [many]],
  [
    'many-service-nodeports',
    'list map ip kube-proxy service-nodeports',
    listSet(many, 'service-nodeports', true),
    [many],
  ],
  [
    'many-no-endpoint-services',
    'list map ip kube-proxy no-endpoint-services',
    listSet(many, 'no-endpoint-services', true),
    [many],
  ],
  ['many-cluster-ips', 'list set ip kube-proxy cluster-ips', listSet(many, 'cluster-ips', false), [many]],
];

if (process.env.NFT_GOLDEN) {
  for (const tables of new Set(cases.map((c) => c[3]))) {
    const file = '/tmp/kube-proxy.nft';
    writeFileSync(file, tables.flatMap((x) => tableAddLines(x)).join('\n') + '\n');
    const script = cases
      .filter((c) => c[3] === tables)
      .map(([name, cmd]) => `nft ${cmd} > ${join(GOLDEN, name + '.txt')}`)
      .join(' && ');
    execFileSync('unshare', ['-rn', 'sh', '-c', `nft -f ${file} && ${script}`]);
  }
}

// Exactly as nft prints it, map elements included: nft sorts them when it lists a set (whatever order
// the kernel's hash table hands them back in), so the order is nft's and reproducible.
describe('nft list, as nft 1.0.6 prints it', () => {
  for (const [name, cmd, ours] of cases)
    it(`nft ${cmd}${name.startsWith('many') ? ' (40 Services)' : ''}`, () => {
      const real = readFileSync(join(GOLDEN, name + '.txt'), 'utf8');
      expect(ours).toBe(real);
    });
});
