// `iptables [-t table] -L [CHAIN] -n [--line-numbers]` output (iptables v1.8.10).
// Layout from netfilter iptables iptables/xshared.c (print_header, print_rule_details, print_fragment,
// print_ipv4_addresses) and the extensions' print functions (libxt_comment, libxt_tcp/udp, libxt_addrtype,
// libxt_statistic, libxt_recent, libxt_mark, libxt_conntrack, libxt_MARK, libxt_NAT, libipt_MASQUERADE,
// libipt_REJECT).
import type { NodeTables, Rule, RuleMatch, Table, TableName } from '../model/iptables';
import { canonicalCidr, chainOrder, ctStates, formatProbability, hex, ruleModules, type Module } from './iptables-save';

export interface ListOptions {
  /** -t; filter by default, as iptables */
  table?: TableName;
  /** list only this chain */
  chain?: string;
  lineNumbers?: boolean;
  /**
   * Print the protocol column as a number ("6" for tcp, "0" for all). Upstream iptables 1.8.9–1.8.10
   * did this with -n (reverted in 1.8.11; Debian's 1.8.10 carries the revert). Default: names.
   */
  numericProto?: boolean;
  /** print " mask: 255.255.255.255" in recent matches (see SaveOptions.recentMask) */
  recentMask?: boolean;
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));

const PROTO_NUM: Record<string, string> = { all: '0', tcp: '6', udp: '17', sctp: '132' };

/** -n address: no "/32", "0.0.0.0/0" for any */
function addr(a: RuleMatch['src']): string {
  if (!a) return '0.0.0.0/0';
  const c = canonicalCidr(a.cidr);
  return c.endsWith('/32') ? c.slice(0, -3) : c;
}

function targetName(rule: Rule): string {
  const t = rule.target;
  if (t.kind === 'jump') return t.chain;
  return t.kind === 'NONE' ? '' : t.kind;
}

function printModule(mod: Module, m: RuleMatch, opts: ListOptions): string {
  switch (mod) {
    case 'comment':
      return ` /* ${m.comment ?? ''} */`;
    case 'proto':
      return ` ${m.proto}${m.dport !== undefined ? ` dpt:${m.dport}` : ''}`;
    case 'addrtype':
      return ` ADDRTYPE match${m.srcTypeLocal ? ' src-type LOCAL' : ''}${m.dstTypeLocal ? ' dst-type LOCAL' : ''}`;
    case 'statistic':
      return ` statistic mode random probability ${formatProbability(m.probability ?? 1)}`;
    case 'recent': {
      const r = m.recent!;
      const mode = r.mode === 'rcheck' ? ' CHECK' : ' SET';
      const secs = r.seconds ? ` seconds: ${r.seconds}${r.mode === 'rcheck' ? ' reap' : ''}` : '';
      const mask = opts.recentMask === false ? '' : ' mask: 255.255.255.255';
      return ` recent:${mode}${secs} name: ${r.name} side: source${mask}`;
    }
    case 'mark': {
      const k = m.mark!;
      const v = k.mask === 0xffffffff ? hex(k.value) : `${hex(k.value)}/${hex(k.mask)}`;
      return ` mark match${k.neg ? ' !' : ''} ${v}`;
    }
    case 'conntrack':
      return `${m.ctstateNeg ? ' !' : ''} ctstate ${ctStates(m.ctstate ?? [])}`;
    case 'nfacct':
      // libxt_nfacct.c nfacct_print: " nfacct-name " and xtables_save_string's own leading space
      return ` nfacct-name  ${m.nfacct ?? ''}`;
  }
}

function printTarget(rule: Rule): string {
  const t = rule.target;
  switch (t.kind) {
    case 'DNAT':
      return ` to:${t.to}`;
    case 'MARK':
      return ` MARK ${t.op} ${hex(t.value)}`;
    case 'MASQUERADE':
      return t.randomFully ? ' random-fully' : '';
    case 'REJECT':
      return ' reject-with icmp-port-unreachable';
    default:
      return '';
  }
}

/** One rule as `iptables -L -n` prints it (without the line number). */
export function ruleToListLine(rule: Rule, opts: ListOptions = {}): string {
  const m = rule.match;
  const proto = m.proto ?? 'all';
  let s = pad(targetName(rule), 9) + ' ';
  s += ' ' + pad(opts.numericProto ? PROTO_NUM[proto] : proto, 4) + ' ';
  s += '-- ';
  s += (m.src?.neg ? '!' : ' ') + pad(addr(m.src), 19) + ' ';
  s += (m.dst?.neg ? '!' : ' ') + pad(addr(m.dst), 19) + ' ';
  for (const mod of ruleModules(rule)) s += printModule(mod, m, opts);
  return s + printTarget(rule);
}

function references(table: Table, chain: string): number {
  let n = 0;
  for (const rules of Object.values(table.rules))
    for (const r of rules) if (r.target.kind === 'jump' && r.target.chain === chain) n++;
  return n;
}

function listChain(table: Table, chain: string, opts: ListOptions): string[] {
  const header =
    chain in table.builtin
      ? `Chain ${chain} (policy ${table.builtin[chain]})`
      : `Chain ${chain} (${references(table, chain)} references)`;
  const cols = `${opts.lineNumbers ? 'num  ' : ''}target     prot opt source               destination         `;
  const lines = [header, cols];
  (table.rules[chain] ?? []).forEach((r, i) => {
    lines.push((opts.lineNumbers ? pad(String(i + 1), 4) + ' ' : '') + ruleToListLine(r, opts));
  });
  return lines;
}

/** `iptables -t <table> -L [chain] -n [--line-numbers]`. */
export function iptablesList(tables: NodeTables, opts: ListOptions = {}): CommandOutput {
  const table = tables[opts.table ?? 'filter'];
  const { builtins, user } = chainOrder(table);
  const all = [...builtins, ...user];
  if (opts.chain !== undefined && !all.includes(opts.chain)) {
    return { stdout: '', stderr: 'iptables: No chain/target/match by that name.\n', exitCode: 1 };
  }
  const chains = opts.chain !== undefined ? [opts.chain] : all;
  // chains are separated by one blank line
  const text = chains.map((c) => listChain(table, c, opts).join('\n')).join('\n\n');
  return { stdout: text + '\n', stderr: '', exitCode: 0 };
}
