// Moving between shells: ssh HOST [COMMAND], exit, and `sh -c` / `bash -c`.
import type { Command, Ctx, Session } from './types';
import { Out, fail, ok } from './output';
import { enterHost, hostEnv, leave, machines } from './session';
import { deleteObject } from '../apiserver/api';
import { waitGone } from './kubectl/delete';
import { nodeIP } from '../model/facts';

/** Run `fn` with the session temporarily on another shell (ssh HOST CMD, kubectl exec POD -- CMD). */
export function withShell<T>(
  session: Session,
  shell: { host: string; env: Record<string, string>; cwd: string; shell: 'bash' | 'sh' },
  fn: () => T,
): T {
  const saved = { host: session.host, env: session.env, vars: session.vars, cwd: session.cwd, shell: session.shell };
  Object.assign(session, { ...shell, vars: {} });
  try {
    return fn();
  } finally {
    Object.assign(session, saved);
  }
}

function machineFor(ctx: Ctx, target: string): string | null {
  const host = target.includes('@') ? target.split('@').pop()! : target;
  const s = ctx.state;
  if (machines(s).includes(host)) return host;
  for (const n of Object.values(s.objects.nodes)) if (nodeIP(n) === host) return n.metadata.name;
  if (host === s.settings.client.ip) return s.settings.client.name;
  return null;
}

export const ssh: Command = (ctx, args) => {
  let i = 1;
  while (i < args.length && args[i].startsWith('-')) i += /^-[oiplFJ]$/.test(args[i]) ? 2 : 1;
  const target = args[i];
  if (!target)
    return fail(
      'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file] [-e escape_char]\n           [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-p port] [-Q query_option] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]',
      255,
    );
  const host = machineFor(ctx, target);
  const name = target.includes('@') ? target.split('@').pop()! : target;
  if (!host) {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name))
      return fail(`ssh: connect to host ${name} port 22: Connection timed out`, 255);
    return fail(`ssh: Could not resolve hostname ${name}: Temporary failure in name resolution`, 255);
  }
  const cmd = args.slice(i + 1);
  if (!cmd.length) {
    enterHost(ctx.session, host);
    return ok();
  }
  // ssh HOST COMMAND: the remote login shell runs the command line
  return withShell(ctx.session, { host, env: hostEnv(host), cwd: '/root', shell: 'bash' }, () =>
    ctx.exec(
      {
        ...ctx,
        where: host === ctx.state.settings.client.name ? { kind: 'client', name: host } : { kind: 'node', name: host },
        stdin: ctx.stdin,
        tty: false,
      },
      cmd.join(' '),
    ),
  );
};

export const exit: Command = (ctx, args) => {
  const code = args[1] !== undefined && /^\d+$/.test(args[1]) ? Number(args[1]) % 256 : ctx.session.lastExit;
  const s = ctx.session;
  const wasPod = s.host.startsWith('pod/');
  const wasShell = s.shell;
  const left = leave(s);
  const o = new Out();
  if (left === null) return o.done(code);
  if (wasPod) {
    if (wasShell === 'bash') o.err('exit\n');
    if (code !== 0) o.err(`command terminated with exit code ${code}\n`);
    if (s.onExit?.[left] === 'delete') {
      // kubectl run -it --rm: the Pod goes when its shell ends
      delete s.onExit[left];
      const [, ns, name] = left.split('/');
      if (deleteObject(ctx.state, 'Pod', ns, name).ok) {
        o.out(`pod "${name}" deleted from ${ns} namespace\n`);
        waitGone(ctx, () => !ctx.state.objects.pods[`${ns}/${name}`], 35_000);
      }
    }
    return o.done(code);
  }
  return o.out('logout\n').err(`Connection to ${left} closed.\n`).done(code);
};

/** sh / bash: `-c SCRIPT` runs it; with no script (and no terminal) there is nothing to do. */
export const shellCmd: Command = (ctx, args) => {
  const c = args.indexOf('-c');
  if (c >= 0) {
    if (args[c + 1] === undefined) return fail(`${args[0].split('/').pop()}: -c: option requires an argument`, 2);
    return ctx.exec({ ...ctx, direct: false }, args[c + 1]);
  }
  if (ctx.stdin) return ctx.exec({ ...ctx, direct: false, stdin: '' }, ctx.stdin);
  return ok();
};
