// The challenge file format: what a teacher writes, and the errors a broken file gets.
import { describe, expect, it } from 'vitest';
import { parseChallenge } from './format';
import { BUILTIN_CHALLENGES, verifyChallenge } from './index';

const GOOD = `apiVersion: playground.k8s.local/v1alpha1
kind: Challenge
name: my-first
title: My first challenge
story: |
  The frontend does not answer.
scenario: default
setup:
- kubectl scale deployment frontend --replicas=0
objectives:
- text: 5 requests from busybox to frontend-svc reach 2 frontend Pods
  run: kubectl exec busybox -- wget -qO- -T 2 http://frontend-svc
  times: 5
  expect:
    delivered: all
    pods: 2
hints:
- Are there Pods?
walkthrough:
- kubectl get pods
- text: Scale it up
  command: kubectl scale deployment frontend --replicas=3
solution:
- kubectl scale deployment frontend --replicas=3
`;

describe('challenge files', () => {
  it('a teacher-written file parses, starts broken and is solved by its solution', () => {
    const r = parseChallenge(GOOD);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.challenge.walkthrough).toEqual([
      { text: 'kubectl get pods' },
      { text: 'Scale it up', command: 'kubectl scale deployment frontend --replicas=3' },
    ]);
    expect(verifyChallenge(r.challenge, []).ok).toBe(false);
    expect(verifyChallenge(r.challenge, r.challenge.solution).ok).toBe(true);
  });

  it('every problem is reported, naming its field', () => {
    const bad = GOOD.replace('kind: Challenge', 'kind: Lesson')
      .replace('name: my-first', 'name: My_First')
      .replace('    delivered: all', '    delivered: most')
      .replace('  times: 5', '  times: 0')
      .replace('hints:\n- Are there Pods?\n', '')
      .replace('    pods: 2', '    pods: 2\n    colour: red');
    const r = parseChallenge(bad, 'class.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'class.yaml: kind: must be Challenge',
      'class.yaml: name: Invalid value: "My_First": a lowercase RFC 1123 label (a-z, 0-9 and \'-\', at most 63 characters)',
      'class.yaml: hints: Required value: a list of strings',
      'class.yaml: objectives[0].times: must be a whole number from 1 to 100, not 0',
      'class.yaml: objectives[0].expect.colour: unknown field (delivered, pods, podLabels, sourceSeen, exitCode, output)',
      'class.yaml: objectives[0].expect.delivered: must be "all", "none" or a number of connections, not "most"',
    ]);
  });

  it('YAML that does not parse, and a scenario that does not exist', () => {
    const r = parseChallenge('name: [unclosed', 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^x\.yaml(:\d+)?: not valid YAML: /);
    const p = parseChallenge(GOOD.replace('scenario: default', 'scenario: nowhere'));
    expect(p.ok).toBe(true);
    if (p.ok)
      expect(verifyChallenge(p.challenge, []).errors).toEqual([
        'scenario: there is no built-in scenario "nowhere" (or give the scenario\'s YAML)',
      ]);
  });

  it('a bad regular expression in expect.output is named', () => {
    const r = parseChallenge(GOOD.replace('    pods: 2', '    output: "(unclosed"'));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatch(
        /^challenge\.yaml: objectives\[0\]\.expect\.output: not a valid regular expression: /,
      );
  });

  it('the built-in files round-trip: what export prints parses back to the same challenge', () => {
    for (const b of BUILTIN_CHALLENGES) {
      const r = parseChallenge(b.yaml, b.name);
      expect(r.ok, b.name).toBe(true);
      if (r.ok) expect(r.challenge.source).toBe(b.yaml);
    }
  });
});
