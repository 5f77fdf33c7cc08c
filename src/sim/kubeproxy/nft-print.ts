// nftables objects as text, two ways: as `nft list …` prints them (nft 1.0.6, the version on a kind
// node: tabs, one blank line between objects, elements wrapped as nft's calculate_delim does,
// anonymous interval sets sorted and merged, priorities by name) and as kube-proxy writes them into
// its `nft -f` transaction (knftables: `add rule ip kube-proxy CHAIN …`), the form upstream's
// proxier_test.go expects.
import type { NftChain, NftElement, NftRule, NftSet, NftStmt, NftTable, NftVerdict } from '../model/nftables';
import { ipToInt, intToIp } from '../lib/ip';

export type Flavor = 'list' | 'add';

const hex8 = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

export function verdictText(v: NftVerdict): string {
  return v.k === 'jump' || v.k === 'goto' ? `${v.k} ${v.chain}` : v.k;
}

/** An anonymous interval set as nft lists it: sorted, overlapping and adjacent ranges merged. */
export function intervalSetText(cidrs: string[]): string[] {
  const ranges = cidrs
    .map((c) => {
      const [ip, bits = '32'] = c.split('/');
      const b = Number(bits);
      const start = ipToInt(ip) >>> 0;
      const size = b === 0 ? 2 ** 32 : 2 ** (32 - b);
      const s = Math.floor(start / size) * size;
      return [s, s + size - 1] as [number, number];
    })
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: string[] = [];
  for (const [s, e] of merged) {
    // split into the largest aligned prefixes, as nft prints a range that is one prefix as a CIDR
    const size = e - s + 1;
    const bits = Math.log2(size);
    if (Number.isInteger(bits) && s % size === 0) out.push(bits === 0 ? intToIp(s) : `${intToIp(s)}/${32 - bits}`);
    else out.push(`${intToIp(s)}-${intToIp(e)}`);
  }
  return out;
}

export function stmtText(s: NftStmt, f: Flavor): string {
  switch (s.k) {
    case 'ctNew':
      return 'ct state new';
    case 'addr': {
      const op = s.neg ? '!= ' : '';
      let v: string;
      if (f === 'add') v = s.anon ? `{ ${s.cidrs.join(' , ')} }` : s.cidrs[0];
      else {
        const items = s.anon ? intervalSetText(s.cidrs) : s.cidrs;
        v = items.length === 1 ? items[0] : `{ ${items.join(', ')} }`;
      }
      return `${s.v6 ? 'ip6' : 'ip'} ${s.field} ${op}${v}`;
    }
    case 'inSet':
      return `${s.v6 ? 'ip6' : 'ip'} ${s.field} @${s.set}`;
    case 'fibLocal':
      return `fib ${s.field} type local`;
    case 'l4proto':
      return `meta l4proto ${s.proto}`;
    case 'dport':
      return `${s.proto} dport ${s.port}`;
    case 'vmap':
      return s.key === 'addr'
        ? `${s.v6 ? 'ip6' : 'ip'} daddr . meta l4proto . th dport vmap @${s.map}`
        : `meta l4proto . th dport vmap @${s.map}`;
    case 'numgen': {
      const sep = f === 'add' ? ' , ' : ', ';
      return `numgen random mod ${s.chains.length} vmap { ${s.chains.map((c, i) => `${i} : goto ${c}`).join(sep)} }`;
    }
    case 'mark':
      return f === 'add'
        ? `mark set mark ${s.op} 0x${s.value.toString(16)}`
        : `meta mark set meta mark ${s.op === 'or' ? '|' : '^'} ${hex8(s.value)}`;
    case 'markZero':
      return f === 'add' ? `mark and 0x${s.value.toString(16)} == 0` : `meta mark & ${hex8(s.value)} == ${hex8(0)}`;
    case 'masquerade':
      return 'masquerade fully-random';
    case 'dnat':
      return `dnat to ${s.to}`;
    case 'update':
      return `update @${s.set} { ip saddr }`;
    case 'verdict':
      return verdictText(s.v);
  }
}

export function ruleText(r: NftRule, f: Flavor = 'list'): string {
  const body = r.stmts.map((s) => stmtText(s, f)).join(' ');
  return r.comment ? `${body} comment "${r.comment}"` : body;
}

// nft prints a standard priority by name when the hook allows it (nft 1.0.6 allows dstnat only at
// prerouting and srcnat only at postrouting), within 10 of it as "name + n" / "name - n".
const STD_PRIOS: [string, number, string[] | null][] = [
  ['raw', -300, null],
  ['mangle', -150, null],
  ['dstnat', -100, ['prerouting']],
  ['filter', 0, null],
  ['security', 50, null],
  ['srcnat', 100, ['postrouting']],
];
export function priorityText(prio: number, hook: string): string {
  for (const [name, val, hooks] of STD_PRIOS) {
    if (hooks && !hooks.includes(hook)) continue;
    const d = prio - val;
    if (d === 0) return name;
    if (Math.abs(d) <= 10) return `${name} ${d > 0 ? '+' : '-'} ${Math.abs(d)}`;
  }
  return String(prio);
}

/** nft's time_print: 10800 s → "3h", 3601 s → "1h1s". */
export function durationText(sec: number): string {
  let s = sec;
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  let out = '';
  if (d) out += `${d}d`;
  if (h) out += `${h}h`;
  if (m) out += `${m}m`;
  if (s || !out) out += `${s}s`;
  return out;
}

export function elementText(e: NftElement): string {
  let t = e.key.join(' . ');
  if (e.comment) t += ` comment "${e.comment}"`;
  if (e.value) t += ` : ${verdictText(e.value)}`;
  return t;
}

const NL = ',\n\t\t\t     ';

