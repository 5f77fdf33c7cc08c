// The lesson lint. Every lesson can be finished from the console alone: each step's console lines run
// on the master's shell (the cluster settles after each line, as when a learner reads the output), the
// connections they make (ShellResult.traces) feed the step's check, and the step must then pass.
// Every command a lesson shows (instruction, hints, console lines) runs against the lesson's cluster at
// that step and must not be refused as unknown or unsupported; promised output must appear.
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../model/state';
import { listLessons, checkStep } from './lessons';
import type { ConsoleLine, Lesson, LessonContext } from './lessons';
import { getScenario } from './scenarios';
import { loadScenario } from './load';
import { settle } from '../step';
import { setCloudLoadBalancer, setProxyMode } from '../actions';
import '../nftables';
import { createSession } from '../shell/session';
import { runLine } from '../shell/run';
import type { ShellResult } from '../shell/types';

function start(scenarioId: string): ClusterState {
  const r = loadScenario(getScenario(scenarioId)!.yaml);
  if (!r.state) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.state;
}

/** What a shell must never answer to a command a lesson suggests. */
const REFUSED = [
  /unknown command/,
  /command not found/,
  /not supported/i,
  /the playground (has no|does not model|cannot)/,
  /doesn't have a resource type/,
  /unknown flag/,
  /unknown shorthand flag/,
  /there was a problem with the editor/,
];

function refused(r: ShellResult): string | undefined {
  const text = r.stdout + r.stderr;
  return REFUSED.some((re) => re.test(text)) ? text : undefined;
}

/** An editor that saves what it was given with nothing changed (kubectl edit then cancels). */
const io = { editor: (req: { text: string }) => req.text };

function lineOf(l: ConsoleLine, s: ClusterState, ctx: LessonContext): string {
  return typeof l === 'string' ? l : l(s, ctx);
}

/** Finish the lesson from the console; returns each step's outcome. */
function runConsole(lesson: Lesson): { step: string; done: boolean; transcript: string }[] {
  const s = start(lesson.scenario);
  const ctx: LessonContext = { traces: [] };
  const session = createSession();
  const out: { step: string; done: boolean; transcript: string }[] = [];
  lesson.steps.forEach((step, i) => {
    let transcript = '';
    if (step.console) {
      for (const l of step.console) {
        const line = lineOf(l, s, ctx);
        const r = runLine(s, session, line, io);
        transcript += `$ ${line}\n${r.stdout}${r.stderr}`;
        ctx.traces.push(...r.traces);
        settle(s);
      }
    } else {
      // a control that is not a machine's (the cloud controller, kube-proxy's mode): the settings do it
      expect(step.consoleless, `${lesson.id}/${step.id} has neither console lines nor a reason`).toBeTruthy();
      if (step.id === 'cloud') setCloudLoadBalancer(s, true);
      else if (step.id === 'switch') setProxyMode(s, 'nftables');
      settle(s);
    }
    out.push({ step: step.id, done: checkStep(lesson, i, s, ctx), transcript });
  });
  return out;
}

describe('lessons from the console alone', () => {
  for (const lesson of listLessons())
    it(`${lesson.id}: every step completes by its console lines`, () => {
      for (const r of runConsole(lesson)) expect(r.done, `${lesson.id}/${r.step}\n${r.transcript}`).toBe(true);
    });
});

