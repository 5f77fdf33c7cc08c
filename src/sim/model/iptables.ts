// iptables rules as data. kube-proxy compiles these; iptables-save/iptables -L print them;
// net/trace evaluates them. A rule is never a string the tracer has to parse.

export type TableName = 'nat' | 'filter';

export interface AddrMatch {
  cidr: string;
  neg?: boolean;
} // "10.96.0.1/32", "10.244.0.0/16"

export interface RuleMatch {
  /** -s */
  src?: AddrMatch;
  /** -d */
  dst?: AddrMatch;
  /** -p tcp|udp|sctp, printed with its own `-m tcp` style match */
  proto?: 'tcp' | 'udp' | 'sctp';
  /** --dport (needs proto) */
  dport?: number;
  /** -m comment --comment */
  comment?: string;
  /** -m addrtype --src-type LOCAL / --dst-type LOCAL */
  srcTypeLocal?: boolean;
  dstTypeLocal?: boolean;
  /** -m statistic --mode random --probability p (p as kube-proxy wrote it: 1/(n-i)) */
  probability?: number;
  /** -m recent --name NAME --rcheck --seconds S --reap, or --set */
  recent?: { name: string; mode: 'rcheck' | 'set'; seconds?: number };
  /** -m mark [!] --mark 0x4000/0x4000 */
  mark?: { value: number; mask: number; neg?: boolean };
  /** -m conntrack --ctstate NEW / INVALID / RELATED,ESTABLISHED */
  ctstate?: string[];
  /** `! --ctstate ...`: the rule matches when the connection is in none of `ctstate` (KUBE-FIREWALL) */
  ctstateNeg?: boolean;
  /** -m nfacct --nfacct-name NAME: counts into the named nfacct object; always matches */
  nfacct?: string;
}

export type RuleTarget =
  | { kind: 'jump'; chain: string }
  | { kind: 'DNAT'; to: string } // "10.244.1.5:5000"
  | { kind: 'MARK'; op: 'or' | 'xor'; value: number }
  | { kind: 'MASQUERADE'; randomFully?: boolean }
  | { kind: 'REJECT' }
  | { kind: 'DROP' }
  | { kind: 'ACCEPT' }
  | { kind: 'RETURN' }
  /** no -j at all: the rule only counts and evaluation goes on with the next rule (KUBE-FW-… last rule) */
  | { kind: 'NONE' };

export interface Rule {
  match: RuleMatch;
  target: RuleTarget;
  /** The order kube-proxy wrote the matches in (for the "as written" view); iptables-save uses canonical order. */
  order?: (keyof RuleMatch)[];
  /**
   * The Service port (ns/name:port) a per-Service rule is written for and, for a rule that picks or DNATs
   * to one endpoint, that endpoint (ip:port): what kube-proxy's comment says, kept as fields so readers
   * never parse the comment (and there when a large cluster's rules carry no comment). Never printed.
   */
  about?: { service: string; endpoint?: string };
}

/** One table: built-in chains with their policy, user chains, and rules per chain in order. */
export interface Table {
  name: TableName;
  builtin: Record<string, 'ACCEPT' | 'DROP'>;
  /** every chain that exists, in creation order; iptables-save sorts user chains by name */
  chains: string[];
  rules: Record<string, Rule[]>;
}

export interface NodeTables {
  nat: Table;
  filter: Table;
}
