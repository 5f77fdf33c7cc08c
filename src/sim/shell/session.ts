// Sessions: which machine or Pod the user is on, the prompt, and entering/leaving shells
// (ssh HOST / exit, kubectl exec -it POD -- sh / exit).
import type { ClusterState } from '../model/state';
import type { Pod } from '../model/types';
import type { Session, Where } from './types';
import { podEnv } from './pod/env';
import { imageShell } from './pod/images';

export const HOST_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin';

export function hostEnv(host: string): Record<string, string> {
  return {
    SHELL: '/bin/bash',
    PWD: '/root',
    LOGNAME: 'root',
    HOME: '/root',
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    USER: 'root',
    SHLVL: '1',
    HOSTNAME: host,
    PATH: HOST_PATH,
  };
}

export function createSession(host = 'master'): Session {
  return {
    host,
    env: hostEnv(host),
    vars: {},
    cwd: '/root',
    shell: 'bash',
    stack: [],
    history: [],
    files: {},
    lastExit: 0,
  };
}

/** The machines a user can be on: the cluster's nodes and the external client. */
export function machines(s: ClusterState): string[] {
  return [...Object.keys(s.objects.nodes), s.settings.client.name];
}

export function podKey(p: Pod): string {
  return `pod/${p.metadata.namespace}/${p.metadata.name}`;
}

/** Where the session is, or null when its Pod is gone. */
export function whereOf(s: ClusterState, session: Session): Where | null {
  return whereFor(s, session.host);
}

export function whereFor(s: ClusterState, host: string): Where | null {
  if (host.startsWith('pod/')) {
    const [, ns, name] = host.split('/');
    const pod = s.objects.pods[`${ns}/${name}`];
    if (!pod || (pod.metadata.deletionTimestamp !== undefined && !s.runtime[pod.metadata.uid]?.appUp)) return null;
    return { kind: 'pod', pod, key: host };
  }
  if (host === s.settings.client.name) return { kind: 'client', name: host };
  return { kind: 'node', name: host };
}

/** The prompt the console shows: root@master:~#, root@<pod>:/#, or > for a continued line. */
export function prompt(session: Session): string {
  if (session.pending !== undefined) return '>';
  const name = session.host.startsWith('pod/') ? session.host.split('/')[2] : session.host;
  const home = session.env.HOME ?? '/root';
  const dir =
    session.cwd === home
      ? '~'
      : session.cwd.startsWith(home + '/')
        ? '~' + session.cwd.slice(home.length)
        : session.cwd;
  return `root@${name}:${dir}#`;
}

function save(session: Session): void {
  session.stack.push({
    host: session.host,
    env: session.env,
    vars: session.vars,
    cwd: session.cwd,
    shell: session.shell,
  });
}

/** ssh HOST: a login shell on another machine. */
export function enterHost(session: Session, host: string): void {
  save(session);
  session.host = host;
  session.env = hostEnv(host);
  session.vars = {};
  session.cwd = '/root';
  session.shell = 'bash';
}

/** kubectl exec -it POD -- sh: a shell inside the Pod's container. */
export function enterPod(s: ClusterState, session: Session, pod: Pod, shell: 'bash' | 'sh', tty: boolean): void {
  save(session);
  session.host = podKey(pod);
  const env: Record<string, string> = {};
  for (const [k, v] of podEnv(s, pod, tty)) env[k] = v;
  env.PWD = '/';
  env.SHLVL = '1';
  session.env = env;
  session.vars = {};
  session.cwd = '/';
  session.shell = shell === 'bash' && imageShell(pod) === 'bash' ? 'bash' : 'sh';
}

/** exit: back to the shell we came from. Returns the shell left, or null at the outermost one. */
export function leave(session: Session): string | null {
  const prev = session.stack.pop();
  if (!prev) return null;
  const left = session.host;
  session.host = prev.host;
  session.env = prev.env;
  session.vars = prev.vars;
  session.cwd = prev.cwd;
  session.shell = prev.shell;
  return left;
}
