// Evaluating a node's compiled iptables tables against one packet, the way netfilter walks chains:
// first matching rule wins; a jump descends, RETURN or the chain's end comes back; DNAT, ACCEPT, DROP
// and REJECT end the walk; MARK changes the packet's mark and goes on.
import type { ClusterState } from '../model/state';
import type { Rule, Table } from '../model/iptables';
import { cidrContains } from '../lib/ip';
import { random } from '../time/rng';

export interface Packet {
  proto: 'tcp' | 'udp' | 'sctp';
  src: string;
  sport: number;
  dst: string;
  dport: number;
  mark: number;
}

export interface RuleStep {
  table: 'nat' | 'filter';
  chain: string;
  index: number; // 0-based position in the chain
  rule: Rule;
  /** the random draw a `-m statistic` rule made, and whether it matched */
  probability?: number;
  draw?: number;
  matched: boolean;
}

export interface WalkResult {
  verdict: 'continue' | 'DNAT' | 'ACCEPT' | 'DROP' | 'REJECT' | 'MASQUERADE';
  dnat?: { ip: string; port: number };
  steps: RuleStep[];
}

export interface EvalContext {
  state: ClusterState;
  node: string;
  /** addresses this node owns (addrtype LOCAL) */
  local: Set<string>;
  /** conntrack state of this packet for -m conntrack */
  ctstate: 'NEW' | 'ESTABLISHED';
  /** when present, counts every rule looked at (the scale measurements) */
  counter?: { n: number };
}

function matches(rule: Rule, p: Packet, ctx: EvalContext, step: RuleStep): boolean {
  const m = rule.match;
  if (m.src && cidrContains(m.src.cidr, p.src) === !m.src.neg) {
    /* ok */
  } else if (m.src) return false;
  if (m.dst && cidrContains(m.dst.cidr, p.dst) === !m.dst.neg) {
    /* ok */
  } else if (m.dst) return false;
  if (m.proto && m.proto !== p.proto) return false;
  if (m.dport !== undefined && m.dport !== p.dport) return false;
  if (m.srcTypeLocal && !ctx.local.has(p.src)) return false;
  if (m.dstTypeLocal && !ctx.local.has(p.dst)) return false;
  if (m.mark) {
    const hit = (p.mark & m.mark.mask) === m.mark.value;
    if (hit === !!m.mark.neg) return false;
  }
  if (m.ctstate && m.ctstate.includes(ctx.ctstate) === !!m.ctstateNeg) return false;
  if (m.recent && m.recent.mode === 'rcheck') {
    const list = ctx.state.recent[ctx.node]?.[m.recent.name];
    const seen = list?.[p.src];
    if (seen === undefined || (m.recent.seconds !== undefined && ctx.state.now - seen > m.recent.seconds * 1000))
      return false;
  }
  if (m.probability !== undefined) {
    // The kernel compares a random 32-bit draw with round(p * 2^31) * 2; the seeded generator stands in.
    const draw = random(ctx.state);
    step.probability = m.probability;
    step.draw = draw;
    if (!(draw < m.probability)) return false;
  }
  return true;
}

/** Walk `chain` of `table`; records every rule that matched (and every random draw that did not). */
export function walk(
  table: Table,
  chain: string,
  p: Packet,
  ctx: EvalContext,
  steps: RuleStep[] = [],
  depth = 0,
): WalkResult {
  const rules = table.rules[chain] ?? [];
  if (depth > 16) return { verdict: 'continue', steps };
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const step: RuleStep = { table: table.name, chain, index: i, rule, matched: false };
    if (ctx.counter) ctx.counter.n++;
    if (!matches(rule, p, ctx, step)) {
      if (step.draw !== undefined) steps.push(step);
      continue;
    }
    step.matched = true;
    steps.push(step);
    const t = rule.target;
    if (rule.match.recent?.mode === 'set') {
      const lists = (ctx.state.recent[ctx.node] ??= {});
      (lists[rule.match.recent.name] ??= {})[p.src] = ctx.state.now;
    }
    switch (t.kind) {
      case 'jump': {
        const r = walk(table, t.chain, p, ctx, steps, depth + 1);
        if (r.verdict !== 'continue') return r;
        continue;
      }
      case 'RETURN':
        return { verdict: 'continue', steps };
      case 'MARK':
        p.mark = t.op === 'or' ? p.mark | t.value : p.mark ^ t.value;
        continue;
      case 'DNAT': {
        const idx = t.to.lastIndexOf(':');
        return { verdict: 'DNAT', dnat: { ip: t.to.slice(0, idx), port: Number(t.to.slice(idx + 1)) }, steps };
      }
      case 'MASQUERADE':
        return { verdict: 'MASQUERADE', steps };
      case 'ACCEPT':
      case 'DROP':
      case 'REJECT':
        return { verdict: t.kind, steps };
    }
  }
  return { verdict: 'continue', steps };
}
