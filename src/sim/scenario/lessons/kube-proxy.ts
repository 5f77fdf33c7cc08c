// Objective 2: kube-proxy on every node turns Services into iptables rules.
import type { ClusterState } from '../../model/state';
import type { Trace } from '../../net/trace-types';
import type { Lesson } from './types';
import { deleteObject, scaleDeployment } from '../../apiserver/api';
import { settle } from '../../step';
import {
  BUSYBOX,
  applyObject,
  clusterIPOf,
  frontendService,
  natRulesFor,
  patchService,
  send,
  sepJumps,
  svcChain,
  svcOf,
  tracesTo,
} from './helpers';
import { isNodeReady } from '../../model/facts';

const SVC = 'default/frontend-svc';

const readyNodes = (s: ClusterState): string[] =>
  Object.values(s.objects.nodes)
    .filter(isNodeReady)
    .map((n) => n.metadata.name)
    .sort();

/** Every Ready node's kube-proxy has a KUBE-SVC chain for frontend-svc with `n` endpoints (any n when omitted). */
function everyNodeHasChain(s: ClusterState, n?: number): boolean {
  const nodes = readyNodes(s);
  return (
    nodes.length > 0 &&
    nodes.every((node) => {
      const chain = svcChain(s, node, SVC);
      return !!chain && (n === undefined || sepJumps(s, node, chain) === n);
    })
  );
}

const passedChain = (t: Trace, prefix: string): boolean => t.hops.some((h) => h.chain?.startsWith(prefix));

export const kubeProxyRules: Lesson = {
  id: 'kube-proxy-rules',
  title: 'kube-proxy writes the rules',
  objective: 'kube-proxy',
  scenario: 'kube-proxy',
  summary:
    'Every node runs kube-proxy. It watches the API server for Services and endpoints and writes iptables rules that catch a ClusterIP and send it to a Pod. Watch it happen, node by node.',
  steps: [
    {
      id: 'expose',
      instruction:
        'Create a Service for the frontend Pods: kubectl expose deployment frontend --name=frontend-svc --port=80 --target-port=5000.',
      hints: ['kubectl get svc shows the ClusterIP the API server gave it.'],
      check: (s) => !!clusterIPOf(s, 'frontend-svc'),
      console: ['kubectl expose deployment frontend --name=frontend-svc --port=80 --target-port=5000'],
      showMe: (s) => applyObject(s, frontendService()),
    },
    {
      id: 'rules-appear',
      instruction:
        'Watch the nodes. Each kube-proxy notices the new Service and, at its next sync, writes rules for it: KUBE-SERVICES sends the ClusterIP to a KUBE-SVC-… chain, which picks one KUBE-SEP-… chain per Pod. Here kube-proxy syncs at most every 10 seconds, so the nodes catch up one after another. Wait until all of them have the rules (iptables-save -t nat on a node).',
      hints: [
        "A request sent before busybox's node has synced goes nowhere: its rules are stale.",
        'Look for comments "default/frontend-svc cluster IP" in iptables-save.',
      ],
      waits: true,
      check: (s) => everyNodeHasChain(s),
      console: ['iptables-save -t nat | grep "default/frontend-svc cluster IP"'],
      showMe: (s) => {
        settle(s);
      },
    },
    {
      id: 'follow',
      instruction:
        "Send a request from busybox to frontend-svc's ClusterIP on port 80 and follow it in the trace: KUBE-SERVICES → KUBE-SVC-… (a random choice among the Pods) → KUBE-SEP-… → DNAT to a Pod IP on port 5000.",
      hints: ["The ClusterIP is never changed by a router: kube-proxy's DNAT rule on busybox's own node rewrites it."],
      check: (s, ctx) =>
        tracesTo(ctx, clusterIPOf(s, 'frontend-svc'), 80).some(
          (t) => t.verdict === 'delivered' && passedChain(t, 'KUBE-SVC-') && passedChain(t, 'KUBE-SEP-'),
        ),
      console: ['kubectl exec busybox -- wget -qO- http://frontend-svc'],
      showMe: (s, ctx) => {
        const ip = clusterIPOf(s, 'frontend-svc');
        if (ip) send(s, ctx, BUSYBOX, { ip, port: 80 });
      },
    },
    {
      id: 'scale',
      instruction:
        'Scale the frontend to 5 replicas (kubectl scale deployment frontend --replicas=5). When the new Pods are ready, kube-proxy rewrites the KUBE-SVC chain on every node: five KUBE-SEP jumps, taken with probability 1/5, 1/4, 1/3, 1/2, and the last one for the rest.',
      hints: [
        'The probabilities make each Pod equally likely: 1/5 for the first, then 1/4 of what is left, and so on.',
      ],
      check: (s) => everyNodeHasChain(s, 5),
      console: ['kubectl scale deployment frontend --replicas=5'],
      showMe: (s) => {
        scaleDeployment(s, 'default', 'frontend', 5);
      },
    },
    {
      id: 'delete',
      instruction:
        "Delete the Service (kubectl delete svc frontend-svc). Each kube-proxy removes its rules at its next sync; until then that node's rules are stale and still forward the old ClusterIP. Wait until no node has them.",
      hints: [
        "The Events panel shows a SyncProxyRules line for each node as it catches up (the simulator's own events: a real kube-proxy writes none, so kubectl get events does not list them).",
        'ssh worker1 iptables-save -t nat | grep frontend-svc prints nothing once worker1 has synced.',
      ],
      check: (s) =>
        !svcOf(s, 'frontend-svc') && Object.keys(s.objects.nodes).every((n) => natRulesFor(s, n, SVC) === 0),
      console: ['kubectl delete svc frontend-svc'],
      showMe: (s) => {
        deleteObject(s, 'Service', 'default', 'frontend-svc');
      },
    },
  ],
};