const PROTO_NUMBER: Record<string, number> = { tcp: 6, udp: 17, sctp: 132 };

/** One key field as the kernel stores it: a 4-byte register, the value in network byte order. */
function fieldBytes(type: string, v: string): number[] {
  if (type === 'ipv4_addr') return v.split('.').map(Number);
  if (type === 'inet_proto') return [PROTO_NUMBER[v] ?? Number(v), 0, 0, 0];
  const n = Number(v);
  return [(n >> 8) & 255, n & 255, 0, 0];
}

/**
 * nft's listing order of a set's elements (nft sorts what it reads back from the kernel, whatever the
 * set's backend): a single address in address order; a concatenation by its key bytes (each field
 * padded to a 4-byte register) taken as one little-endian number, so the last field's bytes weigh
 * most: service-ips lists by port, then protocol, then the address's last octet. Checked against
 * nft 1.0.6 itself (golden/map-order.txt).
 */
export function elementOrderKey(setType: string, key: readonly string[]): string {
  const types = setType.split(' : ')[0].split(' . ');
  const bytes = key.flatMap((v, i) => fieldBytes(types[i] ?? '', v));
  if (types.length > 1) bytes.reverse();
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16);
  return out;
}

function elementsText(set: NftSet): string {
  const els = set.elements
    .map((e) => [elementOrderKey(set.type, e.key), e] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, e]) => e);
  const parts = els.map((e) => elementText(e));
  const newlineEach = set.map || set.elements.some((e) => e.comment) || set.type.includes(' . ');
  let out = '{ ';
  parts.forEach((p, i) => {
    if (i > 0) out += newlineEach ? NL : i % 2 === 0 ? NL : ', ';
    out += p;
  });
  return out + ' }';
}

export function setText(set: NftSet): string {
  let out = `\t${set.map ? 'map' : 'set'} ${set.name} {\n\t\ttype ${set.type}\n`;
  if (set.timeoutSec !== undefined) {
    out += `\t\tsize 65535\n\t\tflags dynamic,timeout\n\t\ttimeout ${durationText(set.timeoutSec)}\n`;
  }
  if (set.comment) out += `\t\tcomment "${set.comment}"\n`;
  if (set.elements.length) out += `\t\telements = ${elementsText(set)}\n`;
  return out + '\t}\n';
}

export function chainText(c: NftChain): string {
  let out = `\tchain ${c.name} {\n`;
  if (c.base)
    out += `\t\ttype ${c.base.type} hook ${c.base.hook} priority ${priorityText(c.base.priority, c.base.hook)}; policy accept;\n`;
  if (c.comment) out += `\t\tcomment "${c.comment}"\n`;
  for (const r of c.rules) out += `\t\t${ruleText(r)}\n`;
  return out + '\t}\n';
}

/** `nft list table ip kube-proxy` */
export function listTable(t: NftTable): string {
  const objs = [...t.sets.map(setText), ...t.chains.map(chainText)];
  let out = `table ${t.family} ${t.name} {\n`;
  if (t.comment) out += `\tcomment "${t.comment}"\n`;
  out += objs.join('\n');
  return out + '}\n';
}

/** `nft list ruleset`: every table, in the order they were created. */
export const listRuleset = (tables: readonly NftTable[]): string => tables.map(listTable).join('');

/** `nft list chain ip kube-proxy NAME` / `nft list set|map ip kube-proxy NAME`; null when there is none. */
export function listChain(t: NftTable, name: string): string | null {
  const c = t.chains.find((x) => x.name === name);
  return c ? `table ${t.family} ${t.name} {\n${chainText(c)}}\n` : null;
}
export function listSet(t: NftTable, name: string, map: boolean): string | null {
  const s = t.sets.find((x) => x.name === name && x.map === map);
  return s ? `table ${t.family} ${t.name} {\n${setText(s)}}\n` : null;
}

// ---- kube-proxy's transaction form (knftables) ----

const P = (t: NftTable): string => `${t.family} ${t.name}`;

export function addChainLine(t: NftTable, c: NftChain): string {
  const opts: string[] = [];
  if (c.base) opts.push(`type ${c.base.type} hook ${c.base.hook} priority ${c.base.priority}`);
  if (c.comment) opts.push(`comment "${c.comment}"`);
  return `add chain ${P(t)} ${c.name}${opts.length ? ` { ${opts.join(' ; ')} ; }` : ''}`;
}
export function addSetLine(t: NftTable, s: NftSet): string {
  const opts = [`type ${s.type}`];
  if (s.timeoutSec !== undefined) opts.push('flags dynamic,timeout', `timeout ${s.timeoutSec}s`);
  if (s.comment) opts.push(`comment "${s.comment}"`);
  return `add ${s.map ? 'map' : 'set'} ${P(t)} ${s.name} { ${opts.join(' ; ')} ; }`;
}
export const addRuleLine = (t: NftTable, chain: string, r: NftRule): string =>
  `add rule ${P(t)} ${chain} ${ruleText(r, 'add')}`;
export const addElementLine = (t: NftTable, set: string, e: NftElement): string =>
  `add element ${P(t)} ${set} { ${elementText(e)} }`;

/** The whole table as `add …` lines (what a full sync's transaction leaves behind). */
export function tableAddLines(t: NftTable): string[] {
  const out = [`add table ${P(t)}${t.comment ? ` { comment "${t.comment}" ; }` : ''}`];
  for (const s of t.sets) out.push(addSetLine(t, s));
  for (const c of t.chains) out.push(addChainLine(t, c));
  for (const c of t.chains) for (const r of c.rules) out.push(addRuleLine(t, c.name, r));
  for (const s of t.sets) for (const e of s.elements) out.push(addElementLine(t, s.name, e));
  return out;
}
