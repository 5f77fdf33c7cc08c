// Walking a node's `table ip kube-proxy` (kube-proxy's nftables mode) with one packet, the way the
// kernel does: the base chains of a hook in priority order; in a chain the first rule whose matches
// all hold acts; `jump` comes back, `goto` does not; a verdict map lookup is one step that either finds
// the element for the packet's key or lets the rule fail. Then the steps as trace hops, each naming the
// chain, the rule (as `nft list` prints it) and the map element it used.
import type { NftChain, NftRule, NftTable, NftVerdict } from '../model/nftables';
import type { TraceHop } from './trace-types';
import type { EvalContext, Packet } from './eval';
import { cidrContains } from '../lib/ip';
import { random, randomInt } from '../time/rng';
import { ruleText, verdictText } from '../kubeproxy/nft-print';
import { addr, fmt, visit, type Run } from './trace-run';
import type { NftEnd } from './nft-hooks';

export interface NftStep {
  chain: string;
  index: number;
  rule: NftRule;
  matched: boolean;
  /** a verdict map lookup: the map, the packet's key, and the element's verdict (undefined: no element) */
  element?: { map: string; key: string; verdict?: string };
  /** numgen random mod n: the number drawn */
  pick?: { n: number; i: number };
}

export interface NftWalk {
  verdict: 'continue' | 'DNAT' | 'DROP' | 'REJECT' | 'ACCEPT' | 'MASQUERADE';
  dnat?: { ip: string; port: number };
  steps: NftStep[];
  /** rules looked at (matched or not), map lookups included */
  evaluated: number;
}

type Hook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';

const DISPATCH_MAPS = new Set(['service-ips', 'service-nodeports']);

function recentSeen(ctx: EvalContext, set: string, src: string, timeoutSec: number): boolean {
  const seen = ctx.state.recent[ctx.node]?.[set]?.[src];
  return seen !== undefined && ctx.state.now - seen <= timeoutSec * 1000;
}

const hostCidr = (c: string): string => (c.includes('/') ? c : `${c}/32`);

function walkChain(t: NftTable, name: string, p: Packet, ctx: EvalContext, w: NftWalk, depth: number): NftWalk {
  const chain = t.chains.find((c) => c.name === name);
  if (!chain || depth > 16) return w;
  for (let i = 0; i < chain.rules.length; i++) {
    const rule = chain.rules[i];
    const step: NftStep = { chain: name, index: i, rule, matched: false };
    w.evaluated++;
    let verdict: NftVerdict | null = null;
    let ok = true;
    for (const s of rule.stmts) {
      if (s.k === 'ctNew') ok = ctx.ctstate === 'NEW';
      else if (s.k === 'addr') {
        const v = s.field === 'saddr' ? p.src : p.dst;
        ok = s.cidrs.some((c) => cidrContains(hostCidr(c), v)) !== !!s.neg;
      } else if (s.k === 'inSet') {
        const v = s.field === 'saddr' ? p.src : p.dst;
        const set = t.sets.find((x) => x.name === s.set);
        ok =
          !!set &&
          (set.timeoutSec !== undefined
            ? recentSeen(ctx, set.name, v, set.timeoutSec)
            : set.elements.some((e) => e.key[0] === v));
      } else if (s.k === 'fibLocal') ok = ctx.local.has(s.field === 'saddr' ? p.src : p.dst);
      else if (s.k === 'l4proto') ok = p.proto === s.proto;
      else if (s.k === 'dport') ok = p.proto === s.proto && p.dport === s.port;
      else if (s.k === 'markZero') ok = (p.mark & s.value) === 0;
      else if (s.k === 'vmap') {
        const key = s.key === 'addr' ? [p.dst, p.proto, String(p.dport)] : [p.proto, String(p.dport)];
        const map = t.sets.find((x) => x.name === s.map);
        const el = map?.elements.find((e) => e.key.length === key.length && e.key.every((k, j) => k === key[j]));
        step.element = { map: s.map, key: key.join(' . '), verdict: el?.value ? verdictText(el.value) : undefined };
        if (!el?.value) ok = false;
        else verdict = el.value;
      } else if (s.k === 'numgen') {
        const n = s.chains.length;
        const pick = Math.min(n - 1, Math.floor(random(ctx.state) * n));
        step.pick = { n, i: pick };
        verdict = { k: 'goto', chain: s.chains[pick] };
      } else if (s.k === 'mark') p.mark = s.op === 'or' ? p.mark | s.value : p.mark ^ s.value;
      else if (s.k === 'update') {
        const lists = (ctx.state.recent[ctx.node] ??= {});
        (lists[s.set] ??= {})[p.src] = ctx.state.now;
      } else if (s.k === 'masquerade') {
        step.matched = true;
        w.steps.push(step);
        w.verdict = 'MASQUERADE';
        return w;
      } else if (s.k === 'dnat') {
        step.matched = true;
        w.steps.push(step);
        const idx = s.to.lastIndexOf(':');
        w.verdict = 'DNAT';
        w.dnat = { ip: s.to.slice(0, idx), port: Number(s.to.slice(idx + 1)) };
        return w;
      } else if (s.k === 'verdict') verdict = s.v;
      if (!ok || verdict) break;
    }
    if (!ok) {
      if (step.element && DISPATCH_MAPS.has(step.element.map)) w.steps.push(step);
      continue;
    }
    step.matched = true;
    w.steps.push(step);
    if (!verdict) continue;
    if (verdict.k === 'jump') {
      walkChain(t, verdict.chain, p, ctx, w, depth + 1);
      if (w.verdict !== 'continue') return w;
      continue;
    }
    if (verdict.k === 'goto') return walkChain(t, verdict.chain, p, ctx, w, depth + 1);
    if (verdict.k === 'return') return w;
    w.verdict = verdict.k === 'drop' ? 'DROP' : verdict.k === 'reject' ? 'REJECT' : 'ACCEPT';
    return w;
  }
  return w;
}

