// kubectl version, cluster-info, api-resources, logs, cordon/uncordon/drain.
import type { CmdResult } from '../types';
import type { Pod } from '../../model/types';
import type { K } from './common';
import { Out, fail, ok } from '../output';
import { isResult, parse } from './common';
import { bool, str } from '../flags';
import { TYPES } from './resources';
import { GET_TABWRITER, TabWriter } from '../printers/tabwriter';
import { imageName, imageInfo } from '../../kubelet/images';
import { podFor, runInPod } from './exec';
import { toolset } from '../pod/images';
import { deleteObject } from '../../apiserver/api';
import { waitGone } from './delete';
import { nodeIP } from '../../model/facts';

function apiServerURL(k: K): string {
  const cp = Object.values(k.state.objects.nodes).find(
    (n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined,
  );
  return `https://${cp ? nodeIP(cp) : '127.0.0.1'}:6443`;
}

export function version(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl version', argv, [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ]);
  if (isResult(p)) return p;
  const v = k.state.settings.kubernetesVersion;
  return ok(`Client Version: ${v}\nKustomize Version: v5.7.1\n${bool(p, 'client') ? '' : `Server Version: ${v}\n`}`);
}

export function clusterInfo(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl cluster-info', argv, []);
  if (isResult(p)) return p;
  const url = apiServerURL(k);
  const dns = k.state.objects.services['kube-system/kube-dns']
    ? `CoreDNS is running at ${url}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n`
    : '';
  return ok(
    `Kubernetes control plane is running at ${url}\n${dns}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
  );
}

export function apiResources(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl api-resources', argv, [
    { name: 'namespaced', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'api-group', type: 'string' },
    { name: 'no-headers', type: 'bool' },
  ]);
  if (isResult(p)) return p;
  const rows = [...TYPES].sort((a, b) =>
    a.group === b.group
      ? a.resource < b.resource
        ? -1
        : 1
      : a.group === ''
        ? -1
        : b.group === ''
          ? 1
          : a.group < b.group
            ? -1
            : 1,
  );
  const w = new TabWriter(GET_TABWRITER);
  const nameOnly = str(p, 'output') === 'name';
  if (!nameOnly && !bool(p, 'no-headers')) w.write('NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n');
  for (const t of rows) {
    if (p.flags.namespaced !== undefined && t.namespaced !== bool(p, 'namespaced')) continue;
    if (nameOnly) {
      w.write(`${t.resource}${t.group ? '.' + t.group : ''}\n`);
      continue;
    }
    w.write(`${t.resource}\t${t.short.join(',')}\t${t.group ? `${t.group}/v1` : 'v1'}\t${t.namespaced}\t${t.table}\n`);
  }
  return ok(w.toString());
}

const klogTime = (k: K, ms: number) => {
  const d = new Date(k.state.settings.epoch + ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}512`;
};

/** kubectl logs: what the simulated containers write when they start (and a one-shot command's output). */
export function logs(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl logs', argv, [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'all-containers', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'prefix', type: 'bool' },
  ]);
  if (isResult(p)) return p;
  if (!p.args.length)
    return fail(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples",
    );
  const pod = podFor(k, p.args[0]);
  if (isResult(pod)) return pod;
  const c = str(p, 'container')
    ? pod.spec.containers.find((x) => x.name === str(p, 'container'))
    : pod.spec.containers[0];
  if (!c) return fail(`error: container ${str(p, 'container')} is not valid for pod ${pod.metadata.name}`);
  if (pod.spec.containers.length > 1 && !str(p, 'container'))
    return fail(
      `error: a container name must be specified for pod ${pod.metadata.name}, choose one of: [${pod.spec.containers.map((x) => x.name).join(' ')}]`,
    );
  const rt = k.state.runtime[pod.metadata.uid];
  const st = pod.status.containerStatuses?.[0]?.state;
  // a container that ran and exited (Completed, or between crash-loop restarts) still has its log
  const started =
    st?.running?.startedAt ??
    st?.terminated?.startedAt ??
    pod.status.containerStatuses?.[0]?.lastState?.terminated?.startedAt;
  if (!rt?.appUp && started === undefined)
    return fail(
      `Error from server (BadRequest): container "${c.name}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`,
    );
  const at = started ?? k.state.now;
  const img = imageName(c.image);
  const args = [...(c.command ?? []), ...(c.args ?? [])];
  let text = '';
  if (img.includes('agnhost') && (args.includes('netexec') || !args.length)) {
    const port = args.find((a) => a.startsWith('--http-port='))?.split('=')[1] ?? '8080';
    text = `I${klogTime(k, at)}       1 log.go:245] Started HTTP server on port ${port}\nI${klogTime(k, at)}       1 log.go:245] Started UDP server on port  8081\n`;
  } else if (img === 'nginx') {
    const v = imageInfo(c.image)?.version ?? '1.29.3';
    const d = new Date(k.state.settings.epoch + at)
      .toISOString()
      .replace('T', ' ')
      .replace(/-/g, '/')
      .replace(/\.\d+Z$/, '');
    text = `/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n/docker-entrypoint.sh: Configuration complete; ready for start up\n${d} [notice] 1#1: using the "epoll" event method\n${d} [notice] 1#1: nginx/${v}\n${d} [notice] 1#1: start worker processes\n`;
  } else if (
    args.length &&
    !['sleep', 'pause'].includes(args[0].split('/').pop()!) &&
    toolset(pod).tools.has(args[0].split('/').pop()!)
  ) {
    // a one-shot command (kubectl run x --image=busybox -- wget -qO- ...): its output, as run now
    // a Pod that has completed has no network any more: the command ran while it had one
    const down = rt && !rt.sandboxUp;
    if (down) rt.sandboxUp = true;
    try {
      const r = runInPod(k.ctx, pod as Pod, args, { stdin: false, tty: false, interactive: false });
      text = r.chunks.map((x) => x.text).join('');
    } finally {
      if (down) rt.sandboxUp = false;
    }
  }
  const tail = p.flags.tail as number | undefined;
  if (tail !== undefined && tail >= 0)
    text = text
      .split('\n')
      .filter(Boolean)
      .slice(-tail)
      .map((l) => l + '\n')
      .join('');
  return ok(text);
}

