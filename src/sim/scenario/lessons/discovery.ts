// Objective 3: Service discovery, by environment variables and by DNS (including headless Services).
import type { ClusterState } from '../../model/state';
import type { Pod } from '../../model/types';
import type { Lesson } from './types';
import type { Source } from '../../net/trace';
import { scaleDeployment } from '../../apiserver/api';
import {
  BUSYBOX,
  applyObject,
  clusterIPOf,
  direct,
  fromPod,
  hasLabel,
  lookup,
  readyPods,
  send,
  tracesTo,
} from './helpers';
import { isPodReady } from '../../model/facts';

const envOf = (s: ClusterState, p: Pod): Record<string, string> =>
  Object.fromEntries((s.runtime[p.metadata.uid]?.serviceEnv ?? []).map((e) => [e.name, e.value ?? '']));

/** Running Pods in default whose service variables include redis-master's. */
function podsWithRedisEnv(s: ClusterState): Pod[] {
  const ip = clusterIPOf(s, 'redis-master');
  if (!ip) return [];
  return Object.values(s.objects.pods)
    .filter((p) => p.metadata.namespace === 'default' && p.metadata.deletionTimestamp === undefined && isPodReady(p))
    .filter((p) => envOf(s, p).REDIS_MASTER_SERVICE_HOST === ip)
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

export const discoveryEnvLesson: Lesson = {
  id: 'discovery-env',
  title: 'Discovery by environment variables',
  objective: 'discovery',
  scenario: 'discovery-env',
  summary:
    'When a container starts, kubelet gives it variables for every active Service in its namespace. Only when it starts: a Pod created before a Service never sees it.',
  steps: [
    {
      id: 'create-svc',
      instruction:
        "Look at busybox's environment (kubectl exec busybox -- env): FRONTEND_SVC_SERVICE_HOST and the other FRONTEND_SVC_ variables are there. Now create a Service for the redis-master Pod: kubectl expose pod redis-master --port=6379.",
      hints: [
        "kubectl expose pod uses the Pod's labels (app=redis, role=master) as the selector and the Pod's name as the Service's name.",
      ],
      check: (s) => !!clusterIPOf(s, 'redis-master'),
      console: ['kubectl exec busybox -- env', 'kubectl expose pod redis-master --port=6379'],
      showMe: (s) =>
        applyObject(s, {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'redis-master', labels: { app: 'redis', role: 'master' } },
          spec: {
            selector: { app: 'redis', role: 'master' },
            ports: [{ protocol: 'TCP', port: 6379, targetPort: 6379 }],
          },
        }),
    },
    {
      id: 'new-pod',
      instruction:
        'busybox still has no REDIS_MASTER_ variables (kubectl exec busybox -- env | grep REDIS): it started before the Service existed. Start a new Pod (kubectl run client --image=busybox:1.28 -- sleep 3600) and look at its environment: REDIS_MASTER_SERVICE_HOST, REDIS_MASTER_SERVICE_PORT and the rest are there.',
      hints: ["This is the chapter's ordering caveat: create Services before the Pods that use them, or use DNS."],
      check: (s) => podsWithRedisEnv(s).length > 0,
      console: ['kubectl exec busybox -- env | grep REDIS', 'kubectl run client --image=busybox:1.28 -- sleep 3600'],
      showMe: (s) =>
        applyObject(s, {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'client', labels: { run: 'client' } },
          spec: { containers: [{ name: 'client', image: 'busybox:1.28', args: ['sleep', '3600'] }] },
        }),
    },
    {
      id: 'use-env',
      instruction:
        'From that new Pod, connect to $REDIS_MASTER_SERVICE_HOST on port $REDIS_MASTER_SERVICE_PORT (6379). The request reaches the redis-master Pod.',
      hints: ['The variable holds the ClusterIP, the same address kubectl get svc redis-master shows.'],
      check: (s, ctx) => {
        const senders = new Set(podsWithRedisEnv(s).map((p) => `pod/default/${p.metadata.name}`));
        return tracesTo(ctx, clusterIPOf(s, 'redis-master'), 6379).some(
          (t) => t.verdict === 'delivered' && senders.has(t.from) && t.pod === 'default/redis-master',
        );
      },
      console: [
        'kubectl exec client -- env',
        "kubectl exec client -- sh -c 'wget -qO- -T 2 http://$REDIS_MASTER_SERVICE_HOST:$REDIS_MASTER_SERVICE_PORT'",
      ],
      showMe: (s, ctx) => {
        const p = podsWithRedisEnv(s)[0];
        const env = p && envOf(s, p);
        if (p)
          send(
            s,
            ctx,
            { kind: 'pod', namespace: 'default', name: p.metadata.name },
            { ip: env.REDIS_MASTER_SERVICE_HOST, port: Number(env.REDIS_MASTER_SERVICE_PORT) },
          );
      },
    },
  ],
};

const SHELL: Source = { kind: 'pod', namespace: 'my-ns', name: 'shell' };
const redisIP = (s: ClusterState) => clusterIPOf(s, 'redis-master', 'my-ns');
/** A delivered request from a Pod in `ns` to a redis-master Pod in my-ns. */
const toRedis = (ns: string) => (t: { verdict: string; from: string; pod?: string }) =>
  t.verdict === 'delivered' && t.from.startsWith(`pod/${ns}/`) && (t.pod ?? '').startsWith('my-ns/redis-master-');

