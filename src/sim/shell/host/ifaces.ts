// The machines' and Pods' network interfaces, as `ip addr`, `ip route` and `ifconfig` print them.
// A node has lo, ens3 (its address on the machines' LAN), flannel.1 (10.244.N.0/32, the VXLAN
// device), cni0 (10.244.N.1/24, the bridge its Pods hang off) and one veth per Pod.
import type { ClusterState } from '../../model/state';
import type { Pod } from '../../model/types';
import type { CmdResult, Command, Ctx } from '../types';
import { Out, fail, ok } from '../output';
import { hostInCidr, intToIp, isIPv4, parseCidr } from '../../lib/ip';
import { setExternalRoute } from '../../actions';
import { fnv1a32 } from '../../lib/hash';
import { nodeIP } from '../../model/facts';

export interface Iface {
  name: string;
  kind: 'loopback' | 'ether' | 'vxlan' | 'bridge' | 'veth';
  ip?: string;
  prefix?: number;
  mac: string;
  mtu: number;
  /** veth: the Pod's network namespace; pod eth0: the host-side index */
  peer?: string;
  peerIndex?: number;
}

function mac(seed: string, prefix = ''): string {
  const h = fnv1a32(seed);
  const h2 = fnv1a32(seed + '#');
  const all = [(h >>> 24) & 255, (h >>> 16) & 255, (h >>> 8) & 255, h & 255, (h2 >>> 8) & 255, h2 & 255];
  const bytes = prefix
    ? [...prefix.split(':').map((x) => parseInt(x, 16)), ...all.slice(3)]
    : [(all[0] & 0xfe) | 0x02, ...all.slice(1)];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The IPv6 link-local address a MAC gives (EUI-64). */
function linkLocal(m: string): string {
  const b = m.split(':').map((x) => parseInt(x, 16));
  b[0] ^= 0x02;
  const w = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return 'fe80::' + w.map((x) => x.toString(16)).join(':');
}

function podsOn(s: ClusterState, node: string): Pod[] {
  return Object.values(s.objects.pods)
    .filter(
      (p) => p.spec.nodeName === node && !p.spec.hostNetwork && p.status.podIP && s.runtime[p.metadata.uid]?.sandboxUp,
    )
    .sort(
      (a, b) =>
        (s.alloc.podIPs[node]?.used[a.status.podIP!] ?? '').localeCompare(
          s.alloc.podIPs[node]?.used[b.status.podIP!] ?? '',
        ) || a.metadata.creationTimestamp - b.metadata.creationTimestamp,
    );
}

export function nodeIfaces(s: ClusterState, node: string): Iface[] {
  const n = s.objects.nodes[node];
  const podCIDR = n?.spec.podCIDR;
  const list: Iface[] = [
    { name: 'lo', kind: 'loopback', ip: '127.0.0.1', prefix: 8, mac: '00:00:00:00:00:00', mtu: 65536 },
    {
      name: 'ens3',
      kind: 'ether',
      ip: n ? nodeIP(n) : undefined,
      prefix: parseCidr(s.settings.nodeSubnet).bits,
      mac: mac(node + 'ens3', '52:54:00'),
      mtu: 1500,
    },
  ];
  if (podCIDR) {
    list.push({
      name: 'flannel.1',
      kind: 'vxlan',
      ip: intToIp(parseCidr(podCIDR).base),
      prefix: 32,
      mac: mac(node + 'flannel'),
      mtu: 1450,
    });
    list.push({
      name: 'cni0',
      kind: 'bridge',
      ip: hostInCidr(podCIDR, 1),
      prefix: 24,
      mac: mac(node + 'cni0'),
      mtu: 1450,
    });
    for (const p of podsOn(s, node)) {
      list.push({
        name: `veth${fnv1a32(p.metadata.uid).toString(16).padStart(8, '0')}`,
        kind: 'veth',
        mac: mac(p.metadata.uid + 'veth'),
        mtu: 1450,
        peer: `cni-${p.metadata.uid}`,
        peerIndex: 2,
      });
    }
  }
  return list;
}

export function clientIfaces(s: ClusterState): Iface[] {
  return [
    { name: 'lo', kind: 'loopback', ip: '127.0.0.1', prefix: 8, mac: '00:00:00:00:00:00', mtu: 65536 },
    { name: 'eth0', kind: 'ether', ip: s.settings.client.ip, prefix: 24, mac: mac('client', '52:54:00'), mtu: 1500 },
  ];
}

export function podIfaces(s: ClusterState, p: Pod): Iface[] {
  if (p.spec.hostNetwork && p.spec.nodeName) return nodeIfaces(s, p.spec.nodeName);
  const node = p.spec.nodeName ?? '';
  const veths = nodeIfaces(s, node);
  const idx = veths.findIndex((i) => i.peer === `cni-${p.metadata.uid}`);
  return [
    { name: 'lo', kind: 'loopback', ip: '127.0.0.1', prefix: 8, mac: '00:00:00:00:00:00', mtu: 65536 },
    {
      name: 'eth0',
      kind: 'ether',
      ip: p.status.podIP,
      prefix: 24,
      mac: mac(p.metadata.uid + 'eth0'),
      mtu: 1450,
      peerIndex: idx + 1,
    },
  ];
}

export function ifacesOf(ctx: Ctx): Iface[] {
  const w = ctx.where;
  return w.kind === 'pod'
    ? podIfaces(ctx.state, w.pod)
    : w.kind === 'client'
      ? clientIfaces(ctx.state)
      : nodeIfaces(ctx.state, w.name);
}

export function ifaceAddrs(s: ClusterState, node: string): { name: string; ip: string }[] {
  return nodeIfaces(s, node)
    .filter((i) => i.ip)
    .map((i) => ({ name: i.name, ip: i.ip! }));
}

const maskOf = (bits: number): string => intToIp(bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);
const bcastOf = (ip: string, bits: number): string => {
  const c = parseCidr(`${ip}/${bits}`);
  return intToIp(c.base + c.size - 1);
};

function ipAddrBlock(i: Iface, idx: number, inPod: boolean): string {
  const flags = i.kind === 'loopback' ? 'LOOPBACK,UP,LOWER_UP' : 'BROADCAST,MULTICAST,UP,LOWER_UP';
  const name =
    i.kind === 'veth' ? `${i.name}@if${i.peerIndex}` : inPod && i.name === 'eth0' ? `eth0@if${i.peerIndex}` : i.name;
  const qdisc = i.kind === 'ether' && !inPod ? 'fq_codel' : 'noqueue';
  const state = i.kind === 'loopback' || i.kind === 'vxlan' ? 'UNKNOWN' : 'UP';
  const master = i.kind === 'veth' ? ' master cni0' : '';
  const qlen = i.kind === 'loopback' || (i.kind === 'ether' && !inPod) || i.kind === 'bridge' ? ' qlen 1000' : ' ';
  let s = `${idx}: ${name}: <${flags}> mtu ${i.mtu} qdisc ${qdisc}${master} state ${state} group default${qlen}\n`;
  if (i.kind === 'loopback') s += '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';
  else
    s += `    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff${i.kind === 'veth' ? ` link-netns ${i.peer}` : inPod ? ' link-netnsid 0' : ''}\n`;
  if (i.kind === 'ether' && !inPod) s += '    altname enp0s3\n';
  if (i.ip) {
    if (i.kind === 'loopback')
      s += `    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n`;
    else if (i.kind === 'ether' && !inPod)
      s += `    inet ${i.ip}/${i.prefix} metric 100 brd ${bcastOf(i.ip, i.prefix!)} scope global dynamic ${i.name}\n       valid_lft 85467sec preferred_lft 85467sec\n`;
    else if (i.kind === 'vxlan')
      s += `    inet ${i.ip}/32 scope global ${i.name}\n       valid_lft forever preferred_lft forever\n`;
    else
      s += `    inet ${i.ip}/${i.prefix} brd ${bcastOf(i.ip, i.prefix!)} scope global ${i.name}\n       valid_lft forever preferred_lft forever\n`;
  }
  s +=
    i.kind === 'loopback'
      ? '    inet6 ::1/128 scope host noprefixroute \n       valid_lft forever preferred_lft forever\n'
      : `    inet6 ${linkLocal(i.mac)}/64 scope link \n       valid_lft forever preferred_lft forever\n`;
  return s;
}

/**
 * The client's host routes for external IPs: the administrator's routes (cluster settings), which send
 * an address that Kubernetes does not manage (spec.externalIPs) to a node. The node is on another
 * network than the client, so the gateway is reached "onlink" (iproute2: ip route add ADDR via GW dev eth0 onlink).
 */
function externalRoutes(ctx: Ctx): string {
  const s = ctx.state;
  return s.settings.externalRoutes
    .filter((r) => s.objects.nodes[r.node])
    .map((r) => `${r.ip} via ${nodeIP(s.objects.nodes[r.node])} dev eth0 onlink \n`)
    .join('');
}

/** ip route add|replace|del ADDR[/32] [via GW] [dev eth0] [onlink], on the client: the administrator's route. */
function routeChange(ctx: Ctx, words: string[]): CmdResult {
  const [verb, ...args] = words;
  const s = ctx.state;
  const add = verb === 'add' || verb === 'a' || verb === 'replace' || verb === 'change' || verb === 'append';
  const del = verb === 'del' || verb === 'delete' || verb === 'd';
  if (!add && !del && verb !== 'flush') return fail(`Command "${verb}" is unknown, try "ip route help".`, 255);
  if (ctx.where.kind === 'pod' && !ctx.where.pod.spec.hostNetwork)
    return fail('RTNETLINK answers: Operation not permitted', 2);
  if (ctx.where.kind !== 'client')
    return fail(
      "Error: the playground's nodes keep their routes; the administrator's routes for external IPs are on the client (ip route add ADDR via NODE_IP dev eth0 onlink)",
      2,
    );
  const dst = (args[0] ?? '').replace(/\/32$/, '');
  if (!dst) return fail('Error: either "to" is duplicate, or "" is a garbage.', 255);
  if (!isIPv4(dst)) return fail(`Error: any valid prefix is expected rather than "${args[0]}".`, 1);
  const current = s.settings.externalRoutes.find((r) => r.ip === dst && s.objects.nodes[r.node]);
  if (del) {
    if (!current) return fail('RTNETLINK answers: No such process', 2);
    setExternalRoute(s, dst, null);
    return ok('');
  }
  const via = args[args.indexOf('via') + 1];
  if (!args.includes('via') || !via) return fail('Error: Device for nexthop is not up.', 2);
  if (!isIPv4(via)) return fail(`Error: inet address is expected rather than "${via}".`, 1);
  const node = Object.values(s.objects.nodes).find((n) => nodeIP(n) === via);
  if (!args.includes('onlink') || !node) return fail('Error: Nexthop has invalid gateway.', 2);
  if (current && verb !== 'replace' && verb !== 'change') return fail('RTNETLINK answers: File exists', 2);
  setExternalRoute(s, dst, node.metadata.name);
  return ok('');
}

function routes(ctx: Ctx): string {
  const s = ctx.state;
  const w = ctx.where;
  if (w.kind === 'pod') {
    const gw = hostInCidr(s.objects.nodes[w.pod.spec.nodeName ?? '']?.spec.podCIDR ?? '0.0.0.0/24', 1);
    const net = s.objects.nodes[w.pod.spec.nodeName ?? '']?.spec.podCIDR ?? '';
    return `default via ${gw} dev eth0 \n${s.settings.podSubnet} via ${gw} dev eth0 \n${net} dev eth0 scope link  src ${w.pod.status.podIP} \n`;
  }
  if (w.kind === 'client') {
    const ip = s.settings.client.ip;
    return `default via ${hostInCidr(`${ip}/24`, 1)} dev eth0 proto dhcp src ${ip} metric 100 \n${externalRoutes(ctx)}${intToIp(parseCidr(`${ip}/24`).base)}/24 dev eth0 proto kernel scope link src ${ip} metric 100 \n`;
  }
  const n = s.objects.nodes[w.name];
  const ip = n ? nodeIP(n) : '';
  const gw = hostInCidr(s.settings.nodeSubnet, 1);
  let out = `default via ${gw} dev ens3 proto dhcp src ${ip} metric 100 \n${s.settings.nodeSubnet} dev ens3 proto kernel scope link src ${ip} metric 100 \n${gw} dev ens3 proto dhcp scope link src ${ip} metric 100 \n`;
  const nodes = Object.values(s.objects.nodes)
    .filter((x) => x.spec.podCIDR)
    .sort((a, b) => parseCidr(a.spec.podCIDR!).base - parseCidr(b.spec.podCIDR!).base);
  for (const o of nodes) {
    const cidr = o.spec.podCIDR!;
    if (o.metadata.name === w.name) out += `${cidr} dev cni0 proto kernel scope link src ${hostInCidr(cidr, 1)} \n`;
    else out += `${cidr} via ${intToIp(parseCidr(cidr).base)} dev flannel.1 onlink \n`;
  }
  return out;
}

export const ip: Command = (ctx, args) => {
  const a = args.slice(1).filter((x) => !/^-(4|6|c|color|d|details|s|stats)$/.test(x) && !x.startsWith('-c'));
  const only4 = args.includes('-4');
  const brief = args.includes('-br') || args.includes('-brief');
  const obj = a.filter((x) => !x.startsWith('-'))[0] ?? '';
  const rest = a
    .filter((x) => !x.startsWith('-'))
    .slice(1)
    .filter((x) => x !== 'show' && x !== 'list' && x !== 'dev');
  const inPod = ctx.where.kind === 'pod' && !ctx.where.pod.spec.hostNetwork;
  if (!obj)
    return fail(
      'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }',
      255,
    );
  if ('address'.startsWith(obj) || obj === 'a') {
    const list = ifacesOf(ctx);
    const pick = rest[0];
    if (pick && !list.some((i) => i.name === pick)) return fail(`Device "${pick}" does not exist.`);
    const o = new Out();
    list.forEach((i, k) => {
      if (pick && i.name !== pick) return;
      if (brief) {
        const name =
          inPod && i.name === 'eth0'
            ? `eth0@if${i.peerIndex}`
            : i.kind === 'veth'
              ? `${i.name}@if${i.peerIndex}`
              : i.name;
        o.out(
          `${name.padEnd(16)} ${(i.kind === 'loopback' || i.kind === 'vxlan' ? 'UNKNOWN' : 'UP').padEnd(14)} ${i.ip ? `${i.ip}/${i.prefix} ` : ''}${only4 || i.kind === 'vxlan' ? '' : i.kind === 'loopback' ? '::1/128 ' : `${linkLocal(i.mac)}/64 `}\n`,
        );
        return;
      }
      let block = ipAddrBlock(i, k + 1, inPod);
      if (only4)
        block = block
          .replace(/ {4}link\/.*\n/, '')
          .replace(/ {4}altname.*\n/, '')
          .replace(/ {4}inet6[^\n]*\n[^\n]*\n/, '');
      if (only4 && !i.ip) return;
      o.out(block);
    });
    return o.done(0);
  }
  if ('route'.startsWith(obj) || obj === 'r') {
    const verb = rest[0];
    if (verb === undefined || verb === 'get') return ok(routes(ctx));
    return routeChange(ctx, a.filter((x) => !x.startsWith('-')).slice(1));
  }
  if ('link'.startsWith(obj) || obj === 'l') {
    return ok(
      ifacesOf(ctx)
        .map(
          (i, k) =>
            ipAddrBlock(i, k + 1, inPod)
              .split('\n')
              .slice(0, i.kind === 'ether' && !inPod ? 3 : 2)
              .join('\n') + '\n',
        )
        .join(''),
    );
  }
  return fail(`Object "${obj}" is unknown, try "ip help".`, 255);
};

function ifconfigBlock(i: Iface, busybox: boolean): string {
  if (busybox) {
    const enc = i.kind === 'loopback' ? 'Local Loopback' : `Ethernet  HWaddr ${i.mac.toUpperCase()}`;
    let s = `${i.name.padEnd(10)}Link encap:${enc}  \n`;
    if (i.ip)
      s += `          inet addr:${i.ip}${i.kind === 'loopback' ? '' : `  Bcast:${bcastOf(i.ip, i.prefix!)}`}  Mask:${maskOf(i.prefix!)}\n`;
    s += `          ${i.kind === 'loopback' ? 'UP LOOPBACK RUNNING' : 'UP BROADCAST RUNNING MULTICAST'}  MTU:${i.mtu}  Metric:1\n`;
    s +=
      '          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n';
    s += `          collisions:0 txqueuelen:1000 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n`;
    return s;
  }
  const flags = i.kind === 'loopback' ? '73<UP,LOOPBACK,RUNNING>' : '4163<UP,BROADCAST,RUNNING,MULTICAST>';
  let s = `${i.name}: flags=${flags}  mtu ${i.mtu}\n`;
  if (i.ip)
    s += `        inet ${i.ip}  netmask ${maskOf(i.prefix!)}${i.kind === 'loopback' ? '' : `  broadcast ${i.kind === 'vxlan' ? '0.0.0.0' : bcastOf(i.ip, i.prefix!)}`}\n`;
  s +=
    i.kind === 'loopback'
      ? '        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n        loop  txqueuelen 1000  (Local Loopback)\n'
      : `        inet6 ${linkLocal(i.mac)}  prefixlen 64  scopeid 0x20<link>\n        ether ${i.mac}  txqueuelen ${i.kind === 'vxlan' || i.kind === 'veth' ? 0 : 1000}  (Ethernet)\n`;
  s +=
    '        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n';
  return s;
}

export const ifconfig: Command = (ctx, args) => {
  const busybox = ctx.where.kind === 'pod';
  const list = ifacesOf(ctx).filter((i) => !busybox || i.name !== 'lo' || true);
  const pick = args[1] && !args[1].startsWith('-') ? args[1] : undefined;
  if (pick && !list.some((i) => i.name === pick))
    return fail(
      busybox
        ? `ifconfig: ${pick}: error fetching interface information: Device not found`
        : `${pick}: error fetching interface information: Device not found`,
    );
  const sorted = busybox
    ? [...list.filter((i) => i.name !== 'lo'), ...list.filter((i) => i.name === 'lo')]
    : [...list].sort((a, b) => (a.name < b.name ? -1 : 1));
  return ok(
    sorted
      .filter((i) => !pick || i.name === pick)
      .map((i) => ifconfigBlock(i, busybox))
      .join(''),
  );
};
