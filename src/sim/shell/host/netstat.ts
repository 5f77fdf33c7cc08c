// netstat / ss: the sockets a machine or Pod has open. Since Kubernetes 1.24 (PR #108496) kube-proxy
// no longer holds a listening socket per NodePort, so `netstat -an | grep <nodePort>` finds nothing:
// NodePorts live only in iptables rules (KUBE-NODEPORTS).
import type { ClusterState } from '../../model/state';
import type { Command, Ctx } from '../types';
import { Out, fail } from '../output';
import { listeningPorts } from '../../kubelet/images';
import { fnv1a32 } from '../../lib/hash';
import { nodeIP } from '../../model/facts';

interface Sock {
  proto: 'tcp' | 'tcp6' | 'udp' | 'udp6';
  local: string;
  foreign: string;
  state: string;
  prog: string;
}

const isControlPlane = (s: ClusterState, node: string) =>
  s.objects.nodes[node]?.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;

function nodeSockets(s: ClusterState, node: string): Sock[] {
  const n = s.objects.nodes[node];
  const ip = n ? nodeIP(n) : '127.0.0.1';
  const cp = Object.values(s.objects.nodes).find(
    (x) => x.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined,
  );
  const apiIP = cp ? nodeIP(cp) : ip;
  const port = (k: string) => 32768 + (fnv1a32(node + k) % 28000);
  const l = (proto: Sock['proto'], local: string, prog: string): Sock => ({
    proto,
    local,
    foreign: proto.endsWith('6') ? ':::*' : '0.0.0.0:*',
    state: proto.startsWith('tcp') ? 'LISTEN' : '',
    prog,
  });
  const out: Sock[] = [
    l('tcp', '127.0.0.53:53', '512/systemd-resolve'),
    l('tcp', '127.0.0.54:53', '512/systemd-resolve'),
    l('tcp', '0.0.0.0:22', '1/init'),
    l('tcp', '127.0.0.1:10248', '871/kubelet'),
    l('tcp', '127.0.0.1:10249', '1402/kube-proxy'),
    l('tcp', `127.0.0.1:${port('containerd')}`, '702/containerd'),
  ];
  if (isControlPlane(s, node)) {
    out.push(
      l('tcp', '127.0.0.1:2379', '1123/etcd'),
      l('tcp', `${ip}:2379`, '1123/etcd'),
      l('tcp', `${ip}:2380`, '1123/etcd'),
      l('tcp', '127.0.0.1:2381', '1123/etcd'),
      l('tcp', '127.0.0.1:10257', '1098/kube-controller'),
      l('tcp', '127.0.0.1:10259', '1110/kube-scheduler'),
    );
  }
  for (const p of Object.values(s.objects.pods)) {
    if (!p.spec.hostNetwork || p.spec.nodeName !== node || !s.runtime[p.metadata.uid]?.appUp) continue;
    for (const x of listeningPorts(p))
      out.push(
        l(
          x.protocol === 'UDP' ? 'udp6' : 'tcp6',
          `:::${x.port}`,
          `${2000 + (fnv1a32(p.metadata.name) % 5000)}/${p.spec.containers[0].name.slice(0, 15)}`,
        ),
      );
  }
  out.push(
    {
      proto: 'tcp',
      local: `${ip}:${port('kubelet')}`,
      foreign: `${apiIP}:6443`,
      state: 'ESTABLISHED',
      prog: '871/kubelet',
    },
    {
      proto: 'tcp',
      local: `${ip}:${port('kube-proxy')}`,
      foreign: `${apiIP}:6443`,
      state: 'ESTABLISHED',
      prog: '1402/kube-proxy',
    },
    {
      proto: 'tcp',
      local: `${ip}:22`,
      foreign: `${s.settings.client.ip}:${port('ssh')}`,
      state: 'ESTABLISHED',
      prog: '1931/sshd: root@pts',
    },
    l('tcp6', ':::22', '1/init'),
    l('tcp6', ':::10250', '871/kubelet'),
    l('tcp6', ':::10256', '1402/kube-proxy'),
  );
  // kube-proxy's service health checks (pkg/proxy/healthcheck service_health.go): Go's net.Listen on
  // 0.0.0.0 opens a dual-stack socket; nftables mode's --nodeport-addresses=primary narrows it to the node IP
  const onlyNodeIP = (s.settings.kubeProxy.mode ?? 'iptables') === 'nftables';
  for (const hc of Object.values(s.proxies[node]?.health ?? {}))
    out.push(
      onlyNodeIP ? l('tcp', `${ip}:${hc.port}`, '1402/kube-proxy') : l('tcp6', `:::${hc.port}`, '1402/kube-proxy'),
    );
  if (isControlPlane(s, node)) out.push(l('tcp6', ':::6443', '1087/kube-apiserver'));
  out.push(
    l('udp', '127.0.0.54:53', '512/systemd-resolve'),
    l('udp', '127.0.0.53:53', '512/systemd-resolve'),
    l('udp', `${ip}:68`, '489/systemd-network'),
    l('udp', '0.0.0.0:8472', '-'),
  );
  return out;
}