/** Commands in a lesson's text: kubectl …, ssh …, iptables-save …, dig …, ip route … up to a ')' or the end. */
export function commandsIn(text: string): string[] {
  const out: string[] = [];
  const re =
    /(?:^|[\s(:])((?:kubectl|ssh client|ssh worker1|iptables-save|dig) [^()]*?)(?=\)|\s\(|\.\s|: |, or |, then |;|$)/g;
  const stop = / (shows|lists|prints|again|then|does|changes|after|on a node|on each|once|answers)\b.*$/;
  for (const m of text.matchAll(re)) out.push(m[1].replace(stop, '').trim().replace(/[.,]$/, ''));
  return out;
}

/** Fill a lesson text's placeholders from the cluster: POD_NAME, POD_IP, WORKER2_IP. */
function fill(cmd: string, s: ClusterState): string | undefined {
  const pod = Object.values(s.objects.pods).find(
    (p) => p.metadata.namespace === 'default' && p.metadata.labels?.app === 'frontend' && p.status.podIP,
  );
  const w2 = Object.values(s.objects.nodes).find((n) => n.metadata.name === 'worker2');
  const r = cmd
    .replace(/POD_NAME/g, pod?.metadata.name ?? 'POD_NAME')
    .replace(/POD_IP/g, pod?.status.podIP ?? 'POD_IP')
    .replace(/WORKER2_IP/g, w2?.status.addresses?.[0]?.address ?? 'WORKER2_IP');
  return /[A-Z]{3,}_[A-Z]/.test(r.replace(/\$[A-Z_]+/g, '')) ? undefined : r;
}

/**
 * What a lesson's text promises a command will print, checked before the step (at its start) or
 * after it (once its console lines ran). A hint that promises output which never comes fails here.
 */
const PROMISES: { at: string; when: 'before' | 'after'; cmd: string; out: RegExp }[] = [
  {
    at: 'externalname/move',
    when: 'before',
    cmd: 'dig @10.96.0.10 my-database.default.svc.cluster.local',
    out: /IN\tCNAME\tdb\.example\.com\./,
  },
  {
    at: 'externalname/move',
    when: 'after',
    cmd: 'dig @10.96.0.10 my-database.default.svc.cluster.local +short',
    out: /^db\.example\.net\.\n/,
  },
  {
    at: 'externalname/create',
    when: 'after',
    cmd: 'kubectl get svc docs',
    out: /ExternalName\s+<none>\s+www\.example\.org/,
  },
  { at: 'headless/direct', when: 'before', cmd: 'kubectl get svc frontend-headless', out: /ClusterIP\s+None/ },
  {
    at: 'loadbalancer/pending',
    when: 'before',
    cmd: 'kubectl get svc frontend-svc',
    out: /<pending>\s+80:3\d{4}\/TCP/,
  },
  {
    at: 'loadbalancer/cloud',
    when: 'after',
    cmd: 'kubectl describe svc frontend-svc',
    out: /EnsuringLoadBalancer[\s\S]*EnsuredLoadBalancer/,
  },
  {
    at: 'externalip/no-route',
    when: 'before',
    cmd: 'ssh client ip route',
    out: /^172\.16\.0\.100 via 10\.40\.41\.\d+ dev eth0 onlink/m,
  },
  {
    at: 'discovery-dns/short-name',
    when: 'before',
    cmd: 'kubectl exec -n my-ns shell -- cat /etc/resolv.conf',
    out: /^search my-ns\.svc\.cluster\.local /m,
  },
  {
    at: 'discovery-env/create-svc',
    when: 'before',
    cmd: 'kubectl exec busybox -- env',
    out: /^FRONTEND_SVC_SERVICE_HOST=/m,
  },
  { at: 'discovery-env/new-pod', when: 'before', cmd: 'kubectl exec busybox -- env | grep -c REDIS', out: /^0\n$/ },
  {
    at: 'discovery-dns/other-namespace',
    when: 'before',
    cmd: 'kubectl exec busybox -- nslookup redis-master',
    out: /can't resolve 'redis-master'/,
  },
  {
    at: 'labels-and-selectors/db',
    when: 'before',
    cmd: 'kubectl describe svc db-svc',
    out: /Selector:\s+app=db[\s\S]*Endpoints:\s+10\.244\.\d+\.\d+:6379\n/,
  },
  {
    at: 'kube-proxy-rules/rules-appear',
    when: 'after',
    cmd: 'iptables-save -t nat',
    out: /default\/frontend-svc cluster IP/,
  },
  {
    at: 'kube-proxy-rules/delete',
    when: 'after',
    cmd: 'ssh worker1 iptables-save -t nat | grep -c frontend-svc',
    out: /^0\n$/,
  },
  {
    at: 'clusterip-and-nodeport/nodeport',
    when: 'after',
    cmd: 'kubectl get svc frontend-svc',
    out: /NodePort .* 80:3\d{4}\/TCP/,
  },
  { at: 'session-affinity/spread', when: 'after', cmd: 'iptables-save -t nat | grep -c -- "-m recent"', out: /^0\n$/ },
];

describe('lesson lint: every command a lesson shows works', () => {
  for (const lesson of listLessons())
    it(`${lesson.id}: no command it suggests is refused`, () => {
      const s = start(lesson.scenario);
      const ctx: LessonContext = { traces: [] };
      const session = createSession();
      const problems: string[] = [];
      const promised = (id: string, when: 'before' | 'after') => {
        for (const p of PROMISES.filter((x) => x.at === `${lesson.id}/${id}` && x.when === when)) {
          const r = runLine(structuredClone(s), createSession(), p.cmd, io);
          if (!p.out.test(r.stdout + r.stderr))
            problems.push(`${p.at} (${when}): ${p.cmd} promised ${p.out}, printed:\n${r.stdout}${r.stderr}`);
        }
      };
      lesson.steps.forEach((step) => {
        promised(step.id, 'before');
        const shown = [step.instruction, ...step.hints].flatMap(commandsIn);
        for (const c of shown) {
          const cmd = fill(c, s);
          if (!cmd) continue;
          // on a copy: what the text shows must work here, without doing the step for the learner
          const copy = structuredClone(s);
          const r = runLine(copy, createSession(), cmd, io);
          const why = refused(r);
          if (why) problems.push(`${lesson.id}/${step.id}: ${cmd}\n${why}`);
        }
        for (const l of step.console ?? []) {
          const line = lineOf(l, s, ctx);
          const r = runLine(s, session, line, io);
          ctx.traces.push(...r.traces);
          const why = refused(r);
          if (why) problems.push(`${lesson.id}/${step.id}: ${line}\n${why}`);
          settle(s);
        }
        if (!step.console && step.id === 'cloud') setCloudLoadBalancer(s, true);
        settle(s);
        promised(step.id, 'after');
      });
      expect(problems).toEqual([]);
    });

  it('every promise names a step that exists', () => {
    const steps = new Set(listLessons().flatMap((l) => l.steps.map((st) => `${l.id}/${st.id}`)));
    for (const p of PROMISES) expect(steps.has(p.at), p.at).toBe(true);
  });

  it('finds the commands in a lesson text', () => {
    expect(
      commandsIn(
        'Change its type (kubectl patch svc frontend-svc -p \'{"spec":{"type":"NodePort"}}\'). kubectl get svc then shows it',
      ),
    ).toEqual(['kubectl patch svc frontend-svc -p \'{"spec":{"type":"NodePort"}}\'', 'kubectl get svc']);
  });
});
