// kubesim: the playground's shell without the browser, for scripts and tests.
//   npm run --silent kubesim -- [--scenario NAME|FILE] [--seed N] [--json] [--no-settle] [-f FILE]... [-c "COMMAND"]...
// Steps run in the order given on `master` (-f FILE is `kubectl apply -f FILE`); after each one the
// virtual clock runs until the cluster settles, unless --no-settle. Exits with the last step's code.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { ClusterState } from '../sim/model/state';
import type { ShellIO } from '../sim/shell/types';
import { createCluster } from '../sim/cluster';
// kube-proxy's nftables mode (a scenario may ask for it): the CLI loads it up front
import '../sim/nftables';
import { defaultCluster } from '../sim/scenario/apply';
import { loadScenario } from '../sim/scenario/load';
import { getScenario, listScenarios } from '../sim/scenario/scenarios';
import { settle } from '../sim/step';
import { createSession, prompt, runLine } from '../sim/shell/index';
import type { Challenge } from '../sim/challenge/index';
import { getChallenge, judge, listChallenges, parseChallenge, solved, startChallenge } from '../sim/challenge/index';
import { BUILTIN_CHALLENGES } from '../sim/challenge/builtin';

const USAGE = `usage: kubesim [--scenario NAME|FILE] [--seed N] [--json] [--no-settle] [--echo] [-f FILE]... [-c "COMMAND"]...

  --scenario NAME|FILE  start from a built-in scenario (default: "default") or a scenario file
                        (multi-document YAML, optionally with a kind Cluster document first)
  --seed N              the seed of the cluster's random choices (names, IPs, load balancing)
  -f FILE               a step: kubectl apply -f FILE
  -c "COMMAND"          a step: COMMAND typed at root@master:~# (pipes, $(...), ssh, kubectl exec -it ...)
  --no-settle           do not let the cluster settle after each step
  --json                print one JSON array of {"command","stdout","stderr","exitCode"}
  --echo                print each step's prompt and command before its output
  --list-scenarios      print the built-in scenarios
  --challenge NAME|FILE start from a troubleshooting challenge (built-in, or a challenge file)
  --verify              after the steps, print each of the challenge's objectives as met or not;
                        exit 0 only when all are met
  --export-challenge    print the challenge's file (with --challenge NAME)
  --list-challenges     print the built-in challenges (name, then title)

Steps run in the order given; the exit code is the last step's.
`;

interface Options {
  scenario: string;
  challenge?: string;
  verify: boolean;
  exportChallenge: boolean;
  seed?: number;
  json: boolean;
  settle: boolean;
  echo: boolean;
  steps: { command: string; file?: string }[];
}

