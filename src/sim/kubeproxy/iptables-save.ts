// `iptables-save` text for a node's tables (iptables v1.8.10, nf_tables backend).
// Formats follow netfilter iptables: iptables/xshared.c (save_rule_details, save_ipv4_addr),
// libxtables/xtables.c (xtables_save_string), extensions/libxt_{comment,tcp,udp,addrtype,statistic,
// recent,mark,conntrack,MARK,REJECT}.c and libxt_NAT.c / libipt_MASQUERADE.c save functions.
import type { NodeTables, Rule, RuleMatch, Table, TableName } from '../model/iptables';
import { intToIp, parseCidr } from '../lib/ip';

export const IPTABLES_VERSION = 'v1.8.10 (nf_tables)';

/** ctime(3) text as iptables-save prints it: "Thu Nov 26 03:33:43 2026". */
function ctime(epoch: number, at: number): string {
  const d = new Date(epoch + at);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number) => String(n).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export interface SaveOptions {
  /** print `--mask 255.255.255.255` in recent matches (iptables before the "no all-ones masks" change) */
  recentMask?: boolean;
}

/** A match "module" as iptables prints it: one -m each, in the order the rule was written. */
export type Module = 'comment' | 'proto' | 'addrtype' | 'statistic' | 'recent' | 'mark' | 'conntrack' | 'nfacct';

const DEFAULT_ORDER: (keyof RuleMatch)[] = [
  'comment',
  'proto',
  'dport',
  'srcTypeLocal',
  'dstTypeLocal',
  'probability',
  'recent',
  'mark',
  'ctstate',
  'nfacct',
];

const MODULE_OF: Partial<Record<keyof RuleMatch, Module>> = {
  comment: 'comment',
  proto: 'proto',
  dport: 'proto',
  srcTypeLocal: 'addrtype',
  dstTypeLocal: 'addrtype',
  probability: 'statistic',
  recent: 'recent',
  mark: 'mark',
  ctstate: 'conntrack',
  nfacct: 'nfacct',
};

const MODULE_BIT: Record<Module, number> = {
  comment: 1,
  proto: 2,
  addrtype: 4,
  statistic: 8,
  recent: 16,
  mark: 32,
  conntrack: 64,
  nfacct: 128,
};

function present(m: RuleMatch, mod: Module, k: keyof RuleMatch): boolean {
  if (mod === 'proto') return m.proto !== undefined;
  if (mod === 'addrtype') return !!(m.srcTypeLocal || m.dstTypeLocal);
  return m[k] !== undefined;
}

/** The -m modules of a rule, in the order written (iptables keeps match order; -s/-d/-p go first). */
export function ruleModules(rule: Rule): Module[] {
  const m = rule.match;
  const out: Module[] = [];
  let seen = 0;
  // the order kube-proxy wrote, then anything it left out
  for (const list of [rule.order ?? DEFAULT_ORDER, DEFAULT_ORDER]) {
    for (const k of list) {
      const mod = MODULE_OF[k];
      if (!mod || seen & MODULE_BIT[mod] || !present(m, mod, k)) continue;
      out.push(mod);
      seen |= MODULE_BIT[mod];
    }
  }
  return out;
}

/** Small bounded memo for pure string formatting that repeats across rules. */
function memo1<A, R>(fn: (a: A) => R, max = 10_000): (a: A) => R {
  const m = new Map<A, R>();
  return (a) => {
    let r = m.get(a);
    if (r === undefined) {
      r = fn(a);
      if (m.size >= max) m.clear();
      m.set(a, r);
    }
    return r;
  };
}

/** iptables keeps the network address and prefix: "10.96.0.1" → "10.96.0.1/32", "10.244.1.0/16" → "10.244.0.0/16". */
export function canonicalCidr(cidr: string): string {
  if (cidr.endsWith('/32')) return cidr; // a host address as the compiler writes it
  return canonicalNet(cidr);
}
const canonicalNet = memo1((cidr: string): string => {
  const c = parseCidr(cidr);
  return `${intToIp(c.base)}/${c.bits}`;
});

