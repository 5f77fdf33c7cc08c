// Objective 1 (why a Service over Pods that come and go): a rolling update replaces every Pod behind
// frontend-svc. Without readiness and a preStop hook some requests fail in the moment between a Pod's
// SIGTERM and kube-proxy's next sync; with them, every request is served.
import type { ClusterState } from '../../model/state';
import type { Deployment } from '../../model/types';
import type { Lesson, LessonContext } from './types';
import { writeObject } from '../../apiserver/api';
import { clone } from '../../model/meta';
import { advance, settle } from '../../step';
import { BUSYBOX, clusterIPOf, send, tracesTo } from './helpers';
import { rfc3339 } from '../../time/clock';
import '../../kubelet/prober-install';

const NEW_IMAGE = 'registry.k8s.io/e2e-test-images/agnhost:2.54';

/**
 * Traffic from the console while a rollout runs: the shell has no loops, so one line of requests, each
 * followed by a short sleep (the virtual clock moves on through the rollout between them).
 */
const CONSOLE_TRAFFIC = Array.from(
  { length: 60 },
  (_, i) =>
    `; kubectl exec busybox -- wget -qO- -T 1 frontend-svc >/dev/null || echo request ${i + 1} failed; sleep 0.25`,
).join('');

const frontend = (s: ClusterState): Deployment | undefined => s.objects.deployments['default/frontend'];
const revision = (s: ClusterState): number =>
  Number(frontend(s)?.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

/** The rollout is over: every replica updated and available (what kubectl rollout status waits for). */
function rolledOut(s: ClusterState): boolean {
  const d = frontend(s);
  if (!d) return false;
  const want = d.spec.replicas ?? 1;
  const st = d.status;
  return (
    (st.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) &&
    st.updatedReplicas === want &&
    st.replicas === want &&
    st.availableReplicas === want
  );
}

function hardened(s: ClusterState): boolean {
  const c = frontend(s)?.spec.template.spec.containers[0];
  return !!c?.readinessProbe && !!c.lifecycle?.preStop;
}

/** When the current revision's ReplicaSet was created: the start of the latest rollout. */
function rolloutStart(s: ClusterState): number {
  const rev = String(revision(s));
  const rs = Object.values(s.objects.replicasets).find(
    (r) =>
      r.metadata.name.startsWith('frontend-') && r.metadata.annotations?.['deployment.kubernetes.io/revision'] === rev,
  );
  return rs?.metadata.creationTimestamp ?? Infinity;
}

const terminating = (s: ClusterState): boolean =>
  Object.values(s.objects.pods).some(
    (p) => p.metadata.name.startsWith('frontend-') && p.metadata.deletionTimestamp !== undefined,
  );

/**
 * Requests from busybox every 50 ms until the rollout is over and the old Pods are gone: the failures and
 * every 10th delivered one go to ctx (the canvas replays them).
 */
function trafficThroughRollout(s: ClusterState, ctx: LessonContext | undefined): void {
  const ip = clusterIPOf(s, 'frontend-svc');
  if (!ip) return;
  const local: LessonContext = { traces: [] };
  for (let i = 0; i < 1200 && !(i > 0 && rolledOut(s) && !terminating(s)); i++) {
    const t = send(s, local, BUSYBOX, { ip, port: 80 });
    if (t && ctx && (t.verdict !== 'delivered' || i % 10 === 0)) ctx.traces.push(t);
    advance(s, 50);
  }
  const last = local.traces.at(-1);
  if (last && ctx && ctx.traces.at(-1) !== last) ctx.traces.push(last);
}

function write(s: ClusterState, edit: (d: Deployment) => void): void {
  const d = frontend(s);
  if (!d) return;
  const next = clone(d);
  edit(next);
  writeObject(s, next, 'replace', 'default');
}

export const zeroDowntimeRollout: Lesson = {
  id: 'zero-downtime-rollout',
  title: 'Zero-downtime rollout',
  objective: 'grouping',
  scenario: 'default',
  summary:
    'A rolling update replaces every Pod behind frontend-svc while the Service keeps its name and address. Whether no request fails depends on the Pods: watch one rollout drop requests, then make the next one serve them all.',
  steps: [
    {
      id: 'roll-bare',
      instruction: `Turn on continuous traffic from busybox to frontend-svc, then roll out a new image: kubectl set image deployment/frontend frontend=${NEW_IMAGE}. The Deployment adds one new Pod at a time and deletes an old one once the new one is ready. A deleted Pod's app gets SIGTERM at once and exits, but each node's kube-proxy only drops it from its rules at its next sync: a request that arrives in between is refused. Keep the traffic on until you see one fail.`,
      hints: [
        'kubectl rollout status deployment/frontend follows the rollout; kubectl get rs shows the old and the new ReplicaSet.',
        'The window is short (a few hundred milliseconds per Pod): a higher rate makes a failure more likely, or send while Pods are Terminating.',
      ],
      console: [`kubectl set image deployment/frontend frontend=${NEW_IMAGE}${CONSOLE_TRAFFIC}`],
      check: (s, ctx) =>
        revision(s) >= 2 &&
        tracesTo(ctx, clusterIPOf(s, 'frontend-svc'), 80).some(
          (t) => t.verdict !== 'delivered' && t.at >= rolloutStart(s) - 1,
        ),
      showMe: (s, ctx) => {
        write(s, (d) => {
          d.spec.template.spec.containers[0].image = NEW_IMAGE;
        });
        trafficThroughRollout(s, ctx);
      },
    },
    {
      id: 'harden',
      instruction:
        'Give the frontend Pods a readiness probe (httpGet on port 5000, path /healthz: agnhost netexec answers 200 there) so a new Pod gets traffic only once it answers, and a preStop hook that sleeps 5 seconds so a deleted Pod keeps serving until every kube-proxy has dropped it. Add to the container in the Deployment (kubectl apply -f, or the YAML panel): readinessProbe: {httpGet: {path: /healthz, port: 5000}, periodSeconds: 2} and lifecycle: {preStop: {sleep: {seconds: 5}}}. The changed template rolls out by itself.',
      hints: [
        'kubectl get deployment frontend -o yaml > f.yaml gives you the current manifest to edit.',
        'terminationGracePeriodSeconds (30 s by default) must cover the preStop sleep and the shutdown.',
      ],
      console: [
        `kubectl patch deployment frontend -p '{"spec":{"template":{"spec":{"containers":[{"name":"frontend","readinessProbe":{"httpGet":{"path":"/healthz","port":5000},"periodSeconds":2},"lifecycle":{"preStop":{"sleep":{"seconds":5}}}}]}}}}'`,
      ],
      check: (s) => hardened(s),
      showMe: (s) => {
        write(s, (d) => {
          const c = d.spec.template.spec.containers[0];
          c.readinessProbe = { httpGet: { path: '/healthz', port: 5000 }, periodSeconds: 2 };
          c.lifecycle = { preStop: { sleep: { seconds: 5 } } };
        });
        settle(s);
      },
    },
    {
      id: 'roll-safe',
      instruction:
        'Wait until that rollout is over (kubectl rollout status deployment/frontend), then roll every Pod again with continuous traffic on: kubectl rollout restart deployment/frontend. This time no request fails: new Pods join only when ready, and old ones keep answering through the preStop sleep until the rules no longer send them anything.',
      hints: [
        'kubectl rollout history deployment/frontend lists the revisions.',
        'kubectl get endpointslices -l kubernetes.io/service-name=frontend-svc -o yaml shows terminating Pods as serving: true, terminating: true.',
      ],
      waits: false,
      console: [
        'kubectl rollout status deployment/frontend',
        `kubectl rollout restart deployment/frontend${CONSOLE_TRAFFIC}`,
      ],
      check: (s, ctx) => {
        if (!hardened(s) || !rolledOut(s) || revision(s) < 4) return false;
        const start = rolloutStart(s);
        const during = tracesTo(ctx, clusterIPOf(s, 'frontend-svc'), 80).filter((t) => t.at >= start);
        return during.length >= 5 && during.every((t) => t.verdict === 'delivered');
      },
      showMe: (s, ctx) => {
        if (!rolledOut(s)) settle(s);
        write(s, (d) => {
          const m = (d.spec.template.metadata ??= {});
          m.annotations = {
            ...(m.annotations ?? {}),
            'kubectl.kubernetes.io/restartedAt': rfc3339(s.settings.epoch, s.now),
          };
        });
        trafficThroughRollout(s, ctx);
      },
    },
  ],
};
