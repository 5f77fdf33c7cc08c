// Shell builtins and the small coreutils every machine and most images have: echo, cat, ls, cd,
// export, env, hostname, date, sleep (moves the virtual clock), history, clear.
import type { Command, Ctx } from './types';
import { Out, fail, ok } from './output';
import { listDir, readFile, removeFile, resolvePath, writeFile } from './fs';
import { advance } from '../step';
import { ifaceAddrs } from './host/ifaces';
import { nodeIP } from '../model/facts';
import { imageName } from '../kubelet/images';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Wall-clock Date of the virtual now. */
export function virtualDate(ctx: Ctx): Date {
  return new Date(ctx.state.settings.epoch + ctx.state.now);
}

function unescape(s: string): string {
  return s.replace(/\\(n|t|\\|e|a|r|0[0-7]*)/g, (_, c: string) =>
    c === 'n'
      ? '\n'
      : c === 't'
        ? '\t'
        : c === '\\'
          ? '\\'
          : c === 'r'
            ? '\r'
            : c === 'e'
              ? '\x1b'
              : c === 'a'
                ? '\x07'
                : String.fromCharCode(parseInt(c, 8) || 0),
  );
}

export const echo: Command = (_ctx, args) => {
  let k = 1,
    newline = true,
    esc = false;
  while (k < args.length && /^-[neE]+$/.test(args[k])) {
    if (args[k].includes('n')) newline = false;
    if (args[k].includes('e')) esc = true;
    k++;
  }
  const text = args.slice(k).join(' ');
  return ok((esc ? unescape(text) : text) + (newline ? '\n' : ''));
};

/** printf FORMAT [ARG...]: %s %d %i %f %x %c %%, backslash escapes; the format repeats for extra arguments. */
export const printf: Command = (_ctx, args) => {
  if (args.length < 2) return fail('printf: usage: printf [-v var] format [arguments]', 2);
  const fmt = unescape(args[1]);
  const rest = args.slice(2);
  let out = '';
  let used = 0;
  do {
    const start = used;
    out += fmt.replace(/%([-0-9.]*)([sdifxc%])/g, (_, w: string, c: string) => {
      if (c === '%') return '%';
      const v = rest[used++] ?? '';
      const width = parseInt(w, 10);
      let s =
        c === 'd' || c === 'i'
          ? String(parseInt(v, 10) || 0)
          : c === 'f'
            ? (parseFloat(v) || 0).toFixed(w.includes('.') ? Number(w.split('.')[1]) : 6)
            : c === 'x'
              ? (parseInt(v, 10) || 0).toString(16)
              : c === 'c'
                ? v.charAt(0)
                : v;
      if (!Number.isNaN(width)) s = w.startsWith('-') ? s.padEnd(-width) : s.padStart(width);
      return s;
    });
    if (used === start) break;
  } while (used < rest.length);
  return ok(out);
};

/**
 * busybox's applets (the busybox image; Alpine-based ones such as agnhost) word file errors their own way
 * (libbb's bb_perror_msg: "can't open 'F'"), not as GNU coreutils do.
 */
function busyboxApplets(ctx: Ctx): boolean {
  if (ctx.where.kind !== 'pod') return false;
  const img = imageName(ctx.where.pod.spec.containers[0]?.image ?? '');
  return img === 'busybox' || img === 'alpine' || img.includes('agnhost') || img === 'curlimages/curl';
}

export const cat: Command = (ctx, args) => {
  const o = new Out();
  const files = args.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  if (!files.length) return o.out(ctx.stdin).done(0);
  let code = 0;
  for (const f of files) {
    if (f === '-') {
      o.out(ctx.stdin);
      continue;
    }
    const t = readFile(ctx, f);
    if (t === null) {
      o.err(
        busyboxApplets(ctx)
          ? `cat: can't open '${f}': No such file or directory\n`
          : `cat: ${f}: No such file or directory\n`,
      );
      code = 1;
    } else o.out(t);
  }
  return o.done(code);
};

