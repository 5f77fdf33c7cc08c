// Packet-flow tests ported from kubernetes pkg/proxy/nftables/proxier_test.go (their runner is
// helpers_test.go's runPacketFlowTests): a packet from sourceIP to destIP:destPort goes through the
// compiled table; the expected output is the set of endpoints it can be DNATed to, or REJECT / DROP,
// and whether it is masqueraded. Sources that are one of the node's IPs use the output hook.
import { describe, expect, it } from 'vitest';
import type { Endpoint, Service } from '../model/types';
import type { NftTable } from '../model/nftables';
import { DEFAULT_SETTINGS, emptyState } from '../cluster';
import { makeService, makeSlice } from '../kubeproxy/fixtures';
import { compileNftTable } from '../kubeproxy/nft-compile';
import { nftHook } from './nft-eval';

const HOST = 'test-hostname';
const NODE_IP = '192.168.0.2';
const EXTERNAL = '203.0.113.2';
const EXTERNAL_BLOCKED = '203.0.113.130';
const settings = { podSubnet: '10.0.0.0/8', serviceSubnet: '172.30.0.0/16', masqueradeAll: false };
const ep = (ip: string, node?: string): Endpoint => ({ addresses: [ip], conditions: {}, nodeName: node });

interface Flow {
  name: string;
  sourceIP: string;
  destIP: string;
  destPort: number;
  protocol?: 'tcp' | 'udp' | 'sctp';
  output: string;
  masq?: boolean;
}

/** Every output the packet can have (numgen draws vary), and whether any run was masqueraded. */
function runFlow(t: NftTable, f: Flow): { output: string; masq: boolean } {
  const outputs = new Set<string>();
  let masq = false;
  const state = emptyState(DEFAULT_SETTINGS);
  const local = new Set([NODE_IP]);
  for (let i = 0; i < 40; i++) {
    const p = { proto: f.protocol ?? 'tcp', src: f.sourceIP, sport: 40000, dst: f.destIP, dport: f.destPort, mark: 0 };
    const ctx = { state, node: HOST, local, ctstate: 'NEW' as const };
    const out = local.has(f.sourceIP);
    const pre = nftHook(t, 'filter', out ? 'output' : 'prerouting', p, ctx, -Infinity, -101);
    if (pre.verdict === 'DROP' || pre.verdict === 'REJECT') {
      outputs.add(pre.verdict);
      continue;
    }
    const nat = nftHook(t, 'nat', out ? 'output' : 'prerouting', p, ctx);
    if (nat.dnat) {
      p.dst = nat.dnat.ip;
      p.dport = nat.dnat.port;
    }
    const hook = out ? 'output' : local.has(p.dst) ? 'input' : 'forward';
    const filter = nftHook(t, 'filter', hook, p, ctx, -100, Infinity);
    if (filter.verdict === 'DROP' || filter.verdict === 'REJECT') {
      outputs.add(filter.verdict);
      continue;
    }
    outputs.add(nat.dnat ? `${p.dst}:${p.dport}` : 'NONE');
    if (nftHook(t, 'nat', 'postrouting', p, ctx).verdict === 'MASQUERADE') masq = true;
  }
  return { output: [...outputs].sort().join(', '), masq };
}

function check(services: Service[], slices: ReturnType<typeof makeSlice>[], flows: Flow[]) {
  const t = compileNftTable({ node: HOST, nodeIPs: [NODE_IP], settings, services, slices });
  for (const f of flows)
    it(f.name, () => {
      const r = runFlow(t, f);
      expect(r.output).toBe(f.output);
      if (f.masq !== undefined) expect(r.masq).toBe(f.masq);
    });
}