function parseArgs(argv: string[]): Options | { exit: number; out?: string; err?: string } {
  const o: Options = {
    scenario: 'default',
    verify: false,
    exportChallenge: false,
    json: false,
    settle: true,
    echo: false,
    steps: [],
  };
  const value = (i: number, flag: string): string | { exit: number; err: string } =>
    argv[i + 1] !== undefined ? argv[i + 1] : { exit: 2, err: `kubesim: ${flag} needs a value\n${USAGE}` };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      inline = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const take = (): string | { exit: number; err: string } => {
      if (inline !== undefined) return inline;
      const v = value(i, a);
      if (typeof v === 'string') i++;
      return v;
    };
    switch (a) {
      case '-h':
      case '--help':
        return { exit: 0, out: USAGE };
      case '--list-scenarios':
        return {
          exit: 0,
          out: listScenarios()
            .map((s) => `${s.id.padEnd(22)} ${s.title}\n`)
            .join(''),
        };
      case '--list-challenges':
        return {
          exit: 0,
          out: listChallenges()
            .map((c) => `${c.name.padEnd(26)} ${c.title}\n`)
            .join(''),
        };
      case '--challenge': {
        const v = take();
        if (typeof v !== 'string') return v;
        o.challenge = v;
        break;
      }
      case '--verify':
        o.verify = true;
        break;
      case '--export-challenge':
        o.exportChallenge = true;
        break;
      case '--json':
        o.json = true;
        break;
      case '--no-settle':
        o.settle = false;
        break;
      case '--echo':
        o.echo = true;
        break;
      case '--scenario': {
        const v = take();
        if (typeof v !== 'string') return v;
        o.scenario = v;
        break;
      }
      case '--seed': {
        const v = take();
        if (typeof v !== 'string') return v;
        if (!/^\d+$/.test(v)) return { exit: 2, err: `kubesim: --seed must be a whole number, not "${v}"\n` };
        if (!Number.isSafeInteger(Number(v)))
          return {
            exit: 2,
            err: `kubesim: --seed must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, not "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"\n`,
          };
        o.seed = Number(v);
        break;
      }
      case '-f':
      case '--filename': {
        const v = take();
        if (typeof v !== 'string') return v;
        const bad = fileProblem(v, '-f');
        if (bad) return bad;
        o.steps.push({
          command: `kubectl apply -f ${/[\s'"$`\\]/.test(v) ? `'${v.replace(/'/g, `'\\''`)}'` : v}`,
          file: v,
        });
        break;
      }
      case '-c':
      case '--command': {
        const v = take();
        if (typeof v !== 'string') return v;
        o.steps.push({ command: v });
        break;
      }
      default:
        return { exit: 2, err: `kubesim: unknown argument "${argv[i]}"\n${USAGE}` };
    }
  }
  return o;
}

/** The largest file kubesim reads (a scenario or a manifest is a few KB; 600 MB ran V8 out of string length). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Why a file given on the command line cannot be read, in words that are true; null when it can. */
function fileProblem(path: string, flag: string): { exit: number; err: string } | null {
  let st;
  try {
    st = statSync(path);
  } catch {
    return null; // does not exist: kubectl (for -f) or the scenario lookup says so
  }
  if (st.isDirectory()) return { exit: 2, err: `kubesim: ${flag} ${path}: is a directory, not a file\n` };
  if (st.size > MAX_FILE_BYTES)
    return {
      exit: 2,
      err: `kubesim: ${flag} ${path}: file too large (${(st.size / 1048576).toFixed(0)} MB; at most ${MAX_FILE_BYTES / 1048576} MB)\n`,
    };
  return null;
}

function loadState(o: Options): ClusterState | { exit: number; err: string } {
  const overrides = o.seed !== undefined ? { seed: o.seed } : {};
  if (o.scenario === 'default') return defaultCluster(overrides);
  if (o.scenario === 'empty') return createCluster(overrides);
  const builtin = getScenario(o.scenario);
  let text: string;
  let name = o.scenario;
  if (builtin) text = builtin.yaml;
  else if (existsSync(o.scenario)) {
    const bad = fileProblem(o.scenario, '--scenario');
    if (bad) return bad;
    text = readFileSync(o.scenario, 'utf8');
    name = o.scenario;
  } else {
    return {
      exit: 2,
      err: `kubesim: no built-in scenario or file named "${o.scenario}" (built-in: ${listScenarios()
        .map((s) => s.id)
        .join(', ')})\n`,
    };
  }
  const r = loadScenario(text, overrides, builtin ? 'scenario.yaml' : name);
  if (!r.state)
    return {
      exit: 1,
      err: r.errors
        .map((e) => `kubesim: ${name}${'line' in e && e.line ? `:${e.line}:${e.col ?? 1}` : ''}: ${e.message}\n`)
        .join(''),
    };
  for (const e of r.errors) process.stderr.write(`kubesim: ${name}: ${e.message}\n`);
  return r.state;
}

