// Objective 1: why Pods are grouped into Services (ephemeral Pod IPs; labels and selectors).
import type { ClusterState } from '../../model/state';
import type { Lesson, LessonContext } from './types';
import { deleteObject, scaleDeployment, setLabels } from '../../apiserver/api';
import { settle } from '../../step';
import { slicesOf } from '../../controllers/endpointslice';
import {
  BUSYBOX,
  applyObject,
  clusterIPOf,
  dest,
  direct,
  fromPod,
  frontendService,
  hasLabel,
  readyPods,
  send,
  tracesTo,
} from './helpers';
import { isPodReady } from '../../model/facts';

const FRONTEND = { app: 'frontend' };

const readyEndpoints = (s: ClusterState, svc: string): string[] =>
  slicesOf(s, 'default', svc).flatMap((sl) =>
    sl.endpoints.filter((e) => e.conditions.ready).flatMap((e) => e.addresses),
  );

/** The Pod the learner first reached by IP (from their requests), else the first frontend Pod there is. */
function firstPod(ctx: LessonContext): { ip: string; pod?: string } | undefined {
  const t = ctx.traces.find((x) => direct(x) && fromPod(x) && x.pod?.startsWith('default/frontend-'));
  if (t) return { ip: dest(t).ip, pod: t.pod };
  return undefined;
}

/** A Service in default that selects the frontend Pods and forwards to their port 5000. */
function frontendSvc(s: ClusterState): { name: string; ip: string; port: number; created: number } | undefined {
  for (const svc of Object.values(s.objects.services)) {
    if (
      svc.metadata.namespace !== 'default' ||
      svc.spec.selector?.app !== 'frontend' ||
      !svc.spec.clusterIP ||
      svc.spec.clusterIP === 'None'
    )
      continue;
    const p = svc.spec.ports?.find((x) => x.targetPort === 5000);
    if (p)
      return { name: svc.metadata.name, ip: svc.spec.clusterIP, port: p.port, created: svc.metadata.creationTimestamp };
  }
  return undefined;
}

export const podsAreEphemeral: Lesson = {
  id: 'pods-are-ephemeral',
  title: 'Pods come and go; Services stay',
  objective: 'grouping',
  scenario: 'pod-ip',
  summary: 'Connect to a Pod by its IP address, lose it when the Pod dies, then put a Service in front of it.',
  steps: [
    {
      id: 'reach-pod-ip',
      instruction:
        "Find the frontend Pod's IP address (kubectl get pods -o wide) and send a request to it from busybox on port 5000 (kubectl exec busybox -- wget -qO- http://POD_IP:5000).",
      hints: [
        "The IP column of kubectl get pods -o wide shows each Pod's address.",
        'The frontend listens on port 5000, not 80.',
      ],
      check: (s, ctx) => firstPod(ctx) !== undefined,
      console: [(s) => `kubectl exec busybox -- wget -qO- http://${readyPods(s, FRONTEND)[0]?.status.podIP}:5000`],
      showMe: (s, ctx) => {
        const pod = readyPods(s, FRONTEND)[0];
        if (pod) send(s, ctx, BUSYBOX, { ip: pod.status.podIP!, port: 5000 });
      },
    },
    {
      id: 'kill-pod',
      instruction:
        "Kill that Pod (kubectl delete pod POD_NAME). Its Deployment notices that a Pod is missing and creates a replacement at once. Compare the new Pod's name and IP with the old ones.",
      hints: [
        'kubectl get pods -o wide again after a few seconds: a new name, a new IP.',
        'The old Pod shows Terminating for a moment while it shuts down.',
        'To see it happen, start a watch in the console first (kubectl get pods -w): each change prints a row, until Ctrl+C.',
      ],
      check: (s, ctx) => {
        const first = firstPod(ctx);
        if (!first) return false;
        const old = first.pod ? s.objects.pods[first.pod] : undefined;
        const gone = !old || old.metadata.deletionTimestamp !== undefined;
        return gone && readyPods(s, FRONTEND).some((p) => p.status.podIP !== first.ip);
      },
      console: [(s, ctx) => `kubectl delete pod ${(firstPod(ctx)?.pod ?? '').split('/')[1]}`],
      showMe: (s, ctx) => {
        const first = ctx && firstPod(ctx);
        const victim = first?.pod ? s.objects.pods[first.pod] : readyPods(s, FRONTEND)[0];
        if (victim) deleteObject(s, 'Pod', victim.metadata.namespace, victim.metadata.name);
      },
    },
    {
      id: 'old-ip-fails',
      instruction:
        'Send the same request to the old IP address again. Nothing answers: the Pod behind it is gone, and nothing told busybox about the new one.',
      hints: ['Use exactly the address from your first request, port 5000.'],
      check: (s, ctx) => {
        const first = firstPod(ctx);
        return !!first && tracesTo(ctx, first.ip, 5000).some((t) => t.verdict !== 'delivered');
      },
      console: [(s, ctx) => `kubectl exec busybox -- wget -qO- -T 2 http://${firstPod(ctx)?.ip}:5000`],
      showMe: (s, ctx) => {
        const first = ctx && firstPod(ctx);
        if (first) send(s, ctx, BUSYBOX, { ip: first.ip, port: 5000 });
      },
    },
    {
      id: 'create-service',
      instruction:
        "Give the frontend an address that lasts: create a Service that selects app=frontend and forwards port 80 to the Pods' port 5000 (kubectl expose deployment frontend --name=frontend-svc --port=80 --target-port=5000).",
      hints: [
        'The Service finds its Pods by label: its selector is app=frontend.',
        'port is what clients connect to (80); targetPort is where the Pod listens (5000).',
      ],
      check: (s) => {
        const svc = frontendSvc(s);
        return !!svc && readyEndpoints(s, svc.name).length > 0;
      },
      console: ['kubectl expose deployment frontend --name=frontend-svc --port=80 --target-port=5000'],
      showMe: (s) => applyObject(s, frontendService()),
    },
    {
      id: 'survives-kill',
      instruction:
        "Kill the frontend Pod again, wait for its replacement, and send a request to the Service's ClusterIP on port 80 (kubectl get svc shows it). It still works: the Service found the new Pod by its label.",
      hints: [
        'The ClusterIP did not change when the Pod did.',
        "kubectl get endpointslices shows the new Pod's IP behind the Service.",
      ],
      check: (s, ctx) => {
        const svc = frontendSvc(s);
        if (!svc) return false;
        return tracesTo(ctx, svc.ip, svc.port).some((t) => {
          const pod = t.pod ? s.objects.pods[t.pod] : undefined;
          return (
            t.verdict === 'delivered' &&
            !!pod &&
            hasLabel(s, t.pod, 'app', 'frontend') &&
            pod.metadata.creationTimestamp > svc.created
          );
        });
      },
      console: ['kubectl delete pod -l app=frontend', 'kubectl exec busybox -- wget -qO- http://frontend-svc'],
      showMe: (s, ctx) => {
        const svc = frontendSvc(s);
        if (!svc) return;
        for (const p of readyPods(s, FRONTEND))
          if (p.metadata.creationTimestamp <= svc.created) deleteObject(s, 'Pod', 'default', p.metadata.name);
        settle(s);
        send(s, ctx, BUSYBOX, { ip: svc.ip, port: svc.port });
      },
    },
  ],
};