/**
 * xt_statistic stores round(p·2³¹) and prints it back with 11 decimals. kube-proxy writes p with 10
 * decimals first ("%0.10f" of 1/n).
 */
export const formatProbability = memo1((p: number): string => {
  const written = Number(p.toFixed(10));
  return (Math.round(written * 0x80000000) / 0x80000000).toFixed(11);
});

const CT_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
/** conntrack prints states from its bit mask, in a fixed order */
export const ctStates = (states: string[]): string =>
  [...states].sort((a, b) => CT_ORDER.indexOf(a) - CT_ORDER.indexOf(b)).join(',');

export const hex = (n: number): string => `0x${n.toString(16)}`;

/** xtables_save_string: bare if only [A-Za-z0-9_-], else double-quoted with " \ ' escaped. */
export const saveString = memo1((v: string): string => {
  if (/^[A-Za-z0-9_-]+$/.test(v)) return v;
  return `"${v.replace(/["\\']/g, (c) => `\\${c}`)}"`;
});

function saveModule(mod: Module, m: RuleMatch, opts: SaveOptions): string {
  switch (mod) {
    case 'comment':
      return ` -m comment --comment ${saveString(m.comment ?? '')}`;
    case 'proto':
      return ` -m ${m.proto}${m.dport !== undefined ? ` --dport ${m.dport}` : ''}`;
    case 'addrtype':
      return ` -m addrtype${m.srcTypeLocal ? ' --src-type LOCAL' : ''}${m.dstTypeLocal ? ' --dst-type LOCAL' : ''}`;
    case 'statistic':
      return ` -m statistic --mode random --probability ${formatProbability(m.probability ?? 1)}`;
    case 'recent': {
      const r = m.recent!;
      const mode = r.mode === 'rcheck' ? ' --rcheck' : ' --set';
      // kube-proxy always adds --reap to its --rcheck --seconds rules
      const secs = r.seconds ? ` --seconds ${r.seconds}${r.mode === 'rcheck' ? ' --reap' : ''}` : '';
      const mask = opts.recentMask === false ? '' : ' --mask 255.255.255.255';
      return ` -m recent${mode}${secs} --name ${r.name}${mask} --rsource`;
    }
    case 'mark': {
      const k = m.mark!;
      const v = k.mask === 0xffffffff ? hex(k.value) : `${hex(k.value)}/${hex(k.mask)}`;
      return ` -m mark${k.neg ? ' !' : ''} --mark ${v}`;
    }
    case 'conntrack':
      return ` -m conntrack${m.ctstateNeg ? ' !' : ''} --ctstate ${ctStates(m.ctstate ?? [])}`;
    case 'nfacct':
      // extensions/libxt_nfacct.c nfacct_save: " --nfacct-name " then xtables_save_string, which writes its
      // own leading space: hence the two spaces
      return ` -m nfacct --nfacct-name  ${saveString(m.nfacct ?? '')}`;
  }
}

function saveTarget(rule: Rule): string {
  const t = rule.target;
  switch (t.kind) {
    case 'jump':
      return ` -j ${t.chain}`;
    case 'DNAT':
      return ` -j DNAT --to-destination ${t.to}`;
    case 'MARK':
      // --or-mark X is stored as --set-xmark X/X, --xor-mark X as --set-xmark X/0x0
      return ` -j MARK --set-xmark ${hex(t.value)}/${hex(t.op === 'or' ? t.value : 0)}`;
    case 'MASQUERADE':
      return ` -j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`;
    case 'REJECT':
      return ' -j REJECT --reject-with icmp-port-unreachable';
    case 'NONE':
      return '';
    default:
      return ` -j ${t.kind}`;
  }
}

function saveBody(rule: Rule, opts: SaveOptions): string {
  const m = rule.match;
  let s = '';
  if (m.src) s += `${m.src.neg ? ' !' : ''} -s ${canonicalCidr(m.src.cidr)}`;
  if (m.dst) s += `${m.dst.neg ? ' !' : ''} -d ${canonicalCidr(m.dst.cidr)}`;
  if (m.proto) s += ` -p ${m.proto}`;
  for (const mod of ruleModules(rule)) s += saveModule(mod, m, opts);
  return s + saveTarget(rule);
}

