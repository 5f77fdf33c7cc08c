// A node's kube-proxy table as the rules view shows it: chains in iptables-save's order, each rule's
// text, and the steps of a trace that went through it on that node (numbered along the path).
import { hopRuleText, type Rule, type Table, type TableName, type Trace } from '../../../sim';
import { chainOrder, ruleToSaveLine } from '../../../sim/kubeproxy/iptables-save';

export interface PathStep {
  /** 1-based step along the path on this node */
  step: number;
  table: TableName;
  chain: string;
  line: number;
  rule: string;
  /** a -m statistic rule the random draw passed over */
  passed: boolean;
}

export interface RuleView {
  line: number;
  text: string;
  steps: { step: number; passed: boolean }[];
}

export interface ChainView {
  name: string;
  policy?: string;
  rules: RuleView[];
  onPath: boolean;
  /** the Service a KUBE-SVC/SEP/EXT/FW chain belongs to, from its rules' comments */
  about?: string;
}

/** The trace's rule hops on `node`, numbered in the order the packet met them. */
export function pathSteps(trace: Trace | undefined, node: string): PathStep[] {
  if (!trace) return [];
  const out: PathStep[] = [];
  for (const h of trace.hops) {
    const rule = hopRuleText(h);
    if (h.place !== `node/${node}` || !h.chain || !h.table || !h.line || !rule) continue;
    out.push({
      step: out.length + 1,
      table: h.table,
      chain: h.chain,
      line: h.line,
      rule,
      passed: h.kind === 'random' && h.taken === false,
    });
  }
  return out;
}

/** The Service (ns/name:port) a per-Service chain belongs to: the first word of its rules' comment. */
function aboutOf(name: string, rules: readonly Rule[]): string | undefined {
  if (!/^KUBE-(SVC|SVL|SEP|EXT|FW|XLB)-/.test(name)) return undefined;
  for (const r of rules) if (r.match.comment) return r.match.comment.split(' ')[0];
  return undefined;
}

/**
 * The table's chains with their rules. A step is shown on a rule only when the rule there now is
 * the one the packet met (a sync after the request may have rewritten the chain).
 */
export function chainViews(table: Table, steps: PathStep[]): { chains: ChainView[]; stale: number } {
  const { builtins, user } = chainOrder(table);
  let stale = 0;
  const mine = steps.filter((s) => s.table === table.name);
  const chains = [...builtins, ...user].map((name): ChainView => {
    const rules = (table.rules[name] ?? []).map((r, i): RuleView => ({
      line: i + 1,
      text: ruleToSaveLine(name, r),
      steps: [],
    }));
    for (const s of mine) {
      if (s.chain !== name) continue;
      const r = rules[s.line - 1];
      if (r && r.text === s.rule) r.steps.push({ step: s.step, passed: s.passed });
      else stale++;
    }
    return {
      name,
      policy: table.builtin[name],
      rules,
      onPath: rules.some((r) => r.steps.length > 0),
      about: aboutOf(name, table.rules[name] ?? []),
    };
  });
  return { chains, stale };
}
