// Rolling updates as the deployment controller does them. The arithmetic tables are upstream's own cases
// (pkg/controller/deployment/util/deployment_util_test.go TestResolveFenceposts, TestNewRSNewReplicas,
// TestMaxUnavailable; pkg/controller/deployment/rolling_test.go TestDeploymentController_reconcileNewReplicaSet);
// the behaviour follows rolling.go (scale up within maxSurge, scale down keeping spec.replicas -
// maxUnavailable available), recreate.go (oldPodsRunning), progress.go (DeploymentTimedOut),
// sync.go (checkPausedConditions, scale) and kubectl's rollout_status.go, history.go and rollback.go.
import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../model/types';
import { maxUnavailable, newRSNewReplicas, resolveFenceposts } from './deployment-util';
import { apply, withDefault, podsWith } from '../testing';
import { advance } from '../step';
import { shellOn } from '../shell/test-helpers';
import { isPodReady } from '../model/facts';
import type { ClusterState } from '../model/state';

const dep = (
  replicas: number,
  strategy: Deployment['spec']['strategy'] = {
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
  },
): Deployment =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', uid: 'u', resourceVersion: '1', creationTimestamp: 0 },
    spec: { replicas, selector: {}, template: { spec: { containers: [] } }, strategy },
    status: {},
  }) as Deployment;
const rs = (replicas: number): ReplicaSet =>
  ({ metadata: { name: 'r' }, spec: { replicas }, status: { replicas } }) as unknown as ReplicaSet;

describe('the rollout arithmetic (deployment_util.go)', () => {
  it.each([
    // maxSurge, maxUnavailable, desired, surge, unavailable
    ['0', '0', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
    ['25%', '25%', 3, 1, 0], // the defaults on the default scenario's 3 replicas
    ['25%', '25%', 10, 3, 2],
  ])('ResolveFenceposts(%s, %s, %i) = %i, %i', (s, u, desired, surge, unavailable) => {
    expect(resolveFenceposts(s, u, desired)).toEqual([surge, unavailable]);
  });

  it.each([
    // name, strategy, deployment replicas, new RS replicas, maxSurge, old replicas, expected
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5, 5],
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 5, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 1, 3],
  ] as const)('NewRSNewReplicas: %s', (_n, type, replicas, newReplicas, surge, old, expected) => {
    const d = dep(
      replicas,
      type === 'Recreate' ? { type } : { type, rollingUpdate: { maxSurge: surge, maxUnavailable: 1 } },
    );
    const n = rs(newReplicas);
    expect(newRSNewReplicas(d, [rs(old), n], n)).toBe(expected);
  });

  it.each([
    // rolling_test.go reconcileNewReplicaSet: deployment replicas, maxSurge, old, new → new size
    [10, 0, 10, 0, 0],
    [10, 2, 10, 0, 2],
    [10, 2, 5, 0, 7],
    [10, 2, 10, 2, 2],
  ])(
    'reconcileNewReplicaSet(%i replicas, maxSurge %i, old %i, new %i) scales the new set to %i',
    (r, surge, o, n, want) => {
      const d = dep(r, { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: 0 } });
      const newRS = rs(n);
      expect(newRSNewReplicas(d, [rs(o), newRS], newRS)).toBe(want);
    },
  );

  it.each([
    ['less than replicas', 10, 5, 5],
    ['equal replicas', 10, 10, 10],
    ['greater than replicas', 5, 10, 5],
    ['with replicas is 0', 0, 10, 0],
    ['less than replicas with percents', 10, '50%', 5],
    ['equal replicas with percents', 10, '100%', 10],
    ['greater than replicas with percents', 5, '100%', 5],
  ] as const)('MaxUnavailable %s', (_n, replicas, mu, want) => {
    expect(
      maxUnavailable(dep(replicas, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: mu } })),
    ).toBe(want);
  });

  it('MaxUnavailable with Recreate deployment strategy is 0', () => {
    expect(maxUnavailable(dep(10, { type: 'Recreate' }))).toBe(0);
  });
});

const NEW_IMAGE = 'registry.k8s.io/e2e-test-images/agnhost:2.54';
const frontendPods = (s: ClusterState) =>
  podsWith(s, 'app', 'frontend').filter((p) => p.metadata.deletionTimestamp === undefined);
const scaling = (s: ClusterState) =>
  s.events.filter((e) => e.reason === 'ScalingReplicaSet' && e.object.name === 'frontend').map((e) => e.message);

