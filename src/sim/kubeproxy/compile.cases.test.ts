// The compiler, case by case, read back as iptables-save lines.
import { describe, expect, it } from 'vitest';
import { makeEndpoint, makeService, makeSlice, syntheticCluster } from './fixtures';
import { compileFor, linesWith, saveLines } from './test-helpers';
import { compileNodeTables } from './compile';
import { ruleToWrittenLine } from './as-written';
import { ruleToListLine } from './iptables-list';

const SVC = 'KUBE-SVC-YOOWV2ZAGYTT6DGH';
const EXT = 'KUBE-EXT-YOOWV2ZAGYTT6DGH';
const SVL = 'KUBE-SVL-YOOWV2ZAGYTT6DGH';
const SEP1 = 'KUBE-SEP-5JK2OSQYVAISTKJT'; // 10.244.1.5:5000
const SEP2 = 'KUBE-SEP-RD2DGJC4G4MAJ3NF'; // 10.244.2.7:5000

const frontend = (spec: Parameters<typeof makeService>[2] = {}, ingress: string[] = []) =>
  makeService(
    'default',
    'frontend-svc',
    { clusterIP: '10.101.34.7', ports: [{ port: 80, targetPort: 5000, protocol: 'TCP' }], ...spec },
    ingress,
  );
const twoPods = makeSlice(
  'default',
  'frontend-svc',
  [{ port: 5000 }],
  [makeEndpoint('10.244.2.7', 'worker2'), makeEndpoint('10.244.1.5', 'worker')],
);
const np = (nodePort: number) => [{ port: 80, targetPort: 5000, protocol: 'TCP' as const, nodePort }];

describe('ClusterIP with 2 endpoints (reference §8 example)', () => {
  const t = compileFor([frontend()], [twoPods]);
  it('nat rules are the reference dump, line for line', () => {
    expect(linesWith(t, 'nat', 'frontend-svc').sort()).toEqual(
      [
        '-A KUBE-SERVICES -d 10.101.34.7/32 -p tcp -m comment --comment "default/frontend-svc cluster IP" -m tcp --dport 80 -j KUBE-SVC-YOOWV2ZAGYTT6DGH',
        '-A KUBE-SVC-YOOWV2ZAGYTT6DGH ! -s 10.244.0.0/16 -d 10.101.34.7/32 -p tcp -m comment --comment "default/frontend-svc cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
        '-A KUBE-SVC-YOOWV2ZAGYTT6DGH -m comment --comment "default/frontend-svc -> 10.244.1.5:5000" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-5JK2OSQYVAISTKJT',
        '-A KUBE-SVC-YOOWV2ZAGYTT6DGH -m comment --comment "default/frontend-svc -> 10.244.2.7:5000" -j KUBE-SEP-RD2DGJC4G4MAJ3NF',
        '-A KUBE-SEP-5JK2OSQYVAISTKJT -s 10.244.1.5/32 -m comment --comment "default/frontend-svc" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-5JK2OSQYVAISTKJT -p tcp -m comment --comment "default/frontend-svc" -m tcp -j DNAT --to-destination 10.244.1.5:5000',
        '-A KUBE-SEP-RD2DGJC4G4MAJ3NF -s 10.244.2.7/32 -m comment --comment "default/frontend-svc" -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-RD2DGJC4G4MAJ3NF -p tcp -m comment --comment "default/frontend-svc" -m tcp -j DNAT --to-destination 10.244.2.7:5000',
      ].sort(),
    );
  });
  it('iptables-save groups chains sorted by name: KUBE-SEP-… < KUBE-SERVICES < KUBE-SVC-…', () => {
    const chains = linesWith(t, 'nat', 'frontend-svc').map((l) => l.split(' ')[1]);
    expect(chains).toEqual([SEP1, SEP1, SEP2, SEP2, 'KUBE-SERVICES', SVC, SVC, SVC]);
  });
  it('no filter rules for a Service with endpoints', () => {
    expect(linesWith(t, 'filter', 'frontend-svc')).toEqual([]);
  });
  it('KUBE-SERVICES ends with the nodeports rule', () => {
    expect(t.nat.rules['KUBE-SERVICES'].at(-1)?.match.comment).toBe(
      'kubernetes service nodeports; NOTE: this must be the last rule in this chain',
    );
  });
  it('records the order kube-proxy wrote the matches in', () => {
    expect(t.nat.rules['KUBE-SERVICES'][0].order).toEqual(['comment', 'proto', 'dst', 'dport']);
    expect(t.nat.rules[SVC][0].order).toEqual(['comment', 'proto', 'dst', 'dport', 'src']);
  });
});