function podSockets(s: ClusterState, ctx: Ctx): Sock[] {
  const w = ctx.where;
  if (w.kind !== 'pod') return [];
  if (w.pod.spec.hostNetwork && w.pod.spec.nodeName) return nodeSockets(s, w.pod.spec.nodeName);
  if (!s.runtime[w.pod.metadata.uid]?.appUp) return [];
  const out: Sock[] = [];
  for (const x of listeningPorts(w.pod)) {
    const udp = x.protocol === 'UDP';
    out.push({
      proto: udp ? 'udp' : 'tcp',
      local: `:::${x.port}`,
      foreign: ':::*',
      state: udp ? '' : 'LISTEN',
      prog: `1/${w.pod.spec.containers[0].name}`,
    });
  }
  return out;
}

function clientSockets(s: ClusterState): Sock[] {
  return [
    { proto: 'tcp', local: '127.0.0.53:53', foreign: '0.0.0.0:*', state: 'LISTEN', prog: '512/systemd-resolve' },
    { proto: 'tcp', local: '0.0.0.0:22', foreign: '0.0.0.0:*', state: 'LISTEN', prog: '1/init' },
    { proto: 'tcp6', local: ':::22', foreign: ':::*', state: 'LISTEN', prog: '1/init' },
    { proto: 'udp', local: '127.0.0.53:53', foreign: '0.0.0.0:*', state: '', prog: '512/systemd-resolve' },
    { proto: 'udp', local: `${s.settings.client.ip}:68`, foreign: '0.0.0.0:*', state: '', prog: '489/systemd-network' },
  ];
}

const UNIX = `Active UNIX domain sockets (servers and established)
Proto RefCnt Flags       Type       State         I-Node   Path
unix  2      [ ACC ]     STREAM     LISTENING     18211    /run/systemd/private
unix  2      [ ACC ]     STREAM     LISTENING     20461    /run/containerd/containerd.sock.ttrpc
unix  2      [ ACC ]     STREAM     LISTENING     20463    /run/containerd/containerd.sock
unix  2      [ ACC ]     STREAM     LISTENING     23012    /var/lib/kubelet/pod-resources/kubelet.sock
unix  2      [ ACC ]     STREAM     LISTENING     18220    /run/systemd/journal/stdout
`;