describe('kubectl set image on the default scenario: a rolling update', () => {
  it('25%/25% on 3 replicas: one Pod surges, none goes until its replacement is available; kubectl rollout status follows', () => {
    const sh = shellOn(withDefault());
    const s = sh.state;
    const [oldRS] = Object.values(s.objects.replicasets).filter((r) => r.metadata.name.startsWith('frontend-'));
    expect(sh.run(`kubectl set image deployment/frontend frontend=${NEW_IMAGE}`)).toMatchObject({
      stdout: 'deployment.apps/frontend image updated\n',
      exitCode: 0,
    });
    // watch the whole rollout at small steps: never more than 3 + 1 Pods, never fewer than 3 available
    let maxPods = 0;
    let minAvailable = 3;
    for (let t = 0; t < 20_000; t += 100) {
      advance(s, 100);
      const active = frontendPods(s);
      maxPods = Math.max(maxPods, active.length);
      const d = s.objects.deployments['default/frontend'];
      minAvailable = Math.min(minAvailable, d.status.availableReplicas ?? 0);
    }
    expect(maxPods).toBe(4);
    expect(minAvailable).toBe(3);
    const newRS = Object.values(s.objects.replicasets).find(
      (r) => r.metadata.name.startsWith('frontend-') && r !== oldRS && r.metadata.uid !== oldRS.metadata.uid,
    )!;
    expect(scaling(s).slice(1)).toEqual([
      `Scaled up replica set ${newRS.metadata.name} from 0 to 1`,
      `Scaled down replica set ${oldRS.metadata.name} from 3 to 2`,
      `Scaled up replica set ${newRS.metadata.name} from 1 to 2`,
      `Scaled down replica set ${oldRS.metadata.name} from 2 to 1`,
      `Scaled up replica set ${newRS.metadata.name} from 2 to 3`,
      `Scaled down replica set ${oldRS.metadata.name} from 1 to 0`,
    ]);
    expect(newRS.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '2',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(frontendPods(s).every((p) => p.spec.containers[0].image === NEW_IMAGE && isPodReady(p))).toBe(true);
    expect(sh.run('kubectl rollout status deployment/frontend').stdout).toBe(
      'deployment "frontend" successfully rolled out\n',
    );
    expect(sh.run('kubectl rollout history deployment/frontend').stdout).toBe(
      'deployment.apps/frontend \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    const d = s.objects.deployments['default/frontend'];
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      [
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`,
      ],
    ]);
  });

  it("kubectl rollout status prints each watch event's status until the rollout is done", () => {
    const sh = shellOn(withDefault());
    const r = sh.run(
      `kubectl set image deployment/frontend frontend=${NEW_IMAGE}; kubectl rollout status deployment/frontend`,
    );
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toBe('deployment.apps/frontend image updated');
    expect(lines[1]).toBe(
      'Waiting for deployment "frontend" rollout to finish: 1 out of 3 new replicas have been updated...',
    );
    expect(lines).toContain(
      'Waiting for deployment "frontend" rollout to finish: 2 out of 3 new replicas have been updated...',
    );
    expect(lines).toContain(
      'Waiting for deployment "frontend" rollout to finish: 1 old replicas are pending termination...',
    );
    expect(lines.at(-1)).toBe('deployment "frontend" successfully rolled out');
    expect(r.exitCode).toBe(0);
  });

  it('undo goes back to the previous template: its ReplicaSet takes the next revision and remembers the old one', () => {
    const sh = shellOn(withDefault());
    sh.run(`kubectl annotate deployment frontend kubernetes.io/change-cause="image 2.53"`);
    sh.settle();
    sh.run(`kubectl set image deployment/frontend frontend=${NEW_IMAGE}`);
    sh.run(`kubectl annotate deployment frontend kubernetes.io/change-cause="image 2.54" --overwrite`);
    sh.run('kubectl rollout status deployment/frontend');
    expect(sh.run('kubectl rollout history deployment/frontend').stdout).toBe(
      'deployment.apps/frontend \nREVISION  CHANGE-CAUSE\n1         image 2.53\n2         image 2.54\n\n',
    );
    expect(sh.run('kubectl rollout undo deployment/frontend').stdout).toBe('deployment.apps/frontend rolled back\n');
    sh.run('kubectl rollout status deployment/frontend');
    expect(sh.run('kubectl rollout history deployment/frontend').stdout).toBe(
      'deployment.apps/frontend \nREVISION  CHANGE-CAUSE\n2         image 2.54\n3         image 2.53\n\n',
    );
    const first = Object.values(sh.state.objects.replicasets).find((r) => r.metadata.name === 'frontend-5487dbc56')!;
    expect(first.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(first.spec.replicas).toBe(3);
    expect(sh.run('kubectl rollout undo deployment/frontend --to-revision=3').stdout).toBe(
      'deployment.apps/frontend skipped rollback (current template already matches revision 3)\n',
    );
    expect(sh.run('kubectl rollout undo deployment/frontend --to-revision=9').stderr).toBe(
      'error: unable to find specified revision 9 in history\n',
    );
    const rev = sh.run('kubectl rollout history deployment/frontend --revision=2').stdout;
    expect(rev).toContain(
      'deployment.apps/frontend with revision #2\nPod Template:\n  Labels:\tapp=frontend\n\tpod-template-hash=',
    );
    expect(rev).toContain(`    Image:\t${NEW_IMAGE}\n`);
  });

  it('pause holds a template change; resume rolls it out; restart rolls the same template anew', () => {
    const sh = shellOn(withDefault());
    expect(sh.run('kubectl rollout pause deployment/frontend').stdout).toBe('deployment.apps/frontend paused\n');
    expect(sh.run('kubectl rollout pause deployment/frontend').stderr).toBe(
      'error: deployments.apps "frontend" is already paused\n',
    );
    sh.run(`kubectl set image deployment/frontend frontend=${NEW_IMAGE}`);
    sh.settle();
    expect(frontendPods(sh.state).every((p) => p.spec.containers[0].image !== NEW_IMAGE)).toBe(true);
    const cond = sh.state.objects.deployments['default/frontend'].status.conditions!.find(
      (c) => c.type === 'Progressing',
    )!;
    expect([cond.status, cond.reason, cond.message]).toEqual(['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    expect(sh.run('kubectl rollout restart deployment/frontend').stderr).toBe(
      `error: deployments.apps "frontend" can't restart paused deployment (run rollout resume first)\n`,
    );
    // with one revision only, kubectl finds no previous one before it looks at the pause (rollback.go)
    expect(sh.run('kubectl rollout undo deployment/frontend').stderr).toBe(
      'error: no rollout history found for deployment "frontend"\n',
    );
    expect(sh.run('kubectl rollout resume deployment/frontend').stdout).toBe('deployment.apps/frontend resumed\n');
    expect(sh.run('kubectl rollout resume deployment/frontend').stderr).toBe(
      'error: deployments.apps "frontend" is not paused\n',
    );
    sh.run('kubectl rollout status deployment/frontend');
    expect(frontendPods(sh.state).every((p) => p.spec.containers[0].image === NEW_IMAGE)).toBe(true);
    sh.run('kubectl rollout pause deployment/frontend');
    expect(sh.run('kubectl rollout undo deployment/frontend').stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
    sh.run('kubectl rollout resume deployment/frontend');
    expect(sh.run('kubectl rollout restart deployment/frontend').stdout).toBe('deployment.apps/frontend restarted\n');
    sh.run('kubectl rollout status deployment/frontend');
    expect(sh.run('kubectl rollout history deploy frontend').stdout).toContain('\n3         <none>\n');
    expect(
      sh.state.objects.deployments['default/frontend'].spec.template.metadata?.annotations?.[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toMatch(/^2026-01-12T09:\d\d:\d\dZ$/);
  });

  it('set image errors in kubectl words', () => {
    const sh = shellOn(withDefault());
    expect(sh.run('kubectl set image deployment/frontend nope=nginx').stderr).toBe(
      'error: unable to find container named "nope"\n',
    );
    expect(sh.run('kubectl set image deployment/frontend').stderr).toBe(
      'error: at least one image update is required\n',
    );
    expect(sh.run('kubectl set image deployment/ghost frontend=nginx').stderr).toBe(
      'Error from server (NotFound): deployments.apps "ghost" not found\n',
    );
    // the same image again is an empty patch: nothing printed, nothing rolled
    expect(
      sh.run('kubectl set image deployment/frontend frontend=registry.k8s.io/e2e-test-images/agnhost:2.53'),
    ).toMatchObject({
      stdout: '',
      exitCode: 0,
    });
  });
});

const WEB = (strategy: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  ${strategy}
  ${extra}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.28
`;

describe('strategies and deadlines', () => {
  it('Recreate: every old Pod is gone before the new ReplicaSet scales up', () => {
    const s = withDefault();
    apply(s, WEB('strategy: {type: Recreate}'));
    const sh = shellOn(s);
    sh.run('kubectl set image deployment/web web=nginx:1.29');
    let overlap = false;
    for (let t = 0; t < 40_000; t += 100) {
      advance(s, 100);
      const pods = podsWith(s, 'app', 'web');
      const images = new Set(pods.map((p) => p.spec.containers[0].image));
      if (images.size > 1) overlap = true;
    }
    expect(overlap).toBe(false);
    expect(podsWith(s, 'app', 'web').map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.29', 'nginx:1.29']);
    expect(
      s.events
        .filter((e) => e.reason === 'ScalingReplicaSet' && e.object.name === 'web')
        .map((e) => e.message.replace(/web-\w+/, 'RS'))
        .slice(1),
    ).toEqual(['Scaled down replica set RS from 2 to 0', 'Scaled up replica set RS from 0 to 2']);
  });

  it('minReadySeconds: a new Pod counts as available only after it, so the rollout waits', () => {
    const s = withDefault();
    apply(s, WEB('minReadySeconds: 10'));
    const sh = shellOn(s);
    sh.run('kubectl set image deployment/web web=nginx:1.29');
    advance(s, 5000);
    const d = () => s.objects.deployments['default/web'];
    expect(d().status.updatedReplicas).toBe(1); // 25% of 2: surge 1, unavailable 0
    expect(podsWith(s, 'app', 'web').filter((p) => p.metadata.deletionTimestamp === undefined)).toHaveLength(3);
    // the new Pod is Ready but not yet available: nothing old goes
    const newRS = Object.values(s.objects.replicasets).find(
      (r) =>
        r.metadata.name.startsWith('web-') && r.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2',
    )!;
    expect([newRS.status.readyReplicas, newRS.status.availableReplicas]).toEqual([1, 0]);
    expect(d().status.availableReplicas).toBe(2);
    const t0 = s.now;
    const r = sh.run('kubectl rollout status deployment/web');
    expect(r.stdout.endsWith('deployment "web" successfully rolled out\n')).toBe(true);
    // each of the two new Pods waits its 10 s before the next step
    expect(s.now - t0).toBeGreaterThan(10_000);
  });

  it('progressDeadlineSeconds: a new Pod that never gets Ready times the rollout out', () => {
    const s = withDefault();
    apply(s, WEB('progressDeadlineSeconds: 30'));
    const sh = shellOn(s);
    // the new template's readiness probe asks nginx for a page it does not have
    sh.run(
      `kubectl apply -f - <<EOF
${WEB('progressDeadlineSeconds: 30')}        readinessProbe: {httpGet: {path: /healthz, port: 80}}
EOF`,
    );
    const r = sh.run('kubectl rollout status deployment/web');
    expect(r.stdout).toContain(
      'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...\n',
    );
    expect(r.stderr).toBe('error: deployment "web" exceeded its progress deadline\n');
    expect(r.exitCode).toBe(1);
    const c = s.objects.deployments['default/web'].status.conditions!.find((x) => x.type === 'Progressing')!;
    expect([c.status, c.reason]).toEqual(['False', 'ProgressDeadlineExceeded']);
    expect(c.message).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/);
    // the old Pods still serve: maxUnavailable 0 on 2 replicas
    expect(
      podsWith(s, 'app', 'web').filter((p) => p.spec.containers[0].image === 'nginx:1.28' && isPodReady(p)),
    ).toHaveLength(2);
  });

  it('scaling in the middle of a rollout is proportional across the ReplicaSets', () => {
    const s = withDefault();
    apply(s, WEB(`strategy: {rollingUpdate: {maxSurge: 3, maxUnavailable: 2}}`).replace('replicas: 2', 'replicas: 10'));
    const sh = shellOn(s);
    // a new template whose Pods never get Ready holds the rollout half-way
    sh.run(
      `kubectl apply -f - <<EOF
${WEB(`strategy: {rollingUpdate: {maxSurge: 3, maxUnavailable: 2}}`).replace('replicas: 2', 'replicas: 10')}        readinessProbe: {httpGet: {path: /nope, port: 80}}
EOF`,
    );
    advance(s, 30_000);
    const sizes = () =>
      Object.values(s.objects.replicasets)
        .filter((r) => r.metadata.name.startsWith('web-'))
        .sort((a, b) => a.metadata.creationTimestamp - b.metadata.creationTimestamp)
        .map((r) => r.spec.replicas);
    expect(sizes()).toEqual([8, 5]); // 10 + 3 surge; old down to 10 - 2 available
    sh.run('kubectl scale deployment web --replicas=20');
    advance(s, 1000);
    // sync.go scale: room for 20 + 3 surge = 23, 10 more spread by each set's share of the 13 before
    // (getReplicaSetFraction, rounded): 8·23/13 ≈ 14, 5·23/13 ≈ 9
    expect(sizes()).toEqual([14, 9]);
  });
});
