// The kernel's per-rule packet and byte counters on a node (what `iptables -L -v` shows): every packet
// a rule matches adds one packet and its length; a packet that reaches the end of a built-in chain counts
// in the chain's policy. The tracer walks one packet per connection, its first: a TCP SYN of 60 bytes
// (20 IP + 20 TCP + 20 of options: MSS, SACK, timestamps, window scale, as Linux sends it) or a
// UDP datagram, counted as 60 bytes too (a short query). Rules are told apart by their iptables-save
// text, so a rule kube-proxy writes again unchanged keeps its counts.
import type { ProxyState } from '../model/state';
import type { Rule } from '../model/iptables';
import { ruleToSaveLine } from './iptables-save';

/** The bytes the first packet of a connection counts. */
export const FIRST_PACKET_BYTES = 60;

const ruleKey = (table: string, chain: string, rule: Rule): string =>
  `${table}\t${chain}\t${ruleToSaveLine(chain, rule)}`;
const policyKey = (table: string, chain: string): string => `${table}\t${chain}\t`;

function add(p: ProxyState | undefined, key: string, bytes: number): void {
  if (!p) return;
  const c = (p.ipCounters ??= {});
  const v = c[key];
  if (v) {
    v[0]++;
    v[1] += bytes;
  } else c[key] = [1, bytes];
}

export function countRule(p: ProxyState | undefined, table: string, chain: string, rule: Rule, bytes: number): void {
  add(p, ruleKey(table, chain, rule), bytes);
}

export function countPolicy(p: ProxyState | undefined, table: string, chain: string, bytes: number): void {
  add(p, policyKey(table, chain), bytes);
}

/** A rule's [packets, bytes]. */
export function ruleCounts(p: ProxyState | undefined, table: string, chain: string, rule: Rule): [number, number] {
  return p?.ipCounters?.[ruleKey(table, chain, rule)] ?? [0, 0];
}

export function policyCounts(p: ProxyState | undefined, table: string, chain: string): [number, number] {
  return p?.ipCounters?.[policyKey(table, chain)] ?? [0, 0];
}

/** iptables -Z [CHAIN]: zero a table's counters (one chain's, with its policy). */
export function zeroCounters(p: ProxyState | undefined, table: string, chain?: string): void {
  if (!p?.ipCounters) return;
  const prefix = chain === undefined ? `${table}\t` : `${table}\t${chain}\t`;
  for (const k of Object.keys(p.ipCounters)) if (k.startsWith(prefix)) delete p.ipCounters[k];
}
