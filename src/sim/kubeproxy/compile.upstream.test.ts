// The compiler against expected dumps from kubernetes pkg/proxy/iptables/proxier_test.go: the same
// Services and EndpointSlices must give the same rules, in kube-proxy's own ("as written") form.
import { describe, expect, it } from 'vitest';
import type { Endpoint, Service } from '../model/types';
import { makeEndpoint, makeService, makeSlice } from './fixtures';
import { compileFor, parseDump, writtenByChain } from './test-helpers';

const HOST = 'test-hostname';
const opts = { node: HOST, nodeIP: '192.168.0.2', podSubnet: '10.0.0.0/8' };
const ready = (ip: string, node?: string): Endpoint => ({ addresses: [ip], conditions: {}, nodeName: node });

// proxier_test.go NewFakeProxier enables both nfacct counters (nfAcctCounters: IPTablesCTStateInvalidDroppedNFAcctCounter
// and LocalhostNodePortAcceptedNFAcctCounter true), as a kind node's kernel does, so every expected dump has them.
const FILTER_FIXED = `
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`;
const FILTER_CHAINS = `:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]`;
const NAT_FIXED = `
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE`;
const NAT_CHAINS = `:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]`;
const LAST = `-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`;

describe('TestOverallIPTablesRulesWithMultipleServices', () => {
  const p80 = (nodePort?: number) => [{ name: 'p80', port: 80, protocol: 'TCP' as const, nodePort }];
  const services: Service[] = [
    makeService('ns1', 'svc1', { clusterIP: '172.30.0.41', ports: p80() }),
    makeService(
      'ns2',
      'svc2',
      {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        clusterIP: '172.30.0.42',
        ports: p80(3001),
        externalIPs: ['192.168.99.22'],
        healthCheckNodePort: 30000,
      },
      ['1.2.3.4'],
    ),
    makeService('ns3', 'svc3', { type: 'NodePort', clusterIP: '172.30.0.43', ports: p80(3003) }),
    makeService('ns4', 'svc4', {
      type: 'NodePort',
      clusterIP: '172.30.0.44',
      externalIPs: ['192.168.99.33'],
      ports: p80(),
    }),
    makeService(
      'ns5',
      'svc5',
      {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Cluster',
        clusterIP: '172.30.0.45',
        ports: p80(3002),
        healthCheckNodePort: 30000,
        loadBalancerSourceRanges: [' 203.0.113.0/25'],
      },
      ['5.6.7.8'],
    ),
    makeService('ns6', 'svc6', { clusterIP: '172.30.0.46', ports: p80() }),
  ];
  const port = [{ name: 'p80', port: 80 }];
  const slices = [
    makeSlice('ns1', 'svc1', port, [ready('10.180.0.1')]),
    makeSlice('ns2', 'svc2', port, [ready('10.180.0.2')]),
    makeSlice('ns3', 'svc3', port, [ready('10.180.0.3')]),
    makeSlice('ns4', 'svc4', port, [ready('10.180.0.4'), ready('10.180.0.5', HOST)]),
    makeSlice('ns5', 'svc5', port, [ready('10.180.0.3')]),
  ];
  const expected = `*filter
${FILTER_CHAINS}
-A KUBE-NODEPORTS -m comment --comment "ns2/svc2:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT
-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP
${FILTER_FIXED}
-A KUBE-PROXY-FIREWALL -m comment --comment "ns5/svc5:p80 traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP
COMMIT
*nat
${NAT_CHAINS}
:KUBE-EXT-4SW47YFZTEDKD3PK - [0:0]
:KUBE-EXT-GNZBNJ2PO5MGZ6GT - [0:0]
:KUBE-EXT-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-EXT-X27LE4BHSL4DOUIK - [0:0]
:KUBE-FW-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-SEP-C6EBXVWJJZMIWKLZ - [0:0]
:KUBE-SEP-I77PXRDZVX7PMWMN - [0:0]
:KUBE-SEP-OYPFS5VJICHGATKP - [0:0]
:KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]
:KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
:KUBE-SEP-UKSFD7AGPMPPLUHC - [0:0]
:KUBE-SVC-4SW47YFZTEDKD3PK - [0:0]
:KUBE-SVC-GNZBNJ2PO5MGZ6GT - [0:0]
:KUBE-SVC-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
:KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3003 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-X27LE4BHSL4DOUIK
-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-X27LE4BHSL4DOUIK
-A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3002 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp --dport 3002 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 external IP" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 external IP" -m tcp -p tcp -d 192.168.99.33 --dport 80 -j KUBE-EXT-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-FW-NUKIZ6OKUXPJNT4C
${LAST}
-A KUBE-EXT-4SW47YFZTEDKD3PK -m comment --comment "masquerade traffic for ns4/svc4:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-4SW47YFZTEDKD3PK -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -m comment --comment "masquerade traffic for ns5/svc5:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-EXT-X27LE4BHSL4DOUIK -m comment --comment "masquerade traffic for ns3/svc3:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-X27LE4BHSL4DOUIK -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "other traffic to ns5/svc5:p80 will be dropped by KUBE-PROXY-FIREWALL"
${NAT_FIXED}
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -s 10.180.0.5 -j KUBE-MARK-MASQ
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.5:80
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -s 10.180.0.4 -j KUBE-MARK-MASQ
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.4:80
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.5:80" -j KUBE-SEP-C6EBXVWJJZMIWKLZ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 -> 10.180.0.2:80" -j KUBE-SEP-RS4RBKLTHTF2IUXJ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -j KUBE-SEP-I77PXRDZVX7PMWMN
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.180.0.3:80" -j KUBE-SEP-OYPFS5VJICHGATKP
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ
COMMIT`;

  it('writes the same filter and nat rules as kube-proxy', () => {
    expect(writtenByChain(compileFor(services, slices, opts))).toEqual(parseDump(expected));
  });
});

