// Objective 4 (part 2): ExternalIP, ExternalName, and how externalTrafficPolicy treats outside traffic.
import type { ClusterState } from '../../model/state';
import type { Lesson } from './types';
import { scaleDeployment } from '../../apiserver/api';
import { setExternalRoute } from '../../actions';
import { EXTERNAL_IP } from '../builtin/externalip';
import {
  CLIENT,
  applyObject,
  canonicalName,
  fromClient,
  hasLabel,
  nodeAddr,
  patchService,
  probe,
  readyPods,
  send,
  tracesTo,
  workers,
} from './helpers';

export const externalIPLesson: Lesson = {
  id: 'externalip',
  title: 'ExternalIP',
  objective: 'service-types',
  scenario: 'externalip',
  summary: `frontend-svc lists ${EXTERNAL_IP} as an external IP. Kubernetes writes the rules for it on every node, but getting packets for that address to a node is the administrator's job.`,
  steps: [
    {
      id: 'via-external-ip',
      instruction: `From the client, send a request to ${EXTERNAL_IP} on port 80. The administrator's route takes it to worker1, where kube-proxy's "external IP" rule sends it to a frontend Pod.`,
      hints: ["The cluster settings list the administrator's routes."],
      check: (s, ctx) => tracesTo(ctx, EXTERNAL_IP, 80).some((t) => fromClient(t) && t.verdict === 'delivered'),
      console: [`ssh client curl -s http://${EXTERNAL_IP}`],
      showMe: (s, ctx) => {
        send(s, ctx, CLIENT, { ip: EXTERNAL_IP, port: 80 });
      },
    },
    {
      id: 'no-route',
      instruction: `External IPs are not managed by Kubernetes. Remove the administrator's route for ${EXTERNAL_IP} (in the Cluster section of the dock, or from the console: ssh client ip route del ${EXTERNAL_IP}) and send the request again: the rules are still on every node, but no packet for that address reaches them.`,
      hints: [
        'Nothing in kubectl get svc changes: the Service does not know about routes.',
        `ssh client ip route shows the route: ${EXTERNAL_IP} via a node's address.`,
      ],
      check: (s, ctx) =>
        !s.settings.externalRoutes.some((r) => r.ip === EXTERNAL_IP) &&
        tracesTo(ctx, EXTERNAL_IP, 80).some((t) => fromClient(t) && t.verdict !== 'delivered'),
      console: [`ssh client ip route del ${EXTERNAL_IP}`, `ssh client curl -s -m 2 http://${EXTERNAL_IP}`],
      showMe: (s, ctx) => {
        setExternalRoute(s, EXTERNAL_IP, null);
        send(s, ctx, CLIENT, { ip: EXTERNAL_IP, port: 80 });
      },
    },
    {
      id: 'route-again',
      instruction: `Route ${EXTERNAL_IP} to worker2 this time (in the Cluster section of the dock, or from the console: ssh client ip route add ${EXTERNAL_IP} via WORKER2_IP dev eth0 onlink). Any node will do: every node has the same rules.`,
      hints: [
        'After the change, send a request to check it.',
        "kubectl get nodes -o wide shows worker2's address. onlink: the node is on another network than the client, and the route says to reach it anyway.",
      ],
      check: (s) => probe(s, CLIENT, { ip: EXTERNAL_IP, port: 80 })?.verdict === 'delivered',
      console: [(s) => `ssh client ip route add ${EXTERNAL_IP} via ${nodeAddr(s, 'worker2')} dev eth0 onlink`],
      showMe: (s) => setExternalRoute(s, EXTERNAL_IP, 'worker2'),
    },
  ],
};

export const externalNameLesson: Lesson = {
  id: 'externalname',
  title: 'ExternalName',
  objective: 'service-types',
  scenario: 'externalname',
  summary: 'An ExternalName Service maps a name inside the cluster to a host outside it. It is only a DNS alias.',
  steps: [
    {
      id: 'move',
      instruction:
        'Cluster DNS answers my-database with a CNAME to db.example.com: on master, dig @10.96.0.10 my-database.default.svc.cluster.local shows it (busybox\'s nslookup follows the CNAME silently and prints only the address). The database has moved: point my-database at db.example.net (kubectl patch svc my-database -p \'{"spec":{"externalName":"db.example.net"}}\'). Applications keep using the name my-database.',
      hints: [
        'Nothing else changes: there are no endpoints and no kube-proxy rules for an ExternalName Service.',
        'dig @10.96.0.10 my-database.default.svc.cluster.local +short prints the CNAME target, then its address.',
      ],
      check: (s) => canonicalName(s, 'default/busybox', 'my-database') === 'db.example.net.',
      console: [
        'dig @10.96.0.10 my-database.default.svc.cluster.local',
        'kubectl patch svc my-database -p \'{"spec":{"externalName":"db.example.net"}}\'',
      ],
      showMe: (s) =>
        patchService(s, 'my-database', (svc) => {
          svc.spec.externalName = 'db.example.net';
        }),
    },
    {
      id: 'create',
      instruction:
        'Create your own: an ExternalName Service named docs for www.example.org (kubectl create service externalname docs --external-name=www.example.org), then look it up from busybox.',
      hints: ['kubectl get svc docs shows the external name in the EXTERNAL-IP column.'],
      check: (s) => canonicalName(s, 'default/busybox', 'docs') === 'www.example.org.',
      console: [
        'kubectl create service externalname docs --external-name=www.example.org',
        'kubectl exec busybox -- nslookup docs',
      ],
      showMe: (s) =>
        applyObject(s, {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'docs' },
          spec: { type: 'ExternalName', externalName: 'www.example.org' },
        }),
    },
  ],
};

