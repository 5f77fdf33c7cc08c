// The interpreter: runLine parses what the user typed and runs it on the session's machine (or in
// its Pod), threading pipes, redirections, `;`, `&&` and `||`. Commands mutate the cluster directly.
import type { ClusterState } from '../model/state';
import type { Chunk, CmdResult, Ctx, Session, ShellIO, ShellResult, Where } from './types';
import type { Pipeline, Script, SimpleCmd } from './parse';
import { parse } from './parse';
import { Out } from './output';
import { expandHereDoc, expandToString, expandWord } from './expand';
import { readFile, writeFile, resolvePath } from './fs';
import { leave, whereOf } from './session';
import { commandNames, findCommand, notFound } from './commands';
import { runInPod } from './kubectl/exec';
import { createSession } from './session';
import { setContainerExec } from '../kubelet/prober';
import '../kubelet/prober-install';
import '../controllers/discovery-install';
import '../apiserver/validation-install';

export function makeCtx(
  state: ClusterState,
  session: Session,
  io: ShellIO,
  where: Where,
  extra: Partial<Ctx> = {},
): Ctx {
  const ctx: Ctx = {
    state,
    session,
    io,
    where,
    stdin: '',
    traces: [],
    run: (text: string) => runScript({ ...ctx, stdin: '' }, text),
    exec: runScript,
    findCommand,
    commandNames,
    ...extra,
  };
  return ctx;
}

function shellName(ctx: Ctx): string {
  return ctx.session.shell === 'bash' ? 'bash' : 'sh';
}

/** Parse and run a script in ctx's shell. */
export function runScript(ctx: Ctx, text: string): CmdResult {
  const p = parse(text);
  if (!p.ok) {
    const msg = p.incomplete ? 'syntax error: unexpected end of file' : p.error;
    return new Out().err(`${shellName(ctx)}: ${msg}\n`).done(2);
  }
  return execScript(ctx, p.script);
}

/**
 * Run a parsed script. `top`: it is the line the user typed (not $(...), sh -c, ssh HOST CMD); there,
 * under ShellIO.sleepLater, a lone `sleep` ends the run early and the result says how long it sleeps
 * and what is left of the line (CmdResult.sleep, .rest).
 */
export function execScript(ctx: Ctx, script: Script, top = false): CmdResult {
  const out = new Out();
  let code = 0;
  let clear = false;
  // a watch keeps the terminal only when it is the last thing the line runs
  let watch: CmdResult['watch'];
  for (let a = 0; a < script.length; a++) {
    const ao = script[a];
    for (let i = 0; i < ao.items.length; i++) {
      const item = ao.items[i];
      if (item.op === '&&' && code !== 0) continue;
      if (item.op === '||' && code === 0) continue;
      // only a plain `sleep` (no pipe, no `!`) may be left to the console
      const later = top && !!ctx.io.sleepLater && item.pipe.cmds.length === 1 && !item.pipe.negate;
      const r = execPipeline(later ? { ...ctx, sleepLater: true } : ctx, item.pipe);
      out.add(r);
      code = r.code;
      watch = r.watch;
      ctx.session.lastExit = code;
      if (r.clear) {
        clear = true;
        out.chunks.length = 0;
      }
      if (later && r.sleep !== undefined) {
        const res = out.done(code);
        if (clear) res.clear = true;
        res.sleep = r.sleep;
        res.rest = [{ items: ao.items.slice(i + 1) }, ...script.slice(a + 1)].filter((x) => x.items.length);
        return res;
      }
    }
  }
  const res = out.done(code);
  if (clear) res.clear = true;
  if (watch) res.watch = watch;
  return res;
}

