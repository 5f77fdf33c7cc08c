// A container's main process ends by itself: one-shot commands complete, shells with nothing to read
// exit, `sleep N` ends after N seconds; kubelet then restarts it with a back-off or, per restartPolicy,
// the Pod is done. kubectl shows it as a real cluster does (Completed, CrashLoopBackOff, RESTARTS).
import { describe, expect, it } from 'vitest';
import type { Container } from '../model/types';
import { apply, withDefault } from '../testing';
import { advance, nextWake, settle } from '../step';
import { deleteObject } from '../apiserver/api';
import { processExit } from './process';
import { shellOn } from '../shell/test-helpers';

const c = (image: string, command?: string[], args?: string[]): Container => ({
  name: 'c',
  image,
  ...(command ? { command } : {}),
  ...(args ? { args } : {}),
});

describe('which processes end by themselves', () => {
  it.each([
    [c('busybox:1.28'), { afterMs: 100, code: 0 }],
    [c('alpine', undefined, ['echo', 'hi']), { afterMs: 300, code: 0 }],
    [c('busybox', ['sleep', '3600']), { afterMs: 3_600_000, code: 0 }],
    [c('busybox', ['sleep', '2m']), { afterMs: 120_000, code: 0 }],
    [c('busybox', ['/bin/sh', '-c', 'sleep 30']), { afterMs: 30_000, code: 0 }],
    [c('busybox', ['sh', '-c', 'exit 3']), { afterMs: 100, code: 3 }],
    [c('busybox', ['false']), { afterMs: 100, code: 1 }],
    [c('busybox', ['wget', '-qO-', 'frontend-svc']), { afterMs: 300, code: 0 }],
    [c('busybox', ['ping', '-c', '3', '10.0.0.1']), { afterMs: 3000, code: 0 }],
  ])('%o ends: %o', (container, exit) => expect(processExit(container)).toEqual(exit));

  it.each([
    c('nginx'),
    c('registry.k8s.io/e2e-test-images/agnhost:2.53', undefined, ['netexec', '--http-port=5000']),
    c('redis:8.2'),
    c('busybox', ['sleep', 'infinity']),
    c('busybox', ['tail', '-f', '/dev/null']),
    c('busybox', ['ping', '10.0.0.1']),
    c('busybox', ['sh', '-c', 'while true; do date; sleep 5; done']),
    c('example.com/app:1'),
  ])('%o runs until stopped', (container) => expect(processExit(container)).toBeNull());
});

