// iptables-save and iptables -L / -S on a node: the tables its kube-proxy last synced (so a node
// whose kube-proxy lags shows stale rules). The external client has no Kubernetes rules at all.
import type { NodeTables, Table, TableName } from '../../model/iptables';
import type { Command, Ctx } from '../types';
import { Out, fail, ok } from '../output';
import { MANGLE, iptablesSave, ruleToSaveLine, chainOrder } from '../../kubeproxy/iptables-save';
import { iptablesList } from '../../kubeproxy/iptables-list';
import { emptyTables } from '../../kubeproxy/static-rules';
import { nodeTables } from '../../net/flannel';
import { policyCounts, ruleCounts, zeroCounters } from '../../kubeproxy/counters';

const VERSION = 'iptables v1.8.10 (nf_tables)';

function tablesOf(ctx: Ctx): NodeTables | null {
  const w = ctx.where;
  const node =
    w.kind === 'node' ? w.name : w.kind === 'pod' && w.pod.spec.hostNetwork ? w.pod.spec.nodeName : undefined;
  if (!node) return null;
  // kube-proxy's tables and flannel's chains beside them
  return nodeTables(ctx.state, node, (ctx.state.proxies[node]?.tables as NodeTables | undefined) ?? emptyTables());
}

export const iptablesSaveCmd: Command = (ctx, args) => {
  let table: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') table = args[++i];
    else if (a.startsWith('--table=')) table = a.slice(8);
    else if (a.startsWith('-t') && a.length > 2) table = a.slice(2);
    else if (a === '-c' || a === '--counters') continue;
    else
      return fail(`iptables-save: unrecognized option '${a}'\nUsage: iptables-save [-b] [-c] [-t table] [-f file]`, 1);
  }
  const tables = tablesOf(ctx);
  if (!tables) return ok(''); // no rules on this machine: an nf_tables host with no tables prints nothing
  if (table !== undefined && table !== 'nat' && table !== 'filter' && table !== 'mangle') {
    // no rule ever created these tables on an nf_tables host: nothing to print
    if (table === 'raw' || table === 'security') return ok('');
    return fail(`iptables-save: Unable to list table '${table}'`, 1);
  }
  return ok(
    iptablesSave(tables, {
      table: table as TableName | 'mangle' | undefined,
      epoch: ctx.state.settings.epoch,
      at: ctx.state.now,
    }),
  );
};

const SERVICES: Record<string, string> = {
  '22': 'ssh',
  '53': 'domain',
  '80': 'http',
  '443': 'https',
  '3306': 'mysql',
  '5432': 'postgresql',
  '6379': 'redis',
  '8080': 'http-alt',
};

/** Without -n iptables names addresses and ports ("anywhere", "dpt:http"). */
function symbolic(text: string): string {
  // same column width: "0.0.0.0/0" is 9 characters, "anywhere" 8
  return text
    .replace(/0\.0\.0\.0\/0/g, 'anywhere ')
    .replace(/ dpt:(\d+)/g, (m, p: string) => (SERVICES[p] ? ` dpt:${SERVICES[p]}` : m));
}

