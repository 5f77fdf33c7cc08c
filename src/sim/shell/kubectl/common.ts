// What every kubectl verb shares: its context (namespace from -n), flag parsing with kubectl's error
// texts, and the global flags every command accepts.
import type { ClusterState } from '../../model/state';
import type { CmdResult, Ctx } from '../types';
import type { FlagSpec, Parsed } from '../flags';
import { parseFlags } from '../flags';
import { fail } from '../output';

export interface K {
  ctx: Ctx;
  state: ClusterState;
  /** the namespace: -n, or "default" */
  ns: string;
  nsExplicit: boolean;
  /** flags given before the verb (kubectl -n x get pods) */
  pre: string[];
}

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'token', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'match-server-version', type: 'bool' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'warnings-as-errors', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
];

export const OUTPUT: FlagSpec = { name: 'output', short: 'o', type: 'string' };
export const SELECTOR: FlagSpec = { name: 'selector', short: 'l', type: 'string' };
export const FILENAME: FlagSpec = { name: 'filename', short: 'f', type: 'strings' };
export const ALL_NS: FlagSpec = { name: 'all-namespaces', short: 'A', type: 'bool' };
export const DRY_RUN: FlagSpec = { name: 'dry-run', type: 'string', noOpt: 'unchanged' };
export const RECURSIVE: FlagSpec = { name: 'recursive', short: 'R', type: 'bool' };

/** "error: unknown flag: --foo\nSee 'kubectl get --help' for usage." */
export function flagError(path: string, msg: string): CmdResult {
  return fail(`error: ${msg}\nSee '${path} --help' for usage.`);
}

/** cmdutil.UsageErrorf: "error: <msg>\nSee 'kubectl get -h' for help and examples" */
export function usageError(path: string, msg: string): CmdResult {
  return fail(`error: ${msg}\nSee '${path} -h' for help and examples`);
}

export function parse(k: K, path: string, argv: string[], specs: FlagSpec[]): Parsed | CmdResult {
  const p = parseFlags([...k.pre, ...argv], [...specs, ...GLOBAL_FLAGS]);
  if ('error' in p) return flagError(path, p.error);
  const ns = p.flags.namespace as string | undefined;
  if (ns !== undefined) {
    k.ns = ns;
    k.nsExplicit = true;
  }
  return p;
}

export const isResult = (x: unknown): x is CmdResult =>
  typeof x === 'object' && x !== null && 'chunks' in x && 'code' in x;

/** --dry-run's value: none, client or server (kubectl's error for anything else). */
export function dryRun(p: Parsed): 'none' | 'client' | 'server' | { error: string } {
  const v = p.flags['dry-run'] as string | undefined;
  if (v === undefined || v === 'none' || v === 'false') return 'none';
  if (v === 'client' || v === 'server') return v;
  if (v === 'unchanged' || v === 'true') return 'client';
  return { error: `Invalid dry-run value (${v}). Must be "none", "server", or "client".` };
}

export const dryRunSuffix = (d: 'none' | 'client' | 'server'): string =>
  d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
