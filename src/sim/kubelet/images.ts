// What the simulated containers do: the ports their process listens on and what they answer.
// A server image the playground knows (nginx, httpd, redis, mysql, postgres, CoreDNS) listens where its
// program does: its usual port, or the one its command line sets. A containerPort does not change that:
// it tells the system which port the container uses and is documented as mostly informational, and
// declaring 8080 on an nginx that listens on 80 leaves 8080 refused. Any other image listens on every
// containerPort it declares (its program is not known, so the Pod's own word is taken for it).
import type { Container, Pod, Protocol } from '../model/types';
import { imageName } from './process';

// What kubelet itself needs (how a container's process ends, the files its script writes) is in
// ./process: the first view's engine runs kubelet without the images' ports and answers.
export { imageName };

interface ImageInfo {
  ports: { port: number; protocol: Protocol }[];
  env: Record<string, string>;
  kind: 'http' | 'tcp' | 'none';
  version?: string;
}

const KNOWN: Record<string, ImageInfo> = {
  nginx: {
    ports: [{ port: 80, protocol: 'TCP' }],
    env: { NGINX_VERSION: '1.29.3', NJS_VERSION: '0.9.4', NJS_RELEASE: '1~trixie', PKG_RELEASE: '1~trixie' },
    kind: 'http',
    version: '1.29.3',
  },
  httpd: {
    ports: [{ port: 80, protocol: 'TCP' }],
    env: { HTTPD_VERSION: '2.4.65', HTTPD_PREFIX: '/usr/local/apache2' },
    kind: 'http',
  },
  redis: { ports: [{ port: 6379, protocol: 'TCP' }], env: { REDIS_VERSION: '8.2.3' }, kind: 'tcp' },
  mysql: {
    ports: [{ port: 3306, protocol: 'TCP' }],
    env: { MYSQL_MAJOR: '8.4', MYSQL_VERSION: '8.4.7-1.el9' },
    kind: 'tcp',
  },
  postgres: { ports: [{ port: 5432, protocol: 'TCP' }], env: { PG_MAJOR: '18', PG_VERSION: '18.1' }, kind: 'tcp' },
  busybox: { ports: [], env: {}, kind: 'none' },
  'coredns/coredns': {
    ports: [
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
      { port: 9153, protocol: 'TCP' },
    ],
    env: {},
    kind: 'tcp',
  },
};

export function imageInfo(image: string): ImageInfo | undefined {
  return KNOWN[imageName(image)];
}

/**
 * agnhost's HTTP servers listen on their --http-port (netexec: 8080 by default; test/images/agnhost/netexec)
 * whether or not the Pod declares it as a containerPort.
 */
function agnhostHttpPort(c: Container): number | null {
  if (!imageName(c.image).includes('agnhost')) return null;
  const args = [...(c.command ?? []), ...(c.args ?? [])];
  if (!args.includes('netexec')) return null;
  const i = args.findIndex((a) => a === '--http-port' || a.startsWith('--http-port='));
  if (i < 0) return 8080;
  const v = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
  return /^\d+$/.test(v ?? '') ? Number(v) : null;
}

/**
 * The port a known server's command line sets, if it does: `redis-server --port N`, `mysqld --port=N`
 * (or `--port N`, `-P N`), `postgres -p N` (or `-c port=N`, `--port=N`, or PGPORT in its environment).
 * The images' entrypoints pass their arguments on to the server.
 */
function portFromCommandLine(c: Container, img: string): number | null {
  const args = [...(c.command ?? []), ...(c.args ?? [])];
  const after = (flags: string[]) => {
    for (let i = 0; i < args.length; i++) {
      for (const f of flags) {
        if (args[i] === f && /^\d+$/.test(args[i + 1] ?? '')) return Number(args[i + 1]);
        if (f.startsWith('--') && args[i].startsWith(`${f}=`) && /^\d+$/.test(args[i].slice(f.length + 1)))
          return Number(args[i].slice(f.length + 1));
      }
    }
    return null;
  };
  if (img === 'redis') return after(['--port']);
  if (img === 'mysql') return after(['--port', '-P']);
  if (img === 'postgres') {
    const c2 = args.findIndex((a, i) => args[i - 1] === '-c' && /^port=\d+$/.test(a));
    if (c2 >= 0) return Number(args[c2].slice(5));
    const env = c.env?.find((e) => e.name === 'PGPORT')?.value;
    return after(['-p', '--port']) ?? (env && /^\d+$/.test(env) ? Number(env) : null);
  }
  return null;
}

export function listeningPorts(pod: Pod): { port: number; protocol: Protocol }[] {
  const out: { port: number; protocol: Protocol }[] = [];
  const add = (port: number, protocol: Protocol) => {
    if (!out.some((p) => p.port === port && p.protocol === protocol)) out.push({ port, protocol });
  };
  for (const c of pod.spec.containers) {
    const img = imageName(c.image);
    const known = imageInfo(c.image);
    if (known && known.kind !== 'none') {
      // a server the playground knows: where its program listens, whatever the Pod declares
      const set = portFromCommandLine(c, img);
      for (const p of known.ports) add(set ?? p.port, p.protocol);
      continue;
    }
    for (const p of known?.ports ?? []) add(p.port, p.protocol);
    const http = agnhostHttpPort(c);
    if (http !== null) add(http, 'TCP');
    for (const p of c.ports ?? []) add(p.containerPort, p.protocol ?? 'TCP');
  }
  return out;
}

/** The body an HTTP GET / gets from this Pod. */
export function httpBody(pod: Pod): string {
  const img = imageName(pod.spec.containers[0]?.image ?? '');
  if (img === 'nginx') {
    return `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, nginx is successfully installed and working.
Further configuration is required for the web server to be online and running.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;
  }
  if (img === 'httpd') return '<html><body><h1>It works!</h1></body></html>\n';
  // The playground's demo web apps answer with who they are, so a learner sees which Pod served the request.
  return `Hello from ${pod.metadata.name} (${pod.status.podIP ?? ''})\n`;
}