export const ls: Command = (ctx, args) => {
  const targets = args.slice(1).filter((a) => !a.startsWith('-'));
  const o = new Out();
  let code = 0;
  for (const t of targets.length ? targets : ['.']) {
    const names = listDir(ctx, t);
    if (
      names === null ||
      (names.length === 0 && t !== '.' && !['/', '/root', '~'].includes(t) && readFile(ctx, t) === null)
    ) {
      if (busyboxApplets(ctx)) {
        o.err(`ls: ${t}: No such file or directory\n`);
        code = 1;
      } else {
        o.err(`ls: cannot access '${t}': No such file or directory\n`);
        code = 2;
      }
      continue;
    }
    if (names.length) o.out(names.join('  ') + '\n');
  }
  return o.done(code);
};

export const rm: Command = (ctx, args) => {
  const o = new Out();
  const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
  for (const f of args.slice(1).filter((a) => !a.startsWith('-'))) {
    if (!removeFile(ctx, f) && !force)
      o.err(`rm: ${busyboxApplets(ctx) ? "can't" : 'cannot'} remove '${f}': No such file or directory\n`);
  }
  return o.done(o.chunks.length ? 1 : 0);
};

/** Directories exist implicitly in the playground's files: mkdir only checks its arguments. */
export const mkdir: Command = (_ctx, args) =>
  args.slice(1).some((a) => !a.startsWith('-'))
    ? ok()
    : fail("mkdir: missing operand\nTry 'mkdir --help' for more information.");

export const touch: Command = (ctx, args) => {
  for (const f of args.slice(1).filter((a) => !a.startsWith('-'))) if (readFile(ctx, f) === null) writeFile(ctx, f, '');
  return ok();
};

export const cd: Command = (ctx, args) => {
  const s = ctx.session;
  const target =
    args[1] === undefined || args[1] === '~'
      ? (s.env.HOME ?? '/')
      : args[1] === '-'
        ? (s.env.OLDPWD ?? s.cwd)
        : args[1];
  const dir = resolvePath(s.cwd, target);
  s.env.OLDPWD = s.cwd;
  s.cwd = dir;
  s.env.PWD = dir;
  return ok();
};

export const pwd: Command = (ctx) => ok(ctx.session.cwd + '\n');

export const exportCmd: Command = (ctx, args) => {
  const s = ctx.session;
  if (args.length === 1 || args[1] === '-p') {
    return ok(
      Object.entries(s.env)
        .map(([k, v]) => `declare -x ${k}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`)
        .join(''),
    );
  }
  for (const a of args.slice(1)) {
    const m = a.match(/^([A-Za-z_][A-Za-z0-9_]*)(=(.*))?$/s);
    if (!m) return fail(`${s.shell === 'bash' ? '-bash' : 'sh'}: export: \`${a}': not a valid identifier`);
    const v = m[2] !== undefined ? m[3] : (s.vars[m[1]] ?? s.env[m[1]] ?? '');
    delete s.vars[m[1]];
    s.env[m[1]] = v;
  }
  return ok();
};

export const unset: Command = (ctx, args) => {
  for (const a of args.slice(1)) {
    delete ctx.session.vars[a];
    delete ctx.session.env[a];
  }
  return ok();
};

/** env / printenv: the exported variables; an interactive bash adds `_=/usr/bin/env`. */
export const env: Command = (ctx, args) => {
  const e = ctx.session.env;
  if (args[0] === 'printenv' && args.length > 1) {
    const vals = args
      .slice(1)
      .map((n) => e[n])
      .filter((v) => v !== undefined);
    return new Out().out(vals.map((v) => v + '\n').join('')).done(vals.length === args.length - 1 ? 0 : 1);
  }
  let text = Object.entries(e)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
  if (args[0] === 'env' && ctx.session.shell === 'bash' && !ctx.direct) text += '_=/usr/bin/env\n';
  return ok(text);
};

export const hostname: Command = (ctx, args) => {
  const w = ctx.where;
  const name = w.kind === 'pod' ? w.pod.metadata.name : w.name;
  if (args[1] === '-i' || args[1] === '-I') {
    if (w.kind === 'pod') return ok((w.pod.status.podIP ?? '') + (args[1] === '-I' ? ' ' : '') + '\n');
    if (w.kind === 'client') return ok(ctx.state.settings.client.ip + (args[1] === '-I' ? ' ' : '') + '\n');
    const n = ctx.state.objects.nodes[w.name];
    if (args[1] === '-i') return ok((n ? nodeIP(n) : '') + '\n');
    return ok(
      ifaceAddrs(ctx.state, w.name)
        .filter((a) => a.name !== 'lo')
        .map((a) => a.ip)
        .join(' ') + ' \n',
    );
  }
  return ok(name + '\n');
};

