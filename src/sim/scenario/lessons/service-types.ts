// Objective 4 (part 1): ClusterIP, NodePort and LoadBalancer decide who can reach a Service.
import type { ClusterState } from '../../model/state';
import type { Lesson } from './types';
import { setCloudLoadBalancer } from '../../actions';
import { settle } from '../../step';
import {
  CLIENT,
  BUSYBOX,
  clusterIPOf,
  fromClient,
  hasLabel,
  nodeAddr,
  nodePortOf,
  patchService,
  probe,
  readyPods,
  send,
  svcOf,
  tracesTo,
  workers,
  allNodes,
} from './helpers';

/** Does a request from the client to `node`'s NodePort reach a frontend Pod right now? */
function clientReachesNodePort(s: ClusterState, node: string, port: number | undefined): boolean {
  if (!port) return false;
  const t = probe(s, CLIENT, { ip: nodeAddr(s, node), port });
  return t?.verdict === 'delivered' && hasLabel(s, t.pod, 'app', 'frontend');
}

/** Nodes that run no frontend Pod (kube-proxy there must forward elsewhere). */
const nodesWithoutFrontend = (s: ClusterState): string[] => {
  const busy = new Set(readyPods(s, { app: 'frontend' }).map((p) => p.spec.nodeName));
  return allNodes(s).filter((n) => !busy.has(n));
};

export const clusterIPAndNodePort: Lesson = {
  id: 'clusterip-and-nodeport',
  title: 'ClusterIP and NodePort',
  objective: 'service-types',
  scenario: 'clusterip-only',
  summary:
    'A ClusterIP Service is reachable only inside the cluster. NodePort adds a port on every node that the outside world can use.',
  steps: [
    {
      id: 'inside',
      instruction:
        "Send a request from busybox to frontend-svc's ClusterIP on port 80. Inside the cluster it reaches a frontend Pod.",
      hints: ['kubectl get svc frontend-svc: TYPE ClusterIP, EXTERNAL-IP <none>.'],
      check: (s, ctx) =>
        tracesTo(ctx, clusterIPOf(s, 'frontend-svc'), 80).some((t) => !fromClient(t) && t.verdict === 'delivered'),
      console: ['kubectl get svc frontend-svc', 'kubectl exec busybox -- wget -qO- http://frontend-svc'],
      showMe: (s, ctx) => {
        const ip = clusterIPOf(s, 'frontend-svc');
        if (ip) send(s, ctx, BUSYBOX, { ip, port: 80 });
      },
    },
    {
      id: 'outside',
      instruction:
        "Now send the same request from the client outside the cluster. It goes nowhere: a ClusterIP exists only in the rules of the cluster's own nodes, and no router outside knows it.",
      hints: ['The trace ends at the client with no route.'],
      check: (s, ctx) =>
        tracesTo(ctx, clusterIPOf(s, 'frontend-svc'), 80).some((t) => fromClient(t) && t.verdict !== 'delivered'),
      console: [(s) => `ssh client curl -s -m 2 http://${clusterIPOf(s, 'frontend-svc')}`],
      showMe: (s, ctx) => {
        const ip = clusterIPOf(s, 'frontend-svc');
        if (ip) send(s, ctx, CLIENT, { ip, port: 80 });
      },
    },
    {
      id: 'nodeport',
      instruction:
        'Make frontend-svc reachable from outside the cluster: change its type to NodePort (kubectl patch svc frontend-svc -p \'{"spec":{"type":"NodePort"}}\'). kubectl get svc then shows the port it got from 30000-32767, after the colon: 80:3xxxx/TCP. From the client, connect to a worker\'s IP on that port.',
      hints: [
        "kubectl get nodes -o wide shows the nodes' addresses.",
        'The ClusterIP stays: a NodePort Service is a ClusterIP Service plus a port on every node.',
      ],
      // the whole step: the type changed, and the learner connected from the client to a worker's NodePort
      check: (s, ctx) =>
        svcOf(s, 'frontend-svc')?.spec.type === 'NodePort' &&
        workers(s).some((n) =>
          tracesTo(ctx, nodeAddr(s, n), nodePortOf(s, 'frontend-svc')).some(
            (t) => fromClient(t) && t.verdict === 'delivered' && hasLabel(s, t.pod, 'app', 'frontend'),
          ),
        ),
      console: [
        'kubectl patch svc frontend-svc -p \'{"spec":{"type":"NodePort"}}\'',
        'kubectl get nodes -o wide',
        (s) => `ssh client curl -s http://${nodeAddr(s, workers(s)[0])}:${nodePortOf(s, 'frontend-svc')}`,
      ],
      showMe: (s, ctx) => {
        patchService(s, 'frontend-svc', (svc) => {
          svc.spec.type = 'NodePort';
        });
        settle(s);
        const port = nodePortOf(s, 'frontend-svc');
        const node = workers(s)[0];
        if (port && node) send(s, ctx, CLIENT, { ip: nodeAddr(s, node), port });
      },
    },
    {
      id: 'choose-port',
      instruction:
        "Choose the port yourself instead of taking a random one: set the nodePort of frontend-svc's port to 32233 (kubectl edit svc frontend-svc, or apply YAML with nodePort: 32233).",
      hints: ['A chosen nodePort must be inside 30000-32767 and not used by another Service.'],
      check: (s) =>
        nodePortOf(s, 'frontend-svc') === 32233 && workers(s).some((n) => clientReachesNodePort(s, n, 32233)),
      console: [
        'kubectl patch svc frontend-svc --type json -p \'[{"op":"replace","path":"/spec/ports/0/nodePort","value":32233}]\'',
      ],
      showMe: (s) =>
        patchService(s, 'frontend-svc', (svc) => {
          if (svc.spec.ports?.[0]) svc.spec.ports[0].nodePort = 32233;
        }),
    },
    {
      id: 'any-node',
      instruction:
        "From the client, connect to the NodePort on a node that runs no frontend Pod (master, for example). It still works: kube-proxy on that node forwards the request to a Pod elsewhere, and masquerades it, so the Pod sees that node's address instead of the client's.",
      hints: [
        'kubectl get pods -o wide shows which nodes run frontend Pods.',
        "Compare the source address the Pod sees with the client's address.",
      ],
      check: (s, ctx) => {
        const port = nodePortOf(s, 'frontend-svc');
        const client = s.settings.client.ip;
        return nodesWithoutFrontend(s).some((n) =>
          tracesTo(ctx, nodeAddr(s, n), port).some(
            (t) => fromClient(t) && t.verdict === 'delivered' && t.sourceSeen !== client,
          ),
        );
      },
      console: [
        'kubectl get pods -o wide',
        (s) => `ssh client curl -s http://${nodeAddr(s, nodesWithoutFrontend(s)[0])}:32233`,
      ],
      showMe: (s, ctx) => {
        const port = nodePortOf(s, 'frontend-svc');
        const node = nodesWithoutFrontend(s)[0];
        if (port && node) send(s, ctx, CLIENT, { ip: nodeAddr(s, node), port });
      },
    },
  ],
};

