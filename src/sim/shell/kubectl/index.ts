// kubectl: installed and configured on the control-plane machine. On a worker it has no kubeconfig
// (kubeadm writes admin.conf on the control plane only), so it talks to localhost:8080 and fails.
import type { Command, CmdResult } from '../types';
import type { K } from './common';
import { fail, ok } from '../output';
import { parseFlags } from '../flags';
import { GLOBAL_FLAGS, flagError } from './common';
import { get } from './get';
import { describe } from './describe';
import { apply } from './apply';
import { create, expose } from './create';
import { run } from './run-pod';
import { deleteCmd } from './delete';
import { annotate, label, scale } from './mutate';
import { exec } from './exec';
import { apiResources, clusterInfo, cordon, drain, logs, version } from './misc';
import { KUBECTL_HELP, VERB_HELP } from './help';
import { rollout, set } from './rollout';
import { edit, patch } from './patch';

export const VERBS: Record<string, (k: K, argv: string[]) => CmdResult> = {
  get,
  describe,
  apply,
  create,
  run,
  expose,
  delete: deleteCmd,
  scale,
  label,
  annotate,
  exec,
  logs,
  version,
  'cluster-info': clusterInfo,
  'api-resources': apiResources,
  cordon: (k, a) => cordon(k, a, true),
  uncordon: (k, a) => cordon(k, a, false),
  drain,
  set,
  rollout,
  patch,
  edit,
};

const NOT_HERE: Record<string, string> = {
  'port-forward':
    'error: the playground cannot forward ports to your computer: use curl from a machine or kubectl exec into a Pod',
  // as on a kubeadm cluster without metrics-server installed
  top: 'error: Metrics API not available',
};

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** cobra's "Did you mean this?" suggestions: edit distance 2 or a prefix. */
function suggestions(verb: string): string[] {
  return [...Object.keys(VERBS), ...Object.keys(NOT_HERE)]
    .filter((v) => distance(verb, v) <= 2 || v.startsWith(verb))
    .sort();
}

export const kubectl: Command = (ctx, args) => {
  const w = ctx.where;
  const isControlPlane =
    w.kind === 'node' &&
    ctx.state.objects.nodes[w.name]?.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
  if (!isControlPlane) {
    // kubelet and kubeadm's packages put kubectl on every node, but only the control plane has a kubeconfig
    return fail(
      'E0112 09:00:00.000000    4242 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
  }
  // global flags may come before the verb: kubectl -n kube-system get pods
  const argv = args.slice(1);
  const pre: string[] = [];
  let i = 0;
  while (i < argv.length && argv[i].startsWith('-')) {
    const a = argv[i];
    const spec = GLOBAL_FLAGS.find(
      (f) =>
        a === `--${f.name}` ||
        a === `-${f.short}` ||
        a.startsWith(`--${f.name}=`) ||
        (f.short && a.startsWith(`-${f.short}`) && a.length > 2),
    );
    if (!spec) {
      const r = parseFlags([a], GLOBAL_FLAGS);
      return flagError('kubectl', 'error' in r ? r.error : `unknown flag: ${a}`);
    }
    pre.push(a);
    if (spec.type !== 'bool' && !a.includes('=') && (a === `--${spec.name}` || a === `-${spec.short}`))
      pre.push(argv[++i] ?? '');
    i++;
  }
  const verb = argv[i];
  const rest = argv.slice(i + 1);
  if (verb === undefined || verb === 'help' || pre.includes('-h') || pre.includes('--help')) return ok(KUBECTL_HELP);
  const k: K = { ctx, state: ctx.state, ns: 'default', nsExplicit: false, pre };
  const fn = VERBS[verb];
  if (!fn) {
    if (verb in NOT_HERE) return fail(NOT_HERE[verb]);
    const s = suggestions(verb);
    return fail(
      `error: unknown command "${verb}" for "kubectl"${s.length ? `\n\nDid you mean this?\n${s.map((x) => `\t${x}\n`).join('')}` : ''}`,
    );
  }
  if (rest.includes('-h') || rest.includes('--help')) return ok(VERB_HELP[verb] ?? KUBECTL_HELP);
  return fn(k, rest);
};