const hasFrontend = (s: ClusterState, node: string) =>
  readyPods(s, { app: 'frontend' }).some((p) => p.spec.nodeName === node);
const CLUSTER_PORT = 30080;
const LOCAL_PORT = 30081;

export const trafficPolicyLesson: Lesson = {
  id: 'traffic-policy',
  title: 'externalTrafficPolicy: Cluster or Local',
  objective: 'service-types',
  scenario: 'traffic-policy',
  summary:
    "Cluster lets any node forward outside traffic to any Pod, hiding the client's address. Local keeps the client's address but only nodes with a Pod of their own answer.",
  steps: [
    {
      id: 'cluster',
      instruction: `Find the node that runs the one frontend Pod (kubectl get pods -o wide). From the client, connect to frontend-cluster's NodePort ${CLUSTER_PORT} on a worker that does not run it. It is delivered, but masqueraded: the Pod sees that node's address, not the client's.`,
      hints: ['externalTrafficPolicy: Cluster is the default.'],
      check: (s, ctx) =>
        workers(s)
          .filter((n) => !hasFrontend(s, n))
          .some((n) =>
            tracesTo(ctx, nodeAddr(s, n), CLUSTER_PORT).some(
              (t) => fromClient(t) && t.verdict === 'delivered' && t.sourceSeen !== s.settings.client.ip,
            ),
          ),
      console: [
        'kubectl get pods -o wide',
        (s) =>
          `ssh client curl -s http://${nodeAddr(s, workers(s).find((x) => !hasFrontend(s, x)) ?? '')}:${CLUSTER_PORT}`,
      ],
      showMe: (s, ctx) => {
        const n = workers(s).find((x) => !hasFrontend(s, x));
        if (n) send(s, ctx, CLIENT, { ip: nodeAddr(s, n), port: CLUSTER_PORT });
      },
    },
    {
      id: 'local-drop',
      instruction: `Now connect to frontend-local's NodePort ${LOCAL_PORT} on the same node. With externalTrafficPolicy: Local a node sends outside traffic only to its own Pods; this node has none, so it drops the request.`,
      hints: ['The trace ends with a DROP rule: "has no local endpoints".'],
      check: (s, ctx) =>
        workers(s)
          .filter((n) => !hasFrontend(s, n))
          .some((n) =>
            tracesTo(ctx, nodeAddr(s, n), LOCAL_PORT).some((t) => fromClient(t) && t.verdict !== 'delivered'),
          ),
      console: [
        (s) =>
          `ssh client curl -s -m 2 http://${nodeAddr(s, workers(s).find((x) => !hasFrontend(s, x)) ?? '')}:${LOCAL_PORT}`,
      ],
      showMe: (s, ctx) => {
        const n = workers(s).find((x) => !hasFrontend(s, x));
        if (n) send(s, ctx, CLIENT, { ip: nodeAddr(s, n), port: LOCAL_PORT });
      },
    },
    {
      id: 'local-ok',
      instruction: `Connect to ${LOCAL_PORT} on the node that runs the Pod. It is delivered without masquerading: the Pod sees the client's real address.`,
      hints: ["Compare the source address the Pod sees with the client's address in the cluster settings."],
      check: (s, ctx) =>
        ctx.traces.some(
          (t) =>
            fromClient(t) &&
            t.destination.endsWith(`:${LOCAL_PORT}`) &&
            t.verdict === 'delivered' &&
            t.sourceSeen === s.settings.client.ip,
        ),
      console: [
        (s) =>
          `ssh client curl -s http://${nodeAddr(s, workers(s).find((x) => hasFrontend(s, x)) ?? '')}:${LOCAL_PORT}`,
      ],
      showMe: (s, ctx) => {
        const n = workers(s).find((x) => hasFrontend(s, x));
        if (n) send(s, ctx, CLIENT, { ip: nodeAddr(s, n), port: LOCAL_PORT });
      },
    },
    {
      id: 'spread',
      instruction:
        "Run a frontend Pod on every worker (kubectl scale deployment frontend --replicas=2). Now frontend-local answers on each worker, and each keeps the client's address.",
      hints: ['The scheduler spreads Pods over the nodes with the fewest Pods.'],
      check: (s) =>
        workers(s).every((n) => {
          const t = probe(s, CLIENT, { ip: nodeAddr(s, n), port: LOCAL_PORT });
          return t?.verdict === 'delivered' && hasLabel(s, t.pod, 'app', 'frontend');
        }),
      console: ['kubectl scale deployment frontend --replicas=2'],
      showMe: (s) => {
        scaleDeployment(s, 'default', 'frontend', Math.max(2, workers(s).length));
      },
    },
  ],
};
