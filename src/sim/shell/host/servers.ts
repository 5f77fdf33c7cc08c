// What answers a connection that was delivered: the Pod's application (agnhost netexec, nginx, a
// database that does not speak HTTP) or a machine's own daemon (the API server, kubelet, sshd).
import type { Ctx } from '../types';
import type { Pod } from '../../model/types';
import type { Trace } from '../../net/trace-types';
import { httpBody, imageName, imageInfo, listeningPorts } from '../../kubelet/images';
import { fnv1a32 } from '../../lib/hash';
import { netexecStatus } from '../../kubelet/prober';
import { appExited } from '../../kubelet/kubelet';
import { nodeEligible, proxyHealth, serviceHealthOnPort } from '../../kubeproxy/healthcheck';

export interface HttpReply {
  kind: 'http';
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}
/** empty: the server closes without answering (curl 52); http09: it greets in its own protocol (curl 1) */
export type Reply = HttpReply | { kind: 'empty' } | { kind: 'http09' } | { kind: 'tls'; reply: HttpReply };
export interface Request {
  method: string;
  path: string;
  host: string;
  scheme: 'http' | 'https';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** RFC 1123 "Mon, 12 Jan 2026 09:00:05 GMT" for the Date header. */
export function httpDate(ctx: Ctx): string {
  const d = new Date(ctx.state.settings.epoch + ctx.state.now);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

const byteLen = (s: string) => new TextEncoder().encode(s).length;

function goReply(ctx: Ctx, status: number, body: string, type = 'text/plain; charset=utf-8'): HttpReply {
  const reason =
    status === 200
      ? 'OK'
      : status === 404
        ? 'Not Found'
        : status === 403
          ? 'Forbidden'
          : status === 401
            ? 'Unauthorized'
            : status === 400
              ? 'Bad Request'
              : status === 503
                ? 'Service Unavailable'
                : '';
  return {
    kind: 'http',
    status,
    reason,
    headers: [
      ['Content-Type', type],
      ['Date', httpDate(ctx)],
      ['Content-Length', String(byteLen(body))],
    ],
    body,
  };
}

/**
 * Go's time.Time String() of a clock reading taken at virtual ms `at`, with its monotonic part counted
 * from `startedAt` (the process start): "2026-01-12 09:00:05.531204817 +0000 UTC m=+3.531204817".
 * `salt` picks the sub-millisecond digits, stable per process and instant.
 */
function goTime(ctx: Ctx, at: number, startedAt: number, salt: string): string {
  const t = ctx.state.settings.epoch + at;
  const d = new Date(t);
  const nanos = String((t % 1000) * 1_000_000 + (fnv1a32(`${salt}:${at}`) % 1_000_000)).padStart(9, '0');
  const frac = nanos.replace(/0+$/, '');
  const up = Math.max(0, at - startedAt);
  const mono = `${Math.floor(up / 1000)}.${String((up % 1000) * 1_000_000 + (fnv1a32(salt) % 1_000_000)).padStart(9, '0')}`;
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${frac ? '.' + frac : ''} +0000 UTC m=+${mono}`;
}

/** Go's time.Now().String() in the container. */
function goNow(ctx: Ctx, pod: Pod): string {
  const started = pod.status.containerStatuses?.[0]?.state.running?.startedAt ?? pod.status.startTime ?? 0;
  return goTime(ctx, ctx.state.now, started, pod.metadata.uid);
}

/** Go's time.ParseDuration: "" is not a duration, "0" is. */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+)$/;

/**
 * netexec exitHandler: bad arguments are answered (200, text); otherwise, with no shutdown timeout, the
 * process calls os.Exit(code) before writing anything (the client gets an empty reply); with one, the
 * handler returns (an empty 200) and the server shuts down gracefully, then exits with the code.
 */
function netexecExit(ctx: Ctx, pod: Pod, params: URLSearchParams): Reply {
  const timeout = params.get('timeout') ?? '';
  const wait = params.get('wait') ?? '';
  const code = params.get('code') ?? '';
  if (timeout && !GO_DURATION.test(timeout))
    return goReply(
      ctx,
      200,
      `argument 'timeout' must be a valid golang duration or empty, got ${JSON.stringify(timeout)}\n`,
    );
  if (wait && !GO_DURATION.test(wait))
    return goReply(ctx, 200, `argument 'wait' must be a valid golang duration or empty, got ${JSON.stringify(wait)}\n`);
  if (code && !/^[-+]?\d+$/.test(code))
    return goReply(ctx, 200, `argument 'code' must be an integer [0-127] or empty, got ${JSON.stringify(code)}\n`);
  appExited(ctx.state, pod, Number(code || 0));
  return timeout && !/^[-+]?0+$/.test(timeout) ? goReply(ctx, 200, '') : { kind: 'empty' };
}

/** agnhost netexec's handlers (test/images/agnhost/netexec): /, /hostname, /clientip, /echo, /healthz, /exit. */
function netexec(ctx: Ctx, pod: Pod, trace: Trace, req: Request, args: string[]): Reply {
  const [path, query = ''] = req.path.split('?');
  const params = new URLSearchParams(query);
  switch (path) {
    case '/':
      return goReply(ctx, 200, `NOW: ${goNow(ctx, pod)}`);
    case '/hostname':
      return goReply(ctx, 200, pod.metadata.name);
    case '/clientip': {
      const sport = trace.hops.find((h) => h.kind === 'deliver')?.after.sport ?? 0;
      return goReply(ctx, 200, `${trace.sourceSeen ?? ''}:${sport}`);
    }
    case '/echo':
      return goReply(ctx, netexecStatus(args, path, params), params.get('msg') ?? '');
    case '/healthz':
      // 200 once its UDP server listens; 412 Precondition Failed without one (--udp-port=-1)
      return goReply(ctx, netexecStatus(args, path, params), '');
    case '/header':
      return goReply(ctx, 200, params.get('key') === 'Host' ? req.host : '');
    case '/exit':
      return netexecExit(ctx, pod, params);
    case '/shutdown':
      // shutdownHandler: os.Exit(0) at once
      appExited(ctx.state, pod, 0);
      return { kind: 'empty' };
    default:
      return goReply(ctx, 404, '404 page not found\n');
  }
}

const NGINX_404 = (v: string) =>
  `<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/${v}</center>\n</body>\n</html>\n`;

function nginx(ctx: Ctx, pod: Pod, req: Request): HttpReply {
  const v = imageInfo(pod.spec.containers[0].image)?.version ?? '1.29.3';
  const path = req.path.split('?')[0];
  const found = path === '/' || path === '/index.html';
  const body = found ? httpBody(pod) : NGINX_404(v);
  const headers: [string, string][] = [
    ['Server', `nginx/${v}`],
    ['Date', httpDate(ctx)],
    ['Content-Type', 'text/html'],
    ['Content-Length', String(byteLen(body))],
  ];
  if (found) headers.push(['Last-Modified', 'Tue, 07 Oct 2025 17:05:10 GMT']);
  headers.push(['Connection', 'keep-alive']);
  if (found) headers.push(['ETag', `"68e5486e-${byteLen(body).toString(16)}"`], ['Accept-Ranges', 'bytes']);
  return { kind: 'http', status: found ? 200 : 404, reason: found ? 'OK' : 'Not Found', headers, body };
}

function podReply(ctx: Ctx, pod: Pod, trace: Trace, req: Request): Reply {
  const port = Number(trace.endpoint?.split(':').pop());
  const c =
    pod.spec.containers.find((x) => (x.ports ?? []).some((p) => p.containerPort === port)) ??
    pod.spec.containers.find((x) =>
      listeningPorts({ ...pod, spec: { ...pod.spec, containers: [x] } }).some((p) => p.port === port),
    ) ??
    pod.spec.containers[0];
  const img = imageName(c.image);
  const args = [...(c.command ?? []), ...(c.args ?? [])];
  if (img.includes('agnhost')) {
    if (args.includes('serve-hostname')) return goReply(ctx, 200, pod.metadata.name);
    return netexec(ctx, pod, trace, req, args);
  }
  if (img === 'nginx') return nginx(ctx, pod, req);
  if (img === 'mysql') return { kind: 'http09' };
  if (img === 'coredns/coredns') return port === 53 ? { kind: 'empty' } : goReply(ctx, 404, '404 page not found\n');
  const kind = imageInfo(c.image)?.kind;
  if (kind === 'tcp') return { kind: 'empty' };
  return {
    kind: 'http',
    status: 200,
    reason: 'OK',
    headers: [
      ['Date', httpDate(ctx)],
      ['Content-Length', String(byteLen(httpBody(pod)))],
      ['Content-Type', 'text/html; charset=utf-8'],
    ],
    body: httpBody(pod),
  };
}

function apiserver(ctx: Ctx, req: Request): HttpReply {
  const path = req.path.split('?')[0];
  if (path === '/healthz' || path === '/livez' || path === '/readyz') return goReply(ctx, 200, 'ok');
  if (path === '/version') {
    const v = ctx.state.settings.kubernetesVersion;
    const [maj, min] = v.replace(/^v/, '').split('.');
    return goReply(
      ctx,
      200,
      `{\n  "major": "${maj}",\n  "minor": "${min}",\n  "emulationMajor": "${maj}",\n  "emulationMinor": "${min}",\n  "minCompatibilityMajor": "${maj}",\n  "minCompatibilityMinor": "${Number(min) - 1}",\n  "gitVersion": "${v}",\n  "gitCommit": "93248f9ae092f571eb6b4e9c1e2b4c5b9c5ce1bd",\n  "gitTreeState": "clean",\n  "buildDate": "2025-09-09T19:44:50Z",\n  "goVersion": "go1.24.6",\n  "compiler": "gc",\n  "platform": "linux/amd64"\n}`,
      'application/json',
    );
  }
  const body = `{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"${path}\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}`;
  return goReply(ctx, 403, body, 'application/json');
}

/** A Go handler's reply that set Content-Type and X-Content-Type-Options itself (net/http sorts them first). */
function goJSON(ctx: Ctx, status: number, body: string, type = 'application/json'): HttpReply {
  const r = goReply(ctx, status, body, type);
  r.headers.splice(1, 0, ['X-Content-Type-Options', 'nosniff']);
  return r;
}

/**
 * kube-proxy's health servers on a node (kubernetes pkg/proxy/healthcheck). 10256: a ServeMux with
 * /healthz (healthzHandler) and /livez (livezHandler), anything else 404; a Service's
 * healthCheckNodePort: hcHandler.ServeHTTP, whatever the path.
 */
function kubeProxyReply(ctx: Ctx, node: string, port: number, req: Request): HttpReply | null {
  const s = ctx.state;
  const started = s.objects.nodes[node]?.metadata.creationTimestamp ?? 0;
  const salt = `kube-proxy/${node}`;
  if (port === 10256) {
    const path = req.path.split('?')[0];
    if (path !== '/healthz' && path !== '/livez')
      return goJSON(ctx, 404, '404 page not found\n', 'text/plain; charset=utf-8');
    const { healthy: synced, lastUpdated } = proxyHealth(s, node);
    const eligible = nodeEligible(s, node);
    const healthy = path === '/healthz' ? synced && eligible : synced;
    const now = goTime(ctx, s.now, started, salt);
    // healthy: lastUpdated is reported as the current time; otherwise the last sync (Go's zero time if none)
    const last = healthy
      ? now
      : lastUpdated === null
        ? '0001-01-01 00:00:00 +0000 UTC'
        : goTime(ctx, lastUpdated, started, salt);
    const body =
      path === '/healthz'
        ? `{"lastUpdated": ${JSON.stringify(last)},"currentTime": ${JSON.stringify(now)}, "nodeEligible": ${eligible}}`
        : `{"lastUpdated": ${JSON.stringify(last)},"currentTime": ${JSON.stringify(now)}}`;
    return goJSON(ctx, healthy ? 200 : 503, body);
  }
  const hc = serviceHealthOnPort(s, node, port);
  if (!hc) return null;
  const proxyHealthy = proxyHealth(s, node).healthy;
  const body = `{\n\t"service": {\n\t\t"namespace": ${JSON.stringify(hc.namespace)},\n\t\t"name": ${JSON.stringify(hc.name)}\n\t},\n\t"localEndpoints": ${hc.localEndpoints},\n\t"serviceProxyHealthy": ${proxyHealthy}\n}`;
  return goJSON(ctx, hc.localEndpoints !== 0 && proxyHealthy ? 200 : 503, body);
}

/** The daemons a machine answers with on its own ports. */
function nodeReply(ctx: Ctx, node: string, port: number, req: Request): Reply {
  switch (port) {
    case 22:
      return { kind: 'http09' };
    case 6443:
      return { kind: 'tls', reply: apiserver(ctx, req) };
    case 10250:
      return { kind: 'tls', reply: goReply(ctx, 401, 'Unauthorized') };
    case 2379:
    case 2380:
      return { kind: 'tls', reply: goReply(ctx, 404, '404 page not found\n') };
    default:
      return kubeProxyReply(ctx, node, port, req) ?? { kind: 'empty' };
  }
}

export function serve(ctx: Ctx, trace: Trace, req: Request): Reply {
  if (trace.pod) {
    const pod = ctx.state.objects.pods[trace.pod];
    if (pod && !pod.spec.hostNetwork) return podReply(ctx, pod, trace, req);
  }
  const port = Number(trace.endpoint?.split(':').pop() ?? 0);
  // the machine that answered: the place of the delivering hop
  const place = trace.hops.findLast((h) => h.kind === 'deliver')?.place ?? '';
  const node = place.startsWith('node/') ? place.slice('node/'.length) : '';
  return nodeReply(ctx, node, port, req);
}
