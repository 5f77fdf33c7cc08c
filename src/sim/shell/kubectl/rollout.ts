// kubectl set image and kubectl rollout status|history|undo|restart|pause|resume, for Deployments, in
// kubectl's words (staging/src/k8s.io/kubectl/pkg/cmd/set/set_image.go, pkg/cmd/rollout/*,
// pkg/polymorphichelpers/rollout_status.go, history.go, rollback.go, objectpauser.go, objectresumer.go,
// objectrestarter.go). `rollout status` watches: the virtual clock runs until the rollout is done.
import type { CmdResult } from '../types';
import type { Deployment, ReplicaSet } from '../../model/types';
import type { K } from './common';
import type { ResourceType } from './resources';
import { Out, fail, ok } from '../output';
import { FILENAME, isResult, parse } from './common';
import { bool, str, strs } from '../flags';
import { parseResourceArgs, prefixOf, qualified } from './resources';
import { writeObject } from '../../apiserver/api';
import { clone } from '../../model/meta';
import { advance, nextWake, reconcile } from '../../step';
import { rfc3339 } from '../../time/clock';
import { ownedBy } from '../../controllers/replicaset';
import { REVISION, revisionOf } from '../../controllers/deployment-util';
import { tabulate, DESCRIBE_TABWRITER } from '../printers/tabwriter';
import { DescribeWriter } from '../printers/describe-writer';
import { writePodTemplate } from '../printers/describe-pod';
import { setSelector } from './patch';

const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** The Deployment a `TYPE NAME` or `TYPE/NAME` argument names, or kubectl's error. */
function deploymentArg(k: K, args: string[], verb: string): { d: Deployment; type: ResourceType } | CmdResult {
  if (!args.length) return fail('error: required resource not specified');
  const r = parseResourceArgs(args, false);
  if ('error' in r) return fail(r.error);
  const it = r.items[0];
  if (!it.name) return fail('error: resource(s) were provided, but no name was specified');
  if (it.type.table !== 'Deployment') {
    const what = verb === 'status' ? 'no status viewer' : verb === 'history' ? 'no history viewer' : null;
    if (what) return fail(`error: ${what} has been implemented for ${it.type.table}`);
    return fail(
      `error: ${qualified(it.type)} "${it.name}" ${verb === 'undo' ? 'no rollbacker has been implemented for "' + it.type.table + '"' : `${verb === 'pause' ? 'pausing' : verb === 'resume' ? 'resuming' : 'restarting'} is not supported`}`,
    );
  }
  const d = k.state.objects.deployments[`${k.ns}/${it.name}`];
  if (!d) return fail(`Error from server (NotFound): deployments.apps "${it.name}" not found`);
  return { d, type: it.type };
}

/** Write the changed Deployment through the apiserver; its error text on failure. */
function update(k: K, d: Deployment): string | null {
  const r = writeObject(k.state, d, 'replace', d.metadata.namespace);
  return r.ok ? null : r.error.text;
}

const replicaSetsOf = (k: K, d: Deployment): ReplicaSet[] =>
  Object.values(k.state.objects.replicasets).filter(
    (r) => r.metadata.namespace === d.metadata.namespace && ownedBy(r, d.metadata.uid),
  );

/** kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... */
export function set(k: K, argv: string[]): CmdResult {
  const sub = argv[0];
  if (sub === undefined || sub === '-h' || sub === '--help')
    return ok(
      'Configure application resources.\n\n These commands help you make changes to existing application resources.\n\nAvailable Commands:\n  env              Update environment variables on a pod template\n  image            Update the image of a pod template\n  resources        Update resource requests/limits on objects with pod templates\n  selector         Set the selector on a resource\n  serviceaccount   Update the service account of a resource\n  subject          Update the user, group, or service account in a role binding or cluster role binding\n\nUsage:\n  kubectl set SUBCOMMAND [options]\n\nUse "kubectl set <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n',
    );
  if (sub.startsWith('-')) {
    const p = parse(k, 'kubectl set', argv, []);
    if (isResult(p)) return p;
  }
  if (sub === 'selector') return setSelector(k, argv);
  if (sub !== 'image')
    return fail(
      `error: the playground models kubectl set image and kubectl set selector only (kubectl set ${sub} is not available here; kubectl patch or kubectl edit can change the rest)`,
    );
  const p = parse(k, 'kubectl set image', argv.slice(1), [
    FILENAME,
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'dry-run', type: 'string', noOpt: 'unchanged' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'record', type: 'bool' },
  ]);
  if (isResult(p)) return p;
  // set_image.go getResourcesAndImages: NAME=IMAGE pairs; the rest names the resources
  const images = p.args.filter((a) => a.includes('='));
  const resources = p.args.filter((a) => !a.includes('='));
  if (!resources.length && !strs(p, 'filename').length)
    return fail('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!images.length) return fail('error: at least one image update is required');
  const pairs = images.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] as const);
  const bad = pairs.find(([, img]) => !img);
  if (bad) return fail(`error: invalid image update "${bad[0]}="`);
  const r = parseResourceArgs(resources, false);
  if ('error' in r) return fail(r.error);
  const out = new Out();
  let code = 0;
  for (const it of r.items) {
    if (!it.name) return fail('error: resource(s) were provided, but no name was specified');
    if (it.type.table !== 'Deployment' && it.type.table !== 'ReplicaSet' && it.type.table !== 'Pod') {
      out.err(
        `error: the playground sets images on Deployments, ReplicaSets and Pods only, not on ${it.type.resource}\n`,
      );
      code = 1;
      continue;
    }
    // set_image.go: a Pod's own containers (the apiserver lets a Pod's image change), else the template's
    const obj =
      it.type.table === 'Pod'
        ? k.state.objects.pods[`${k.ns}/${it.name}`]
        : (it.type.table === 'Deployment' ? k.state.objects.deployments : k.state.objects.replicasets)[
            `${k.ns}/${it.name}`
          ];
    if (!obj) {
      out.err(`Error from server (NotFound): ${qualified(it.type)} "${it.name}" not found\n`);
      code = 1;
      continue;
    }
    const next = clone(obj);
    const containers = next.kind === 'Pod' ? next.spec.containers : next.spec.template.spec.containers;
    let missing: string | null = null;
    for (const [name, img] of pairs) {
      const hit = name === '*' ? containers : containers.filter((c) => c.name === name);
      if (!hit.length) missing = name;
      for (const c of hit) c.image = img;
    }
    if (missing !== null) {
      out.err(`error: unable to find container named "${missing}"\n`);
      code = 1;
      continue;
    }
    if (JSON.stringify(next.spec) === JSON.stringify(obj.spec)) continue; // an empty patch prints nothing
    const w = writeObject(k.state, next, 'replace', k.ns);
    if (!w.ok) {
      out.err(w.error.text + '\n');
      code = 1;
      continue;
    }
    out.out(`${prefixOf(it.type)}/${it.name} image updated\n`);
  }
  return out.done(code);
}