function execPipeline(ctx: Ctx, p: Pipeline): CmdResult {
  const chunks: Chunk[] = [];
  let stdin = '';
  let code = 0;
  let clear = false;
  let watch: CmdResult['watch'];
  let sleep: number | undefined;
  p.cmds.forEach((cmd, i) => {
    const last = i === p.cmds.length - 1;
    const r = execSimple(ctx, cmd, stdin);
    if (r.clear) clear = true;
    // (a watch piped into another command is printed once: the playground does not stream through pipes)
    watch = p.cmds.length === 1 ? r.watch : undefined;
    if (p.cmds.length === 1 && r.sleep !== undefined) sleep = r.sleep;
    if (last) chunks.push(...r.chunks);
    else {
      chunks.push(...r.chunks.filter((c) => c.fd === 2));
      stdin = r.chunks
        .filter((c) => c.fd === 1)
        .map((c) => c.text)
        .join('');
    }
    code = r.code;
  });
  if (p.negate) code = code === 0 ? 1 : 0;
  return {
    chunks,
    code,
    ...(clear ? { clear } : {}),
    ...(watch ? { watch } : {}),
    ...(sleep !== undefined ? { sleep } : {}),
  };
}

type Sink = 'out' | 'err' | 'null' | { file: string };

function execSimple(base: Ctx, cmd: SimpleCmd, pipedIn: string): CmdResult {
  const where = whereOf(base.state, base.session) ?? base.where;
  // only the sleep command itself may leave its sleep to the console: never a $(...) or sh -c inside
  const { sleepLater, ...rest0 } = base;
  const ctx: Ctx = { ...rest0, where, stdin: pipedIn };
  ctx.run = (text: string) => runScript({ ...ctx, stdin: '' }, text);
  const out = new Out();
  const status = { code: null as number | null };
  const argv: string[] = [];
  for (const w of cmd.words) argv.push(...expandWord(ctx, w, out, status));
  const values = cmd.assigns.map((a) => ({ name: a.name, value: expandToString(ctx, a.value, out, status) }));

  // input redirections
  for (const r of cmd.redirs) {
    if (r.op === '<<' && r.here)
      ctx.stdin = r.here.expand ? expandHereDoc(ctx, r.here.body ?? '', out) : (r.here.body ?? '');
    if (r.op === '<' && r.target) {
      const f = expandToString(ctx, r.target, out);
      const t = readFile(ctx, f);
      if (t === null) return out.err(`${shellName(ctx)}: ${f}: No such file or directory\n`).done(1);
      ctx.stdin = t;
    }
  }
  // output redirections, left to right (so `>f 2>&1` and `2>&1 >f` differ as in bash)
  const sinks: Record<number, Sink> = { 1: 'out', 2: 'err' };
  const files: Record<string, string> = {};
  for (const r of cmd.redirs) {
    if (r.op !== '>' && r.op !== '>>' && r.op !== '>&') continue;
    const t = expandToString(ctx, r.target!, out);
    if (r.op === '>&') {
      if (t === '1' || t === '2') sinks[r.fd] = sinks[Number(t)];
      else if (t === '-') sinks[r.fd] = 'null';
      continue;
    }
    if (t === '/dev/null') {
      sinks[r.fd] = 'null';
      continue;
    }
    if (t === '/dev/stdout') {
      sinks[r.fd] = 'out';
      continue;
    }
    if (t === '/dev/stderr') {
      sinks[r.fd] = 'err';
      continue;
    }
    const abs = resolvePath(ctx.session.cwd, t);
    if (!(abs in files)) files[abs] = r.op === '>>' ? (readFile(ctx, abs) ?? '') : '';
    sinks[r.fd] = { file: abs };
  }

  let result: CmdResult;
  if (!argv.length) {
    for (const { name, value } of values) {
      if (name in ctx.session.env) ctx.session.env[name] = value;
      else ctx.session.vars[name] = value;
    }
    result = out.done(status.code ?? 0);
  } else {
    // VAR=value cmd: the variables are in the command's environment only
    const saved = values.map(({ name }) => [name, ctx.session.env[name]] as const);
    for (const { name, value } of values) ctx.session.env[name] = value;
    const fn = findCommand(ctx, argv[0]);
    const r = fn ? fn(sleepLater && argv[0] === 'sleep' ? { ...ctx, sleepLater } : ctx, argv) : notFound(ctx, argv[0]);
    for (const [name, v] of saved) {
      if (v === undefined) delete ctx.session.env[name];
      else ctx.session.env[name] = v;
    }
    result = {
      ...out.add(r).done(r.code),
      ...(r.clear ? { clear: true } : {}),
      ...(r.watch ? { watch: r.watch } : {}),
      ...(r.sleep !== undefined ? { sleep: r.sleep } : {}),
    };
  }
  // route each chunk to its sink
  const routed: Chunk[] = [];
  for (const c of result.chunks) {
    const s = sinks[c.fd];
    if (s === 'null') continue;
    if (s === 'out' || s === 'err') routed.push({ fd: s === 'out' ? 1 : 2, text: c.text });
    else files[s.file] += c.text;
  }
  for (const [f, text] of Object.entries(files)) writeFile(ctx, f, text);
  // a watch keeps writing to the terminal: not when its output went to a file
  const { watch, ...rest } = result;
  return { ...rest, chunks: routed, ...(watch && sinks[1] === 'out' ? { watch } : {}) };
}