export const labelsAndSelectors: Lesson = {
  id: 'labels-and-selectors',
  title: 'Labels and selectors group Pods',
  objective: 'grouping',
  scenario: 'default',
  summary:
    'frontend-svc and db-svc each select a group of Pods by label. Send requests through them, grow a group, and take a Pod out of one.',
  steps: [
    {
      id: 'frontend',
      instruction:
        'Send a request from busybox to frontend-svc (its ClusterIP, port 80). It lands on one of the three Pods labelled app=frontend, on their port 5000.',
      hints: ['kubectl get svc frontend-svc shows the ClusterIP.', 'kubectl get pods -l app=frontend lists the group.'],
      check: (s, ctx) =>
        tracesTo(ctx, clusterIPOf(s, 'frontend-svc'), 80).some(
          (t) => t.verdict === 'delivered' && hasLabel(s, t.pod, 'app', 'frontend'),
        ),
      console: ['kubectl get svc frontend-svc', 'kubectl exec busybox -- wget -qO- http://frontend-svc'],
      showMe: (s, ctx) => {
        const ip = clusterIPOf(s, 'frontend-svc');
        if (ip) send(s, ctx, BUSYBOX, { ip, port: 80 });
      },
    },
    {
      id: 'db',
      instruction:
        'db-svc groups a different set of Pods, selected by app=db. Send a request from busybox to db-svc on port 6379: only the db Pod answers.',
      hints: ['kubectl describe svc db-svc shows its selector and its one endpoint.'],
      check: (s, ctx) =>
        tracesTo(ctx, clusterIPOf(s, 'db-svc'), 6379).some((t) => t.verdict === 'delivered' && t.pod === 'default/db'),
      console: ['kubectl exec busybox -- wget -qO- -T 2 http://db-svc:6379'],
      showMe: (s, ctx) => {
        const ip = clusterIPOf(s, 'db-svc');
        if (ip) send(s, ctx, BUSYBOX, { ip, port: 6379 });
      },
    },
    {
      id: 'scale',
      instruction:
        'Grow the frontend group: scale the Deployment to 5 replicas (kubectl scale deployment frontend --replicas=5). The new Pods carry app=frontend, so frontend-svc lists them as soon as they are ready.',
      hints: ['kubectl get endpointslices -l kubernetes.io/service-name=frontend-svc shows the endpoints.'],
      check: (s) => readyEndpoints(s, 'frontend-svc').length >= 5,
      console: ['kubectl scale deployment frontend --replicas=5'],
      showMe: (s) => {
        scaleDeployment(s, 'default', 'frontend', 5);
      },
    },
    {
      id: 'relabel',
      instruction:
        "Take one Pod out of the group without killing it: change its label (kubectl label pod POD_NAME app=debug --overwrite). It keeps running, but it no longer matches frontend-svc's selector, so it drops out of the Service's endpoints and gets no more requests through it. Its ReplicaSet lets go of it too (the Pod no longer matches the ReplicaSet's selector) and starts a replacement, so the group is soon back to five.",
      hints: [
        '--overwrite is needed because the Pod already has an app label.',
        'kubectl get pods --show-labels shows who is in which group.',
      ],
      check: (s) => {
        const eps = new Set(readyEndpoints(s, 'frontend-svc'));
        return Object.values(s.objects.pods).some(
          (p) =>
            p.metadata.namespace === 'default' &&
            p.metadata.labels?.['pod-template-hash'] !== undefined &&
            p.metadata.name.startsWith('frontend-') &&
            p.metadata.labels?.app !== 'frontend' &&
            isPodReady(p) &&
            !eps.has(p.status.podIP ?? ''),
        );
      },
      console: [(s) => `kubectl label pod ${readyPods(s, FRONTEND)[0]?.metadata.name} app=debug --overwrite`],
      showMe: (s) => {
        const p = readyPods(s, FRONTEND)[0];
        if (p) setLabels(s, 'Pod', 'default', p.metadata.name, { app: 'debug' }, true);
      },
    },
  ],
};