function daemonSetPods(k: K, node: string): Pod[] {
  return Object.values(k.state.objects.pods).filter(
    (p) => p.spec.nodeName === node && p.metadata.ownerReferences?.some((r) => r.kind === 'DaemonSet'),
  );
}

export function cordon(k: K, argv: string[], on: boolean): CmdResult {
  const verb = on ? 'cordon' : 'uncordon';
  const p = parse(k, `kubectl ${verb}`, argv, [
    { name: 'dry-run', type: 'string', noOpt: 'unchanged' },
    { name: 'selector', short: 'l', type: 'string' },
  ]);
  if (isResult(p)) return p;
  if (!p.args.length) return fail(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  const out = new Out();
  for (const name of p.args) {
    const n = k.state.objects.nodes[name];
    if (!n) return out.err(`Error from server (NotFound): nodes "${name}" not found\n`).done(1);
    if (!!n.spec.unschedulable === on) {
      out.out(`node/${name} already ${on ? 'cordoned' : 'uncordoned'}\n`);
      continue;
    }
    n.spec.unschedulable = on || undefined;
    if (!on) delete n.spec.unschedulable;
    n.spec.taints = (n.spec.taints ?? []).filter((t) => t.key !== 'node.kubernetes.io/unschedulable');
    if (on) n.spec.taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
    if (!n.spec.taints.length) delete n.spec.taints;
    out.out(`node/${name} ${on ? 'cordoned' : 'uncordoned'}\n`);
  }
  return out.done(0);
}

export function drain(k: K, argv: string[]): CmdResult {
  const p = parse(k, 'kubectl drain', argv, [
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'timeout', type: 'string' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'pod-selector', type: 'string' },
  ]);
  if (isResult(p)) return p;
  const name = p.args[0];
  if (!name) return fail("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples");
  const node = k.state.objects.nodes[name];
  if (!node) return fail(`Error from server (NotFound): nodes "${name}" not found`);
  const out = new Out();
  cordon(k, [name], true).chunks.forEach((c) => out.chunks.push(c));
  const ds = daemonSetPods(k, name);
  const pods = Object.values(k.state.objects.pods).filter(
    (x) =>
      x.spec.nodeName === name &&
      !ds.includes(x) &&
      !x.metadata.ownerReferences?.some((r) => r.kind === 'Node') &&
      x.metadata.deletionTimestamp === undefined,
  );
  const bare = pods.filter((x) => !x.metadata.ownerReferences?.some((r) => r.controller));
  const key = (x: Pod) => `${x.metadata.namespace}/${x.metadata.name}`;
  const problems: string[] = [];
  if (ds.length && !bool(p, 'ignore-daemonsets'))
    problems.push(
      `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds.map(key).join(', ')}`,
    );
  if (bare.length && !bool(p, 'force'))
    problems.push(
      `cannot delete Pods that declare no controller (use --force to override): ${bare.map(key).join(', ')}`,
    );
  if (problems.length)
    return out
      .err(
        `error: unable to drain node "${name}" due to error: ${problems.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${problems.map((x) => `error: ${x}`).join('\n')}\n`,
      )
      .done(1);
  const warn: string[] = [];
  if (ds.length) warn.push(`ignoring DaemonSet-managed Pods: ${ds.map(key).join(', ')}`);
  if (bare.length) warn.push(`deleting Pods that declare no controller: ${bare.map(key).join(', ')}`);
  if (warn.length) out.err(`Warning: ${warn.join('; ')}\n`);
  for (const x of pods) out.out(`evicting pod ${key(x)}\n`);
  for (const x of pods)
    deleteObject(
      k.state,
      'Pod',
      x.metadata.namespace,
      x.metadata.name,
      p.flags['grace-period'] !== undefined ? { gracePeriodSeconds: p.flags['grace-period'] as number } : {},
    );
  waitGone(k, () => pods.every((x) => k.state.objects.pods[key(x)]?.metadata.uid !== x.metadata.uid), 35_000);
  for (const x of pods) out.out(`pod/${x.metadata.name} evicted\n`);
  out.out(`node/${name} drained\n`);
  return out.done(0);
}
