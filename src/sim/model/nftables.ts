// nftables objects as data: kube-proxy's nftables mode compiles a node's `table ip kube-proxy` into
// these; nft-print prints them as `nft list` does; net/nft-eval walks them. Nothing here is a string
// the tracer has to parse.

export type NftProto = 'tcp' | 'udp' | 'sctp';

/** A verdict: the end of a rule, or a map element's value. */
export type NftVerdict =
  { k: 'jump' | 'goto'; chain: string } | { k: 'drop' } | { k: 'reject' } | { k: 'return' } | { k: 'accept' };

/** One statement of a rule, in the order the rule holds them. */
export type NftStmt =
  /** ct state new */
  | { k: 'ctNew' }
  /** ip saddr|daddr [!=] CIDR, or an anonymous set of CIDRs `{ a, b }` */
  | { k: 'addr'; field: 'saddr' | 'daddr'; neg?: boolean; cidrs: string[]; anon?: boolean; v6?: true }
  /** ip saddr|daddr @set */
  | { k: 'inSet'; field: 'saddr' | 'daddr'; set: string; v6?: true }
  /** fib saddr|daddr type local */
  | { k: 'fibLocal'; field: 'saddr' | 'daddr' }
  /** meta l4proto tcp */
  | { k: 'l4proto'; proto: NftProto }
  /** tcp dport 80 */
  | { k: 'dport'; proto: NftProto; port: number }
  /** ip daddr . meta l4proto . th dport vmap @map, or meta l4proto . th dport vmap @map */
  | { k: 'vmap'; key: 'addr' | 'port'; map: string; v6?: true }
  /** numgen random mod N vmap { 0 : goto a , 1 : goto b } */
  | { k: 'numgen'; chains: string[] }
  /** mark set mark or|xor VALUE */
  | { k: 'mark'; op: 'or' | 'xor'; value: number }
  /** mark and VALUE == 0 */
  | { k: 'markZero'; value: number }
  | { k: 'masquerade' }
  /** dnat to IP:PORT */
  | { k: 'dnat'; to: string }
  /** update @set { ip saddr } */
  | { k: 'update'; set: string }
  | { k: 'verdict'; v: NftVerdict };

export interface NftRule {
  stmts: NftStmt[];
  comment?: string;
}

export interface NftBase {
  type: 'filter' | 'nat';
  hook: 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';
  /** numeric priority (dstnat = -100, srcnat = 100, filter = 0) */
  priority: number;
}

export interface NftChain {
  name: string;
  base?: NftBase;
  comment?: string;
  rules: NftRule[];
}

/** A map or set element: the key parts (`172.30.0.41 . tcp . 80`), the verdict of a map, a comment. */
export interface NftElement {
  key: string[];
  value?: NftVerdict;
  comment?: string;
}

export interface NftSet {
  name: string;
  map: boolean;
  /** "ipv4_addr", "ipv4_addr . inet_proto . inet_service : verdict", ... */
  type: string;
  /** affinity sets: flags dynamic,timeout with a timeout in seconds */
  timeoutSec?: number;
  comment?: string;
  elements: NftElement[];
}

/** `table ip kube-proxy`: sets and maps, then chains, each in the order they were created. */
export interface NftTable {
  /** ip: the IPv4 table; ip6: its IPv6 twin (kube-proxy's nftables mode always runs both families) */
  family: 'ip' | 'ip6';
  name: string;
  comment?: string;
  sets: NftSet[];
  chains: NftChain[];
}