/**
 * The base chains of `type` at `hook` whose priority is in [lo, hi], in priority order. An ACCEPT ends
 * one base chain only; DROP, REJECT, DNAT and MASQUERADE end the hook.
 */
export function nftHook(
  t: NftTable,
  type: 'filter' | 'nat',
  hook: Hook,
  p: Packet,
  ctx: EvalContext,
  lo = -Infinity,
  hi = Infinity,
): NftWalk {
  const bases = t.chains
    .filter((c): c is NftChain & { base: NonNullable<NftChain['base']> } => !!c.base)
    .filter((c) => c.base.type === type && c.base.hook === hook && c.base.priority >= lo && c.base.priority <= hi)
    .sort((a, b) => a.base.priority - b.base.priority);
  const w: NftWalk = { verdict: 'continue', steps: [], evaluated: 0 };
  for (const c of bases) {
    walkChain(t, c.name, p, ctx, w, 0);
    if (w.verdict === 'ACCEPT') w.verdict = 'continue';
    if (w.verdict !== 'continue') return w;
  }
  return w;
}

// ---- as trace hops ----

const epOfChain = (chain: string): string => {
  const m = chain.match(/__([0-9.]+)\/(\d+)$/);
  return m ? `${m[1]}:${m[2]}` : chain;
};
const svcOfChain = (chain: string): string => {
  const m = chain.match(/^[a-z]+-[A-Z2-7]{8}-([^/]+)\/([^/]+)\/([a-z]+)\/([^_]*)/);
  return m ? `${m[1]}/${m[2]}${m[4] ? `:${m[4]}` : ''}` : chain;
};