/** coreutils date in UTC from the virtual clock: "Mon Jan 12 09:00:05 UTC 2026". */
export const date: Command = (ctx) => {
  const d = virtualDate(ctx);
  return ok(
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`,
  );
};

/** The longest one sleep may run the cluster's clock at once (kubesim; inside $(...), a pipe, sh -c). */
export const MAX_SLEEP_MS = 6 * 3600 * 1000;
/** The longest the console's own sleep may run: it runs in slices and Ctrl+C stops it (a week of a busy cluster is seconds). */
const MAX_SLICED_SLEEP_MS = 7 * 24 * 3600 * 1000;

/** sleep moves the virtual clock: the cluster runs for that long (controllers, kubelets, kube-proxy). */
export const sleep: Command = (ctx, args) => {
  if (args.length < 2) return fail(`sleep: missing operand\nTry 'sleep --help' for more information.`);
  let ms = 0;
  for (const a of args.slice(1)) {
    const m = a.match(/^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/);
    if (!m) return fail(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`);
    ms += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]] * 1000;
  }
  // The cluster runs every controller through the time slept, on the page's main thread: a bound keeps
  // that under a few tens of ms (a day took ~230 ms, `sleep 365d` froze the tab 33 s, 400 nines reached
  // Infinity). The console's own sleep runs in slices, interruptible, so it may go further. Nothing
  // moves when it is refused. (busybox and coreutils take any length: the bound is the playground's.)
  const max = ctx.sleepLater && !ctx.frozen ? MAX_SLICED_SLEEP_MS : MAX_SLEEP_MS;
  if (!(ms <= max))
    return fail(
      `sleep: the playground's clock runs at most ${max === MAX_SLEEP_MS ? '6h' : '7d'} in one sleep (asked for ${args.slice(1).join(' ').slice(0, 40)}); sleep again to go further\n`,
    );
  // an exec probe's sleep returns at once: kubelet holds the clock while it judges the probe
  if (ctx.frozen) return ok();
  // the console's own sleep: it runs the clock in slices and Ctrl+C can stop it
  if (ctx.sleepLater) return { chunks: [], code: 0, sleep: Math.round(ms) };
  advance(ctx.state, Math.round(ms));
  return ok();
};

export const history: Command = (ctx) =>
  ok(ctx.session.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join(''));

export const clear: Command = () => ({ chunks: [], code: 0, clear: true });
export const trueCmd: Command = () => ok();
export const falseCmd: Command = () => ({ chunks: [], code: 1 });

export const uname: Command = (ctx, args) => {
  const name = ctx.where.kind === 'pod' ? ctx.where.pod.metadata.name : ctx.where.name;
  const kernel = '6.8.0-88-generic';
  if (args.includes('-a'))
    return ok(
      `Linux ${name} ${kernel} #89-Ubuntu SMP PREEMPT_DYNAMIC Sat Oct 11 01:02:46 UTC 2025 x86_64 x86_64 x86_64 GNU/Linux\n`,
    );
  if (args.includes('-r')) return ok(kernel + '\n');
  if (args.includes('-n')) return ok(name + '\n');
  return ok('Linux\n');
};

export const id: Command = () => ok('uid=0(root) gid=0(root) groups=0(root)\n');

export const BUILTINS: Record<string, Command> = {
  echo,
  printf,
  cat,
  ls,
  rm,
  mkdir,
  touch,
  cd,
  pwd,
  export: exportCmd,
  unset,
  env,
  printenv: env,
  hostname,
  date,
  sleep,
  history,
  clear,
  true: trueCmd,
  false: falseCmd,
  uname,
  id,
};

/** Commands the shell itself runs in every shell (the rest depend on the machine or image). */
export const SHELL_BUILTINS = new Set([
  'echo',
  'printf',
  'cd',
  'pwd',
  'export',
  'unset',
  'true',
  'false',
  'exit',
  'logout',
  'history',
  'help',
  'clear',
]);
