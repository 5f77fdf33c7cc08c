// Which programs exist where. The machines (Ubuntu) have the host tools and kubectl (configured on
// the control plane); a Pod has what its image ships (busybox: no curl; nginx: no nslookup).
import type { Command, CmdResult, Ctx } from './types';
import { fail } from './output';
import { BUILTINS, SHELL_BUILTINS } from './builtins';
import { FILTERS } from './filters';
import { toolset } from './pod/images';
import { ociNotFound } from './kubectl/exec';
import { exit, shellCmd, ssh } from './shells';
import { kubectl } from './kubectl/index';
import { iptablesCmd, iptablesSaveCmd } from './host/iptables';
import { netstat, ss } from './host/netstat';
import { conntrack } from './host/conntrack';
import { ifconfig, ip } from './host/ifaces';
import { curl } from './host/curl';
import { wget } from './host/wget';
import { dig, nslookup } from './host/dns';
import { ping } from './host/ping';
import { nc } from './host/nc';
import { trace } from './trace';
import { help } from './help';
import { imageInfo } from '../kubelet/images';

function nginxCmd(): Command {
  return (ctx, args) => {
    if (args[1] === '-v' || args[1] === '-V') {
      const w = ctx.where;
      const v = w.kind === 'pod' ? (imageInfo(w.pod.spec.containers[0].image)?.version ?? '1.29.3') : '1.29.3';
      // nginx prints its version on stderr
      return { chunks: [{ fd: 2, text: `nginx version: nginx/${v}\n` }], code: 0 };
    }
    return fail(`nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)`, 1);
  };
}

const redisCli: Command = (ctx, args) => {
  const cmd = args
    .filter((a, i) => i > 0 && !a.startsWith('-') && args[i - 1] !== '-h' && args[i - 1] !== '-p')
    .join(' ')
    .toLowerCase();
  if (cmd === 'ping') return { chunks: [{ fd: 1, text: 'PONG\n' }], code: 0 };
  return { chunks: [{ fd: 1, text: cmd ? `(error) ERR unknown command '${cmd.split(' ')[0]}'\n` : '' }], code: 0 };
};

const net: Record<string, Command> = { curl, wget, nslookup, dig, ip, ifconfig, netstat, ss, ping, nc };

/**
 * The registry. The commands reach the interpreter through their Ctx (exec, findCommand), never by
 * importing it, so this table can be built as the module loads.
 */
const TABLES: { host: Record<string, Command>; pod: Record<string, Command>; shell: Record<string, Command> } = {
  shell: { ...BUILTINS, exit, logout: exit, help },
  host: {
    ...BUILTINS,
    ...FILTERS,
    ...net,
    kubectl,
    iptables: iptablesCmd,
    'iptables-save': iptablesSaveCmd,
    'iptables-legacy-save': iptablesSaveCmd,
    'iptables-nft-save': iptablesSaveCmd,
    conntrack,
    ssh,
    trace,
    sh: shellCmd,
    bash: shellCmd,
    exit,
    logout: exit,
    help,
  },
  pod: {
    ...BUILTINS,
    ...FILTERS,
    ...net,
    sh: shellCmd,
    bash: shellCmd,
    ash: shellCmd,
    nginx: nginxCmd(),
    'redis-cli': redisCli,
    exit,
    help,
  },
};

/** The command a name runs here, or null when it is not installed. */
export function findCommand(ctx: Ctx, name: string): Command | null {
  const prog = name.includes('/') ? name.split('/').pop()! : name;
  const t = TABLES;
  if (ctx.where.kind !== 'pod') {
    // the client is a plain computer outside the cluster: no kubectl, no kube-proxy tools
    if (ctx.where.kind === 'client' && (prog === 'kubectl' || prog === 'conntrack')) return null;
    return Object.hasOwn(t.host, prog) ? t.host[prog] : null;
  }
  if (!ctx.direct && SHELL_BUILTINS.has(prog)) return Object.hasOwn(t.shell, prog) ? t.shell[prog] : null;
  if (!toolset(ctx.where.pod).tools.has(prog) && !(prog === 'sh' && toolset(ctx.where.pod).shell)) return null;
  return Object.hasOwn(t.pod, prog) ? t.pod[prog] : null;
}

export function notFound(ctx: Ctx, name: string): CmdResult {
  if (ctx.direct && ctx.where.kind === 'pod') return ociNotFound(ctx.where.pod, ctx.state.now, name);
  if (ctx.where.kind !== 'pod') {
    if (!ctx.tty) return fail(`bash: line 1: ${name}: command not found`, 127);
    return fail(`${name}: command not found`, 127);
  }
  return ctx.session.shell === 'bash'
    ? fail(`bash: ${name}: command not found`, 127)
    : fail(`sh: ${name}: not found`, 127);
}

/** Every command name available here (for completion and help). */
export function commandNames(ctx: Ctx): string[] {
  const t = TABLES;
  if (ctx.where.kind !== 'pod')
    return Object.keys(t.host)
      .filter((n) => !n.startsWith('iptables-') || n === 'iptables-save')
      .sort();
  const ts = toolset(ctx.where.pod);
  return [...new Set([...SHELL_BUILTINS, ...[...ts.tools].filter((n) => n in t.pod)])].sort();
}
