// nft on the nodes of a cluster switched to kube-proxy's nftables mode, and what iptables-save still
// shows there (kubelet's chains only; kube-proxy cleaned up its KUBE-* iptables chains on restart).
import { describe, expect, it } from 'vitest';
import { shellOn } from './test-helpers';
import { setProxyMode } from '../actions';
import '../nftables';

describe('nft in nftables mode', () => {
  const sh = shellOn();
  setProxyMode(sh.state, 'nftables');
  it('nft list table ip kube-proxy prints the table as nft 1.0.6 does', () => {
    const out = sh.run('ssh worker1 nft list table ip kube-proxy').stdout;
    expect(out.startsWith('table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n\tset cluster-ips {\n')).toBe(true);
    expect(out).toContain(
      '\tchain nat-prerouting {\n\t\ttype nat hook prerouting priority dstnat; policy accept;\n\t\tjump services\n\t}\n',
    );
    expect(out).toMatch(
      /\tchain service-\w{8}-default\/frontend-svc\/tcp\/ \{\n\t\tip daddr \d+\.\d+\.\d+\.\d+ ip saddr != 10\.244\.0\.0\/16 jump mark-for-masquerade\n\t\tnumgen random mod 3 vmap \{ 0 : goto endpoint-/,
    );
    expect(out.endsWith('\t}\n}\n')).toBe(true);
    // kube-proxy's nftables mode always runs both families on Linux (cmd/kube-proxy/app/server_linux.go
    // platformCheckSupported assumes IPv4 and IPv6; createProxier builds NewDualStackProxier), so the
    // ruleset holds the IPv6 proxier's table too, after the IPv4 one (its proxier syncs first); nft
    // prints them one after the other (golden/ruleset.txt, printed by nft 1.0.6)
    const v6 = sh.run('ssh worker1 nft list table ip6 kube-proxy').stdout;
    expect(
      v6.startsWith(
        'table ip6 kube-proxy {\n\tcomment "rules for kube-proxy"\n\tset cluster-ips {\n\t\ttype ipv6_addr\n',
      ),
    ).toBe(true);
    expect(sh.run('ssh worker1 nft list ruleset').stdout).toBe(out + v6);
  });
  it('nft list map / chain, and nft errors', () => {
    const ip = sh.state.objects.services['default/frontend-svc'].spec.clusterIP ?? '';
    expect(sh.run('nft list map ip kube-proxy service-ips').stdout).toMatch(
      new RegExp(
        `^table ip kube-proxy \\{\\n\\tmap service-ips \\{\\n\\t\\ttype ipv4_addr \\. inet_proto \\. inet_service : verdict\\n[\\s\\S]*${ip.replace(/\./g, '\\.')} \\. tcp \\. 80 : goto service-`,
      ),
    );
    expect(sh.run('nft list chain ip kube-proxy services').stdout).toBe(
      'table ip kube-proxy {\n\tchain services {\n\t\tip daddr . meta l4proto . th dport vmap @service-ips\n\t\tip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports\n\t}\n}\n',
    );
    expect(sh.run('nft list chain ip kube-proxy nosuch')).toMatchObject({
      stderr: 'Error: No such file or directory\nlist chain ip kube-proxy nosuch\n                         ^^^^^^\n',
      exitCode: 1,
    });
    expect(sh.run('nft list table ip foo').stderr).toBe(
      'Error: No such file or directory\nlist table ip foo\n              ^^^\n',
    );
    expect(sh.run('nft list tables').stdout).toBe('table ip kube-proxy\ntable ip6 kube-proxy\n');
    expect(sh.run('nft list chain ip6 kube-proxy services').stdout).toBe(
      'table ip6 kube-proxy {\n\tchain services {\n\t\tip6 daddr . meta l4proto . th dport vmap @service-ips\n\t\tfib daddr type local ip6 daddr != ::1 meta l4proto . th dport vmap @service-nodeports\n\t}\n}\n',
    );
    expect(sh.run('nft list map ip6 kube-proxy nodeport-ips').exitCode).toBe(1);
  });
  it('iptables-save keeps only kubelet chains', () => {
    const out = sh.run('iptables-save').stdout;
    expect(out).not.toContain('KUBE-SERVICES');
    expect(out).toContain(':KUBE-KUBELET-CANARY - [0:0]');
    expect(out).toContain('-A INPUT -j KUBE-FIREWALL');
  });
  it('back to iptables: the nftables table is gone, KUBE-SERVICES is back', () => {
    const sh2 = shellOn();
    setProxyMode(sh2.state, 'nftables');
    setProxyMode(sh2.state, 'iptables');
    expect(sh2.run('nft list ruleset').stdout).toBe('');
    expect(sh2.run('iptables-save -t nat').stdout).toContain(':KUBE-SERVICES - [0:0]');
  });
});
