// A trace is the story of one connection: the hops a packet took, each naming where it was, the rule
// that moved it and what changed, then a verdict. The canvas animates exactly this; the shell prints it.
import type { Rule } from '../model/iptables';

export type Verdict = 'delivered' | 'refused' | 'dropped' | 'timed-out' | 'no-route';

export interface Addr {
  src: string;
  sport: number;
  dst: string;
  dport: number;
}

export type PlaceKind = 'client' | 'loadbalancer' | 'node' | 'pod';
/** "client", "lb/203.0.113.10", "node/worker1", "pod/default/frontend-7c5ddbdf54-x2x9k" */
export type Place = string;

/**
 * The compiled rule a hop matched, as kube-proxy wrote it: the tracer and the explanations read its
 * fields (match, target, match.comment); only the edges print it (hopRuleText, the rules view). `mode`
 * leaves room for a second rule kind (nftables) beside iptables.
 */
export type HopRule = { mode: 'iptables' } & Rule;

export interface TraceHop {
  place: Place;
  kind:
    | 'send'
    | 'rule'
    | 'random'
    | 'route'
    | 'wire'
    | 'balance'
    | 'deliver'
    | 'refuse'
    | 'drop'
    | 'timeout'
    | 'no-route'
    | 'reply';
  /** packet addresses as the hop found it and as it left it */
  before: Addr;
  after: Addr;
  table?: 'nat' | 'filter';
  chain?: string;
  /** the rule that matched (print it with hopRuleText) */
  rule?: HopRule;
  /** 1-based line number in the chain, as iptables -L --line-numbers shows */
  line?: number;
  /** for -m statistic: the rule's probability, and whether the draw took it */
  probability?: number;
  taken?: boolean;
  /** the endpoints a KUBE-SVC chain chose among, and the winner */
  choice?: { endpoints: string[]; chosen: string; probability: number };
  conntrack?: string;
  note: string;
}

export interface Trace {
  /** the IP the connection starts from */
  source: string;
  /** who sent it: client, node/NAME or pod/NS/NAME */
  from: Place;
  proto: 'tcp' | 'udp' | 'sctp';
  destination: string; // "IP:PORT" as asked
  verdict: Verdict;
  pod?: string; // NS/NAME when delivered
  endpoint?: string; // IP:PORT when delivered
  sourceSeen?: string; // the source IP the Pod sees
  reason?: string;
  at: number;
  hops: TraceHop[];
  /** places in the order the request visited them (the canvas's route) */
  path: Place[];
  connId?: number;
  /** the translations conntrack holds for this connection, in path order (place: lb/IP or a node name) */
  conn?: { nat: { node: string; before: Addr; after: Addr }[] };
}
