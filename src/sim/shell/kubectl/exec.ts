// kubectl exec POD [-c C] [-i] [-t] -- COMMAND: the command runs in the Pod's container with the
// container's environment and the Pod's network (its resolv.conf, its IP). A shell with -i opens a
// Pod shell in the session (prompt root@<pod>:/#).
import type { CmdResult, Ctx } from '../types';
import type { LabelSelector, Pod } from '../../model/types';
import type { K } from './common';
import { Out, fail } from '../output';
import { FILENAME, isResult, parse, usageError } from './common';
import { bool, str } from '../flags';
import { toolset, isShell } from '../pod/images';
import { podEnv } from '../pod/env';
import { enterPod, podKey } from '../session';
import { withShell } from '../shells';
import { matchesSelector } from '../../model/meta';
import { fnv1a32 } from '../../lib/hash';
import { isPodReady } from '../../model/facts';

function execId(pod: Pod, now: number): string {
  let h = '';
  for (let i = 0; h.length < 64; i++) h += fnv1a32(`${pod.metadata.uid}:${now}:${i}`).toString(16).padStart(8, '0');
  return h.slice(0, 64);
}

/** The OCI runtime's answer when the program is not in the image. */
export function ociNotFound(pod: Pod, now: number, prog: string): CmdResult {
  const why = prog.includes('/')
    ? `exec: "${prog}": stat ${prog}: no such file or directory`
    : `exec: "${prog}": executable file not found in $PATH`;
  return fail(
    `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(pod, now)}": OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`,
  );
}

export interface ExecOpts {
  stdin: boolean;
  tty: boolean;
  container?: string;
  interactive: boolean;
}

/**
 * Run `command` in the Pod's container. Returns the program's own output and exit code (without
 * kubectl's "command terminated" line). With a TTY, stderr comes back on stdout, as kubectl shows it.
 */
export function runInPod(ctx: Ctx, pod: Pod, command: string[], o: ExecOpts): CmdResult {
  const ts = toolset(pod, o.container);
  const prog = command[0].split('/').pop()!;
  if (isShell(prog) && (ts.shell === prog || (prog !== 'bash' && ts.shell !== null && ts.tools.has(prog)))) {
    const c = command.indexOf('-c');
    if (c < 0 && o.interactive && o.stdin) {
      enterPod(ctx.state, ctx.session, pod, prog === 'bash' ? 'bash' : 'sh', o.tty);
      return new Out().done(0);
    }
  } else if (!ts.tools.has(prog)) return ociNotFound(pod, ctx.state.now, command[0]);
  const env: Record<string, string> = Object.fromEntries(podEnv(ctx.state, pod, o.tty, o.container));
  const shell = ts.shell === 'bash' ? 'bash' : 'sh';
  const r = withShell(ctx.session, { host: podKey(pod), env, cwd: '/', shell }, () => {
    const where = { kind: 'pod' as const, pod, key: podKey(pod) };
    const pctx: Ctx = { ...ctx, where, stdin: o.stdin ? ctx.stdin : '', direct: true, tty: o.tty };
    pctx.run = (text: string) => ctx.exec({ ...pctx, direct: false, stdin: '' }, text);
    const fn = ctx.findCommand(pctx, command[0]);
    return fn
      ? fn(
          pctx,
          command.map((a, i) => (i === 0 ? prog : a)),
        )
      : ociNotFound(pod, ctx.state.now, command[0]);
  });
  if (o.tty) return { ...r, chunks: r.chunks.map((c) => ({ fd: 1 as const, text: c.text })) };
  return r;
}

