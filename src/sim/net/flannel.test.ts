// flannel's chains as flannel v0.27 writes them (pkg/trafficmngr/iptables/iptables.go: masqRules,
// forwardRules; trafficmngr.KubeProxyMark "0x4000/0x4000"), appended after kube-proxy's prepended jumps,
// and walked by the tracer where packets really meet them.
import { describe, expect, it } from 'vitest';
import { shellOn } from '../shell/test-helpers';

describe('flannel iptables chains', () => {
  it("iptables-save shows FLANNEL-POSTRTG (nat) and FLANNEL-FWD (filter) after kube-proxy's jumps", () => {
    const sh = shellOn();
    const cidr = sh.state.objects.nodes.worker1.spec.podCIDR!;
    const save = sh.run('ssh worker1 iptables-save').stdout.split('\n');
    const nat = save.slice(save.indexOf('*nat'));
    const filter = save.slice(save.indexOf('*filter'), save.indexOf('*nat'));
    expect(nat).toContain(':FLANNEL-POSTRTG - [0:0]');
    expect(filter).toContain(':FLANNEL-FWD - [0:0]');
    expect(nat.filter((l) => l.startsWith('-A POSTROUTING'))).toEqual([
      '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
      '-A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG',
    ]);
    expect(nat.filter((l) => l.startsWith('-A FLANNEL-POSTRTG'))).toEqual([
      '-A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "flanneld masq" -j RETURN',
      `-A FLANNEL-POSTRTG -s ${cidr} -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN`,
      `-A FLANNEL-POSTRTG -s 10.244.0.0/16 -d ${cidr} -m comment --comment "flanneld masq" -j RETURN`,
      `-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d ${cidr} -m comment --comment "flanneld masq" -j RETURN`,
      '-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
      '-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
    ]);
    expect(filter.filter((l) => /^-A (FORWARD|FLANNEL-FWD)/.test(l)).slice(-3)).toEqual([
      '-A FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD',
      '-A FLANNEL-FWD -s 10.244.0.0/16 -m comment --comment "flanneld forward" -j ACCEPT',
      '-A FLANNEL-FWD -d 10.244.0.0/16 -m comment --comment "flanneld forward" -j ACCEPT',
    ]);
    expect(sh.run('ssh worker1 iptables -t nat -L POSTROUTING -n').stdout.split('\n').at(-2)).toBe(
      'FLANNEL-POSTRTG  0    --  0.0.0.0/0            0.0.0.0/0            /* flanneld masq */',
    );
  });

  it('a Pod reaching outside the Pod network is masqueraded by FLANNEL-POSTRTG; Pod-to-Pod and Service traffic is not', () => {
    const sh = shellOn();
    const pod = sh.state.objects.pods['default/busybox'];
    const node = pod.spec.nodeName!;
    const nodeIP = sh.state.objects.nodes[node].status.addresses!.find((a) => a.type === 'InternalIP')!.address;
    const out = sh.run('kubectl exec busybox -- wget -qO- -T 2 http://198.51.100.7/').traces.at(-1)!;
    const masq = out.hops.find((h) => h.chain === 'FLANNEL-POSTRTG');
    expect(masq).toMatchObject({ before: { src: pod.status.podIP }, after: { src: nodeIP } });
    expect(masq!.note).toMatch(/flannel's rule \(FLANNEL-POSTRTG, "flanneld masq"\) masquerades it/);
    // to a Service: DNAT to a Pod IP, which flannel's RETURN rules leave alone
    const svc = sh.run('kubectl exec busybox -- wget -qO- frontend-svc').traces.at(-1)!;
    expect(svc.verdict).toBe('delivered');
    expect(svc.sourceSeen).toBe(pod.status.podIP);
    expect(svc.hops.some((h) => h.chain === 'FLANNEL-POSTRTG')).toBe(false);
  });
});
