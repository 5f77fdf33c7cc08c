// A rule "as written": the iptables-restore line kube-proxy itself generates (matches in its own
// order, bare host IPs, probabilities with 10 decimals, marks as "%#08x"), before iptables
// canonicalizes it for iptables-save. For a UI that shows kube-proxy's view next to the kernel's.
import type { Rule, RuleMatch } from '../model/iptables';

const DEFAULT_ORDER: (keyof RuleMatch)[] = [
  'comment',
  'src',
  'dst',
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

/** Go's fmt.Sprintf("%#08x", n): kube-proxy's masquerade mark "0x00004000". */
const goMark = (n: number): string => `0x${n.toString(16).padStart(8, '0')}`;

/** kube-proxy wraps comments containing spaces in literal double quotes. */
const comment = (c: string): string => (c === '' || /\s/.test(c) ? `"${c}"` : c);

/** kube-proxy writes host addresses without a mask. */
const addr = (cidr: string): string => (cidr.endsWith('/32') ? cidr.slice(0, -3) : cidr);

function token(k: keyof RuleMatch, m: RuleMatch): string | null {
  switch (k) {
    case 'comment':
      return m.comment === undefined ? null : `-m comment --comment ${comment(m.comment)}`;
    case 'src':
      return m.src ? `${m.src.neg ? '! ' : ''}-s ${addr(m.src.cidr)}` : null;
    case 'dst':
      return m.dst ? `${m.dst.neg ? '! ' : ''}-d ${addr(m.dst.cidr)}` : null;
    case 'proto':
      return m.proto ? `-m ${m.proto} -p ${m.proto}` : null;
    case 'dport':
      return m.dport === undefined ? null : `--dport ${m.dport}`;
    case 'srcTypeLocal':
      return m.srcTypeLocal ? '-m addrtype --src-type LOCAL' : null;
    case 'dstTypeLocal':
      return m.dstTypeLocal ? '-m addrtype --dst-type LOCAL' : null;
    case 'probability':
      return m.probability === undefined
        ? null
        : `-m statistic --mode random --probability ${m.probability.toFixed(10)}`;
    case 'recent': {
      const r = m.recent;
      if (!r) return null;
      return r.mode === 'rcheck'
        ? `-m recent --name ${r.name} --rcheck --seconds ${r.seconds ?? 0} --reap`
        : `-m recent --name ${r.name} --set`;
    }
    case 'mark':
      return m.mark ? `-m mark ${m.mark.neg ? '! ' : ''}--mark ${goMark(m.mark.value)}/${goMark(m.mark.mask)}` : null;
    case 'ctstate':
      return m.ctstate ? `-m conntrack ${m.ctstateNeg ? '! ' : ''}--ctstate ${m.ctstate.join(',')}` : null;
    case 'nfacct':
      return m.nfacct === undefined ? null : `-m nfacct --nfacct-name ${m.nfacct}`;
    default:
      return null;
  }
}

function target(rule: Rule): string | null {
  const t = rule.target;
  switch (t.kind) {
    case 'jump':
      return `-j ${t.chain}`;
    case 'DNAT':
      return `-j DNAT --to-destination ${t.to}`;
    case 'MARK':
      return `-j MARK --${t.op}-mark ${goMark(t.value)}`;
    case 'MASQUERADE':
      return `-j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`;
    case 'NONE':
      return null;
    default:
      return `-j ${t.kind}`;
  }
}

/** `-A CHAIN <args in kube-proxy's order> -j TARGET`, as in kube-proxy's iptables-restore input. */
export function ruleToWrittenLine(chain: string, rule: Rule): string {
  const parts = [`-A ${chain}`];
  const seen = new Set<keyof RuleMatch>();
  for (const k of [...(rule.order ?? []), ...DEFAULT_ORDER]) {
    if (seen.has(k)) continue;
    seen.add(k);
    const t = token(k, rule.match);
    if (t) parts.push(t);
  }
  const j = target(rule);
  if (j) parts.push(j);
  return parts.join(' ');
}
