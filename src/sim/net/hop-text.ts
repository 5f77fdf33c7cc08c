// A hop's rule as text, for the edges that show it (the shell's trace, the hop inspector, the rules
// view): iptables-save's line for an iptables rule. The tracer itself reads the rule's fields.
import type { TraceHop } from './trace-types';
import { ruleToSaveLine } from '../kubeproxy/iptables-save';

export function hopRuleText(h: TraceHop): string | undefined {
  if (!h.rule || !h.chain) return undefined;
  switch (h.rule.mode) {
    case 'iptables':
      return ruleToSaveLine(h.chain, h.rule);
  }
}