describe('Service types and policies', () => {
  it('NodePort (ETP Cluster): KUBE-NODEPORTS → KUBE-EXT → masquerade → KUBE-SVC', () => {
    const t = compileFor([frontend({ type: 'NodePort', ports: np(31842) })], [twoPods]);
    expect(linesWith(t, 'nat', 'KUBE-NODEPORTS -p')).toEqual([
      `-A KUBE-NODEPORTS -p tcp -m comment --comment "default/frontend-svc" -m tcp --dport 31842 -j ${EXT}`,
    ]);
    // proxier.go syncProxyRules "Capture nodeports": with localhost nodeports (IPv4, the default) and the
    // kernel's nfacct, a rule for 127.0.0.0/8 counting into localhost_nps_accepted_pkts comes first.
    // iptables-save prints it with libxt_nfacct's double space (nfacct_save + xtables_save_string).
    expect(linesWith(t, 'nat', '-A KUBE-NODEPORTS')).toEqual([
      `-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment "default/frontend-svc" -m tcp --dport 31842 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j ${EXT}`,
      `-A KUBE-NODEPORTS -p tcp -m comment --comment "default/frontend-svc" -m tcp --dport 31842 -j ${EXT}`,
    ]);
    expect(ruleToWrittenLine('KUBE-NODEPORTS', t.nat.rules['KUBE-NODEPORTS'][0])).toBe(
      `-A KUBE-NODEPORTS -m comment --comment default/frontend-svc -m tcp -p tcp -d 127.0.0.0/8 --dport 31842 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j ${EXT}`,
    );
    expect(ruleToListLine(t.nat.rules['KUBE-NODEPORTS'][0], { numericProto: true })).toBe(
      `${EXT.padEnd(9)}  6    --  0.0.0.0/0            127.0.0.0/8          /* default/frontend-svc */ tcp dpt:31842 nfacct-name  localhost_nps_accepted_pkts`,
    );
    expect(linesWith(t, 'filter', '-A KUBE-FORWARD')[0]).toBe(
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP',
    );
    expect(t.nat.rules[EXT].map((r) => r.target)).toEqual([
      { kind: 'jump', chain: 'KUBE-MARK-MASQ' },
      { kind: 'jump', chain: SVC },
    ]);
    expect(linesWith(t, 'nat', `-A ${EXT}`)[0]).toBe(
      `-A ${EXT} -m comment --comment "masquerade traffic for default/frontend-svc external destinations" -j KUBE-MARK-MASQ`,
    );
  });

  it('LoadBalancer with an ingress IP: loadbalancer IP rule → KUBE-EXT', () => {
    const t = compileFor([frontend({ type: 'LoadBalancer', ports: np(31842) }, ['172.18.255.200'])], [twoPods]);
    expect(linesWith(t, 'nat', 'loadbalancer IP')).toEqual([
      `-A KUBE-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/frontend-svc loadbalancer IP" -m tcp --dport 80 -j ${EXT}`,
    ]);
  });

  it('an ingress in ipMode Proxy gets no rule', () => {
    const svc = frontend({ type: 'LoadBalancer', ports: np(31842) });
    svc.status.loadBalancer.ingress = [{ ip: '172.18.255.200', ipMode: 'Proxy' }];
    expect(linesWith(compileFor([svc], [twoPods]), 'nat', 'loadbalancer IP')).toEqual([]);
  });

  it('externalIPs: external IP rule → KUBE-EXT', () => {
    const t = compileFor([frontend({ externalIPs: ['192.168.1.50'] })], [twoPods]);
    expect(linesWith(t, 'nat', 'external IP')).toEqual([
      `-A KUBE-SERVICES -d 192.168.1.50/32 -p tcp -m comment --comment "default/frontend-svc external IP" -m tcp --dport 80 -j ${EXT}`,
    ]);
  });

  it('ETP Local with a local endpoint: KUBE-EXT short-circuits then jumps to KUBE-SVL (local endpoints only)', () => {
    const svc = frontend(
      { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000, ports: np(31842) },
      ['172.18.255.200'],
    );
    const t = compileFor([svc], [twoPods], { node: 'worker' });
    expect(linesWith(t, 'nat', `-A ${EXT}`)).toEqual([
      `-A ${EXT} -s 10.244.0.0/16 -m comment --comment "pod traffic for default/frontend-svc external destinations" -j ${SVC}`,
      `-A ${EXT} -m comment --comment "masquerade LOCAL traffic for default/frontend-svc external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
      `-A ${EXT} -m comment --comment "route LOCAL traffic for default/frontend-svc external destinations" -m addrtype --src-type LOCAL -j ${SVC}`,
      `-A ${EXT} -j ${SVL}`,
    ]);
    expect(linesWith(t, 'nat', `-A ${SVL}`)).toEqual([
      `-A ${SVL} -m comment --comment "default/frontend-svc -> 10.244.1.5:5000" -j ${SEP1}`,
    ]);
    expect(linesWith(t, 'filter', 'frontend-svc')).toEqual([
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/frontend-svc health check node port" -m tcp --dport 32000 -j ACCEPT',
    ]);
  });

  it('ETP Local without a local endpoint: no final jump, DROP "has no local endpoints" in filter', () => {
    const svc = frontend(
      { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000, ports: np(31842) },
      ['172.18.255.200'],
    );
    const t = compileFor([svc], [twoPods], { node: 'control-plane' });
    expect(linesWith(t, 'nat', `-j ${SVL}`)).toEqual([]);
    expect(t.nat.rules[SVL]).toBeUndefined();
    expect(linesWith(t, 'filter', 'frontend-svc')).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/frontend-svc has no local endpoints" -m tcp --dport 80 -j DROP',
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/frontend-svc has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31842 -j DROP',
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/frontend-svc health check node port" -m tcp --dport 32000 -j ACCEPT',
    ]);
  });

  it('ClientIP affinity: rcheck rules first, --set on the DNAT rule', () => {
    const t = compileFor(
      [frontend({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } })],
      [twoPods],
    );
    const svc = linesWith(t, 'nat', `-A ${SVC}`);
    expect(svc[1]).toBe(
      `-A ${SVC} -m comment --comment "default/frontend-svc -> 10.244.1.5:5000" -m recent --rcheck --seconds 600 --reap --name ${SEP1} --mask 255.255.255.255 --rsource -j ${SEP1}`,
    );
    expect(svc).toHaveLength(5);
    expect(linesWith(t, 'nat', `-A ${SEP1} -p`)).toEqual([
      `-A ${SEP1} -p tcp -m comment --comment "default/frontend-svc" -m recent --set --name ${SEP1} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.5:5000`,
    ]);
  });

  it('no endpoints: REJECT "has no endpoints" for every address, no nat rules', () => {
    const svc = frontend({ type: 'LoadBalancer', externalIPs: ['192.168.1.50'], ports: np(31842) }, ['172.18.255.200']);
    const t = compileFor([svc], [makeSlice('default', 'frontend-svc', [{ port: 5000 }], [])]);
    expect(linesWith(t, 'nat', 'frontend-svc')).toEqual([]);
    expect(linesWith(t, 'filter', 'frontend-svc')).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -d 192.168.1.50/32 -p tcp -m comment --comment "default/frontend-svc has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-EXTERNAL-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/frontend-svc has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/frontend-svc has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31842 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-SERVICES -d 10.101.34.7/32 -p tcp -m comment --comment "default/frontend-svc has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
  });

  it.each([
    ['headless', makeService('default', 'db', { clusterIP: 'None', ports: [{ port: 5432 }] })],
    ['ExternalName', makeService('default', 'ext', { type: 'ExternalName', externalName: 'example.com' })],
  ])('%s: no rules at all', (_n, svc) => {
    const slice = makeSlice('default', svc.metadata.name, [{ port: 5432 }], [makeEndpoint('10.244.1.9', 'worker')]);
    const t = compileFor([svc], [slice]);
    expect(saveLines(t, 'nat').filter((l) => l.includes('default/'))).toEqual([]);
    expect(saveLines(t, 'filter').filter((l) => l.includes('default/'))).toEqual([]);
    expect(t).toEqual(compileFor([], []));
  });

  it('UDP and TCP ports of kube-dns: one entry each, protocol respected, named ports in the comment', () => {
    const dns = makeService('kube-system', 'kube-dns', {
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    });
    const slice = makeSlice(
      'kube-system',
      'kube-dns',
      [
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ],
      [makeEndpoint('10.244.0.2', 'control-plane'), makeEndpoint('10.244.0.3', 'control-plane')],
    );
    const t = compileFor([dns], [slice]);
    const svc = linesWith(t, 'nat', '-A KUBE-SERVICES -d');
    expect(svc).toHaveLength(3);
    expect(svc[0]).toMatch(
      /^-A KUBE-SERVICES -d 10\.96\.0\.10\/32 -p udp -m comment --comment "kube-system\/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-/,
    );
    expect(svc[1]).toContain('-p tcp -m comment --comment "kube-system/kube-dns:dns-tcp cluster IP" -m tcp --dport 53');
    expect(svc[2]).toContain('"kube-system/kube-dns:metrics cluster IP" -m tcp --dport 9153');
    const dnat53 = linesWith(t, 'nat', 'DNAT --to-destination 10.244.0.2:53').map((l) => l.replace(/^-A \S+ /, ''));
    expect(dnat53.sort()).toEqual([
      '-p tcp -m comment --comment "kube-system/kube-dns:dns-tcp" -m tcp -j DNAT --to-destination 10.244.0.2:53',
      '-p udp -m comment --comment "kube-system/kube-dns:dns" -m udp -j DNAT --to-destination 10.244.0.2:53',
    ]);
    expect(linesWith(t, 'nat', 'DNAT --to-destination 10.244.0.2:9153')).toHaveLength(1);
  });

  it('endpoint port is matched by port name: a slice port with another name is not used', () => {
    const svc = frontend({ ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] });
    const slice = makeSlice(
      'default',
      'frontend-svc',
      [{ name: 'other', port: 5000 }],
      [makeEndpoint('10.244.1.5', 'worker')],
    );
    expect(linesWith(compileFor([svc], [slice]), 'filter', 'has no endpoints')).toHaveLength(1);
  });

  it('terminating fallback: serving+terminating endpoints only when none is Ready', () => {
    const term = { ready: false, serving: true, terminating: true };
    const onlyTerminating = makeSlice(
      'default',
      'frontend-svc',
      [{ port: 5000 }],
      [
        makeEndpoint('10.244.1.5', 'worker', term),
        makeEndpoint('10.244.2.7', 'worker2', { ready: false, serving: false, terminating: true }),
      ],
    );
    expect(
      linesWith(compileFor([frontend()], [onlyTerminating]), 'nat', 'DNAT').map((l) => l.split(' ').at(-1)),
    ).toEqual(['10.244.1.5:5000']);
    const mixed = makeSlice(
      'default',
      'frontend-svc',
      [{ port: 5000 }],
      [makeEndpoint('10.244.1.5', 'worker', term), makeEndpoint('10.244.2.7', 'worker2')],
    );
    expect(linesWith(compileFor([frontend()], [mixed]), 'nat', 'DNAT').map((l) => l.split(' ').at(-1))).toEqual([
      '10.244.2.7:5000',
    ]);
  });

  it('endpoints are sorted as ip:port strings and merged across slices', () => {
    const a = makeSlice('default', 'frontend-svc', [{ port: 80 }], [makeEndpoint('10.244.1.9', 'w')], 'frontend-svc-a');
    const b = makeSlice(
      'default',
      'frontend-svc',
      [{ port: 80 }],
      [makeEndpoint('10.244.1.10', 'w'), makeEndpoint('10.244.1.9', 'w')],
      'frontend-svc-b',
    );
    const t = compileFor([frontend({ ports: [{ port: 80, protocol: 'TCP' }] })], [a, b]);
    expect(linesWith(t, 'nat', `-A ${SVC} -m comment`).map((l) => l.match(/-> ([\d.:]+)/)?.[1])).toEqual([
      '10.244.1.10:80',
      '10.244.1.9:80',
    ]);
  });

  it('probabilities 1/(n-i) with 11 decimals: 1/5 → 0.20000000019, 1/3 → 0.33333333349', () => {
    const eps = [1, 2, 3, 4, 5].map((i) => makeEndpoint(`10.244.1.${i}`, 'w'));
    const t = compileFor([frontend()], [makeSlice('default', 'frontend-svc', [{ port: 5000 }], eps)]);
    expect(linesWith(t, 'nat', '--probability').map((l) => l.match(/--probability (\S+)/)?.[1])).toEqual([
      '0.20000000019',
      '0.25000000000',
      '0.33333333349',
      '0.50000000000',
    ]);
  });

  it('masqueradeAll: the KUBE-SVC masquerade rule has no ! -s', () => {
    const t = compileFor([frontend()], [twoPods], { masqueradeAll: true });
    expect(linesWith(t, 'nat', `-A ${SVC} -d`)).toEqual([
      `-A ${SVC} -d 10.101.34.7/32 -p tcp -m comment --comment "default/frontend-svc cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
    ]);
  });

  it('no cluster CIDR: no masquerade rule in KUBE-SVC, no "pod traffic" rule', () => {
    const t = compileFor([frontend()], [twoPods], { podSubnet: '' });
    expect(linesWith(t, 'nat', 'KUBE-MARK-MASQ').filter((l) => l.startsWith(`-A ${SVC}`))).toEqual([]);
  });

  it('more than 1000 endpoints: per-endpoint comments are left out', () => {
    const { services, slices } = syntheticCluster(101, 10, ['worker', 'worker2']);
    const t = compileNodeTables({
      node: 'worker',
      nodeIPs: ['172.18.0.3'],
      settings: { podSubnet: '10.244.0.0/16', masqueradeAll: false },
      services,
      slices,
    });
    const svc0 = t.nat.rules['KUBE-SERVICES'][0].target;
    const chain = svc0.kind === 'jump' ? svc0.chain : '';
    const lines = linesWith(t, 'nat', `-A ${chain}`);
    expect(lines[0]).toContain('cluster IP');
    expect(lines[1]).toMatch(
      new RegExp(`^-A ${chain} -m statistic --mode random --probability 0.10000000009 -j KUBE-SEP-`),
    );
    const sep = t.nat.rules[chain][1].target;
    const sepLines = linesWith(t, 'nat', `-A ${sep.kind === 'jump' ? sep.chain : ''}`);
    expect(sepLines[0]).toMatch(/^-A KUBE-SEP-\w+ -s 10\.244\.\d+\.\d+\/32 -j KUBE-MARK-MASQ$/);
    expect(sepLines[1]).toMatch(/^-A KUBE-SEP-\w+ -p tcp -m tcp -j DNAT --to-destination /);
  });

  it('loadBalancerSourceRanges covering the node: the node may reach its own LB VIP', () => {
    const svc = frontend({ type: 'LoadBalancer', ports: np(31842), loadBalancerSourceRanges: ['172.18.0.0/16'] }, [
      '172.18.255.200',
    ]);
    const fw = linesWith(compileFor([svc], [twoPods], { nodeIP: '172.18.0.3' }), 'nat', '-A KUBE-FW-');
    expect(fw).toEqual([
      `-A KUBE-FW-YOOWV2ZAGYTT6DGH -s 172.18.0.0/16 -m comment --comment "default/frontend-svc loadbalancer IP" -j ${EXT}`,
      `-A KUBE-FW-YOOWV2ZAGYTT6DGH -s 172.18.255.200/32 -m comment --comment "default/frontend-svc loadbalancer IP" -j ${EXT}`,
      '-A KUBE-FW-YOOWV2ZAGYTT6DGH -m comment --comment "other traffic to default/frontend-svc will be dropped by KUBE-PROXY-FIREWALL"',
    ]);
  });
});
