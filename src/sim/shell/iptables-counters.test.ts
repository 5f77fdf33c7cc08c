// iptables -L -v: the kernel's packet and byte counters for each rule and built-in chain policy, as
// iptables 1.8.10 (nf_tables) prints them. Layout: iptables/xshared.c print_header (the policy line
// "(policy ACCEPT %llu packets, %llu bytes)", the " pkts bytes" / "    pkts      bytes" columns and the
// " in     out    " columns with FMT_VIA) and print_rule_details / print_ifaces ("*" with -n, else "any");
// numbers from libxtables/xtables.c xtables_print_num ("%5llu " up to 99999, then "%4lluK " rounded, …;
// "%8llu " with -x).
import { describe, expect, it } from 'vitest';
import { shellOn } from './test-helpers';
import { printNum } from '../kubeproxy/iptables-list';

describe('iptables -L -v', () => {
  it('xtables_print_num: exact, then K/M/G rounded to the nearest thousand', () => {
    expect(printNum(0, false)).toBe('    0 ');
    expect(printNum(99999, false)).toBe('99999 ');
    expect(printNum(100000, false)).toBe(' 100K ');
    expect(printNum(1234567, false)).toBe('1235K ');
    expect(printNum(9999499, false)).toBe('9999K ');
    expect(printNum(9999500, false)).toBe('  10M ');
    expect(printNum(1234567, true)).toBe(' 1234567 ');
    expect(printNum(360, false, false)).toBe('360 ');
  });

  it('counts the packets each rule matched, per node: load spreading over the endpoints shows', () => {
    const sh = shellOn();
    const node = sh.state.objects.pods['default/busybox'].spec.nodeName!;
    const ip = sh.state.objects.services['default/frontend-svc'].spec.clusterIP!;
    for (let i = 0; i < 12; i++) sh.run(`kubectl exec busybox -- wget -qO- ${ip}`);
    const out = sh.run(`ssh ${node} iptables -t nat -nvL KUBE-SVC-YOOWV2ZAGYTT6DGH`).stdout.split('\n');
    expect(out[0]).toBe('Chain KUBE-SVC-YOOWV2ZAGYTT6DGH (1 references)');
    expect(out[1]).toBe(' pkts bytes target     prot opt in     out     source               destination         ');
    // busybox is a Pod: no KUBE-MARK-MASQ; each connection's first packet (a 60-byte SYN) took one endpoint
    expect(out[2]).toMatch(/^ {4}0 {5}0 KUBE-MARK-MASQ {2}6 {4}-- {2}\* {6}\* {6}!10\.244\.0\.0\/16 /);
    const picks = out.slice(3, 6).map((l) => {
      const m = l.match(/^ *(\d+) +(\d+) KUBE-SEP-\w{16} {2}0 {4}-- {2}\* {6}\* {7}0\.0\.0\.0\/0 {12}0\.0\.0\.0\/0 /);
      expect(m).not.toBeNull();
      expect(Number(m![2])).toBe(Number(m![1]) * 60);
      return Number(m![1]);
    });
    expect(picks.reduce((a, b) => a + b)).toBe(12);
    expect(picks.filter((n) => n > 0).length).toBeGreaterThan(1);
    // the jump in KUBE-SERVICES and PREROUTING's rule saw all of them (and the DNS lookups: none here, an IP)
    const svc = sh.run(`ssh ${node} iptables -t nat -L KUBE-SERVICES -v -n`).stdout;
    expect(svc).toMatch(/\n {3}12 {3}720 KUBE-SVC-YOOWV2ZAGYTT6DGH {2}6 {4}-- /);
    expect(sh.run(`ssh ${node} iptables -t nat -L PREROUTING -v -n`).stdout.split('\n')[0]).toBe(
      'Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)',
    );
    // nothing DNATs in POSTROUTING: every packet reached the end of the chain and counts in its policy
    expect(sh.run(`ssh ${node} iptables -t nat -L POSTROUTING -v -n`).stdout.split('\n')[0]).toBe(
      'Chain POSTROUTING (policy ACCEPT 12 packets, 720 bytes)',
    );
    // another node saw none of this traffic
    const other = Object.keys(sh.state.objects.nodes).find((n) => n !== node)!;
    expect(sh.run(`ssh ${other} iptables -t nat -L KUBE-SERVICES -v -n`).stdout).not.toMatch(/^ +[1-9]/m);
  });

  it('-x prints exact numbers; without -n names and "any"; -Z zeroes (and -L -Z lists, then zeroes)', () => {
    const sh = shellOn();
    const node = sh.state.objects.pods['default/busybox'].spec.nodeName!;
    const ip = sh.state.objects.services['default/frontend-svc'].spec.clusterIP!;
    for (let i = 0; i < 2; i++) sh.run(`kubectl exec busybox -- wget -qO- ${ip}`);
    const x = sh.run(`ssh ${node} iptables -t nat -L KUBE-SERVICES -vxn`).stdout.split('\n');
    expect(x[1]).toBe(
      '    pkts      bytes target     prot opt in     out     source               destination         ',
    );
    expect(x.find((l) => l.includes('frontend-svc cluster IP'))).toMatch(/^ {7}2 {6}120 KUBE-SVC-/);
    const named = sh.run(`ssh ${node} iptables -L FORWARD -v`).stdout.split('\n');
    // flannel's FLANNEL-FWD accepted the Pod's packets: none reached the end of FORWARD
    expect(named[0]).toBe('Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)');
    expect(named[2]).toMatch(/^ {4}2 {3}120 KUBE-PROXY-FIREWALL {2}all {2}-- {2}any {4}any {5}anywhere {13}anywhere /);
    expect(named.at(-2)).toMatch(
      /^ {4}2 {3}120 FLANNEL-FWD {2}all {2}-- {2}any {4}any {5}anywhere {13}anywhere {13}\/\* flanneld forward \*\/$/,
    );
    expect(sh.run(`ssh ${node} iptables -t nat -Z KUBE-SERVICES`)).toMatchObject({ stdout: '', exitCode: 0 });
    expect(sh.run(`ssh ${node} iptables -t nat -L KUBE-SERVICES -vn`).stdout).not.toMatch(/^ +[1-9]/m);
    // other chains keep theirs until the whole table is zeroed
    expect(sh.run(`ssh ${node} iptables -t nat -L POSTROUTING -vn`).stdout.split('\n')[0]).toBe(
      'Chain POSTROUTING (policy ACCEPT 2 packets, 120 bytes)',
    );
    const listed = sh.run(`ssh ${node} iptables -t nat -L POSTROUTING -vn -Z`).stdout.split('\n')[0];
    expect(listed).toBe('Chain POSTROUTING (policy ACCEPT 2 packets, 120 bytes)');
    expect(sh.run(`ssh ${node} iptables -t nat -L POSTROUTING -vn`).stdout.split('\n')[0]).toBe(
      'Chain POSTROUTING (policy ACCEPT 0 packets, 0 bytes)',
    );
    expect(sh.run(`ssh ${node} iptables -t nat -Z NOPE`)).toMatchObject({
      stderr: 'iptables: No chain/target/match by that name.\n',
      exitCode: 1,
    });
  });
});
