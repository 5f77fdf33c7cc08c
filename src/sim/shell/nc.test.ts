// nc as a learner uses it to check a port, in a busybox Pod (busybox networking/nc_bloaty.c, nc_main:
// "%s (%s) open" with -v; a failure printed with -v unless ECONNREFUSED, which needs -vv) and on the
// Ubuntu machines (netcat-openbsd netcat.c: report_sock "Connection to HOST (IP) PORT port
// [PROTO/SERVICE] succeeded!", warn "connect to %s port %s (%s) failed"). Each connection is a trace.
import { describe, expect, it } from 'vitest';
import { shellOn } from './test-helpers';

describe('nc', () => {
  it('busybox nc -zv: open, the trace returned; a refusal is quiet unless -vv', () => {
    const sh = shellOn();
    const ip = sh.state.objects.services['default/frontend-svc'].spec.clusterIP;
    const ok = sh.run('kubectl exec busybox -- nc -zv frontend-svc 80');
    expect(ok).toMatchObject({ stdout: '', stderr: `frontend-svc (${ip}:80) open\n`, exitCode: 0 });
    expect(ok.traces).toHaveLength(1);
    expect(ok.traces[0]).toMatchObject({ destination: `${ip}:80`, verdict: 'delivered', from: 'pod/default/busybox' });
    // the db Pod listens on 6379 only: its kernel refuses 80
    const dbIP = sh.state.objects.pods['default/db'].status.podIP;
    const quiet = sh.run(`kubectl exec busybox -- nc -zv ${dbIP} 80`);
    expect(quiet.stderr).toBe('command terminated with exit code 1\n');
    expect(quiet.traces[0].verdict).toBe('refused');
    expect(sh.run(`kubectl exec busybox -- nc -zvv ${dbIP} 80`).stderr).toBe(
      `nc: ${dbIP} (${dbIP}:80): Connection refused\ncommand terminated with exit code 1\n`,
    );
    expect(sh.run('kubectl exec busybox -- nc -zv nosuch 80').stderr).toBe(
      "nc: bad address 'nosuch'\ncommand terminated with exit code 1\n",
    );
  });

  it('netcat-openbsd on a node: succeeded with the service name, failed with the reason', () => {
    const sh = shellOn();
    const ip = sh.state.objects.services['default/frontend-svc'].spec.clusterIP!;
    const ok = sh.run(`nc -zv ${ip} 80`);
    expect(ok).toMatchObject({ stderr: `Connection to ${ip} 80 port [tcp/http] succeeded!\n`, exitCode: 0 });
    expect(ok.traces[0].from).toBe('node/master');
    const t0 = sh.state.now;
    const late = sh.run('nc -zv -w 2 10.96.0.250 80');
    expect(late).toMatchObject({
      stderr: 'nc: connect to 10.96.0.250 port 80 (tcp) timed out: Operation now in progress\n',
      exitCode: 1,
    });
    expect(sh.state.now - t0).toBeGreaterThanOrEqual(2000);
    expect(sh.run('nc -zv nosuch 80').stderr).toBe(
      'nc: getaddrinfo for host "nosuch" port 80: Name or service not known\n',
    );
    expect(sh.run('nc -z').exitCode).toBe(1);
  });

  it('the trace command hands its trace over too', () => {
    const sh = shellOn();
    const r = sh.run('trace pod/busybox frontend-svc:80');
    expect(r.traces).toHaveLength(1);
    expect(r.traces[0].verdict).toBe('delivered');
  });

  it('nc -u: a closed UDP port answers ICMP port unreachable; an open one, or silence, looks open', () => {
    // The kernel answers a datagram to a closed port with ICMP port unreachable (net/ipv4/udp.c
    // __udp4_lib_rcv: icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0)), which the next write
    // on the connected socket reports as ECONNREFUSED. busybox nc_bloaty.c udptest (-z): write, wait, write;
    // the refusal is shown only with -vv. netcat-openbsd netcat.c udptest + main ("No info on failed or
    // skipped test"): a refusal prints nothing and exits 1; a success waits UDP_SCAN_TIMEOUT (3 s).
    const sh = shellOn();
    const dbIP = sh.state.objects.pods['default/db'].status.podIP!;
    const dns = sh.state.objects.services['kube-system/kube-dns'].spec.clusterIP!;
    const refused = sh.run(`kubectl exec busybox -- nc -zuv ${dbIP} 53`);
    expect(refused.stderr).toBe('command terminated with exit code 1\n');
    expect(refused.traces[0]).toMatchObject({ proto: 'udp', verdict: 'refused' });
    const last = refused.traces[0].hops.at(-1)!;
    expect(last.note).toMatch(/answers with ICMP port unreachable/);
    expect(last.note).not.toMatch(/TCP reset/);
    expect(sh.run(`kubectl exec busybox -- nc -zuvv ${dbIP} 53`).stderr).toBe(
      `nc: ${dbIP} (${dbIP}:53): Connection refused\ncommand terminated with exit code 1\n`,
    );
    expect(sh.run(`kubectl exec busybox -- nc -zuv ${dns} 53`)).toMatchObject({
      stderr: `${dns} (${dns}:53) open\n`,
      exitCode: 0,
    });
    // netcat-openbsd on a node
    expect(sh.run(`nc -zuv ${dbIP} 53`)).toMatchObject({ stdout: '', stderr: '', exitCode: 1 });
    const t0 = sh.state.now;
    expect(sh.run(`nc -zuv ${dns} 53`)).toMatchObject({
      stderr: `Connection to ${dns} 53 port [udp/domain] succeeded!\n`,
      exitCode: 0,
    });
    expect(sh.state.now - t0).toBe(3000);
    // the node itself: nothing listens on UDP 9999, so its kernel sends ICMP port unreachable
    const local = sh.run('nc -zuv 127.0.0.1 9999');
    expect(local).toMatchObject({ stderr: '', exitCode: 1 });
    expect(local.traces[0].hops.at(-1)!.note).toMatch(/UDP port 9999.*ICMP port unreachable/);
    // TCP is still answered by a reset
    expect(sh.run(`nc -zv ${dbIP} 53`).traces[0].hops.at(-1)!.note).toMatch(/TCP reset/);
  });
});