// Compiled rules are immutable and shared between syncs, so each one's text is rendered once.
const bodies = new WeakMap<Rule, string>();

/** One rule as iptables-save prints it: `-A CHAIN [! -s ..] [! -d ..] [-p ..] -m ... -j ...`. */
export function ruleToSaveLine(chain: string, rule: Rule, opts: SaveOptions = {}): string {
  if (opts.recentMask === false) return `-A ${chain}${saveBody(rule, opts)}`;
  let body = bodies.get(rule);
  if (body === undefined) {
    body = saveBody(rule, opts);
    if (Object.isFrozen(rule)) bodies.set(rule, body);
  }
  return `-A ${chain}${body}`;
}

const BUILTIN_ORDER: Record<string, string[]> = {
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
};

const orders = new WeakMap<Table, { builtins: string[]; user: string[] }>();

/** Built-in chains in the kernel's hook order, then user chains sorted by name. */
export function chainOrder(table: Table): { builtins: string[]; user: string[] } {
  let o = orders.get(table);
  if (!o) {
    o = computeChainOrder(table);
    if (Object.isFrozen(table) && Object.isFrozen(table.rules)) orders.set(table, o);
  }
  return o;
}

function computeChainOrder(table: Table): { builtins: string[]; user: string[] } {
  const canon = BUILTIN_ORDER[table.name] ?? [];
  const builtins = [
    ...canon.filter((c) => c in table.builtin),
    ...Object.keys(table.builtin).filter((c) => !canon.includes(c)),
  ];
  const user = new Set<string>();
  for (const c of table.chains) if (!(c in table.builtin)) user.add(c);
  for (const c of Object.keys(table.rules)) if (!(c in table.builtin)) user.add(c);
  return { builtins, user: [...user].sort() };
}

/** The `-A` lines of a table, grouped by chain in iptables-save's order. */
export function tableSaveLines(table: Table, opts: SaveOptions = {}): string[] {
  const { builtins, user } = chainOrder(table);
  const lines: string[] = [];
  for (const c of [...builtins, ...user]) for (const r of table.rules[c] ?? []) lines.push(ruleToSaveLine(c, r, opts));
  return lines;
}

function saveTable(table: Table, stamp: string, opts: SaveOptions): string {
  const { builtins, user } = chainOrder(table);
  const out = [`# Generated by iptables-save ${IPTABLES_VERSION} on ${stamp}`, `*${table.name}`];
  for (const c of builtins) out.push(`:${c} ${table.builtin[c]} [0:0]`);
  for (const c of user) out.push(`:${c} - [0:0]`);
  out.push(...tableSaveLines(table, opts), 'COMMIT', `# Completed on ${stamp}`);
  return out.join('\n') + '\n';
}

/** kubelet's and kube-proxy's mangle chains (hint and canaries); no rules. */
export const MANGLE: Table = {
  name: 'mangle' as TableName,
  builtin: { PREROUTING: 'ACCEPT', INPUT: 'ACCEPT', FORWARD: 'ACCEPT', OUTPUT: 'ACCEPT', POSTROUTING: 'ACCEPT' },
  chains: ['KUBE-IPTABLES-HINT', 'KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY'],
  rules: {},
};

export interface IptablesSaveOptions extends SaveOptions {
  /** `-t nat` / `-t filter` / `-t mangle`; all tables when absent (mangle, filter, nat: the order an nft host shows) */
  table?: TableName | 'mangle';
  /** ClusterSettings.epoch and the virtual time of the dump, for the header/footer timestamps */
  epoch: number;
  at: number;
}

/** `iptables-save [-t table]` output. */
export function iptablesSave(tables: NodeTables, opts: IptablesSaveOptions): string {
  const stamp = ctime(opts.epoch, opts.at);
  if (opts.table) return saveTable(opts.table === 'mangle' ? MANGLE : tables[opts.table], stamp, opts);
  return [MANGLE, tables.filter, tables.nat].map((t) => saveTable(t, stamp, opts)).join('');
}
