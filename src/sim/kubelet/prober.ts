// kubelet's prober (pkg/kubelet/prober): a worker per container and probe type ticks every periodSeconds;
// a probe's outcome counts toward successThreshold / failureThreshold before the result the kubelet
// publishes changes (worker.go, doProbe). Readiness decides the container's `ready` (and the Pod's Ready
// condition, hence its EndpointSlice `ready`); a liveness or startup failure kills the container for a
// restart; readiness and liveness wait until the startup probe has succeeded. Each probe is judged against
// what the simulated container really does: exec runs the command in the container (through the shell,
// which registers itself below), httpGet asks the image's server (agnhost netexec, nginx) for the path,
// tcpSocket connects to a port that listens or not.
import type { ClusterState, ContainerProbes, PodRuntime, ProbeWorker } from '../model/state';
import type { Container, Pod, Probe } from '../model/types';
import { emit, ref } from '../model/events';
import { imageName, imageInfo, listeningPorts } from './images';

export type ProbeType = 'readiness' | 'liveness' | 'startup';
const TITLE: Record<ProbeType, string> = { readiness: 'Readiness', liveness: 'Liveness', startup: 'Startup' };
const FIELD: Record<ProbeType, 'readinessProbe' | 'livenessProbe' | 'startupProbe'> = {
  readiness: 'readinessProbe',
  liveness: 'livenessProbe',
  startup: 'startupProbe',
};

/** Runs a command in a container (what `kubectl exec` runs); the shell layer provides it. */
export type ContainerExec = (
  s: ClusterState,
  pod: Pod,
  container: string,
  argv: string[],
) => { code: number; output: string };
let containerExec: ContainerExec | null = null;
export function setContainerExec(fn: ContainerExec): void {
  containerExec = fn;
}

export interface ProbeOutcome {
  ok: boolean;
  output: string;
}

/** prober.go extractPort: a number, or a container port's name (its containerPort), or a number in a string. */
function probePort(c: Container, port: number | string): number | null {
  if (typeof port === 'number') return port;
  const named = (c.ports ?? []).find((p) => p.name === port);
  if (named) return named.containerPort;
  return /^\d+$/.test(port) ? Number(port) : null;
}

function listens(s: ClusterState, pod: Pod, port: number): boolean {
  const rt = s.runtime[pod.metadata.uid];
  return !!rt?.appUp && listeningPorts(pod).some((p) => p.port === port && p.protocol === 'TCP');
}

/**
 * The HTTP status the container's server answers for a GET of `path` on `port`, as the real images do, or
 * 'eof' for a server that does not speak HTTP and hangs up (redis drops a connection that sends "GET").
 * agnhost netexec (test/images/agnhost/netexec/netexec.go): /healthz is 200 once its UDP server runs, 412
 * when there is none (--udp-port=-1); /echo?code=N answers N; unknown paths 404 (Go's ServeMux).
 * nginx: / and /index.html 200, anything else 404.
 */
export function appHttpStatus(pod: Pod, port: number, path: string): number | 'eof' {
  const c =
    pod.spec.containers.find((x) => (x.ports ?? []).some((p) => p.containerPort === port)) ??
    pod.spec.containers.find((x) => (imageInfo(x.image)?.ports ?? []).some((p) => p.port === port)) ??
    pod.spec.containers[0];
  const img = imageName(c?.image ?? '');
  const args = [...(c?.command ?? []), ...(c?.args ?? [])];
  const [p, query = ''] = path.split('?');
  if (img.includes('agnhost')) {
    if (args.includes('serve-hostname')) return 200;
    return netexecStatus(args, p, new URLSearchParams(query));
  }
  if (img === 'nginx') return p === '/' || p === '/index.html' ? 200 : 404;
  const kind = imageInfo(c?.image ?? '')?.kind;
  if (kind === 'tcp') return 'eof';
  return 200;
}