function toResult(r: CmdResult, extra: Partial<ShellResult> = {}): ShellResult {
  return {
    traces: [],
    stdout: r.chunks
      .filter((c) => c.fd === 1)
      .map((c) => c.text)
      .join(''),
    stderr: r.chunks
      .filter((c) => c.fd === 2)
      .map((c) => c.text)
      .join(''),
    exitCode: r.code,
    output: r.chunks,
    ...(r.clear ? { clear: true } : {}),
    ...(r.watch ? { watch: r.watch } : {}),
    ...(r.sleep !== undefined ? { sleep: { ms: r.sleep, rest: r.rest ?? [] } } : {}),
    ...extra,
  };
}

/**
 * Run what the user typed (one line, or several with a heredoc) on the session's machine or Pod.
 * Mutates `state` (an immer draft or a plain ClusterState) and `session`.
 */
export function runLine(state: ClusterState, session: Session, line: string, io: ShellIO = {}): ShellResult {
  const text = session.pending !== undefined ? `${session.pending}\n${line}` : line;
  const where = whereOf(state, session);
  if (!where) {
    // the Pod this shell ran in is gone: kubectl exec ends as the container is killed
    session.pending = undefined;
    leave(session);
    session.lastExit = 137;
    return toResult(new Out().err('command terminated with exit code 137\n').done(137));
  }
  const p = parse(text);
  if (!p.ok && p.incomplete) {
    session.pending = text;
    return toResult(new Out().done(0), { more: true });
  }
  session.pending = undefined;
  if (text.trim()) session.history.push(text);
  const ctx = makeCtx(state, session, io, where, { tty: true });
  if (!p.ok) {
    session.lastExit = 2;
    return toResult(new Out().err(`${session.shell === 'bash' ? '-bash' : 'sh'}: ${p.error}\n`).done(2));
  }
  const r = execScript(ctx, p.script, true);
  session.lastExit = r.code;
  return toResult(r, { traces: ctx.traces });
}

/**
 * Run what a line had left after the sleep the console ran (ShellResult.sleep.rest), as runLine would
 * have: on the session's machine or Pod, which may have gone while the clock ran.
 */
export function continueLine(state: ClusterState, session: Session, rest: Script, io: ShellIO = {}): ShellResult {
  const where = whereOf(state, session);
  if (!where) {
    leave(session);
    session.lastExit = 137;
    return toResult(new Out().err('command terminated with exit code 137\n').done(137));
  }
  const ctx = makeCtx(state, session, io, where, { tty: true });
  const r = execScript(ctx, rest, true);
  session.lastExit = r.code;
  return toResult(r, { traces: ctx.traces });
}

// kubelet's exec probes run their command in the container as kubectl exec does (no TTY, no stdin), on the
// Pod's node, with the clock held still: the combined output and the exit code (pkg/probe/exec).
setContainerExec((s, pod, container, argv) => {
  if (!argv.length) return { code: 1, output: '' };
  const ctx = makeCtx(
    s,
    createSession(pod.spec.nodeName ?? 'master'),
    {},
    { kind: 'node', name: pod.spec.nodeName ?? '' },
    {
      frozen: true,
    },
  );
  const r = runInPod(ctx, pod, argv, { stdin: false, tty: false, container, interactive: false });
  return { code: r.code, output: r.chunks.map((c) => c.text).join('') };
});