describe('TestClusterIPGeneral', () => {
  const tcp = (name: string, port: number) => ({ name, port, protocol: 'TCP' as const });
  check(
    [
      makeService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: [tcp('http', 80)] }),
      makeService('ns2', 'svc2', {
        clusterIP: '172.30.0.42',
        ports: [
          tcp('http', 80),
          { ...tcp('https', 443), targetPort: 8443 },
          { name: 'dns-udp', port: 53, protocol: 'UDP' },
          { ...tcp('dns-tcp', 53), targetPort: 5353 },
          { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
        ],
      }),
    ],
    [
      makeSlice('ns1', 'svc1', [{ name: 'http', port: 80 }], [ep('10.180.0.1', HOST)]),
      makeSlice(
        'ns2',
        'svc2',
        [
          { name: 'http', port: 80 },
          { name: 'https', port: 8443 },
          { name: 'dns-udp', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 5353 },
          { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
        ],
        [ep('10.180.0.1', HOST), ep('10.180.2.1', 'node2')],
      ),
    ],
    [
      {
        name: 'simple clusterIP',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: false,
      },
      {
        name: 'hairpin to cluster IP',
        sourceIP: '10.180.0.1',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'clusterIP with multiple endpoints',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 80,
        output: '10.180.0.1:80, 10.180.2.1:80',
        masq: false,
      },
      {
        name: 'clusterIP with TargetPort',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.42',
        destPort: 443,
        output: '10.180.0.1:8443, 10.180.2.1:8443',
        masq: false,
      },
      {
        name: 'clusterIP with TCP, UDP, and SCTP on same port (TCP)',
        sourceIP: '10.180.0.2',
        protocol: 'tcp',
        destIP: '172.30.0.42',
        destPort: 53,
        output: '10.180.0.1:5353, 10.180.2.1:5353',
        masq: false,
      },
      {
        name: 'clusterIP with TCP, UDP, and SCTP on same port (UDP)',
        sourceIP: '10.180.0.2',
        protocol: 'udp',
        destIP: '172.30.0.42',
        destPort: 53,
        output: '10.180.0.1:53, 10.180.2.1:53',
        masq: false,
      },
      {
        name: 'clusterIP with TCP, UDP, and SCTP on same port (SCTP)',
        sourceIP: '10.180.0.2',
        protocol: 'sctp',
        destIP: '172.30.0.42',
        destPort: 53,
        output: '10.180.0.1:53, 10.180.2.1:53',
        masq: false,
      },
      {
        name: 'TCP-only port does not match UDP traffic',
        sourceIP: '10.180.0.2',
        protocol: 'udp',
        destIP: '172.30.0.42',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: "svc1 does not accept svc2's ports",
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.41',
        destPort: 443,
        output: 'REJECT',
      },
      {
        name: 'packet to unallocated cluster ip',
        sourceIP: '10.180.0.2',
        destIP: '172.30.0.50',
        destPort: 80,
        output: 'DROP',
      },
    ],
  );
});

describe('TestLoadBalancer', () => {
  check(
    [
      makeService(
        'ns1',
        'svc1',
        {
          type: 'LoadBalancer',
          clusterIP: '172.30.0.41',
          ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
          loadBalancerSourceRanges: ['192.168.0.0/24', ' 203.0.113.0/25'],
        },
        ['1.2.3.4', '5.6.7.8'],
      ),
    ],
    [makeSlice('ns1', 'svc1', [{ name: 'p80', port: 80 }], [ep('10.180.0.1')])],
    [
      {
        name: 'pod to cluster IP',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: false,
      },
      {
        name: 'external to nodePort',
        sourceIP: EXTERNAL,
        destIP: NODE_IP,
        destPort: 3001,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'nodePort bypasses LoadBalancerSourceRanges',
        sourceIP: EXTERNAL_BLOCKED,
        destIP: NODE_IP,
        destPort: 3001,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'accepted external to LB1',
        sourceIP: EXTERNAL,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'accepted external to LB2',
        sourceIP: EXTERNAL,
        destIP: '5.6.7.8',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      { name: 'blocked external to LB1', sourceIP: EXTERNAL_BLOCKED, destIP: '1.2.3.4', destPort: 80, output: 'DROP' },
      { name: 'blocked external to LB2', sourceIP: EXTERNAL_BLOCKED, destIP: '5.6.7.8', destPort: 80, output: 'DROP' },
      {
        name: 'pod to LB1 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'pod to LB2 (blocked by LoadBalancerSourceRanges)',
        sourceIP: '10.0.0.2',
        destIP: '5.6.7.8',
        destPort: 80,
        output: 'DROP',
      },
      {
        name: 'node to LB1 (allowed by LoadBalancerSourceRanges)',
        sourceIP: NODE_IP,
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'node to LB2 (allowed by LoadBalancerSourceRanges)',
        sourceIP: NODE_IP,
        destIP: '5.6.7.8',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'same node to LB1, SNATted to LB1 (implicitly allowed)',
        sourceIP: '1.2.3.4',
        destIP: '1.2.3.4',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
      {
        name: 'same node to LB2, SNATted to LB2 (implicitly allowed)',
        sourceIP: '5.6.7.8',
        destIP: '5.6.7.8',
        destPort: 80,
        output: '10.180.0.1:80',
        masq: true,
      },
    ],
  );
});

describe('TestNoEndpointsReject', () => {
  check(
    [
      makeService(
        'ns1',
        'svc1',
        {
          type: 'LoadBalancer',
          clusterIP: '172.30.0.41',
          externalIPs: ['192.168.99.11'],
          ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
        },
        ['1.2.3.4'],
      ),
    ],
    [],
    [
      {
        name: 'pod to cluster IP with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: '172.30.0.41',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'external to external IP with no endpoints',
        sourceIP: EXTERNAL,
        destIP: '192.168.99.11',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'pod to NodePort with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: NODE_IP,
        destPort: 3001,
        output: 'REJECT',
      },
      {
        name: 'external to NodePort with no endpoints',
        sourceIP: EXTERNAL,
        destIP: NODE_IP,
        destPort: 3001,
        output: 'REJECT',
      },
      {
        name: 'pod to LoadBalancer IP with no endpoints',
        sourceIP: '10.0.0.2',
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
      {
        name: 'external to LoadBalancer IP with no endpoints',
        sourceIP: EXTERNAL,
        destIP: '1.2.3.4',
        destPort: 80,
        output: 'REJECT',
      },
    ],
  );
});
