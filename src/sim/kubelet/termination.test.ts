// Graceful termination as it really races. A deleted Pod is marked terminating at once (the EndpointSlice
// controller: ready false, serving true while the app still answers, terminating true —
// pkg/controller/endpointslice/utils.go podToEndpoint), while kubelet gives the container SIGTERM at once
// unless a preStop hook runs first (pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer:
// executePreStopHook, then StopContainer with the rest of the grace period). kube-proxy drops the endpoint
// only at its next sync (watch delay, then minSyncPeriod). An app that exits on SIGTERM (agnhost netexec
// has no handler) refuses the connections that still arrive in between; a preStop sleep keeps it serving
// until every node's rules have caught up.
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../model/state';
import { withDefault, podsWith, apply } from '../testing';
import { advance, settle } from '../step';
import { deleteObject } from '../apiserver/api';
import { tracePacket } from '../net/trace';
import { slicesOf } from '../controllers/endpointslice';
import { frontendDeployment } from '../scenario/builtin/parts';

const BUSYBOX = { kind: 'pod', namespace: 'default', name: 'busybox' } as const;

/** Requests from busybox to frontend-svc every 20 ms for `ms`; the verdicts and where they went. */
function traffic(s: ClusterState, ms: number) {
  const ip = s.objects.services['default/frontend-svc'].spec.clusterIP!;
  const out: { verdict: string; pod?: string; at: number }[] = [];
  for (let t = 0; t < ms; t += 20) {
    const tr = tracePacket(s, BUSYBOX, { ip, port: 80 });
    out.push({ verdict: tr.verdict, pod: tr.pod, at: s.now });
    advance(s, 20);
  }
  return out;
}

const withPreStop = (hook: string) =>
  frontendDeployment(3).replace(
    '        ports:\n',
    `        lifecycle:\n          preStop:\n${hook}\n        ports:\n`,
  );

describe('a deleted Pod: endpoint removal races SIGTERM', () => {
  it('without preStop, connections that arrive before kube-proxy syncs are refused by the exiting app', () => {
    const s = withDefault();
    const victim = podsWith(s, 'app', 'frontend')[0];
    deleteObject(s, 'Pod', 'default', victim.metadata.name);
    advance(s, 0);
    // at once: terminating, still serving (its app has not got SIGTERM's effect yet), no longer ready
    const ep = slicesOf(s, 'default', 'frontend-svc')
      .flatMap((e) => e.endpoints)
      .find((e) => e.targetRef?.name === victim.metadata.name);
    expect(ep?.conditions).toEqual({ ready: false, serving: true, terminating: true });
    const seen = traffic(s, 3000);
    const refused = seen.filter((x) => x.verdict !== 'delivered');
    expect(refused.length).toBeGreaterThan(0);
    // every failure is the terminating Pod's: its node's rules still sent traffic there after the app had exited
    expect(refused.every((x) => x.verdict === 'refused')).toBe(true);
    // and the window closes: after kube-proxy's sync, everything is delivered to the other Pods
    const late = seen.filter((x) => x.at >= seen[0].at + 2000);
    expect(late.every((x) => x.verdict === 'delivered' && x.pod !== `default/${victim.metadata.name}`)).toBe(true);
  });

  it.each([
    ['sleep action', '            sleep: {seconds: 5}'],
    ['exec sleep', '            exec: {command: ["sleep", "5"]}'],
  ])('a preStop hook (%s) keeps the app serving until the rules caught up: nothing fails', (_n, hook) => {
    const s = withDefault();
    apply(s, withPreStop(hook));
    settle(s);
    const pods = podsWith(s, 'app', 'frontend').filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(pods).toHaveLength(3);
    expect(pods[0].spec.containers[0].lifecycle?.preStop).toBeDefined();
    const victim = pods[0];
    deleteObject(s, 'Pod', 'default', victim.metadata.name);
    const seen = traffic(s, 3000);
    expect(seen.filter((x) => x.verdict !== 'delivered')).toEqual([]);
    // the app is still up, serving the connections it has, for the hook's 5 s; then SIGTERM
    expect(s.runtime[victim.metadata.uid].appUp).toBe(true);
    advance(s, 2500);
    expect(s.runtime[victim.metadata.uid]?.appUp ?? false).toBe(false);
  });

  it('a rolling update without preStop drops requests; with readiness and preStop it serves every one', () => {
    const run = (yaml?: string) => {
      const s = withDefault();
      if (yaml) {
        apply(s, yaml);
        settle(s);
      }
      apply(s, (yaml ?? frontendDeployment(3)).replace('agnhost:2.53', 'agnhost:2.54'), false);
      return traffic(s, 20_000).filter((x) => x.verdict !== 'delivered').length;
    };
    expect(run()).toBeGreaterThan(0);
    expect(
      run(
        withPreStop('            sleep: {seconds: 5}').replace(
          '        ports:\n',
          '        readinessProbe:\n          httpGet: {path: /healthz, port: 5000}\n          periodSeconds: 1\n        ports:\n',
        ),
      ),
    ).toBe(0);
  });
});