/** Real files are readable on master (paths given to -f or typed in -c), except the machine's system files. */
const io: ShellIO = {
  readFile(host, path) {
    if (host !== 'master' || /^\/(etc|proc|sys|dev)\//.test(path)) return null;
    const p = resolvePath(process.cwd(), path);
    try {
      return existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : null;
    } catch {
      return null;
    }
  },
};

/** The challenge --challenge names: a built-in one, or a challenge file. */
function loadChallenge(name: string): Challenge | { exit: number; err: string } {
  const builtin = BUILTIN_CHALLENGES.find((c) => c.name === name);
  if (builtin) return getChallenge(name)!;
  if (!existsSync(name) || !statSync(name).isFile())
    return {
      exit: 2,
      err: `kubesim: no built-in challenge or file named "${name}" (kubesim --list-challenges lists the built-in ones)\n`,
    };
  const r = parseChallenge(readFileSync(name, 'utf8'), name);
  if (!r.ok) return { exit: 1, err: r.errors.map((e) => `kubesim: ${e}\n`).join('') };
  return r.challenge;
}

function main(argv: string[]): number {
  const o = parseArgs(argv);
  if (!('steps' in o)) {
    if (o.out) process.stdout.write(o.out);
    if (o.err) process.stderr.write(o.err);
    return o.exit;
  }
  let challenge: Challenge | undefined;
  if (o.challenge !== undefined) {
    const c = loadChallenge(o.challenge);
    if ('exit' in c) {
      process.stderr.write(c.err);
      return c.exit;
    }
    challenge = c;
    if (o.exportChallenge) {
      process.stdout.write(c.source ?? '');
      return 0;
    }
  } else if (o.verify || o.exportChallenge) {
    process.stderr.write(`kubesim: ${o.verify ? '--verify' : '--export-challenge'} needs --challenge NAME|FILE\n`);
    return 2;
  }
  let state: ClusterState | { exit: number; err: string };
  if (challenge) {
    const st = startChallenge(challenge, o.seed);
    state = st.ok ? st.state : { exit: 1, err: st.errors.map((e) => `kubesim: ${o.challenge}: ${e}\n`).join('') };
  } else state = loadState(o);
  if ('exit' in state) {
    process.stderr.write(state.err);
    return state.exit;
  }
  const session = createSession('master');
  const results: { command: string; stdout: string; stderr: string; exitCode: number }[] = [];
  let code = 0;
  for (const step of o.steps) {
    const shown = `${prompt(session)} ${step.command}\n`;
    let r = runLine(state, session, step.command, io);
    if (r.more) {
      // a step must be complete on its own (a heredoc needs its closing line)
      session.pending = undefined;
      r = {
        stdout: '',
        stderr: '-bash: syntax error: unexpected end of file\n',
        exitCode: 2,
        output: [{ fd: 2, text: '-bash: syntax error: unexpected end of file\n' }],
        traces: [],
      };
      session.lastExit = 2;
    }
    if (o.settle) settle(state);
    code = r.exitCode;
    if (o.json) {
      results.push({ command: step.command, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode });
      continue;
    }
    if (o.echo) process.stdout.write(shown);
    for (const c of r.output) (c.fd === 1 ? process.stdout : process.stderr).write(c.text);
    if (process.stdout.isTTY && r.stdout && !r.stdout.endsWith('\n')) process.stdout.write('\n');
  }
  if (o.json && !(challenge && o.verify)) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  if (challenge && o.verify) {
    const verdicts = judge(state, challenge);
    const ok = solved(verdicts);
    if (o.json) {
      process.stdout.write(JSON.stringify({ steps: results, objectives: verdicts, solved: ok }, null, 2) + '\n');
      return ok ? 0 : 1;
    }
    for (const v of verdicts)
      process.stdout.write(`${v.met ? 'met:    ' : 'NOT met:'} ${v.text}\n         (${v.detail})\n`);
    const n = verdicts.filter((v) => v.met).length;
    process.stdout.write(`${n} of ${verdicts.length} objectives met${ok ? ': solved' : ''}\n`);
    return ok ? 0 : 1;
  }
  return code;
}

process.exitCode = main(process.argv.slice(2));
