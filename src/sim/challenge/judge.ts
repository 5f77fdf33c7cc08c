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
  for (let i = 0; i < o.times; i++) {
    const r = runLine(s, session, o.run);
    outputs.push({ text: r.stdout + r.stderr, code: r.exitCode });
    traces.push(...r.traces.filter((t) => !isDns(t)));
  }
  const e = o.expect;
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
  if (e.exitCode !== undefined) {
    const bad = outputs.filter((x) => x.code !== e.exitCode);
    if (bad.length) problems.push(`${bad.length} of ${outputs.length} runs exited with ${bad[0].code}`);
  }
  if (e.output !== undefined) {
    const re = new RegExp(e.output, 'm');
    const bad = outputs.filter((x) => !re.test(x.text));
    if (bad.length) problems.push(`printed ${JSON.stringify(bad[0].text.trim().slice(0, 120))}`);
  }
  const uniq = [...new Set(problems)];
  return { text: o.text, met: !uniq.length, detail: uniq.length ? uniq.join('; ') : summary };
}

export function judge(state: ClusterState, ch: Challenge): ObjectiveResult[] {
  return ch.objectives.map((o) => judgeObjective(state, o));
}

export const solved = (results: ObjectiveResult[]): boolean => results.length > 0 && results.every((r) => r.met);