describe('TestTerminatingEndpointsTrafficPolicyLocal (LoadBalancer, ETP Local, ClientIP affinity)', () => {
  const svc = makeService(
    'ns1',
    'svc1',
    {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      clusterIP: '172.30.1.1',
      ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
      healthCheckNodePort: 30000,
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
    },
    ['1.2.3.4'],
  );
  const cond = (ready: boolean, serving: boolean, terminating: boolean) => ({ ready, serving, terminating });
  const head = (extra: string) => `*filter
${FILTER_CHAINS}
-A KUBE-NODEPORTS -m comment --comment "ns1/svc1 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT${extra}
${FILTER_FIXED}
COMMIT`;
  const natHead = `*nat
${NAT_CHAINS}
:KUBE-EXT-AQI2S6QIMU7PVVRP - [0:0]
-A KUBE-SERVICES -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j KUBE-SVC-AQI2S6QIMU7PVVRP
-A KUBE-SERVICES -m comment --comment "ns1/svc1 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-EXT-AQI2S6QIMU7PVVRP
${LAST}
-A KUBE-EXT-AQI2S6QIMU7PVVRP -m comment --comment "pod traffic for ns1/svc1 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-AQI2S6QIMU7PVVRP
-A KUBE-EXT-AQI2S6QIMU7PVVRP -m comment --comment "masquerade LOCAL traffic for ns1/svc1 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-AQI2S6QIMU7PVVRP -m comment --comment "route LOCAL traffic for ns1/svc1 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-AQI2S6QIMU7PVVRP${NAT_FIXED}`;
  const sep = (h: string, ip: string) => `:KUBE-SEP-${h} - [0:0]
-A KUBE-SEP-${h} -m comment --comment ns1/svc1 -s ${ip} -j KUBE-MARK-MASQ
-A KUBE-SEP-${h} -m comment --comment ns1/svc1 -m recent --name KUBE-SEP-${h} --set -m tcp -p tcp -j DNAT --to-destination ${ip}:80`;
  const aff = (chain: string, h: string, ip: string) =>
    `-A ${chain} -m comment --comment "ns1/svc1 -> ${ip}:80" -m recent --name KUBE-SEP-${h} --rcheck --seconds 10800 --reap -j KUBE-SEP-${h}`;
  const SVC = 'KUBE-SVC-AQI2S6QIMU7PVVRP';
  const SVL = 'KUBE-SVL-AQI2S6QIMU7PVVRP';
  const masq = `-A ${SVC} -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ`;

  const cases: { name: string; eps: Endpoint[]; expected: string }[] = [
    {
      name: 'ready endpoints exist: Local uses only the local Ready ones',
      eps: [
        makeEndpoint('10.0.1.1', HOST, cond(true, true, false)),
        makeEndpoint('10.0.1.2', HOST, cond(true, true, false)),
        makeEndpoint('10.0.1.3', HOST, cond(false, true, true)),
        makeEndpoint('10.0.1.4', HOST, cond(false, false, true)),
        makeEndpoint('10.0.1.5', 'host-1', cond(true, true, false)),
      ],
      expected: `${head('')}
${natHead}
-A KUBE-EXT-AQI2S6QIMU7PVVRP -j ${SVL}
${sep('3JOIVZTXZZRGORX4', '10.0.1.1')}
${sep('EQCHZ7S2PJ72OHAY', '10.0.1.5')}
${sep('IO5XOSKPAXIFQXAJ', '10.0.1.2')}
:${SVC} - [0:0]
:${SVL} - [0:0]
${masq}
${aff(SVC, '3JOIVZTXZZRGORX4', '10.0.1.1')}
${aff(SVC, 'IO5XOSKPAXIFQXAJ', '10.0.1.2')}
${aff(SVC, 'EQCHZ7S2PJ72OHAY', '10.0.1.5')}
-A ${SVC} -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-3JOIVZTXZZRGORX4
-A ${SVC} -m comment --comment "ns1/svc1 -> 10.0.1.2:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-IO5XOSKPAXIFQXAJ
-A ${SVC} -m comment --comment "ns1/svc1 -> 10.0.1.5:80" -j KUBE-SEP-EQCHZ7S2PJ72OHAY
${aff(SVL, '3JOIVZTXZZRGORX4', '10.0.1.1')}
${aff(SVL, 'IO5XOSKPAXIFQXAJ', '10.0.1.2')}
-A ${SVL} -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-3JOIVZTXZZRGORX4
-A ${SVL} -m comment --comment "ns1/svc1 -> 10.0.1.2:80" -j KUBE-SEP-IO5XOSKPAXIFQXAJ
COMMIT`,
    },
    {
      name: 'only terminating endpoints on this node: Local falls back to serving+terminating',
      eps: [
        makeEndpoint('10.0.1.2', HOST, cond(false, true, true)),
        makeEndpoint('10.0.1.3', HOST, cond(false, true, true)),
        makeEndpoint('10.0.1.4', HOST, cond(false, false, true)),
        makeEndpoint('10.0.1.5', 'host-1', cond(true, true, false)),
      ],
      expected: `${head('')}
${natHead}
-A KUBE-EXT-AQI2S6QIMU7PVVRP -j ${SVL}
${sep('EQCHZ7S2PJ72OHAY', '10.0.1.5')}
${sep('IO5XOSKPAXIFQXAJ', '10.0.1.2')}
${sep('XGJFVO3L2O5SRFNT', '10.0.1.3')}
:${SVC} - [0:0]
:${SVL} - [0:0]
${masq}
${aff(SVC, 'EQCHZ7S2PJ72OHAY', '10.0.1.5')}
-A ${SVC} -m comment --comment "ns1/svc1 -> 10.0.1.5:80" -j KUBE-SEP-EQCHZ7S2PJ72OHAY
${aff(SVL, 'IO5XOSKPAXIFQXAJ', '10.0.1.2')}
${aff(SVL, 'XGJFVO3L2O5SRFNT', '10.0.1.3')}
-A ${SVL} -m comment --comment "ns1/svc1 -> 10.0.1.2:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-IO5XOSKPAXIFQXAJ
-A ${SVL} -m comment --comment "ns1/svc1 -> 10.0.1.3:80" -j KUBE-SEP-XGJFVO3L2O5SRFNT
COMMIT`,
    },
    {
      name: 'terminating endpoint on a remote node only: no REJECT, DROP for external traffic',
      eps: [makeEndpoint('10.0.1.5', 'host-1', cond(false, true, true))],
      expected: `${head(`
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1 has no local endpoints" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP`)}
${natHead}
${sep('EQCHZ7S2PJ72OHAY', '10.0.1.5')}
:${SVC} - [0:0]
${masq}
${aff(SVC, 'EQCHZ7S2PJ72OHAY', '10.0.1.5')}
-A ${SVC} -m comment --comment "ns1/svc1 -> 10.0.1.5:80" -j KUBE-SEP-EQCHZ7S2PJ72OHAY
COMMIT`,
    },
  ];

  it.each(cases)('$name', ({ eps, expected }) => {
    const slice = makeSlice('ns1', 'svc1', [{ name: '', port: 80 }], eps);
    expect(writtenByChain(compileFor([svc], [slice], opts))).toEqual(parseDump(expected));
  });
});

describe('internalTrafficPolicy Local (TestInternalTrafficPolicy)', () => {
  const svc = makeService('ns1', 'svc1', {
    clusterIP: '172.30.1.1',
    internalTrafficPolicy: 'Local',
    ports: [{ port: 80, protocol: 'TCP' }],
  });
  it('with a local endpoint: KUBE-SVL with only that endpoint, masquerade rule in KUBE-SVL', () => {
    const slice = makeSlice(
      'ns1',
      'svc1',
      [{ port: 80 }],
      [ready('10.0.1.1', HOST), ready('10.0.1.2', 'host1'), ready('10.0.1.3', 'host2')],
    );
    const got = writtenByChain(compileFor([svc], [slice], opts));
    expect(got['nat KUBE-SERVICES'][0]).toBe(
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j KUBE-SVL-AQI2S6QIMU7PVVRP',
    );
    expect(got['nat KUBE-SVL-AQI2S6QIMU7PVVRP']).toEqual([
      '-A KUBE-SVL-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
      '-A KUBE-SVL-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -j KUBE-SEP-3JOIVZTXZZRGORX4',
    ]);
    expect(got['nat KUBE-SVC-AQI2S6QIMU7PVVRP']).toBeUndefined();
    expect(Object.keys(got).filter((k) => k.includes('KUBE-SEP-'))).toEqual(['nat KUBE-SEP-3JOIVZTXZZRGORX4']);
  });
  it('without a local endpoint: DROP "has no local endpoints" in filter, no nat chains', () => {
    const slice = makeSlice('ns1', 'svc1', [{ port: 80 }], [ready('10.0.1.1', 'host0'), ready('10.0.1.2', 'host1')]);
    const got = writtenByChain(compileFor([svc], [slice], opts));
    expect(got['filter KUBE-SERVICES']).toEqual([
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1 has no local endpoints" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j DROP',
    ]);
    expect(got['nat KUBE-SERVICES']).toEqual([LAST]);
    expect(Object.keys(got).filter((k) => /KUBE-(SVC|SVL|SEP)-/.test(k))).toEqual([]);
  });
});
