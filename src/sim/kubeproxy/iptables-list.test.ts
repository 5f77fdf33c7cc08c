import { describe, expect, it } from 'vitest';
import type { Rule } from '../model/iptables';
import { iptablesList, ruleToListLine } from './iptables-list';
import { makeEndpoint, makeService, makeSlice } from './fixtures';
import { compileFor } from './test-helpers';

const kubernetes = makeService('default', 'kubernetes', {
  clusterIP: '10.96.0.1',
  ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
});
const apiserver = makeSlice(
  'default',
  'kubernetes',
  [{ name: 'https', port: 6443 }],
  [makeEndpoint('172.18.0.2', 'kind-control-plane')],
);
const frontend = makeService('default', 'frontend-svc', {
  type: 'NodePort',
  clusterIP: '10.101.34.7',
  ports: [{ port: 80, targetPort: 5000, nodePort: 31842, protocol: 'TCP' }],
  sessionAffinity: 'ClientIP',
  sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
});
const pods = makeSlice(
  'default',
  'frontend-svc',
  [{ port: 5000 }],
  [makeEndpoint('10.244.1.5', 'kind-worker'), makeEndpoint('10.244.2.7', 'kind-worker2')],
);
const tables = compileFor([kubernetes, frontend], [apiserver, pods], { node: 'kind-worker' });
const HEADER = 'target     prot opt source               destination         ';