/** net-tools netstat: `%-4s  %6d %6d %-23s %-23s %-11s` (busybox's applet prints the same columns). */
export const netstat: Command = (ctx, args) => {
  const f = new Set<string>();
  for (const a of args.slice(1)) {
    if (/^-[a-zA-Z]+$/.test(a)) for (const c of a.slice(1)) f.add(c);
    else if (a === '--all') f.add('a');
    else if (a === '--listening') f.add('l');
    else if (a === '--numeric') f.add('n');
    else if (a === '--tcp') f.add('t');
    else if (a === '--udp') f.add('u');
    else if (a === '--program') f.add('p');
    else
      return fail(
        `netstat: invalid option -- '${a.replace(/^-+/, '')}'\nusage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}`,
        4,
      );
  }
  for (const c of f) if (!'alntupxWeCv'.includes(c)) return fail(`netstat: invalid option -- '${c}'`, 4);
  const w = ctx.where;
  const socks =
    w.kind === 'pod'
      ? podSockets(ctx.state, ctx)
      : w.kind === 'client'
        ? clientSockets(ctx.state)
        : nodeSockets(ctx.state, w.name);
  const both = !f.has('t') && !f.has('u');
  const keep = socks.filter(
    (x) =>
      (both || (f.has('t') && x.proto.startsWith('tcp')) || (f.has('u') && x.proto.startsWith('udp'))) &&
      (f.has('a') ? true : f.has('l') ? x.state === 'LISTEN' || x.proto.startsWith('udp') : x.state === 'ESTABLISHED'),
  );
  const o = new Out();
  const title = f.has('a') ? 'servers and established' : f.has('l') ? 'only servers' : 'w/o servers';
  const prog = f.has('p');
  o.out(`Active Internet connections (${title})\n`);
  o.out(
    `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${prog ? ' PID/Program name    ' : ''}\n`,
  );
  for (const x of keep)
    o.out(
      `${x.proto.padEnd(4)}  ${'0'.padStart(6)} ${'0'.padStart(6)} ${x.local.padEnd(23)} ${x.foreign.padEnd(23)} ${x.state.padEnd(11)}${prog ? ` ${x.prog}` : ''}\n`,
    );
  if (both && (f.has('a') || f.has('x')) && w.kind !== 'pod') o.out(UNIX);
  return o.done(0);
};

/** ss -tlnp / -ltn / -uan: iproute2's socket statistics. */
export const ss: Command = (ctx, args) => {
  const f = new Set<string>();
  for (const a of args.slice(1)) if (/^-[a-zA-Z]+$/.test(a)) for (const c of a.slice(1)) f.add(c);
  const w = ctx.where;
  const socks =
    w.kind === 'pod'
      ? podSockets(ctx.state, ctx)
      : w.kind === 'client'
        ? clientSockets(ctx.state)
        : nodeSockets(ctx.state, w.name);
  const both = !f.has('t') && !f.has('u');
  const keep = socks.filter(
    (x) =>
      (both || (f.has('t') && x.proto.startsWith('tcp')) || (f.has('u') && x.proto.startsWith('udp'))) &&
      (f.has('a')
        ? true
        : f.has('l')
          ? x.state === 'LISTEN' || (f.has('u') && x.proto.startsWith('udp'))
          : x.state === 'ESTABLISHED'),
  );
  const o = new Out();
  const netid = both;
  o.out(
    `${netid ? 'Netid ' : ''}State  Recv-Q Send-Q Local Address:Port  Peer Address:Port${f.has('p') ? 'Process' : ''}\n`,
  );
  for (const x of keep) {
    const v6 = x.proto.endsWith('6') || x.local.startsWith(':::');
    const local = v6 ? `[::]:${x.local.split(':').pop()}` : x.local;
    const peer = x.foreign === ':::*' ? '[::]:*' : x.foreign;
    const st = x.state === 'LISTEN' ? 'LISTEN' : x.state === 'ESTABLISHED' ? 'ESTAB' : 'UNCONN';
    o.out(
      `${netid ? x.proto.replace('6', '').padEnd(6) : ''}${st.padEnd(6)} 0      ${x.state === 'LISTEN' ? '4096' : '0'.padEnd(4)}   ${local.padStart(18)} ${peer.padStart(18)}${f.has('p') ? ` users:(("${x.prog.split('/')[1]}",pid=${x.prog.split('/')[0]},fd=3))` : ''}\n`,
    );
  }
  return o.done(0);
};
