// conntrack on a node as conntrack-tools 1.4.8 prints it (src/conntrack.c; libnetfilter_conntrack
// src/conntrack/snprintf_default.c), over the kernel's timeouts (net/netfilter/nf_conntrack_proto_udp.c
// udp_timeouts and nf_conntrack_udp_packet; nf_conntrack_proto_tcp.c tcp_timeouts).
import { describe, expect, it } from 'vitest';
import { shellOn } from './test-helpers';
import { conntrackWatchStep } from './host/conntrack';
import { watchInterrupted } from './watch';

const PROG = 'conntrack v1.4.8 (conntrack-tools)';

function setup() {
  const sh = shellOn();
  const np = sh.state.objects.services['default/frontend-svc'];
  sh.run(`kubectl patch svc frontend-svc -p '{"spec":{"type":"NodePort"}}'`);
  sh.settle();
  const nodePort = sh.state.objects.services['default/frontend-svc'].spec.ports![0].nodePort!;
  const busyNode = sh.state.objects.pods['default/busybox'].spec.nodeName!;
  void np;
  return { sh, nodePort, busyNode };
}

describe('conntrack', () => {
  it('-p tcp --dport N, -s/-d and the reply tuple filter -L and -C; port options need -p first', () => {
    const { sh, nodePort } = setup();
    sh.run(`ssh client curl -s 10.40.41.12:${nodePort}`);
    sh.run(`ssh client curl -s 10.40.41.12:${nodePort}`);
    const all = sh.run('ssh worker2 conntrack -L');
    const tcp = sh.run(`ssh worker2 conntrack -L -p tcp --dport ${nodePort}`);
    expect(tcp.stdout.trimEnd().split('\n')).toHaveLength(2);
    for (const l of tcp.stdout.trimEnd().split('\n'))
      expect(l).toMatch(
        new RegExp(
          `^tcp {6}6 120 TIME_WAIT src=198\\.51\\.100\\.7 dst=10\\.40\\.41\\.12 sport=\\d+ dport=${nodePort} src=10\\.244\\.\\d+\\.\\d+ dst=\\S+ sport=5000 dport=\\d+ \\[ASSURED\\] mark=0 use=1$`,
        ),
      );
    expect(tcp.stderr).toBe(`${PROG}: 2 flow entries have been shown.\n`);
    expect(all.stdout.split('\n').length).toBeGreaterThanOrEqual(3);
    expect(sh.run(`ssh worker2 conntrack -L -p udp --dport ${nodePort}`)).toMatchObject({
      stdout: '',
      stderr: `${PROG}: 0 flow entries have been shown.\n`,
    });
    expect(sh.run(`ssh worker2 conntrack -C -p tcp --orig-port-dst ${nodePort} -s 198.51.100.7`).stdout).toBe('2\n');
    expect(sh.run(`ssh worker2 conntrack -C -p tcp --reply-port-src 5000`).stdout).toBe('2\n');
    expect(sh.run(`ssh worker2 conntrack -C -p tcp --dport 1`).stdout).toBe('0\n');
    expect(sh.run('ssh worker2 conntrack -C -d 10.40.41.99').stdout).toBe('0\n');
    // libct_proto_tcp registers --dport only once -p tcp was parsed
    expect(sh.run(`ssh worker2 conntrack -L --dport ${nodePort}`)).toMatchObject({
      stderr: `${PROG}: Bad parameter \`--dport'\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`,
      exitCode: 2,
    });
  });

  it('-D deletes the matching entries and prints them; -F empties the table', () => {
    const { sh, nodePort } = setup();
    sh.run(`ssh client curl -s 10.40.41.12:${nodePort}`);
    sh.run('ssh client curl -s 10.40.41.12:30000');
    const before = Number(sh.run('ssh worker2 conntrack -C').stdout);
    const d = sh.run(`ssh worker2 conntrack -D -p tcp --dport ${nodePort}`);
    expect(d.stdout).toMatch(new RegExp(`^tcp {6}6 120 TIME_WAIT .* dport=${nodePort} .*mark=0 use=1\\n$`));
    expect(d.stderr).toBe(`${PROG}: 1 flow entries have been deleted.\n`);
    expect(Number(sh.run('ssh worker2 conntrack -C').stdout)).toBe(before - 1);
    // nothing left to delete: conntrack says so and fails
    expect(sh.run(`ssh worker2 conntrack -D -p tcp --dport ${nodePort}`)).toMatchObject({
      stdout: '',
      stderr: `${PROG}: 0 flow entries have been deleted.\n`,
      exitCode: 1,
    });
    sh.run(`ssh client curl -s 10.40.41.12:${nodePort}`);
    expect(sh.run('ssh worker2 conntrack -F')).toMatchObject({
      stdout: '',
      stderr: `${PROG}: connection tracking table has been emptied.\n`,
      exitCode: 0,
    });
    expect(sh.run('ssh worker2 conntrack -C').stdout).toBe('0\n');
  });

  it('UDP: an answered DNS query and an unanswered datagram both time out after 30 s', () => {
    // nf_conntrack_udp_packet: one request and its answer keep timeouts[UDP_CT_UNREPLIED] (30 s);
    // only a flow still active 2 s after its first reply moves to udp_timeout_stream (120 s) and ASSURED.
    const { sh, busyNode } = setup();
    const dns = sh.state.objects.services['kube-system/kube-dns'].spec.clusterIP!;
    // the db Pod does not listen on UDP: the Service's endpoint answers ICMP port unreachable, not a reply
    sh.run(`kubectl create service clusterip dbu --tcp=6379:6379`);
    sh.run(
      `kubectl patch svc dbu --type=json -p '[{"op":"replace","path":"/spec/ports/0/protocol","value":"UDP"},{"op":"replace","path":"/spec/selector","value":{"app":"db"}}]'`,
    );
    sh.settle();
    const dbu = sh.state.objects.services['default/dbu'].spec.clusterIP!;
    sh.run('kubectl exec busybox -- nslookup frontend-svc');
    sh.run(`kubectl exec busybox -- nc -zu ${dbu} 6379`);
    const answered = sh.run(`ssh ${busyNode} conntrack -L -p udp --dport 53`).stdout.trimEnd().split('\n');
    expect(answered[0]).toMatch(
      new RegExp(
        `^udp {6}17 30 src=10\\.244\\.\\d+\\.\\d+ dst=${dns.replace(/\./g, '\\.')} sport=\\d+ dport=53 src=10\\.244\\.\\d+\\.\\d+ dst=10\\.244\\.\\d+\\.\\d+ sport=53 dport=\\d+ mark=0 use=1$`,
      ),
    );
    const unreplied = sh.run(`ssh ${busyNode} conntrack -L -p udp --dport 6379`).stdout;
    expect(unreplied).toMatch(
      /^udp {6}17 30 src=\S+ dst=\S+ sport=\d+ dport=6379 \[UNREPLIED\] src=.* mark=0 use=1\n$/,
    );
    sh.run('sleep 29');
    expect(sh.run(`ssh ${busyNode} conntrack -C -p udp --dport 53`).stdout).not.toBe('0\n');
    sh.run('sleep 2');
    expect(sh.run(`ssh ${busyNode} conntrack -C -p udp`).stdout).toBe('0\n');
  });

  it('-E streams NEW/UPDATE events for new flows and DESTROY when they go, until Ctrl+C', () => {
    const { sh, nodePort } = setup();
    sh.run(`ssh client curl -s 10.40.41.12:${nodePort}`);
    // on worker2 itself (ssh starts a shell there)
    sh.run('ssh worker2');
    const r = sh.run(`conntrack -E -p tcp --dport ${nodePort}`);
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    const w = r.watch!;
    expect(w.conntrack).toEqual({ node: 'worker2', filter: { proto: 'tcp', dport: nodePort }, shown: 0 });
    // what was already in the table is not replayed
    expect(conntrackWatchStep(sh.state, w).text).toBe('');
    sh.run('exit');
    sh.run(`ssh client curl -s 10.40.41.12:${nodePort}`);
    const step = conntrackWatchStep(sh.state, w);
    const lines = step.text.trimEnd().split('\n');
    expect(step.events).toBe(lines.length);
    // libnetfilter_conntrack __snprintf_msg_type "%9s "; events carry no mark=/use= (ctnetlink_conntrack_event)
    expect(lines.map((l) => l.slice(0, 10) + l.match(/ \d+ (\d+ )?([A-Z_]+ )?src/)![0])).toEqual([
      '    [NEW]  6 120 SYN_SENT src',
      ' [UPDATE]  6 60 SYN_RECV src',
      ' [UPDATE]  6 432000 ESTABLISHED src',
      ' [UPDATE]  6 120 FIN_WAIT src',
      ' [UPDATE]  6 60 CLOSE_WAIT src',
      ' [UPDATE]  6 30 LAST_ACK src',
      ' [UPDATE]  6 120 TIME_WAIT src',
    ]);
    expect(lines[0]).toMatch(
      /^ {4}\[NEW\] tcp {6}6 120 SYN_SENT src=198\.51\.100\.7 .* \[UNREPLIED\] src=\S+ dst=\S+ sport=5000 dport=\d+$/,
    );
    expect(lines[2]).toMatch(/ \[ASSURED\]$/);
    // the next step prints nothing new; after TIME_WAIT's 120 s the entries are destroyed
    const w2 = { ...w, seen: step.seen };
    expect(conntrackWatchStep(sh.state, w2).text).toBe('');
    sh.run('sleep 121');
    const last = conntrackWatchStep(sh.state, w2);
    const gone = last.text.trimEnd().split('\n');
    expect(gone).toHaveLength(2); // the flow from before the watch began too
    expect(last.events).toBe(2);
    expect(gone[0]).toMatch(
      /^\[DESTROY\] tcp {6}6 src=198\.51\.100\.7 dst=10\.40\.41\.12 sport=\d+ dport=\d+ src=\S+ dst=\S+ sport=5000 dport=\d+$/,
    );
  });

  it('Ctrl+C ends -E with the count of events shown, on stderr after the ^C (event_sighandler)', () => {
    const { sh, nodePort } = setup();
    sh.run('ssh worker2');
    const w = sh.run(`conntrack -E -p tcp --dport ${nodePort}`).watch!;
    expect(watchInterrupted(w)).toEqual({ text: `^C${PROG}: 0 flow events have been shown.`, stderr: true });
    expect(watchInterrupted({ ...w, conntrack: { ...w.conntrack!, shown: 7 } })).toEqual({
      text: `^C${PROG}: 7 flow events have been shown.`,
      stderr: true,
    });
    // kubectl get -w (back on master) says nothing as it ends
    sh.run('exit');
    const pods = sh.run('kubectl get pods -w').watch!;
    expect(watchInterrupted(pods)).toEqual({ text: '^C', stderr: false });
  });

  it("a NodePort on the node's own 127.0.0.1 goes through the nfacct-counted localhost rule", () => {
    // proxier.go: "-d 127.0.0.0/8 ... -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-…" first
    const { sh, nodePort } = setup();
    const r = sh.run(`curl -s 127.0.0.1:${nodePort}`);
    expect(r.exitCode).toBe(0);
    const hit = r.traces[0].hops.find((h) => h.chain === 'KUBE-NODEPORTS');
    expect(hit?.rule).toMatchObject({ match: { nfacct: 'localhost_nps_accepted_pkts', dst: { cidr: '127.0.0.0/8' } } });
    expect(r.traces[0].verdict).toBe('delivered');
  });
});
