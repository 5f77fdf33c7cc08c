// Troubleshooting challenges: the file format, the built-in ones, starting one and judging it.
import type { Challenge, ObjectiveResult } from './types';
import { BUILTIN_CHALLENGES } from './builtin';
import { parseChallenge } from './format';
import { judge, solved, startChallenge } from './judge';
import { createSession } from '../shell/session';
import { runLine } from '../shell/run';
import { settle } from '../step';

export type { Challenge, Expect, Objective, ObjectiveResult, WalkthroughStep } from './types';
export type { BuiltinChallenge } from './builtin';
export { BUILTIN_CHALLENGES } from './builtin';
export { CHALLENGE_API_VERSION, parseChallenge, type ParseResult } from './format';
export { judge, judgeObjective, solved, startChallenge, type Started } from './judge';

export function listChallenges(): readonly { name: string; title: string; level: number }[] {
  return BUILTIN_CHALLENGES;
}

/** A built-in challenge, parsed (a built-in that does not parse is a bug: the tests parse them all). */
export function getChallenge(name: string): Challenge | undefined {
  const b = BUILTIN_CHALLENGES.find((c) => c.name === name);
  if (!b) return undefined;
  const r = parseChallenge(b.yaml, `${name}.yaml`);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.challenge;
}

export interface Verified {
  ok: boolean;
  errors: string[];
  results: ObjectiveResult[];
  /** the steps' output, in order */
  transcript: { command: string; stdout: string; stderr: string; exitCode: number }[];
}

/** Start the challenge, run `steps` on master (settling after each), then judge every objective. */
export function verifyChallenge(ch: Challenge, steps: readonly string[], seed?: number): Verified {
  const st = startChallenge(ch, seed);
  if (!st.ok) return { ok: false, errors: st.errors, results: [], transcript: [] };
  const session = createSession('master');
  const transcript: Verified['transcript'] = [];
  for (const line of steps) {
    const r = runLine(st.state, session, line);
    transcript.push({ command: line, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode });
    settle(st.state);
  }
  const results = judge(st.state, ch);
  return { ok: solved(results), errors: [], results, transcript };
}
