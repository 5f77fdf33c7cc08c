// Helpers for kube-proxy tests: compile a node and read its rules back as text.
import type { EndpointSlice, Service } from '../model/types';
import type { NodeTables } from '../model/iptables';
import { compileNodeTables } from './compile';
import { ruleToWrittenLine } from './as-written';
import { chainOrder, ruleToSaveLine } from './iptables-save';

export function compileFor(
  services: Service[],
  slices: EndpointSlice[],
  opts: { node?: string; nodeIP?: string; podSubnet?: string; masqueradeAll?: boolean } = {},
): NodeTables {
  return compileNodeTables({
    node: opts.node ?? 'worker',
    nodeIPs: [opts.nodeIP ?? '172.18.0.3'],
    settings: { podSubnet: opts.podSubnet ?? '10.244.0.0/16', masqueradeAll: opts.masqueradeAll ?? false },
    services,
    slices,
  });
}

const NOT_KUBE_PROXY = new Set(['KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY']);

/**
 * The rules kube-proxy's iptables-restore input holds, per chain, in its own ("as written") form, with
 * the fake proxier's conventions of upstream tests: mark 0x4000, no --random-fully.
 */
export function writtenByChain(t: NodeTables): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [prefix, table] of [
    ['filter', t.filter],
    ['nat', t.nat],
  ] as const) {
    for (const c of chainOrder(table).user) {
      if (NOT_KUBE_PROXY.has(c)) continue;
      out[`${prefix} ${c}`] = (table.rules[c] ?? []).map((r) =>
        ruleToWrittenLine(c, r)
          .replace(/0x00004000/g, '0x4000')
          .replace(' --random-fully', ''),
      );
    }
  }
  return out;
}

/** Parse an upstream expected dump (`*filter ... COMMIT *nat ... COMMIT`) into lines per chain. */
export function parseDump(dump: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let table = '';
  for (const raw of dump.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('*')) table = line.slice(1);
    else if (line.startsWith(':')) out[`${table} ${line.slice(1).split(' ')[0]}`] ??= [];
    else if (line.startsWith('-A ')) {
      const k = `${table} ${line.split(' ')[1]}`;
      (out[k] ??= []).push(line);
    }
  }
  return out;
}

/** All iptables-save lines of a table (builtin chains first, then user chains sorted). */
export function saveLines(t: NodeTables, table: 'nat' | 'filter'): string[] {
  const tb = t[table];
  const { builtins, user } = chainOrder(tb);
  return [...builtins, ...user].flatMap((c) => (tb.rules[c] ?? []).map((r) => ruleToSaveLine(c, r)));
}

/** iptables-save lines mentioning `needle`. */
export const linesWith = (t: NodeTables, table: 'nat' | 'filter', needle: string): string[] =>
  saveLines(t, table).filter((l) => l.includes(needle));
