// kubectl run NAME --image=I: since 1.18 it creates only a Pod, labelled run=NAME ("pod/NAME created";
// the chapter's "deployment.apps/nginx created" and its generator warning are from before 1.18).
// With -i/-t it waits for the Pod, runs the command (or opens the image's shell) and, with --rm,
// deletes the Pod afterwards: the Kubernetes DNS guide's `kubectl run -it --rm ... -- nslookup`.
import type { CmdResult } from '../types';
import type { Container, EnvVar, Pod, PodSpec, Service } from '../../model/types';
import type { K } from './common';
import { Out, fail } from '../output';
import { DRY_RUN, OUTPUT, isResult, parse, usageError } from './common';
import { bool, str, strs } from '../flags';
import { finish, type Generated } from './create';
import { runInPod } from './exec';
import { toolset } from '../pod/images';
import { deleteObject, getObject } from '../../apiserver/api';
import { waitGone } from './delete';
import { podKey } from '../session';

function parseLabels(s: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    const [k, v] = part.split('=');
    if (!k || v === undefined) return null;
    out[k] = v;
  }
  return out;
}

/** Wait (the virtual clock runs) until the Pod's container runs; kubectl's --pod-running-timeout is 1m. */
function waitRunning(k: K, ns: string, name: string): boolean {
  waitGone(
    k,
    () => {
      const p = getObject(k.state, 'Pod', ns, name) as Pod | undefined;
      return !p || !!k.state.runtime[p.metadata.uid]?.appUp || p.status.phase === 'Failed';
    },
    60_000,
  );
  const p = getObject(k.state, 'Pod', ns, name) as Pod | undefined;
  return !!p && !!k.state.runtime[p.metadata.uid]?.appUp;
}

export function run(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl run', argv, [
    OUTPUT,
    DRY_RUN,
    { name: 'image', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'env', type: 'strings' },
    { name: 'restart', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'expose', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'annotations', type: 'strings' },
    { name: 'attach', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'pod-running-timeout', type: 'string' },
    { name: 'overrides', type: 'string' },
    { name: 'save-config', type: 'bool' },
    { name: 'privileged', type: 'bool' },
    { name: 'leave-stdin-open', type: 'bool' },
    { name: 'generator', type: 'string' },
  ]);
  if (isResult(p)) return p;
  if (p.flags.generator !== undefined)
    return fail("error: unknown flag: --generator\nSee 'kubectl run --help' for usage.");
  const before = p.dashAt >= 0 ? p.args.slice(0, p.dashAt) : p.args.slice(0, 1);
  const extra = p.dashAt >= 0 ? p.args.slice(p.dashAt) : p.args.slice(1);
  if (!before.length) return usageError('kubectl run', 'NAME is required for run');
  const name = before[0];
  const image = str(p, 'image');
  if (!image) return fail('error: required flag(s) "image" not set');
  const attach = bool(p, 'stdin') || bool(p, 'attach') || bool(p, 'tty');
  if (bool(p, 'rm') && !attach) return fail('error: --rm should only be used for attached containers');
  if (bool(p, 'expose') && !str(p, 'port')) return fail('error: --port must be set when exposing a service');
  const restart = str(p, 'restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return fail(`error: invalid restart policy: ${restart}`);
  const labels = str(p, 'labels') !== undefined ? parseLabels(str(p, 'labels')!) : { run: name };
  if (!labels) return fail(`error: invalid label spec: ${str(p, 'labels')}`);
  const env: EnvVar[] = [];
  for (const e of strs(p, 'env')) {
    const i = e.indexOf('=');
    if (i < 0) return fail(`error: invalid env: ${e}`);
    env.push({ name: e.slice(0, i), value: e.slice(i + 1) });
  }
  const port = str(p, 'port');
  // --image-pull-policy and --restart go to the apiserver as given; its validation names a bad value
  const container: Container = {
    name,
    image,
    ...(extra.length ? (bool(p, 'command') ? { command: extra } : { args: extra }) : {}),
    ...(env.length ? { env } : {}),
    ...(str(p, 'image-pull-policy')
      ? { imagePullPolicy: str(p, 'image-pull-policy') as Container['imagePullPolicy'] }
      : {}),
    ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
    ...(attach ? { stdin: true, stdinOnce: true, ...(bool(p, 'tty') ? { tty: true } : {}) } : {}),
  };
  const annotations = Object.fromEntries(strs(p, 'annotations').map((a) => a.split('=') as [string, string]));
  const pod: Generated<Pod> = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      containers: [container],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: restart as PodSpec['restartPolicy'],
    },
  };
  const out = new Out();
  if (bool(p, 'expose')) {
    const svc: Generated<Service> = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { selector: { ...labels }, ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }] },
    };
    const r = finish(k, svc, 'created', p, out);
    if (r.code !== 0) return r;
  }
  const created = finish(k, pod, 'created', p, out);
  if (created.code !== 0 || !attach || p.flags['dry-run'] !== undefined) return created;

  // attached: the printed "pod/x created" is not shown when attaching
  const shown = new Out();
  for (const c of created.chunks) if (!/^pod\/\S+ created\n$/.test(c.text)) shown.chunks.push(c);
  if (!waitRunning(k, k.ns, name)) return shown.err('error: timed out waiting for the condition\n').done(1);
  const live = getObject(k.state, 'Pod', k.ns, name) as Pod;
  const tty = bool(p, 'tty');
  if (tty && !bool(p, 'quiet')) shown.err("If you don't see a command prompt, try pressing enter.\n");
  const cleanup = () => {
    deleteObject(k.state, 'Pod', k.ns, name);
    shown.out(`pod "${name}" deleted from ${k.ns} namespace\n`);
    waitGone(k, () => !getObject(k.state, 'Pod', k.ns, name), 35_000);
  };
  const ts = toolset(live);
  const command = extra.length ? extra : ts.shell ? [ts.shell] : [];
  if (!command.length) {
    if (bool(p, 'rm')) cleanup();
    return shown.done(0);
  }
  const r = runInPod(k.ctx, live, command, { stdin: bool(p, 'stdin'), tty, interactive: bool(p, 'stdin') });
  shown.add(r);
  if (k.ctx.session.host === podKey(live)) {
    // an interactive shell: --rm deletes the Pod when the user exits it
    if (bool(p, 'rm')) (k.ctx.session.onExit ??= {})[podKey(live)] = 'delete';
    return shown.done(0);
  }
  if (r.code !== 0) shown.err(`pod ${k.ns}/${name} terminated (Error)\n`);
  if (bool(p, 'rm')) cleanup();
  return shown.done(r.code === 0 ? 0 : 1);
}