const NETEXEC_PATHS = new Set([
  '/',
  '/clientip',
  '/dial',
  '/echo',
  '/exit',
  '/healthz',
  '/hostname',
  '/hostName',
  '/redirect',
  '/shell',
  '/upload',
  '/shutdown',
  '/header',
]);

/** agnhost netexec's status for a path (its handlers; the UDP server that makes /healthz answer 200). */
export function netexecStatus(args: string[], path: string, params: URLSearchParams): number {
  if (path === '/healthz') return args.some((a) => a === '--udp-port=-1') ? 412 : 200;
  if (path === '/echo') {
    const code = params.get('code');
    return code && /^\d+$/.test(code) ? Number(code) : 200;
  }
  if (path === '/redirect') return Number(params.get('code') ?? 302) || 302;
  if (path === '/dial') return params.get('request') ? 200 : 400;
  return NETEXEC_PATHS.has(path) || path.startsWith('/') ? (NETEXEC_PATHS.has(path) ? 200 : 404) : 404;
}

/** prober.go runProbe: what one probe of `probe` on container `c` gives now. */
export function runProbe(s: ClusterState, pod: Pod, c: Container, probe: Probe): ProbeOutcome {
  const ip = pod.status.podIP ?? '';
  if (probe.exec) {
    if (!containerExec) return { ok: true, output: '' };
    const r = containerExec(s, pod, c.name, probe.exec.command ?? []);
    // pkg/probe/exec/exec.go: the combined output; a non-zero exit status is a failure
    return { ok: r.code === 0, output: r.output };
  }
  if (probe.httpGet) {
    const port = probePort(c, probe.httpGet.port);
    const host = probe.httpGet.host || ip;
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    const url = `${scheme}://${host}:${port ?? probe.httpGet.port}${path.startsWith('/') ? '' : '/'}${path}`;
    if (port === null || !listens(s, pod, port))
      return { ok: false, output: `Get "${url}": dial tcp ${host}:${port ?? 0}: connect: connection refused` };
    const st = appHttpStatus(pod, port, path);
    if (st === 'eof') return { ok: false, output: `Get "${url}": EOF` };
    // pkg/probe/http/http.go DoHTTPProbe: 200 <= code < 400 succeeds, else "HTTP probe failed with statuscode: %d"
    if (st >= 200 && st < 400) return { ok: true, output: '' };
    return { ok: false, output: `HTTP probe failed with statuscode: ${st}` };
  }
  if (probe.tcpSocket) {
    const port = probePort(c, probe.tcpSocket.port);
    const host = probe.tcpSocket.host || ip;
    // pkg/probe/tcp/tcp.go DoTCPProbe: net.DialTimeout's error text
    if (port === null || !listens(s, pod, port))
      return { ok: false, output: `dial tcp ${host}:${port ?? 0}: connect: connection refused` };
    return { ok: true, output: '' };
  }
  return { ok: true, output: '' };
}

function newWorker(type: ProbeType, start: number): ProbeWorker {
  // worker.go newWorker: readiness starts as Failure, liveness as Success, startup as Unknown
  return {
    nextAt: start,
    run: 0,
    lastResult: null,
    result: type === 'readiness' ? 'failure' : type === 'liveness' ? 'success' : null,
  };
}

/** The workers for a container that (re)started at `start`; none when no container has a probe. */
export function startProbes(pod: Pod, rt: PodRuntime, start: number): void {
  const all: Record<string, ContainerProbes> = {};
  let any = false;
  for (const c of pod.spec.containers) {
    const w: ContainerProbes = {};
    for (const t of ['startup', 'readiness', 'liveness'] as ProbeType[])
      if (c[FIELD[t]]) {
        w[t] = newWorker(t, start);
        any = true;
      }
    all[c.name] = w;
  }
  if (any) rt.probes = all;
  else delete rt.probes;
}