const POD = (name: string, restartPolicy: string, command: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  restartPolicy: ${restartPolicy}
  containers:
  - name: ${name}
    image: busybox:1.28
    command: ${command}
`;

describe('kubelet and processes that exit', () => {
  it('restartPolicy Never: the Pod Succeeds or Fails, its container terminated, its address silent', () => {
    const s = withDefault();
    apply(s, POD('ok', 'Never', '["wget", "-qO-", "frontend-svc"]') + '---\n' + POD('bad', 'Never', '["false"]'));
    const ok = s.objects.pods['default/ok'];
    expect(ok.status.phase).toBe('Succeeded');
    expect(ok.status.containerStatuses?.[0]).toMatchObject({
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    });
    expect(s.runtime[ok.metadata.uid].sandboxUp).toBe(false);
    expect(ok.status.podIP).toBeDefined();
    expect(s.objects.pods['default/bad'].status).toMatchObject({
      phase: 'Failed',
      containerStatuses: [{ state: { terminated: { exitCode: 1, reason: 'Error' } } }],
    });
    const sh = shellOn(s);
    expect(sh.run('kubectl get pods ok bad').stdout).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE\nok +0\/1 +Completed +0 +\S+\nbad +0\/1 +Error +0 +\S+\n$/,
    );
    expect(sh.run('kubectl logs ok').stdout).toMatch(/^NOW: /); // the frontend's answer, fetched while the Pod had its network
    expect(sh.run('kubectl exec ok -- ls').stderr).toBe(
      'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
    );
  });

  it('restartPolicy Always: restarted at once, then after 10 s, 20 s, 40 s … in CrashLoopBackOff; settling does not chase it', () => {
    const s = withDefault();
    apply(s, POD('loop', 'Always', '["sh"]'));
    const st = () => s.objects.pods['default/loop'].status.containerStatuses![0];
    // settled: it ran and exited; the restart is a back-off away, which settling leaves to time
    expect(st()).toMatchObject({ restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } });
    expect(nextWake(s, true)).not.toBe(nextWake(s));
    const starts: number[] = [];
    let last = st().restartCount;
    for (let t = 0; t < 80_000; t += 100) {
      advance(s, 100);
      if (st().restartCount !== last) {
        starts.push(s.now);
        last = st().restartCount;
      }
    }
    const gaps = starts.slice(1).map((t, i) => Math.round((t - starts[i]) / 1000));
    expect(gaps.slice(0, 3)).toEqual([10, 20, 40]);
    advance(s, 50);
    expect(st().state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(st().lastState?.terminated).toMatchObject({ reason: 'Completed', exitCode: 0 });
    expect(s.objects.pods['default/loop'].status.phase).toBe('Running');
    const sh = shellOn(s);
    expect(sh.run('kubectl get pod loop').stdout).toMatch(/\nloop +0\/1 +CrashLoopBackOff +4 \(\d+s ago\) +\S+\n$/);
    const events = sh.run('kubectl describe pod loop').stdout;
    expect(events).toMatch(
      /Warning +BackOff +\S+ \(x\d over \S+\) +kubelet +Back-off restarting failed container loop in pod loop_default\(/,
    );
    expect(events).toMatch(/Normal +Started +\S+ \(x5 over \S+\) +kubelet +Started container loop/);
    // deleting it does not wait a grace period: nothing is running
    sh.run('kubectl delete pod loop --wait=false');
    settle(s);
    expect(s.objects.pods['default/loop']).toBeUndefined();
  });

  it('deleting a Pod that has exited keeps its exit code and restart count in its last status', () => {
    const s = withDefault();
    apply(s, POD('bad', 'Never', '["false"]') + '---\n' + POD('loop', 'Always', '["sh"]'));
    advance(s, 15_000);
    const restarts = s.objects.pods['default/loop'].status.containerStatuses![0].restartCount;
    expect(restarts).toBeGreaterThan(0);
    deleteObject(s, 'Pod', 'default', 'bad');
    deleteObject(s, 'Pod', 'default', 'loop');
    advance(s, 100);
    expect(s.objects.pods['default/bad'].status.containerStatuses![0].state.terminated).toMatchObject({
      exitCode: 1,
      reason: 'Error',
    });
    expect(s.objects.pods['default/loop'].status.containerStatuses![0].restartCount).toBe(restarts);
  });

  it('restartPolicy OnFailure: a failure is restarted, a success completes the Pod', () => {
    const s = withDefault();
    apply(s, POD('flaky', 'OnFailure', '["false"]') + '---\n' + POD('done', 'OnFailure', '["true"]'));
    advance(s, 5_000);
    expect(s.objects.pods['default/flaky'].status.containerStatuses![0].restartCount).toBeGreaterThan(0);
    expect(s.objects.pods['default/done'].status.phase).toBe('Succeeded');
  });

  it("the chapter's busybox (sleep 3600) completes after an hour and is restarted, with the Services of that moment in its environment", () => {
    const s = withDefault();
    apply(
      s,
      'apiVersion: v1\nkind: Service\nmetadata: {name: late-svc}\nspec:\n  selector: {app: db}\n  ports: [{port: 7000, targetPort: 6379}]\n',
    );
    const bb = () => s.objects.pods['default/busybox'];
    expect(s.runtime[bb().metadata.uid].serviceEnv?.some((e) => e.name === 'LATE_SVC_SERVICE_HOST')).toBe(false);
    advance(s, 3_600_000 + 2_000);
    expect(bb().status.containerStatuses![0]).toMatchObject({ restartCount: 1, state: { running: {} } });
    expect(s.runtime[bb().metadata.uid].serviceEnv?.some((e) => e.name === 'LATE_SVC_SERVICE_HOST')).toBe(true);
  });
});
