// Starting a challenge (its scenario, then its setup lines) and judging its objectives by behaviour:
// each objective's command runs on a copy of the cluster, as often as it says, and what its
// connections did (ShellResult.traces) and what it printed decide. The learner's cluster is untouched,
// so the check can run after every change.
import type { ClusterState } from '../model/state';
import type { Trace } from '../net/trace-types';
import type { Challenge, Objective, ObjectiveResult } from './types';
import { clone } from '../model/meta';
import { settle } from '../step';
import { getScenario } from '../scenario/scenarios';
import { loadScenario } from '../scenario/load';
import { defaultCluster } from '../scenario/apply';
import { createSession } from '../shell/session';
import { runLine } from '../shell/run';

export type Started = { ok: true; state: ClusterState } | { ok: false; errors: string[] };

/** The challenge's broken cluster: its scenario, then its setup lines on master, settled after each. */
export function startChallenge(ch: Challenge, seed?: number): Started {
  const overrides = seed !== undefined ? { seed } : {};
  let state: ClusterState;
  if (ch.scenario === 'default') state = defaultCluster(overrides);
  else {
    const builtin = !ch.scenario.includes('\n') ? getScenario(ch.scenario.trim()) : undefined;
    if (!builtin && !ch.scenario.includes('\n'))
      return {
        ok: false,
        errors: [`scenario: there is no built-in scenario "${ch.scenario}" (or give the scenario's YAML)`],
      };
    const r = loadScenario(builtin ? builtin.yaml : ch.scenario, overrides);
    if (!r.state) return { ok: false, errors: r.errors.map((e) => `scenario: ${e.message}`) };
    state = r.state;
  }
  settle(state);
  const session = createSession('master');
  const errors: string[] = [];
  for (const line of ch.setup) {
    const r = runLine(state, session, line);
    if (r.exitCode !== 0) errors.push(`setup: "${line}" failed (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim()}`);
    settle(state);
  }
  return errors.length ? { ok: false, errors } : { ok: true, state };
}

const isDns = (t: Trace): boolean => t.destination.endsWith(':53');

function labelsMatch(s: ClusterState, podKey: string | undefined, selector: string): boolean {
  const pod = podKey ? s.objects.pods[podKey] : undefined;
  if (!pod) return false;
  return selector.split(',').every((kv) => {
    const [k, v] = kv.split('=');
    return pod.metadata.labels?.[k] === v;
  });
}

/** Run one objective's command on a copy of `state` and say whether what it did meets the objective. */
export function judgeObjective(state: ClusterState, o: Objective): ObjectiveResult {
  const s = clone(state);
  const session = createSession('master');
  const traces: Trace[] = [];
  const outputs: { text: string; code: number }[] = [];
  const e = o.expect;
  const re = e.output !== undefined ? new RegExp(e.output, 'm') : null;
  // A run that already decides the verdict ends the objective early: the first refused request says
  // more than "0 of 20", and a broken cluster is judged at the cost of one run, not twenty.
  let early: string | null = null;
  for (let i = 0; i < o.times && !early; i++) {
    const r = runLine(s, session, o.run);
    const text = r.stdout + r.stderr;
    outputs.push({ text, code: r.exitCode });
    const mine = r.traces.filter((t) => !isDns(t));
    traces.push(...mine);
    const lost = mine.find((t) => t.verdict !== 'delivered');
    const nth = o.times > 1 ? `run ${i + 1} of ${o.times}: ` : '';
    // the verdict only: why is for the learner to find (the trace, iptables-save, the endpoints)
    if (e.delivered === 'all' && lost) early = `${nth}${lost.verdict} (${lost.destination})`;
    else if (e.delivered === 'all' && !mine.length && e.exitCode === undefined && !re)
      early = `${nth}no connection was made: ${JSON.stringify(text.trim().slice(0, 120))}`;
    else if (e.exitCode !== undefined && r.exitCode !== e.exitCode)
      early = `${nth}exited with ${r.exitCode}: ${JSON.stringify(text.trim().slice(0, 120))}`;
    else if (re && !re.test(text)) early = `${nth}printed ${JSON.stringify(text.trim().slice(0, 120))}`;
  }
  if (early) return { text: o.text, met: false, detail: early };
  const delivered = traces.filter((t) => t.verdict === 'delivered');
  const pods = new Set(delivered.map((t) => t.pod).filter(Boolean));
  const problems: string[] = [];
  const n = traces.length;
  const summary = `${delivered.length} of ${n} connection${n === 1 ? '' : 's'} delivered, to ${pods.size} Pod${pods.size === 1 ? '' : 's'}`;
  if (e.delivered === 'all' && (n === 0 || delivered.length < n)) problems.push(summary);
  if (e.delivered === 'none' && delivered.length > 0) problems.push(summary);
  if (typeof e.delivered === 'number' && delivered.length < e.delivered) problems.push(summary);
  if (e.pods !== undefined && pods.size < e.pods) problems.push(summary);
  if (e.podLabels !== undefined) {
    const strangers = [...pods].filter((p) => !labelsMatch(s, p, e.podLabels!));
    if (strangers.length || !pods.size)
      problems.push(pods.size ? `answered by ${strangers.join(', ')}, not labelled ${e.podLabels}` : summary);
  }
  if (e.sourceSeen === 'client') {
    const masked = delivered.filter((t) => t.sourceSeen !== s.settings.client.ip);
    if (masked.length || !delivered.length)
      problems.push(
        delivered.length
          ? `${masked.length} Pod${masked.length === 1 ? '' : 's'} saw ${masked[0].sourceSeen}, not the client's ${s.settings.client.ip}`
          : summary,
      );
  }
  const uniq = [...new Set(problems)];
  return { text: o.text, met: !uniq.length, detail: uniq.length ? uniq.join('; ') : summary };
}

export function judge(state: ClusterState, ch: Challenge): ObjectiveResult[] {
  return ch.objectives.map((o) => judgeObjective(state, o));
}

export const solved = (results: ObjectiveResult[]): boolean => results.length > 0 && results.every((r) => r.met);