/** A Pod for `POD`, `pod/NAME`, or a controller/Service (kubectl picks one of its Pods). */
export function podFor(k: K, ref: string): Pod | CmdResult {
  const [typ, name] = ref.includes('/') ? ref.split('/') : ['pod', ref];
  const t = typ.toLowerCase();
  const s = k.state;
  if (['pod', 'pods', 'po'].includes(t)) {
    return s.objects.pods[`${k.ns}/${name}`] ?? fail(`Error from server (NotFound): pods "${name}" not found`);
  }
  let selector: LabelSelector | undefined;
  if (['deployment', 'deploy', 'deployments'].includes(t)) {
    const d = s.objects.deployments[`${k.ns}/${name}`];
    if (!d) return fail(`Error from server (NotFound): deployments.apps "${name}" not found`);
    selector = d.spec.selector;
  } else if (['replicaset', 'rs', 'replicasets'].includes(t)) {
    const rs = s.objects.replicasets[`${k.ns}/${name}`];
    if (!rs) return fail(`Error from server (NotFound): replicasets.apps "${name}" not found`);
    selector = rs.spec.selector;
  } else if (['service', 'svc', 'services'].includes(t)) {
    const svc = s.objects.services[`${k.ns}/${name}`];
    if (!svc) return fail(`Error from server (NotFound): services "${name}" not found`);
    if (!svc.spec.selector)
      return fail(
        `error: cannot attach to *v1.Service: invalid service '${name}': Service is defined without a selector`,
      );
    selector = { matchLabels: svc.spec.selector };
  } else return fail(`error: the server doesn't have a resource type "${typ}"`);
  const pods = Object.values(s.objects.pods).filter(
    (p) =>
      p.metadata.namespace === k.ns &&
      matchesSelector(selector, p.metadata.labels) &&
      p.metadata.deletionTimestamp === undefined,
  );
  pods.sort(
    (a, b) =>
      Number(isPodReady(b)) - Number(isPodReady(a)) || a.metadata.creationTimestamp - b.metadata.creationTimestamp,
  );
  return pods[0] ?? fail(`error: no pods found for ${t} ${name}`);
}

/** Whether the Pod's container can take an exec now, or kubectl's error. */
export function execable(k: K, pod: Pod, container?: string): CmdResult | null {
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed')
    return fail(`error: cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  if (!pod.spec.nodeName)
    return fail(`Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned`);
  const names = pod.spec.containers.map((c) => c.name);
  if (container !== undefined && !names.includes(container))
    return fail(`error: container ${container} is not valid for pod ${pod.metadata.name} out of: ${names.join(', ')}`);
  if (!k.state.runtime[pod.metadata.uid]?.appUp)
    return fail(`error: unable to upgrade connection: container not found ("${container ?? names[0]}")`);
  return null;
}

export function exec(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl exec', argv, [
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'container', short: 'c', type: 'string' },
    { name: 'quiet', short: 'q', type: 'bool' },
    FILENAME,
    { name: 'pod-running-timeout', type: 'string' },
  ]);
  if (isResult(p)) return p;
  if (p.dashAt === -1 && p.args.length > 1)
    return usageError(
      'kubectl exec',
      'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
    );
  if (p.dashAt > 1)
    return usageError(
      'kubectl exec',
      'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead',
    );
  if (!p.args.length || p.dashAt === 0) return fail('error: pod, type/name or --filename must be specified');
  const command = p.args.slice(1);
  if (!command.length) return fail('error: you must specify at least one command for the container');
  const pod = podFor(k, p.args[0]);
  if (isResult(pod)) return pod;
  const container = str(p, 'container');
  const bad = execable(k, pod, container);
  if (bad) return bad;
  const out = new Out();
  if (container === undefined && pod.spec.containers.length > 1 && !bool(p, 'quiet'))
    out.err(
      `Defaulted container "${pod.spec.containers[0].name}" out of: ${pod.spec.containers.map((c) => c.name).join(', ')}\n`,
    );
  const r = runInPod(k.ctx, pod, command, {
    stdin: bool(p, 'stdin'),
    tty: bool(p, 'tty'),
    container,
    interactive: bool(p, 'stdin'),
  });
  out.add(r);
  const ociError = r.code === 1 && r.chunks.some((c) => c.text.startsWith('error: Internal error occurred'));
  if (r.code !== 0 && !ociError) out.err(`command terminated with exit code ${r.code}\n`);
  return out.done(r.code);
}