/** Whether the container counts as started (startup probe passed, or none) and ready (readiness too). */
export function containerProbeState(rt: PodRuntime, name: string): { started: boolean; ready: boolean } {
  const w = rt.probes?.[name];
  const started = !w?.startup || w.startup.result === 'success';
  const ready = started && (!w?.readiness || w.readiness.result === 'success');
  return { started, ready };
}

function period(p: Probe): number {
  return (p.periodSeconds ?? 10) * 1000;
}

import type { TickEffect } from '../model/extensions';

/** worker.go doProbe for every worker due at s.now; returns the strongest effect. */
export function tickProbes(s: ClusterState, pod: Pod, rt: PodRuntime): TickEffect {
  let effect: TickEffect = 'none';
  if (!rt.probes) return effect;
  const started = rt.stage === 'running' ? (pod.status.containerStatuses ?? []) : [];
  for (const c of pod.spec.containers) {
    const workers = rt.probes[c.name];
    if (!workers) continue;
    const cs = started.find((x) => x.name === c.name);
    const startedAt = cs?.state.running?.startedAt;
    for (const t of ['startup', 'readiness', 'liveness'] as ProbeType[]) {
      const w = workers[t];
      const spec = c[FIELD[t]];
      if (!w || !spec || w.nextAt > s.now) continue;
      while (w.nextAt <= s.now) w.nextAt += period(spec);
      if (startedAt === undefined || w.onHold) continue;
      // startup probing ends once it succeeded; the others wait for it (worker.go doProbe)
      if (t === 'startup' && w.result === 'success') continue;
      if (t !== 'startup' && workers.startup && workers.startup.result !== 'success') continue;
      if (s.now - startedAt < (spec.initialDelaySeconds ?? 0) * 1000) continue;
      const out = runProbe(s, pod, c, spec);
      const res = out.ok ? 'success' : 'failure';
      if (!out.ok)
        emit(s, {
          type: 'Warning',
          reason: 'Unhealthy',
          message: `${TITLE[t]} probe failed: ${out.output}`,
          object: ref(pod),
          source: 'kubelet',
          host: pod.spec.nodeName,
        });
      if (w.lastResult === res) w.run++;
      else {
        w.lastResult = res;
        w.run = 1;
      }
      const threshold = out.ok ? (spec.successThreshold ?? 1) : (spec.failureThreshold ?? 3);
      if (w.run < threshold) continue;
      if (w.result !== res) {
        w.result = res;
        if (effect === 'none') effect = 'changed';
      }
      if (!out.ok && t !== 'readiness') {
        // the container will be restarted: the worker holds until it has a new container
        w.onHold = true;
        w.run = 0;
        effect = { kill: t, container: c.name };
      }
    }
  }
  return effect;
}

/** The next tick of any worker (pods whose containers run). */
export function probeWake(rt: PodRuntime): number | null {
  if (!rt.probes || rt.stage !== 'running') return null;
  let w: number | null = null;
  for (const ws of Object.values(rt.probes))
    for (const x of [ws.startup, ws.readiness, ws.liveness]) if (x && (w === null || x.nextAt < w)) w = x.nextAt;
  return w;
}

/**
 * Whether a probe would still change something if the cluster ran on: a worker whose outcome now differs
 * from its published result, or that has not probed yet. Settling waits for these, not for steady ticks.
 */
export function probesUnsettled(s: ClusterState, pod: Pod, rt: PodRuntime): boolean {
  if (!rt.probes || rt.stage !== 'running') return false;
  for (const c of pod.spec.containers) {
    const ws = rt.probes[c.name];
    if (!ws) continue;
    for (const t of ['startup', 'readiness', 'liveness'] as ProbeType[]) {
      const w = ws[t];
      const spec = c[FIELD[t]];
      if (!w || !spec || w.onHold) continue;
      if (t === 'startup' && w.result === 'success') continue;
      if (t !== 'startup' && ws.startup && ws.startup.result !== 'success') continue;
      const now = runProbe(s, pod, c, spec).ok ? 'success' : 'failure';
      if (w.result !== now) return true;
    }
  }
  return false;
}