export const iptablesCmd: Command = (ctx, args) => {
  let table = 'filter';
  let mode: 'L' | 'S' | null = null;
  let chain: string | undefined;
  let numeric = false;
  let lineNumbers = false;
  let verbose = false;
  let exact = false;
  let zero = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') {
      table = args[++i] ?? '';
      continue;
    }
    if (a.startsWith('--table=')) {
      table = a.slice(8);
      continue;
    }
    if (a === '--line-numbers') {
      lineNumbers = true;
      continue;
    }
    if (a === '--numeric') {
      numeric = true;
      continue;
    }
    if (a === '--verbose' || a === '--exact') {
      if (a === '--verbose') verbose = true;
      else exact = true;
      continue;
    }
    if (a === '--zero') {
      zero = true;
      if (args[i + 1] && !args[i + 1].startsWith('-')) chain = args[++i];
      continue;
    }
    if (a === '--list' || a === '--list-rules') {
      mode = a === '--list' ? 'L' : 'S';
      if (args[i + 1] && !args[i + 1].startsWith('-')) chain = args[++i];
      continue;
    }
    if (/^-(A|I|D|R|F|X|N|P|E)$/.test(a) || /^--(append|insert|delete|flush|new-chain|policy)/.test(a)) {
      return fail(
        `iptables: this playground shows the rules kube-proxy writes; it does not let you change them by hand.`,
        1,
      );
    }
    if (/^-[A-Za-z]+$/.test(a) && !a.startsWith('--')) {
      let takesChain = false;
      for (const c of a.slice(1)) {
        if (c === 'Z') {
          zero = true;
          takesChain = true;
        } else if (c === 'L' || c === 'S') {
          if (mode && mode !== c)
            return fail(
              `${VERSION}: Illegal option \`-${c}' with this command\n\nTry \`iptables -h' or 'iptables --help' for more information.`,
              2,
            );
          mode = c;
          takesChain = true;
        } else if (c === 'n') numeric = true;
        else if (c === 'v') verbose = true;
        else if (c === 'x') exact = true;
        else if (c === 't') {
          table = args[++i] ?? '';
          takesChain = false;
        } else
          return fail(
            `${VERSION}: unknown option "-${c}"\nTry \`iptables -h' or 'iptables --help' for more information.`,
            2,
          );
      }
      if (takesChain && args[i + 1] && !args[i + 1].startsWith('-')) chain = args[++i];
      continue;
    }
    return fail(`Bad argument \`${a}'\nTry \`iptables -h' or 'iptables --help' for more information.`, 2);
  }
  if (zero && mode === 'S')
    return fail(
      `${VERSION}: Illegal option \`-S' with this command\n\nTry \`iptables -h' or 'iptables --help' for more information.`,
      2,
    );
  // -Z alone zeroes; with -L it lists, then zeroes (iptables/xshared.c: -L -Z is the one allowed pair)
  if (zero && !mode) {
    const r = zeroCmd(ctx, table, chain);
    return r ?? ok('');
  }
  if (!mode)
    return fail(`${VERSION}: no command specified\nTry \`iptables -h' or 'iptables --help' for more information.`, 2);
  if (table !== 'nat' && table !== 'filter' && table !== 'mangle' && table !== 'raw') {
    return fail(
      `${VERSION}: can't initialize iptables table \`${table}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.`,
      3,
    );
  }
  const tables =
    tablesOf(ctx) ??
    ({
      nat: {
        name: 'nat',
        builtin: { PREROUTING: 'ACCEPT', INPUT: 'ACCEPT', OUTPUT: 'ACCEPT', POSTROUTING: 'ACCEPT' },
        chains: [],
        rules: {},
      },
      filter: {
        name: 'filter',
        builtin: { INPUT: 'ACCEPT', FORWARD: 'ACCEPT', OUTPUT: 'ACCEPT' },
        chains: [],
        rules: {},
      },
    } as NodeTables);
  const extra = (builtins: string[]): Table => ({
    name: table as TableName,
    builtin: Object.fromEntries(builtins.map((c) => [c, 'ACCEPT' as const])),
    chains: [],
    rules: {},
  });
  const t: Table =
    table === 'raw'
      ? extra(['PREROUTING', 'OUTPUT'])
      : table === 'mangle'
        ? tablesOf(ctx)
          ? MANGLE
          : extra(['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'])
        : tables[table as TableName];
  if (mode === 'S') {
    const { builtins, user } = chainOrder(t);
    const all = [...builtins, ...user];
    if (chain !== undefined && !all.includes(chain)) return fail('iptables: No chain/target/match by that name.', 1);
    const o = new Out();
    for (const c of chain !== undefined ? [chain] : all)
      o.out(c in t.builtin ? `-P ${c} ${t.builtin[c]}\n` : `-N ${c}\n`);
    for (const c of chain !== undefined ? [chain] : all)
      for (const r of t.rules[c] ?? []) o.out(ruleToSaveLine(c, r) + '\n');
    return o.done(0);
  }
  const proxy = nodeOf(ctx) ? ctx.state.proxies[nodeOf(ctx)!] : undefined;
  const r = iptablesList({ ...tables, [t.name]: t } as NodeTables, {
    table: t.name as TableName,
    chain,
    lineNumbers,
    // iptables 1.8.9-1.8.10 print_rule_details: with -n (FMT_NUMERIC) the protocol is its number
    numericProto: numeric,
    verbose: verbose
      ? {
          counts: (c, rule) => ruleCounts(proxy, table, c, rule),
          policy: (c) => policyCounts(proxy, table, c),
          exact,
          numeric,
        }
      : undefined,
  });
  if (r.exitCode !== 0) return fail(r.stderr, r.exitCode);
  if (zero) zeroCmd(ctx, table, chain);
  return ok(numeric ? r.stdout : symbolic(r.stdout));
};

function nodeOf(ctx: Ctx): string | undefined {
  const w = ctx.where;
  return w.kind === 'node' ? w.name : w.kind === 'pod' && w.pod.spec.hostNetwork ? w.pod.spec.nodeName : undefined;
}

/** iptables -Z [CHAIN]: the counters of one chain (or of every chain of the table) back to zero. */
function zeroCmd(ctx: Ctx, table: string, chain: string | undefined) {
  const tables = tablesOf(ctx);
  if (chain !== undefined && tables && (table === 'nat' || table === 'filter')) {
    const { builtins, user } = chainOrder(tables[table]);
    if (![...builtins, ...user].includes(chain)) return fail('iptables: No chain/target/match by that name.', 1);
  }
  const node = nodeOf(ctx);
  if (node) zeroCounters(ctx.state.proxies[node], table, chain);
  return null;
}