/** rollout_status.go DeploymentStatusViewer.Status: the message, whether done, or the error. */
export function deploymentStatus(d: Deployment): { msg: string; done: boolean; error?: string } {
  const name = d.metadata.name;
  if ((d.metadata.generation ?? 1) <= (d.status.observedGeneration ?? 0)) {
    const c = (d.status.conditions ?? []).find((x) => x.type === 'Progressing');
    if (c?.reason === 'ProgressDeadlineExceeded')
      return { msg: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const want = d.spec.replicas ?? 1;
    const st = d.status;
    const updated = st.updatedReplicas ?? 0;
    if (updated < want)
      return {
        msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`,
        done: false,
      };
    if ((st.replicas ?? 0) > updated)
      return {
        msg: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`,
        done: false,
      };
    if ((st.availableReplicas ?? 0) < updated)
      return {
        msg: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`,
        done: false,
      };
    return { msg: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { msg: 'Waiting for deployment spec update to be observed...\n', done: false };
}

/** Go's time.ParseDuration for the usual forms (1h2m3s, 90s, 500ms); null when not one. */
function goDuration(v: string): number | null {
  if (v === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let ms = 0;
  let rest = v;
  for (const m of v.matchAll(re)) {
    ms += Number(m[1]) * { h: 3_600_000, m: 60_000, s: 1000, ms: 1 }[m[2] as 'h' | 'm' | 's' | 'ms'];
    rest = rest.replace(m[0], '');
  }
  return rest === '' && v !== '' ? ms : null;
}

/** How long `rollout status` waits when no --timeout is given (a real one would wait forever). */
const WATCH_LIMIT_MS = 15 * 60 * 1000;

function status(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl rollout status', argv, [
    FILENAME,
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'revision', type: 'int' },
    { name: 'timeout', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
  ]);
  if (isResult(p)) return p;
  const a = deploymentArg(k, p.args, 'status');
  if (isResult(a)) return a;
  const watch = p.flags.watch === undefined ? true : bool(p, 'watch');
  const timeout = str(p, 'timeout') !== undefined ? goDuration(str(p, 'timeout')!) : 0;
  if (timeout === null)
    return fail(
      `error: invalid argument "${str(p, 'timeout')}" for "--timeout" flag: time: invalid duration "${str(p, 'timeout')}"`,
    );
  const key = `${a.d.metadata.namespace}/${a.d.metadata.name}`;
  const out = new Out();
  const s = k.state;
  const start = s.now;
  const limit = timeout > 0 ? timeout : WATCH_LIMIT_MS;
  let seen = '';
  for (;;) {
    reconcile(s); // the controllers see what was just written
    const d = s.objects.deployments[key];
    if (!d) return out.err(`error: deployments.apps "${a.d.metadata.name}" not found\n`).done(1);
    const v = JSON.stringify([d.metadata.generation, d.status]);
    const st = deploymentStatus(d);
    if (st.error) return out.err(`error: ${st.error}\n`).done(1);
    if (v !== seen) {
      // each watch event prints the status again, as kubectl does
      out.out(st.msg);
      seen = v;
    }
    if (st.done || !watch) return out.done(0);
    const w = nextWake(s);
    if (w === null || w - start > limit) {
      advance(s, Math.max(0, start + limit - s.now));
      return out.err('error: timed out waiting for the condition\n').done(1);
    }
    advance(s, w - s.now);
  }
}

/** history.go ViewHistory: REVISION / CHANGE-CAUSE, or one revision's Pod template. */
function history(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl rollout history', argv, [
    FILENAME,
    { name: 'revision', type: 'int' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
  ]);
  if (isResult(p)) return p;
  const a = deploymentArg(k, p.args, 'history');
  if (isResult(a)) return a;
  const byRevision = new Map<number, ReplicaSet>();
  for (const rs of replicaSetsOf(k, a.d)) byRevision.set(revisionOf(rs), rs);
  const head = `${prefixOf(a.type)}/${a.d.metadata.name}`;
  const revision = (p.flags.revision as number | undefined) ?? 0;
  if (!byRevision.size) return ok(`${head} \nNo rollout history found.\n`);
  if (revision > 0) {
    const rs = byRevision.get(revision);
    if (!rs) return fail('error: unable to find the specified revision');
    const tpl = clone(rs.spec.template);
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
    if (cause)
      tpl.metadata = {
        ...(tpl.metadata ?? {}),
        annotations: { ...(tpl.metadata?.annotations ?? {}), [CHANGE_CAUSE]: cause },
      };
    // printTemplate: DescribePodTemplate through a bare PrefixWriter
    const w = new DescribeWriter(true);
    writePodTemplate(w, tpl, k.state.settings.epoch);
    return ok(`${head} with revision #${revision}\n${w.toString()}\n`);
  }
  const rows = [...byRevision.keys()]
    .sort((x, y) => x - y)
    .map((r) => `${r}\t${byRevision.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}\n`);
  return ok(`${head} \n${tabulate(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, DESCRIBE_TABWRITER)}\n`);
}

const SKIP_ON_ROLLBACK = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function templateSansHash(t: ReplicaSet['spec']['template']): string {
  const c = clone(t);
  if (c.metadata?.labels) {
    delete c.metadata.labels['pod-template-hash'];
  }
  return JSON.stringify(c);
}

/** rollback.go DeploymentRollbacker.Rollback: the previous (or --to-revision) ReplicaSet's template back into the Deployment. */
function undo(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl rollout undo', argv, [
    FILENAME,
    { name: 'to-revision', type: 'int' },
    { name: 'dry-run', type: 'string', noOpt: 'unchanged' },
    { name: 'selector', short: 'l', type: 'string' },
  ]);
  if (isResult(p)) return p;
  const a = deploymentArg(k, p.args, 'undo');
  if (isResult(a)) return a;
  const d = a.d;
  const to = (p.flags['to-revision'] as number | undefined) ?? 0;
  if (to < 0) return fail(`error: unable to find specified revision ${to} in history`);
  const rss = replicaSetsOf(k, d);
  let target: ReplicaSet | undefined;
  if (to > 0) {
    target = rss.find((r) => revisionOf(r) === to);
    if (!target) return fail(`error: unable to find specified revision ${to} in history`);
  } else {
    const sorted = [...rss]
      .filter((r) => r.metadata.annotations?.[REVISION] !== undefined)
      .sort((x, y) => revisionOf(y) - revisionOf(x));
    target = sorted[1];
    if (!target) return fail(`error: no rollout history found for deployment "${d.metadata.name}"`);
  }
  if (d.spec.paused)
    return fail(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
    );
  const head = `${prefixOf(a.type)}/${d.metadata.name}`;
  const dTpl = clone(d.spec.template);
  if (templateSansHash(target.spec.template) === JSON.stringify(dTpl))
    return ok(`${head} skipped rollback (current template already matches revision ${revisionOf(target)})\n`);
  const next = clone(d);
  const tpl = clone(target.spec.template);
  if (tpl.metadata?.labels) delete tpl.metadata.labels['pod-template-hash'];
  next.spec.template = tpl;
  const ann: Record<string, string> = {};
  for (const [key, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIP_ON_ROLLBACK.has(key)) ann[key] = v;
  for (const [key, v] of Object.entries(target.metadata.annotations ?? {}))
    if (!SKIP_ON_ROLLBACK.has(key)) ann[key] = v;
  next.metadata.annotations = ann;
  const err = update(k, next);
  if (err) return fail(err);
  return ok(`${head} rolled back\n`);
}

/** rollout pause / resume / restart: the patch objectpauser, objectresumer and objectrestarter make. */
function patchVerb(k: K, argv: string[], verb: 'pause' | 'resume' | 'restart'): CmdResult {
  const p = parse(k, `kubectl rollout ${verb}`, argv, [
    FILENAME,
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'dry-run', type: 'string', noOpt: 'unchanged' },
  ]);
  if (isResult(p)) return p;
  const a = deploymentArg(k, p.args, verb);
  if (isResult(a)) return a;
  const d = a.d;
  const head = `${prefixOf(a.type)}/${d.metadata.name}`;
  const refuse = (why: string) => fail(`error: deployments.apps "${d.metadata.name}" ${why}`);
  const next = clone(d);
  if (verb === 'pause') {
    if (d.spec.paused) return refuse('is already paused');
    next.spec.paused = true;
  } else if (verb === 'resume') {
    if (!d.spec.paused) return refuse('is not paused');
    delete next.spec.paused;
  } else {
    if (d.spec.paused) return refuse("can't restart paused deployment (run rollout resume first)");
    const m = (next.spec.template.metadata ??= {});
    m.annotations = {
      ...(m.annotations ?? {}),
      'kubectl.kubernetes.io/restartedAt': rfc3339(k.state.settings.epoch, k.state.now),
    };
  }
  const err = update(k, next);
  if (err) return fail(err);
  return ok(`${head} ${verb === 'pause' ? 'paused' : verb === 'resume' ? 'resumed' : 'restarted'}\n`);
}

const ROLLOUT_HELP = `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc

  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

export function rollout(k: K, argv: string[]): CmdResult {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'status':
      return status(k, rest);
    case 'history':
      return history(k, rest);
    case 'undo':
      return undo(k, rest);
    case 'pause':
    case 'resume':
    case 'restart':
      return patchVerb(k, rest, sub);
    case undefined:
      return ok(ROLLOUT_HELP);
    default: {
      if (sub.startsWith('-')) {
        const p = parse(k, 'kubectl rollout', argv, []);
        return isResult(p) ? p : ok(ROLLOUT_HELP);
      }
      return fail(`error: unknown command "${sub}" for "kubectl rollout"`);
    }
  }
}
