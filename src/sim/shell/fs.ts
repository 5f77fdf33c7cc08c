// Each machine's and Pod's files: what the user wrote (kept in the session), and the files the
// system provides (/etc/resolv.conf, /etc/hosts, /etc/hostname) computed from the cluster.
import type { Ctx, Where } from './types';
import { podResolv, nodeResolv, renderResolv } from '../kubelet/resolv';
import { nodeIP } from '../model/facts';

export function hostKey(w: Where): string {
  return w.kind === 'pod' ? w.key : w.name;
}

export function resolvePath(cwd: string, path: string): string {
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

function hostsFile(ctx: Ctx): string {
  const w = ctx.where;
  if (w.kind === 'pod') {
    // kubelet's managed hosts file
    const p = w.pod;
    return `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${p.status.podIP ?? ''}\t${p.spec.hostname ?? p.metadata.name}\n`;
  }
  let out = `127.0.0.1 localhost\n127.0.1.1 ${w.name}\n`;
  for (const n of Object.values(ctx.state.objects.nodes)) out += `${nodeIP(n)} ${n.metadata.name}\n`;
  out += `\n# The following lines are desirable for IPv6 capable hosts\n::1     ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`;
  return out;
}

/** The system's own files, or null. */
function systemFile(ctx: Ctx, path: string): string | null {
  const w = ctx.where;
  switch (path) {
    case '/etc/resolv.conf':
      return renderResolv(w.kind === 'pod' ? podResolv(ctx.state, w.pod) : nodeResolv(ctx.state));
    case '/etc/hostname':
      return (w.kind === 'pod' ? w.pod.metadata.name : w.name) + '\n';
    case '/etc/hosts':
      return hostsFile(ctx);
    case '/etc/os-release':
      if (w.kind !== 'pod')
        return 'PRETTY_NAME="Ubuntu 24.04.3 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.3 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n';
      return null;
    default:
      return null;
  }
}

/**
 * The files written on this host: a running Pod's live in its container (the cluster's state, where
 * kubelet's exec probes see them and a restart wipes them); a machine's in the session.
 */
function filesOf(ctx: Ctx, create: boolean): Record<string, string> | undefined {
  const w = ctx.where;
  if (w.kind === 'pod') {
    const rt = ctx.state.runtime[w.pod.metadata.uid];
    if (rt) return create ? (rt.files ??= {}) : rt.files;
  }
  return create ? (ctx.session.files[hostKey(w)] ??= {}) : ctx.session.files[hostKey(w)];
}

export function readFile(ctx: Ctx, path: string): string | null {
  const abs = resolvePath(ctx.session.cwd, path);
  const mine = filesOf(ctx, false)?.[abs];
  if (mine !== undefined) return mine;
  const sys = systemFile(ctx, abs);
  if (sys !== null) return sys;
  return ctx.io.readFile?.(hostKey(ctx.where), path) ?? null;
}

export function writeFile(ctx: Ctx, path: string, text: string, append = false): void {
  const abs = resolvePath(ctx.session.cwd, path);
  const files = filesOf(ctx, true)!;
  files[abs] = append ? (files[abs] ?? '') + text : text;
}

export function removeFile(ctx: Ctx, path: string): boolean {
  const abs = resolvePath(ctx.session.cwd, path);
  const files = filesOf(ctx, false);
  if (!files || files[abs] === undefined) return false;
  delete files[abs];
  return true;
}

/** Names in a directory (the user's files only, plus the system files under /etc). */
export function listDir(ctx: Ctx, dir: string): string[] | null {
  const abs = resolvePath(ctx.session.cwd, dir);
  const files = filesOf(ctx, false) ?? {};
  if (files[abs] !== undefined) return [dir];
  const prefix = abs === '/' ? '/' : abs + '/';
  const names = new Set<string>();
  for (const p of Object.keys(files)) if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]);
  if (abs === '/etc') ['hostname', 'hosts', 'resolv.conf'].forEach((n) => names.add(n));
  return [...names].sort();
}
