// Every built-in challenge parses, starts broken (its objectives fail), and its own solution fixes it.
import { describe, expect, it } from 'vitest';
import { BUILTIN_CHALLENGES, getChallenge, verifyChallenge } from './index';

describe('built-in challenges', () => {
  it('there are at least 12, with unique names', () => {
    expect(BUILTIN_CHALLENGES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(BUILTIN_CHALLENGES.map((c) => c.name)).size).toBe(BUILTIN_CHALLENGES.length);
  });
  for (const b of BUILTIN_CHALLENGES)
    it(`${b.name}: unsolved it fails, with its solution it passes`, () => {
      const ch = getChallenge(b.name)!;
      const before = verifyChallenge(ch, []);
      expect(before.errors).toEqual([]);
      expect(before.ok, JSON.stringify(before.results, null, 1)).toBe(false);
      const after = verifyChallenge(ch, ch.solution);
      expect(after.ok, JSON.stringify({ r: after.results, t: after.transcript }, null, 1)).toBe(true);
    });
});

describe('objectives judge behaviour', () => {
  it('any correct fix passes: a number instead of the missing port name', () => {
    const ch = getChallenge('named-port')!;
    expect(
      verifyChallenge(ch, [
        `kubectl patch svc web --type json -p '[{"op":"replace","path":"/spec/ports/0/targetPort","value":80}]'`,
      ]).ok,
    ).toBe(true);
  });
  it('a fix that hides the symptom does not: externalTrafficPolicy Cluster answers everyone but masks the client', () => {
    const ch = getChallenge('local-traffic-policy')!;
    const r = verifyChallenge(ch, [
      `kubectl patch svc frontend-local -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`,
    ]);
    expect(r.ok).toBe(false);
    expect(r.results.map((x) => x.detail).join('\n')).toMatch(
      /saw 10\.\d+\.\d+\.\d+, not the client's 198\.51\.100\.7/,
    );
  });
  it('a fix that hides the symptom does not: a ClusterIP Service in default does not make http://web.shop work', () => {
    const ch = getChallenge('pods-in-another-namespace')!;
    expect(verifyChallenge(ch, ['kubectl expose deployment web --port=80']).ok).toBe(false);
  });
  it('a fix that only looks like one does not: declaring containerPort 8080 does not make nginx listen there', () => {
    // containerPort is documented as informational (a port left out is still reachable, and listing
    // one opens nothing): nginx still listens on 80
    const ch = getChallenge('wrong-target-port')!;
    const r = verifyChallenge(ch, [
      `kubectl patch deployment web --type json -p '[{"op":"add","path":"/spec/template/spec/containers/0/ports","value":[{"containerPort":8080}]}]'`,
      'kubectl rollout status deployment/web',
    ]);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(false);
    expect(r.results[0].detail).toMatch(/^run 1 of 20: refused/);
  });
  it('one Pod is not enough where the objective asks for several', () => {
    const ch = getChallenge('scaled-to-zero')!;
    const r = verifyChallenge(ch, ['kubectl scale deployment web --replicas=1']);
    expect(r.ok).toBe(false);
    expect(r.results[0].detail).toBe('20 of 20 connections delivered, to 1 Pod');
  });
});

describe('walkthroughs and hints use commands the shell has', () => {
  const REFUSED =
    /unknown command|command not found|not supported|the playground (has no|does not model|cannot)|doesn't have a resource type|unknown (shorthand )?flag/;
  for (const b of BUILTIN_CHALLENGES)
    it(`${b.name}: every walkthrough command runs`, () => {
      const ch = getChallenge(b.name)!;
      const cmds = ch.walkthrough.flatMap((w) => (w.command ? [w.command] : []));
      const r = verifyChallenge(ch, cmds);
      for (const t of r.transcript) expect(t.stdout + t.stderr, t.command).not.toMatch(REFUSED);
    });
});