/** Delivered requests from busybox to frontend-svc, and the Pods they reached. */
function deliveredToSvc(s: ClusterState, traces: Trace[]): Trace[] {
  return tracesTo({ traces }, clusterIPOf(s, 'frontend-svc'), 80).filter(
    (t) => t.verdict === 'delivered' && t.from === 'pod/default/busybox',
  );
}
// sessionAffinity: iptables' `-m recent`, nftables' `update @affinity-…` (both read from the rule's fields)
const sticky = (t: Trace): boolean =>
  t.hops.some((h) =>
    h.rule?.mode === 'iptables' ? h.rule.match.recent !== undefined : !!h.rule?.stmts.some((x) => x.k === 'update'),
  );

export const sessionAffinityLesson: Lesson = {
  id: 'session-affinity',
  title: 'Session affinity',
  objective: 'kube-proxy',
  scenario: 'session-affinity',
  summary:
    'With sessionAffinity: ClientIP, kube-proxy sends every request from one client address to the same Pod. Without it, each new connection picks a Pod at random.',
  steps: [
    {
      id: 'sticky',
      instruction:
        'Send three requests from busybox to frontend-svc (ClusterIP, port 80). They all reach the same Pod: kube-proxy\'s "recent" rule remembers which Pod busybox\'s address went to.',
      hints: [
        'In the trace, look for the KUBE-SVC rule with -m recent --rcheck: it matched because busybox had been seen before.',
      ],
      check: (s, ctx) => {
        const last = deliveredToSvc(s, ctx.traces).filter(sticky).slice(-3);
        return last.length === 3 && last.every((t) => t.pod === last[0].pod);
      },
      console: [1, 2, 3].map(() => 'kubectl exec busybox -- wget -qO- http://frontend-svc'),
      showMe: (s, ctx) => {
        const ip = clusterIPOf(s, 'frontend-svc');
        if (ip) for (let i = 0; i < 3; i++) send(s, ctx, BUSYBOX, { ip, port: 80 });
      },
    },
    {
      id: 'spread',
      instruction:
        'Switch affinity off: set sessionAffinity to None (kubectl patch svc frontend-svc -p \'{"spec":{"sessionAffinity":"None"}}\'). Once the nodes have synced, send requests again: they spread over the Pods.',
      hints: [
        'It may take a few requests: each one picks a Pod at random.',
        'The recent rules disappear from iptables-save after the sync.',
      ],
      check: (s, ctx) => {
        if (svcOf(s, 'frontend-svc')?.spec.sessionAffinity !== 'None') return false;
        const free = deliveredToSvc(s, ctx.traces).filter((t) => !sticky(t));
        return new Set(free.map((t) => t.pod)).size >= 2;
      },
      console: [
        'kubectl patch svc frontend-svc -p \'{"spec":{"sessionAffinity":"None"}}\'',
        ...Array.from({ length: 8 }, () => 'kubectl exec busybox -- wget -qO- http://frontend-svc'),
      ],
      showMe: (s, ctx) => {
        patchService(s, 'frontend-svc', (svc) => {
          svc.spec.sessionAffinity = 'None';
          delete svc.spec.sessionAffinityConfig;
        });
        settle(s);
        const ip = clusterIPOf(s, 'frontend-svc');
        const seen = new Set<string>();
        // Random picks: keep sending until two different Pods have answered (bounded, deterministic by seed).
        for (let i = 0; ip && i < 30 && seen.size < 2; i++) {
          const t = send(s, ctx, BUSYBOX, { ip, port: 80 });
          if (t?.pod) seen.add(t.pod);
        }
      },
    },
  ],
};
