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
  /**
   * -v: packet and byte counters before each rule and in each policy line, the in/out interface columns.
   * `counts` gives a rule's [packets, bytes], `policy` a built-in chain's.
   */
  verbose?: {
    counts: (chain: string, rule: Rule) => [number, number];
    policy: (chain: string) => [number, number];
    /** -x: exact numbers instead of K/M/G */
    exact?: boolean;
    /** -n: "*" for any interface (else "any") */
    numeric?: boolean;
  };
}

/**
 * libxtables/xtables.c xtables_print_num: "%8llu " with -x; else up to 99999 as "%5llu ", then
 * rounded thousands "%4lluK ", millions "M", and so on. In a policy line (FMT_NOTABLE) without padding.
 */
export function printNum(n: number, exact: boolean, table = true): string {
  if (exact) return table ? `${String(n).padStart(8)} ` : `${n} `;
  if (n <= 99999) return table ? `${String(n).padStart(5)} ` : `${n} `;
  let v = n;
  for (const unit of ['K', 'M', 'G']) {
    v = Math.floor((v + 500) / 1000);
    if (v <= 9999) return table ? `${String(v).padStart(4)}${unit} ` : `${v}${unit} `;
  }
  v = Math.floor((v + 500) / 1000);
  return table ? `${String(v).padStart(4)}T ` : `${v}T `;
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
export function ruleToListLine(rule: Rule, opts: ListOptions = {}, chain = ''): string {
  const m = rule.match;
  const proto = m.proto ?? 'all';
  // iptables/xshared.c print_rule_details: counters, target, protocol, fragment flags; print_ifaces
  let s = '';
  const v = opts.verbose;
  if (v) {
    const [pk, by] = v.counts(chain, rule);
    s += printNum(pk, !!v.exact) + printNum(by, !!v.exact);
  }
  s += pad(targetName(rule), 9) + ' ';
  s += ' ' + pad(opts.numericProto ? PROTO_NUM[proto] : proto, 4) + ' ';
  s += '-- ';
  if (v) {
    const any = v.numeric ? '*' : 'any';
    s += ` ${pad(any, 6)} ${pad(any, 6)} `;
  }
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
  // iptables/xshared.c print_header
  const v = opts.verbose;
  let policy = `policy ${table.builtin[chain]}`;
  if (v) {
    const [pk, by] = v.policy(chain);
    policy += ` ${printNum(pk, !!v.exact, false)}packets, ${printNum(by, !!v.exact, false)}bytes`;
  }
  const header =
    chain in table.builtin ? `Chain ${chain} (${policy})` : `Chain ${chain} (${references(table, chain)} references)`;
  const counts = v ? (v.exact ? '    pkts      bytes ' : ' pkts bytes ') : '';
  const ifaces = v ? ' in     out    ' : '';
  const cols = `${opts.lineNumbers ? 'num  ' : ''}${counts}target     prot opt${ifaces} source               destination         `;
  const lines = [header, cols];
  (table.rules[chain] ?? []).forEach((r, i) => {
    lines.push((opts.lineNumbers ? pad(String(i + 1), 4) + ' ' : '') + ruleToListLine(r, opts, chain));
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
