// What a container's main process does that kubelet acts on: whether it ends by itself (and when, with
// which exit code), whether it ignores SIGTERM, the files its shell script writes, the image's digest. The ports the images
// listen on and what they answer are in ./images (the packet tracer and the shell use them).
import type { Container } from '../model/types';
import { fnv1a32 } from '../lib/hash';

export function imageName(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const repo = colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
  return repo.replace(/^(docker\.io\/)?(library\/)?/, '').replace(/^registry\.k8s\.io\//, '');
}

/**
 * The image's repo digest as containerd reports it in status.containerStatuses[].imageID: the fully
 * qualified repository (docker.io/library/ for Docker Hub's official images) @sha256 of the pulled
 * manifest. The playground has no registry: the digest is a stable function of the reference.
 */
export function imageRef(image: string): string {
  const [ref, digest] = image.split('@');
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  let repo = colon > lastSlash ? ref.slice(0, colon) : ref;
  const first = repo.split('/')[0];
  const hasRegistry = repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) repo = `docker.io/${repo.includes('/') ? repo : `library/${repo}`}`;
  if (digest?.startsWith('sha256:')) return `${repo}@${digest}`;
  const tag = colon > lastSlash ? ref.slice(colon + 1) : 'latest';
  let hex = '';
  for (let i = 0; i < 8; i++) hex += fnv1a32(`${hex}|${repo}:${tag}|${i}`).toString(16).padStart(8, '0');
  return `${repo}@sha256:${hex}`;
}

/**
 * Programs that, run as a container's first process (PID 1), have no SIGTERM handler: the kernel does not
 * apply the default action to PID 1, so they ignore the signal. Such a container keeps running through
 * the whole grace period (30 s unless the Pod says otherwise) until kubelet kills it, exit code 137:
 * the busybox `sleep 3600` Pod of the chapter is one.
 */
const IGNORES_SIGTERM = new Set(['sleep', 'tail']);

export function ignoresSigterm(c: Container): boolean {
  const argv = c.command?.length ? c.command : (c.args ?? []);
  const prog = argv[0]?.split('/').pop() ?? '';
  return IGNORES_SIGTERM.has(prog);
}

/** When a container's main process ends by itself: after `afterMs`, with exit code `code`. */
export interface ProcessExit {
  afterMs: number;
  code: number;
}

/** Images whose default command is a shell: with no terminal attached it reads end of input and exits at once. */
const SHELL_IMAGES = new Set(['busybox', 'alpine', 'ubuntu', 'debian']);
/** Commands that do their job and exit (busybox applets and the usual tools). */
const ONE_SHOT = new Set([
  'echo',
  'env',
  'printenv',
  'cat',
  'ls',
  'date',
  'true',
  'wget',
  'curl',
  'nslookup',
  'dig',
  'host',
  'hostname',
  'id',
  'whoami',
  'uname',
  'ip',
  'ifconfig',
  'netstat',
  'ps',
  'pwd',
  'df',
  'head',
  'grep',
  'nc',
  'traceroute',
]);
const SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

function argvExit(argv: string[], depth: number): ProcessExit | null {
  const prog = argv[0]?.split('/').pop() ?? '';
  const arg = argv[1];
  if (prog === 'sleep') {
    if (arg === 'inf' || arg === 'infinity') return null;
    const m = arg?.match(/^(\d+(?:\.\d+)?)([smhd]?)$/);
    return m ? { afterMs: Math.max(100, Number(m[1]) * SECONDS[m[2]] * 1000), code: 0 } : { afterMs: 100, code: 1 };
  }
  if (prog === 'tail') return argv.some((a) => /^-[a-zA-Z]*[fF]/.test(a)) ? null : { afterMs: 100, code: 0 };
  if (prog === 'ping') {
    const i = argv.indexOf('-c');
    const n = i >= 0 ? Number(argv[i + 1]) : NaN;
    return Number.isInteger(n) && n > 0 ? { afterMs: n * 1000, code: 0 } : null;
  }
  if (prog === 'sh' || prog === 'bash' || prog === 'ash') {
    const i = argv.indexOf('-c');
    if (i < 0) return argv.length > 1 ? null : { afterMs: 100, code: 0 }; // a script file: not known; no input: exits
    const script = (argv[i + 1] ?? '').trim();
    // one simple command: as if run directly; anything more (loops, lists) is taken to keep running
    if (depth < 2 && script && !/[;&|`$()<>{}\n]|\b(while|until|for|if)\b/.test(script))
      return argvExit(
        script.split(/\s+/).filter((w, j) => !(j === 0 && w === 'exec')),
        depth + 1,
      );
    return null;
  }
  if (prog === 'exit') return { afterMs: 100, code: Number.isInteger(Number(arg)) ? Number(arg) & 255 : 0 };
  if (prog === 'false') return { afterMs: 100, code: 1 };
  if (ONE_SHOT.has(prog)) return { afterMs: 300, code: 0 };
  return null;
}

/**
 * Whether the container's main process ends by itself, and when: a shell image with no command (its
 * shell finds no input), `sleep 3600` (an hour later), a one-shot `wget …` or `nslookup …`. Servers
 * and anything not recognised run until stopped (null). The exit code is 0 except where the command
 * says otherwise (`false`, `exit 3`): the simulator does not run the command to learn it.
 */
export function processExit(c: Container): ProcessExit | null {
  if (c.command?.length) return argvExit([...c.command, ...(c.args ?? [])], 0);
  if (SHELL_IMAGES.has(imageName(c.image))) return c.args?.length ? argvExit(c.args, 0) : { afterMs: 100, code: 0 };
  return null;
}

/** A file the container's own script writes or removes, `atMs` after it starts. */
export interface FileOp {
  atMs: number;
  op: 'write' | 'remove';
  path: string;
  text?: string;
}

/**
 * What a container's `sh -c` script does to files over time, for scripts made of simple steps separated by
 * `;` or `&&`: `touch F`, `echo TEXT > F`, `rm [-f] F` and `sleep N` (the docs' liveness example
 * `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600`). Anything else: no file operations known.
 */
export function scriptFileOps(c: Container): FileOp[] {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const prog = argv[0]?.split('/').pop() ?? '';
  const i = argv.indexOf('-c');
  if (!['sh', 'bash', 'ash'].includes(prog) || i < 0) return [];
  const ops: FileOp[] = [];
  let at = 0;
  for (const raw of (argv[i + 1] ?? '').split(/;|&&|\n/)) {
    const step = raw.trim();
    if (!step) continue;
    const w = step.split(/\s+/);
    if (w[0] === 'touch') w.slice(1).forEach((path) => ops.push({ atMs: at, op: 'write', path }));
    else if (w[0] === 'rm')
      w.slice(1)
        .filter((x) => !x.startsWith('-'))
        .forEach((path) => ops.push({ atMs: at, op: 'remove', path }));
    else if (w[0] === 'sleep') {
      const m = w[1]?.match(/^(\d+(?:\.\d+)?)([smhd]?)$/);
      if (!m) break;
      at += Number(m[1]) * SECONDS[m[2]] * 1000;
    } else {
      const echo = step.match(/^echo\s+(.*?)\s*>\s*(\S+)$/);
      if (!echo) break;
      ops.push({ atMs: at, op: 'write', path: echo[2], text: echo[1].replace(/^(['"])(.*)\1$/, '$2') + '\n' });
    }
  }
  return ops;
}