describe('iptables -L -n', () => {
  it('-t nat -L KUBE-SERVICES -n', () => {
    expect(iptablesList(tables, { table: 'nat', chain: 'KUBE-SERVICES' })).toEqual({
      stdout: `Chain KUBE-SERVICES (2 references)
${HEADER}
KUBE-SVC-YOOWV2ZAGYTT6DGH  tcp  --  0.0.0.0/0            10.101.34.7          /* default/frontend-svc cluster IP */ tcp dpt:80
KUBE-SVC-NPX46M4PTMTKRN6Y  tcp  --  0.0.0.0/0            10.96.0.1            /* default/kubernetes:https cluster IP */ tcp dpt:443
KUBE-NODEPORTS  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL
`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('the reference example line (KUBE-SVC masquerade rule)', () => {
    expect(ruleToListLine(tables.nat.rules['KUBE-SVC-YOOWV2ZAGYTT6DGH'][0])).toBe(
      'KUBE-MARK-MASQ  tcp  -- !10.244.0.0/16        10.101.34.7          /* default/frontend-svc cluster IP */ tcp dpt:80',
    );
  });

  it('--line-numbers, affinity, statistic, DNAT', () => {
    const out = iptablesList(tables, { table: 'nat', chain: 'KUBE-SVC-YOOWV2ZAGYTT6DGH', lineNumbers: true }).stdout;
    expect(out.split('\n')).toEqual([
      'Chain KUBE-SVC-YOOWV2ZAGYTT6DGH (2 references)',
      `num  ${HEADER}`,
      '1    KUBE-MARK-MASQ  tcp  -- !10.244.0.0/16        10.101.34.7          /* default/frontend-svc cluster IP */ tcp dpt:80',
      '2    KUBE-SEP-5JK2OSQYVAISTKJT  all  --  0.0.0.0/0            0.0.0.0/0            /* default/frontend-svc -> 10.244.1.5:5000 */ recent: CHECK seconds: 10800 reap name: KUBE-SEP-5JK2OSQYVAISTKJT side: source mask: 255.255.255.255',
      '3    KUBE-SEP-RD2DGJC4G4MAJ3NF  all  --  0.0.0.0/0            0.0.0.0/0            /* default/frontend-svc -> 10.244.2.7:5000 */ recent: CHECK seconds: 10800 reap name: KUBE-SEP-RD2DGJC4G4MAJ3NF side: source mask: 255.255.255.255',
      '4    KUBE-SEP-5JK2OSQYVAISTKJT  all  --  0.0.0.0/0            0.0.0.0/0            /* default/frontend-svc -> 10.244.1.5:5000 */ statistic mode random probability 0.50000000000',
      '5    KUBE-SEP-RD2DGJC4G4MAJ3NF  all  --  0.0.0.0/0            0.0.0.0/0            /* default/frontend-svc -> 10.244.2.7:5000 */',
      '',
    ]);
    expect(
      iptablesList(tables, { table: 'nat', chain: 'KUBE-SEP-5JK2OSQYVAISTKJT' }).stdout.split('\n').slice(2, 4),
    ).toEqual([
      'KUBE-MARK-MASQ  all  --  10.244.1.5           0.0.0.0/0            /* default/frontend-svc */',
      'DNAT       tcp  --  0.0.0.0/0            0.0.0.0/0            /* default/frontend-svc */ recent: SET name: KUBE-SEP-5JK2OSQYVAISTKJT side: source mask: 255.255.255.255 tcp to:10.244.1.5:5000',
    ]);
  });

  it('built-in chains show their policy; chains are separated by a blank line', () => {
    const out = iptablesList(tables, { table: 'nat' }).stdout;
    expect(
      out.startsWith(`Chain PREROUTING (policy ACCEPT)
${HEADER}
KUBE-SERVICES  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service portals */

Chain INPUT (policy ACCEPT)
${HEADER}

Chain OUTPUT (policy ACCEPT)
`),
    ).toBe(true);
    expect(out).toContain(`Chain KUBE-POSTROUTING (1 references)
${HEADER}
RETURN     all  --  0.0.0.0/0            0.0.0.0/0            mark match ! 0x4000/0x4000
MARK       all  --  0.0.0.0/0            0.0.0.0/0            MARK xor 0x4000
MASQUERADE  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service traffic requiring SNAT */ random-fully
`);
    expect(out).toContain(`Chain KUBE-MARK-MASQ (6 references)
${HEADER}
MARK       all  --  0.0.0.0/0            0.0.0.0/0            MARK or 0x4000
`);
    expect(out).toContain(`Chain KUBE-KUBELET-CANARY (0 references)\n${HEADER}\n\n`);
  });

  it('filter table: conntrack, negated state, REJECT', () => {
    const t = compileFor(
      [makeService('default', 'web', { clusterIP: '10.96.100.20', ports: [{ port: 80, protocol: 'TCP' }] })],
      [],
    );
    expect(iptablesList(t, { chain: 'KUBE-FIREWALL' }).stdout.split('\n')[2]).toBe(
      'DROP       all  -- !127.0.0.0/8          127.0.0.0/8          /* block incoming localnet connections */ ! ctstate RELATED,ESTABLISHED,DNAT',
    );
    expect(iptablesList(t, { chain: 'INPUT' }).stdout.split('\n')[2]).toBe(
      'KUBE-PROXY-FIREWALL  all  --  0.0.0.0/0            0.0.0.0/0            ctstate NEW /* kubernetes load balancer firewall */',
    );
    expect(iptablesList(t, { chain: 'KUBE-SERVICES' }).stdout.split('\n')[2]).toBe(
      'REJECT     tcp  --  0.0.0.0/0            10.96.100.20         /* default/web has no endpoints */ tcp dpt:80 reject-with icmp-port-unreachable',
    );
  });

  it('a rule without a target leaves the target column empty', () => {
    const r: Rule = { match: { comment: 'x' }, target: { kind: 'NONE' } };
    expect(ruleToListLine(r)).toBe('           all  --  0.0.0.0/0            0.0.0.0/0            /* x */');
  });

  it('numeric protocol column (upstream iptables 1.8.9–1.8.10 with -n)', () => {
    expect(ruleToListLine(tables.nat.rules['KUBE-SVC-YOOWV2ZAGYTT6DGH'][0], { numericProto: true })).toBe(
      'KUBE-MARK-MASQ  6    -- !10.244.0.0/16        10.101.34.7          /* default/frontend-svc cluster IP */ tcp dpt:80',
    );
  });

  it('unknown chain', () => {
    expect(iptablesList(tables, { table: 'nat', chain: 'KUBE-NOPE' })).toEqual({
      stdout: '',
      stderr: 'iptables: No chain/target/match by that name.\n',
      exitCode: 1,
    });
  });
});