const lbIP = (s: ClusterState): string | undefined => svcOf(s, 'frontend-svc')?.status.loadBalancer.ingress?.[0]?.ip;

export const loadBalancerLesson: Lesson = {
  id: 'loadbalancer',
  title: 'LoadBalancer',
  objective: 'service-types',
  scenario: 'loadbalancer-pending',
  summary:
    'A LoadBalancer Service asks the cloud for an external load balancer. Without a cloud controller the request waits (<pending>), but the Service still has its NodePort.',
  steps: [
    {
      id: 'pending',
      instruction:
        "kubectl get svc frontend-svc shows EXTERNAL-IP <pending>: nothing in this cluster creates load balancers. A LoadBalancer Service is still a NodePort Service, though: from the client, connect to a worker's IP on frontend-svc's NodePort (the number after the colon in PORT(S)).",
      hints: ["kubectl get nodes -o wide shows the workers' addresses."],
      check: (s, ctx) => {
        const port = nodePortOf(s, 'frontend-svc');
        return allNodes(s).some((n) =>
          tracesTo(ctx, nodeAddr(s, n), port).some((t) => fromClient(t) && t.verdict === 'delivered'),
        );
      },
      console: [
        'kubectl get svc frontend-svc',
        (s) => `ssh client curl -s http://${nodeAddr(s, workers(s)[0])}:${nodePortOf(s, 'frontend-svc')}`,
      ],
      showMe: (s, ctx) => {
        const port = nodePortOf(s, 'frontend-svc');
        const node = workers(s)[0];
        if (port && node) send(s, ctx, CLIENT, { ip: nodeAddr(s, node), port });
      },
    },
    {
      id: 'cloud',
      instruction:
        'Turn on the cloud load-balancer controller in the cluster settings. After a moment the cloud provisions a load balancer and frontend-svc gets an EXTERNAL-IP.',
      hints: ['kubectl describe svc frontend-svc lists the EnsuringLoadBalancer and EnsuredLoadBalancer events.'],
      check: (s) => s.settings.cloudLoadBalancer && !!lbIP(s),
      consoleless:
        "The cloud's load-balancer controller runs at the cloud provider, outside the cluster's machines: no shell in the cluster switches it on.",
      showMe: (s) => setCloudLoadBalancer(s, true),
    },
    {
      id: 'via-lb',
      instruction:
        'From the client, send a request to the external IP on port 80. The cloud load balancer picks a node and forwards to its NodePort; from there kube-proxy takes it to a Pod.',
      hints: [
        'The trace starts at the load balancer, then enters a node through KUBE-NODEPORTS.',
        "The load balancer only uses nodes whose kube-proxy passes its health check: ssh worker1 curl -s localhost:10256/healthz. With externalTrafficPolicy: Local it asks the Service's healthCheckNodePort instead, which answers 200 only on nodes with a ready Pod of the Service.",
      ],
      check: (s, ctx) =>
        tracesTo(ctx, lbIP(s), 80).some(
          (t) => fromClient(t) && t.verdict === 'delivered' && t.path.some((p) => p.startsWith('lb/')),
        ),
      console: [(s) => `ssh client curl -s http://${lbIP(s)}`],
      showMe: (s, ctx) => {
        const ip = lbIP(s);
        if (ip) send(s, ctx, CLIENT, { ip, port: 80 });
      },
    },
  ],
};