export const discoveryDnsLesson: Lesson = {
  id: 'discovery-dns',
  title: 'Discovery by DNS, across namespaces',
  objective: 'discovery',
  scenario: 'discovery-dns',
  summary:
    'Cluster DNS gives every Service a name, my-svc.my-namespace.svc.cluster.local. Pods in the same namespace use the short name; from another namespace, add the namespace.',
  steps: [
    {
      id: 'short-name',
      instruction:
        'From the shell Pod in my-ns, look up redis-master (kubectl exec -n my-ns shell -- nslookup redis-master) and send a request to the address it returns, port 6379. In its own namespace the short name is enough: the search path makes it redis-master.my-ns.svc.cluster.local.',
      hints: [
        'kubectl exec -n my-ns shell -- cat /etc/resolv.conf shows the search path: my-ns.svc.cluster.local comes first.',
      ],
      check: (s, ctx) => tracesTo(ctx, redisIP(s), 6379).some(toRedis('my-ns')),
      console: [
        'kubectl exec -n my-ns shell -- nslookup redis-master',
        'kubectl exec -n my-ns shell -- wget -qO- -T 2 http://redis-master:6379',
      ],
      showMe: (s, ctx) => {
        const ip = lookup(s, 'my-ns/shell', 'redis-master')[0];
        if (ip) send(s, ctx, SHELL, { ip, port: 6379 });
      },
    },
    {
      id: 'other-namespace',
      instruction:
        'From busybox, in the default namespace, the short name fails (kubectl exec busybox -- nslookup redis-master): its search path looks for redis-master.default.svc.cluster.local, which does not exist. Look up redis-master.my-ns instead and send a request to that address on port 6379.',
      hints: ['The full name redis-master.my-ns.svc.cluster.local works from anywhere.'],
      check: (s, ctx) => tracesTo(ctx, redisIP(s), 6379).some(toRedis('default')),
      console: [
        'kubectl exec busybox -- nslookup redis-master',
        'kubectl exec busybox -- wget -qO- -T 2 http://redis-master.my-ns:6379',
      ],
      showMe: (s, ctx) => {
        const ip = lookup(s, 'default/busybox', 'redis-master.my-ns')[0];
        if (ip) send(s, ctx, BUSYBOX, { ip, port: 6379 });
      },
    },
    {
      id: 'alias',
      instruction:
        'Make the short name work in the default namespace too: create an ExternalName Service named redis-master in default whose externalName is redis-master.my-ns.svc.cluster.local (kubectl create service externalname redis-master --external-name=redis-master.my-ns.svc.cluster.local).',
      hints: ['An ExternalName Service is only a DNS alias (a CNAME): no ClusterIP, no kube-proxy rules.'],
      check: (s) => {
        const ip = redisIP(s);
        return !!ip && lookup(s, 'default/busybox', 'redis-master')[0] === ip;
      },
      console: [
        'kubectl create service externalname redis-master --external-name=redis-master.my-ns.svc.cluster.local',
      ],
      showMe: (s) =>
        applyObject(s, {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'redis-master' },
          spec: { type: 'ExternalName', externalName: 'redis-master.my-ns.svc.cluster.local' },
        }),
    },
  ],
};

export const headlessLesson: Lesson = {
  id: 'headless',
  title: 'Headless Services',
  objective: 'discovery',
  scenario: 'headless',
  summary:
    "A Service with clusterIP: None has no virtual IP and no kube-proxy rules. DNS answers its name with the Pods' own addresses, and the client chooses.",
  steps: [
    {
      id: 'direct',
      instruction:
        'Look up frontend-headless from busybox (kubectl exec busybox -- nslookup frontend-headless): one address per ready frontend Pod. Send a request straight to one of them on port 5000. The trace shows no KUBE-SVC chain: nothing translated the address.',
      hints: ['kubectl get svc frontend-headless shows CLUSTER-IP None.'],
      check: (s, ctx) => ctx.traces.some((t) => direct(t) && fromPod(t) && hasLabel(s, t.pod, 'app', 'frontend')),
      console: [
        'kubectl exec busybox -- nslookup frontend-headless',
        'kubectl exec busybox -- wget -qO- http://frontend-headless:5000',
      ],
      showMe: (s, ctx) => {
        const ip = lookup(s, 'default/busybox', 'frontend-headless')[0];
        if (ip) send(s, ctx, BUSYBOX, { ip, port: 5000 });
      },
    },
    {
      id: 'scale',
      instruction:
        'Scale the frontend to 5 replicas (kubectl scale deployment frontend --replicas=5). Once the new Pods are ready, the same lookup returns five addresses.',
      hints: ['Only ready Pods are in the answer: a starting Pod appears when it becomes ready.'],
      check: (s) =>
        lookup(s, 'default/busybox', 'frontend-headless').length >= 5 && readyPods(s, { app: 'frontend' }).length >= 5,
      console: ['kubectl scale deployment frontend --replicas=5'],
      showMe: (s) => {
        scaleDeployment(s, 'default', 'frontend', 5);
      },
    },
  ],
};
