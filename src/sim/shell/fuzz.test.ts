// Console fuzz: whatever a learner types (random text, pasted walls of text, shell soup, kubectl with
// garbage flags), runLine returns a result and never throws; a kubectl line it rejects changes nothing.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ClusterState } from '../model/state';
import type { ShellResult } from './types';
import { defaultCluster } from '../scenario/apply';
import { clone } from '../model/meta';
import { createSession } from './session';
import { runLine } from './run';
import { snapshot } from './test-helpers';

const base = defaultCluster();

function run(lines: string[], state: ClusterState = clone(base)): ShellResult[] {
  const session = createSession();
  return lines.map((l) => runLine(state, session, l));
}

function wellFormed(r: ShellResult) {
  expect(typeof r.stdout).toBe('string');
  expect(typeof r.stderr).toBe('string');
  expect(Number.isInteger(r.exitCode)).toBe(true);
  expect(r.exitCode).toBeGreaterThanOrEqual(0);
  expect(r.exitCode).toBeLessThanOrEqual(255);
}

// Words a learner (or a cat on the keyboard) might combine: commands, shell syntax, half-closed quotes.
const TOKENS = [
  'kubectl',
  'get',
  'pods',
  'svc',
  'describe',
  'logs',
  'busybox',
  'frontend',
  'frontend-svc',
  '-o',
  'yaml',
  'json',
  'wide',
  '-n',
  'kube-system',
  '-l',
  'app=frontend',
  '-A',
  '--all-namespaces',
  'jsonpath={.items[*].metadata.name}',
  "'{.spec}'",
  'iptables-save',
  'iptables',
  '-t',
  'nat',
  '-L',
  'KUBE-SERVICES',
  'netstat',
  '-tlnp',
  'curl',
  'nslookup',
  'cat',
  'echo',
  'ssh',
  'worker1',
  'master',
  'exit',
  'cd',
  '/etc',
  'ls',
  'grep',
  'env',
  'export',
  'X=1',
  '$X',
  '${X:-y}',
  '$?',
  '$(',
  ')',
  '`',
  '"',
  "'",
  '\\',
  '|',
  '||',
  '&&',
  ';',
  '&',
  '>',
  '>>',
  '2>&1',
  '<',
  '<<',
  'EOF',
  '*',
  '~',
  '#',
  '{',
  '}',
  '(',
  '!',
  'trace',
  'exec',
  '--',
  'sh',
  '-c',
  'true',
  'false',
  '10.96.0.1',
  ':80',
  '\t',
  '\n',
];

const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((t) => t.join(' '));

describe('console lines never break the shell', () => {
  it('random text returns a result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 120 }), fc.string({ maxLength: 60, unit: 'binary' })), {
          minLength: 1,
          maxLength: 4,
        }),
        (lines) => {
          for (const r of run(lines)) wellFormed(r);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  }, 60_000);

  it('shell soup returns a result', () => {
    fc.assert(
      fc.property(fc.array(soup, { minLength: 1, maxLength: 4 }), (lines) => {
        for (const r of run(lines)) wellFormed(r);
      }),
      { numRuns: 200, seed: 11 },
    );
  }, 60_000);

  it('very long lines return a result', () => {
    const long = fc
      .tuple(
        fc.constantFrom('a ', 'kubectl get pods ', '"', "'", '(', '{', '$', '`', 'x|', '--zz ', '\\', 'é', '\u0000'),
        fc.integer({ min: 2_000, max: 20_000 }),
      )
      .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
    fc.assert(
      fc.property(long, (line) => {
        wellFormed(run([line])[0]);
      }),
      { numRuns: 25, seed: 3 },
    );
  }, 60_000);

  it('a command named like an Object.prototype member is "command not found"', () => {
    for (const name of ['valueOf', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const [r] = run([name]);
      expect(r.exitCode).toBe(127);
    }
  });

  // nested $( … ) are bounded (64 levels), so the shell answers instead of overflowing its stack
  it('deeply nested command substitution returns a result', () => {
    const line = 'echo $(echo '.repeat(2000) + 'x' + ')'.repeat(2000);
    wellFormed(run([line])[0]);
  });
});

// kubectl parses every flag before it acts (pflag), so an unknown flag anywhere rejects the whole line.
const VERBS = [
  'delete',
  'scale',
  'label',
  'annotate',
  'apply',
  'create',
  'run',
  'expose',
  'patch',
  'set',
  'cordon',
  'drain',
  'uncordon',
  'rollout',
  'edit',
  'replace',
  'taint',
  'autoscale',
  'get',
  'describe',
];
const ARGS = [
  'pod',
  'pods',
  'deployment',
  'deploy',
  'svc',
  'service',
  'node',
  'busybox',
  'frontend',
  'frontend-svc',
  'db',
  'worker1',
  'restart',
  'deployment/frontend',
  'svc/frontend-svc',
  'clusterip',
  'nodeport',
  'x',
  'a=b',
  'app-',
  '--all',
  '--replicas=0',
  '--replicas=9',
  '--force',
  '--grace-period=0',
  '--image=nginx',
  '--port=80',
  '--type=NodePort',
  '--overwrite',
  '--selector=app=frontend',
  '--tcp=80:80',
  '--filename=/tmp/x.yaml',
  '--ignore-daemonsets',
  '--namespace=default',
];
const garbageFlag = fc
  .tuple(fc.stringMatching(/^[a-z][a-z-]{0,8}$/), fc.option(fc.stringMatching(/^[a-z0-9]{0,4}$/)))
  .map(([name, value]) => `--zz${name}${value === null ? '' : `=${value}`}`);
const badKubectl = fc
  .tuple(fc.constantFrom(...VERBS), fc.array(fc.constantFrom(...ARGS), { maxLength: 5 }), garbageFlag, fc.nat())
  .map(([verb, args, flag, at]) => {
    const words = [...args];
    words.splice(at % (words.length + 1), 0, flag);
    return `kubectl ${verb} ${words.join(' ')}`;
  });

describe('a rejected kubectl line changes nothing', () => {
  it('kubectl with an unknown flag fails and leaves the cluster as it was', () => {
    fc.assert(
      fc.property(badKubectl, (line) => {
        const state = clone(base);
        const before = snapshot(state);
        const [r] = run([line], state);
        wellFormed(r);
        expect(r.exitCode, line).not.toBe(0);
        expect(r.stderr, line).not.toBe('');
        expect(snapshot(state), line).toBe(before);
      }),
      { numRuns: 200, seed: 5 },
    );
  }, 60_000);
});