function describe(st: NftStep, node: string, podSubnet: string): string {
  const c = st.chain;
  const el = st.element;
  if (el) {
    if (!el.verdict)
      return `No element of @${el.map} has the key ${el.key}: the lookup fails and the next rule is tried.`;
    if (el.map === 'service-ips' || el.map === 'service-nodeports')
      return `One lookup in the @${el.map} verdict map finds ${el.key} → ${el.verdict}. However many Services there are, this is one hash lookup, not a walk down a list of rules.`;
    if (el.map === 'no-endpoint-services' || el.map === 'no-endpoint-nodeports')
      return el.verdict === 'drop'
        ? `@${el.map} holds ${el.key}: the Service has no endpoints on ${node} for this traffic (traffic policy Local), so the packet is dropped.`
        : `@${el.map} holds ${el.key}: the Service has no endpoints at all, so the packet goes to reject-chain.`;
    if (el.map === 'firewall-ips')
      return `@firewall-ips holds ${el.key}: this load-balancer IP has loadBalancerSourceRanges; ${el.verdict} checks the source.`;
    return `@${el.map}: ${el.key} → ${el.verdict}.`;
  }
  if (st.pick) {
    const chains = st.rule.stmts.find((s) => s.k === 'numgen');
    const n = st.pick.n;
    const target = chains && chains.k === 'numgen' ? chains.chains[st.pick.i] : '';
    return `numgen random mod ${n} drew ${st.pick.i}: goto ${target.split('__')[0].slice(0, 9)}… (${epOfChain(target)}). Each of the ${n} endpoints gets 1 in ${n} new connections, in one rule.`;
  }
  const text = ruleText(st.rule);
  const v = st.rule.stmts[st.rule.stmts.length - 1];
  if (c.startsWith('nat-') || c.startsWith('filter-')) {
    if (v.k === 'verdict' && 'chain' in v.v)
      return `${c} (a base chain at the ${c.split('-')[1]} hook) hands the packet to ${v.v.chain}.`;
  }
  if (c === 'mark-for-masquerade') return `mark-for-masquerade sets mark 0x4000; the masquerading chain will SNAT it.`;
  if (c === 'masquerading') {
    if (text.includes('return')) return `The packet has no 0x4000 mark: no SNAT, the source address is kept.`;
    if (text.includes('^')) return `The 0x4000 mark is cleared before masquerading.`;
    return `masquerade fully-random: the source becomes ${node}'s address on the way out.`;
  }
  if (c === 'reject-chain') return `reject: the client gets ICMP port unreachable (connection refused).`;
  if (c === 'cluster-ips-check')
    return text.includes('reject')
      ? `The destination is a ClusterIP, but no Service port of it matches: rejected.`
      : `The destination is in the Service range but no Service has it: dropped.`;
  if (c.startsWith('firewall-')) return `The source is not in ${svcOfChain(c)}'s loadBalancerSourceRanges: dropped.`;
  if (c.startsWith('endpoint-')) {
    if (text.startsWith('ip saddr'))
      return `The Pod is reaching itself through its own Service (hairpin): marked for masquerading so the reply comes back through ${node}.`;
    if (text.startsWith('update'))
      return `Session affinity: the client's address is remembered in @${text.split('@')[1].split(' ')[0]}.`;
    return `dnat to ${epOfChain(c)}: the destination is rewritten to the endpoint; conntrack remembers it for the reply.`;
  }
  if (c.startsWith('service-') || c.startsWith('local-')) {
    if (text.includes('mark-for-masquerade'))
      return `The source is not a Pod (outside ${podSubnet}): the packet is marked for masquerading.`;
    if (text.includes('@affinity-'))
      return `Session affinity (ClientIP): this client went to ${v.k === 'verdict' && 'chain' in v.v ? epOfChain(v.v.chain) : 'this endpoint'} recently, so it goes there again.`;
  }
  if (c.startsWith('external-')) {
    if (st.rule.comment === 'short-circuit pod traffic')
      return `The packet comes from a Pod, so it may use every endpoint of ${svcOfChain(c)}.`;
    if (st.rule.comment === 'masquerade local traffic')
      return `The packet was sent by ${node} itself: it is marked for masquerading.`;
    if (st.rule.comment === 'short-circuit local traffic')
      return `Sent by ${node} itself, so it may use every endpoint.`;
    if (text.includes('mark-for-masquerade'))
      return `Traffic from outside to ${svcOfChain(c)} (externalTrafficPolicy: Cluster): marked for masquerading so the reply returns through this node.`;
    if (v.k === 'verdict' && 'chain' in v.v && v.v.chain.startsWith('local-'))
      return `externalTrafficPolicy is Local: only endpoints on ${node} (${v.v.chain.slice(0, 15)}…) may take it, and the client's address is kept.`;
    return `Continue to the Service's endpoints.`;
  }
  return `Matched in ${c}.`;
}

