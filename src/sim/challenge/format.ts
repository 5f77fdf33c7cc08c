// Reading a challenge file: YAML with apiVersion playground.k8s.local/v1alpha1 and kind Challenge.
// Every problem is reported at once, each naming its field the way kubectl names fields
// (objectives[0].expect.delivered), so a teacher can fix a file in one pass.
import { parseDocument } from 'yaml';
import type { Challenge, Expect, Objective, WalkthroughStep } from './types';

export const CHALLENGE_API_VERSION = 'playground.k8s.local/v1alpha1';

export type ParseResult = { ok: true; challenge: Challenge } | { ok: false; errors: string[] };

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SELECTOR = /^[A-Za-z0-9][-A-Za-z0-9_./]*=[-A-Za-z0-9_.]*(,[A-Za-z0-9][-A-Za-z0-9_./]*=[-A-Za-z0-9_.]*)*$/;
const TOP = [
  'apiVersion',
  'kind',
  'name',
  'title',
  'level',
  'story',
  'scenario',
  'setup',
  'objectives',
  'hints',
  'walkthrough',
  'solution',
];
const EXPECT_KEYS = ['delivered', 'pods', 'podLabels', 'sourceSeen', 'exitCode', 'output'];

type Raw = Record<string, unknown>;
const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseChallenge(text: string, source = 'challenge.yaml'): ParseResult {
  const errors: string[] = [];
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    return { ok: false, errors: [`${source}${line ? `:${line}` : ''}: not valid YAML: ${e.message.split('\n')[0]}`] };
  }
  const raw: unknown = doc.toJS();
  if (!isMap(raw))
    return { ok: false, errors: [`${source}: a challenge file is a YAML mapping (apiVersion, kind, name, …)`] };
  const err = (field: string, msg: string) => errors.push(`${source}: ${field}: ${msg}`);
  for (const k of Object.keys(raw)) if (!TOP.includes(k)) err(k, `unknown field (a challenge has ${TOP.join(', ')})`);
  if (raw.apiVersion !== CHALLENGE_API_VERSION) err('apiVersion', `must be ${CHALLENGE_API_VERSION}`);
  if (raw.kind !== 'Challenge') err('kind', 'must be Challenge');

  const str = (field: string, required = true): string => {
    const v = raw[field];
    if (v === undefined || v === null || v === '') {
      if (required) err(field, 'Required value');
      return '';
    }
    if (typeof v !== 'string') {
      err(field, `must be a string, not ${JSON.stringify(v)}`);
      return '';
    }
    return v;
  };
  const strings = (field: string, required: boolean): string[] => {
    const v = raw[field];
    if (v === undefined || v === null) {
      if (required) err(field, 'Required value: a list of strings');
      return [];
    }
    if (!Array.isArray(v)) {
      err(field, 'must be a list of strings');
      return [];
    }
    return v.flatMap((x, i) => {
      if (typeof x === 'string' && x.trim()) return [x];
      err(`${field}[${i}]`, 'must be a non-empty string');
      return [];
    });
  };

  const name = str('name');
  if (name && (!NAME.test(name) || name.length > 63))
    err('name', `Invalid value: "${name}": a lowercase RFC 1123 label (a-z, 0-9 and '-', at most 63 characters)`);
  const title = str('title');
  const story = str('story');
  const scenario = str('scenario');
  let level = 1;
  if (raw.level !== undefined) {
    if (raw.level === 1 || raw.level === 2 || raw.level === 3) level = raw.level;
    else err('level', `must be 1, 2 or 3, not ${JSON.stringify(raw.level)}`);
  }
  const setup = strings('setup', false);
  const hints = strings('hints', true);
  const solution = strings('solution', true);
  if (raw.hints !== undefined && !hints.length) err('hints', 'give at least one hint');

  const walkthrough: WalkthroughStep[] = [];
  if (raw.walkthrough === undefined) err('walkthrough', 'Required value: a list of {text, command}');
  else if (!Array.isArray(raw.walkthrough)) err('walkthrough', 'must be a list of {text, command}');
  else
    raw.walkthrough.forEach((w, i) => {
      const f = `walkthrough[${i}]`;
      if (typeof w === 'string') return void walkthrough.push({ text: w });
      if (!isMap(w) || typeof w.text !== 'string' || !w.text.trim())
        return void err(f, 'must be a string or {text, command}, with text');
      if (w.command !== undefined && typeof w.command !== 'string') return void err(`${f}.command`, 'must be a string');
      walkthrough.push(w.command ? { text: w.text, command: w.command } : { text: w.text });
    });

  const objectives: Objective[] = [];
  if (!Array.isArray(raw.objectives) || !raw.objectives.length)
    err('objectives', 'Required value: at least one objective {text, run, times, expect}');
  else
    raw.objectives.forEach((o, i) => {
      const f = `objectives[${i}]`;
      if (!isMap(o)) return void err(f, 'must be a mapping {text, run, times, expect}');
      for (const k of Object.keys(o))
        if (!['text', 'run', 'times', 'expect'].includes(k))
          err(`${f}.${k}`, 'unknown field (text, run, times, expect)');
      if (typeof o.text !== 'string' || !o.text.trim()) err(`${f}.text`, 'Required value');
      if (typeof o.run !== 'string' || !o.run.trim()) err(`${f}.run`, 'Required value: a shell line run on master');
      let times = 1;
      if (o.times !== undefined) {
        if (typeof o.times === 'number' && Number.isInteger(o.times) && o.times >= 1 && o.times <= 100) times = o.times;
        else err(`${f}.times`, `must be a whole number from 1 to 100, not ${JSON.stringify(o.times)}`);
      }
      const e = o.expect;
      const expect: Expect = {};
      if (!isMap(e) || !Object.keys(e).length)
        err(`${f}.expect`, `Required value: at least one of ${EXPECT_KEYS.join(', ')}`);
      else {
        for (const k of Object.keys(e))
          if (!EXPECT_KEYS.includes(k)) err(`${f}.expect.${k}`, `unknown field (${EXPECT_KEYS.join(', ')})`);
        const d = e.delivered;
        if (d !== undefined) {
          if (d === 'all' || d === 'none' || (typeof d === 'number' && Number.isInteger(d) && d >= 1))
            expect.delivered = d;
          else
            err(`${f}.expect.delivered`, `must be "all", "none" or a number of connections, not ${JSON.stringify(d)}`);
        }
        if (e.pods !== undefined) {
          if (typeof e.pods === 'number' && Number.isInteger(e.pods) && e.pods >= 1) expect.pods = e.pods;
          else err(`${f}.expect.pods`, `must be a whole number of Pods (1 or more), not ${JSON.stringify(e.pods)}`);
        }
        if (e.podLabels !== undefined) {
          if (typeof e.podLabels === 'string' && SELECTOR.test(e.podLabels)) expect.podLabels = e.podLabels;
          else
            err(
              `${f}.expect.podLabels`,
              `must be a selector like app=web,tier=front, not ${JSON.stringify(e.podLabels)}`,
            );
        }
        if (e.sourceSeen !== undefined) {
          if (e.sourceSeen === 'client') expect.sourceSeen = 'client';
          else err(`${f}.expect.sourceSeen`, 'must be "client"');
        }
        if (e.exitCode !== undefined) {
          if (typeof e.exitCode === 'number' && Number.isInteger(e.exitCode) && e.exitCode >= 0 && e.exitCode < 256)
            expect.exitCode = e.exitCode;
          else err(`${f}.expect.exitCode`, `must be an exit code 0-255, not ${JSON.stringify(e.exitCode)}`);
        }
        if (e.output !== undefined) {
          if (typeof e.output !== 'string') err(`${f}.expect.output`, 'must be a regular expression (a string)');
          else
            try {
              new RegExp(e.output, 'm');
              expect.output = e.output;
            } catch (x) {
              err(`${f}.expect.output`, `not a valid regular expression: ${(x as Error).message}`);
            }
        }
      }
      if (typeof o.text === 'string' && typeof o.run === 'string')
        objectives.push({ text: o.text, run: o.run, times, expect });
    });

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    challenge: { name, title, level, story, scenario, setup, objectives, hints, walkthrough, solution, source: text },
  };
}