/** Record `steps` as hops at `node` (every matched rule, every dispatch-map lookup). */
export function recordNftSteps(r: Run, node: string, steps: NftStep[]): void {
  for (const st of steps) {
    const before = addr(r.pkt);
    const h: TraceHop = {
      place: `node/${node}`,
      kind: st.pick ? 'random' : 'rule',
      before,
      after: before,
      chain: st.chain,
      rule: { mode: 'nftables', ...st.rule, text: ruleText(st.rule) },
      line: st.index + 1,
      note: describe(st, node, r.s.settings.podSubnet),
    };
    if (st.element) h.element = st.element;
    if (st.pick) {
      const ng = st.rule.stmts.find((s) => s.k === 'numgen');
      const eps = ng && ng.k === 'numgen' ? ng.chains.map(epOfChain) : [];
      h.probability = 1 / st.pick.n;
      h.taken = true;
      h.choice = { endpoints: eps, chosen: eps[st.pick.i], probability: 1 / st.pick.n };
    }
    r.hops.push(h);
  }
  visit(r, `node/${node}`);
}

function ended(r: Run, node: string, w: NftWalk): NftEnd | null {
  if (w.verdict !== 'DROP' && w.verdict !== 'REJECT') return null;
  const last = r.hops[r.hops.length - 1];
  const svc = [...w.steps].reverse().find((s) => s.element?.verdict)?.element;
  const what = svc ? ` (${svc.map} element ${svc.key})` : '';
  if (w.verdict === 'REJECT') {
    if (last) last.kind = 'refuse';
    return {
      verdict: 'refused',
      reason: `rejected by kube-proxy's nftables rules on ${node}${what} (ICMP port unreachable)`,
    };
  }
  if (last) last.kind = 'drop';
  return {
    verdict: 'dropped',
    reason: `dropped by kube-proxy's nftables rules on ${node}${what}; the client waits until it times out`,
  };
}

/** Before routing: the filter chains that run before DNAT (firewall-check), then nat (services). */
export function nftPre(
  r: Run,
  node: string,
  t: NftTable,
  entry: 'PREROUTING' | 'OUTPUT',
  ctx: EvalContext,
): NftEnd | null {
  const hook = entry === 'OUTPUT' ? 'output' : 'prerouting';
  const f = nftHook(t, 'filter', hook, r.pkt, ctx, -Infinity, -101);
  if (f.verdict === 'DROP' || f.verdict === 'REJECT') {
    recordNftSteps(r, node, f.steps);
    return ended(r, node, f);
  }
  const nat = nftHook(t, 'nat', hook, r.pkt, ctx);
  recordNftSteps(r, node, nat.steps);
  if (nat.verdict === 'DNAT' && nat.dnat) {
    r.pkt.dst = nat.dnat.ip;
    r.pkt.dport = nat.dnat.port;
    const last = r.hops[r.hops.length - 1];
    last.after = addr(r.pkt);
    last.note += ` The destination becomes ${fmt(r.pkt.dst, r.pkt.dport)}.`;
  }
  return null;
}

/** After routing: the filter chains at priority 0 (no-endpoint verdict maps, cluster-ips-check). */
export function nftFilter(
  r: Run,
  node: string,
  t: NftTable,
  chain: 'INPUT' | 'FORWARD' | 'OUTPUT',
  ctx: EvalContext,
): NftEnd | null {
  const hook = chain === 'INPUT' ? 'input' : chain === 'FORWARD' ? 'forward' : 'output';
  const f = nftHook(t, 'filter', hook, r.pkt, ctx, -100, Infinity);
  if (f.verdict !== 'DROP' && f.verdict !== 'REJECT') return null;
  recordNftSteps(r, node, f.steps);
  return ended(r, node, f);
}

/** nat postrouting: masquerading SNATs a packet marked 0x4000 to `egress`. */
export function nftPost(r: Run, node: string, t: NftTable, egress: string, ctx: EvalContext): void {
  const post = nftHook(t, 'nat', 'postrouting', r.pkt, ctx);
  if (post.verdict !== 'MASQUERADE') return;
  recordNftSteps(r, node, post.steps);
  const last = r.hops[r.hops.length - 1];
  const was = addr(r.pkt);
  r.pkt.src = egress;
  // fully-random: the kernel also picks a fresh source port for the masqueraded connection
  r.pkt.sport = randomInt(r.s, 32768, 60999);
  last.before = was;
  last.after = addr(r.pkt);
  last.note = `kube-proxy marked this packet (mark 0x4000), so ${node}'s masquerading chain SNATs it: the source becomes ${egress}, the address of the interface it leaves by. The Pod will see ${egress}, not the real client.`;
}
