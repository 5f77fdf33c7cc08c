// Objective 2, continued: kube-proxy has two data planes. The same request walks iptables' chains,
// then, after the cluster is switched to nftables mode, nftables' verdict maps.
import type { ClusterState } from '../../model/state';
import type { Trace } from '../../net/trace-types';
import type { Lesson } from './types';
import { setProxyMode } from '../../actions';
import { settle } from '../../step';
import { isNodeReady } from '../../model/facts';
import { BUSYBOX, clusterIPOf, send, tracesTo } from './helpers';
// the lesson switches modes: nftables mode loads with it
import '../../nftables';

const FRONTEND = 'frontend-svc';

const delivered = (t: Trace): boolean => t.verdict === 'delivered';
const mode = (s: ClusterState): string => s.settings.kubeProxy.mode ?? 'iptables';

/** Every Ready node's kube-proxy has written its nftables table with frontend-svc in @service-ips. */
function everyNodeInNftables(s: ClusterState): boolean {
  const ip = clusterIPOf(s, FRONTEND);
  const nodes = Object.values(s.objects.nodes).filter(isNodeReady);
  return (
    mode(s) === 'nftables' &&
    nodes.length > 0 &&
    nodes.every((n) =>
      s.proxies[n.metadata.name]?.nft?.sets.some(
        (st) => st.name === 'service-ips' && st.elements.some((e) => e.key[0] === ip && e.key[2] === '80'),
      ),
    )
  );
}

export const dataPlanesLesson: Lesson = {
  id: 'kube-proxy-data-planes',
  title: "kube-proxy's two data planes",
  objective: 'kube-proxy',
  scenario: 'default',
  summary:
    'kube-proxy can program the same Services two ways: iptables rules (the chapter’s mode) or nftables, GA since Kubernetes 1.33. Walk one request in each and see why nftables scales.',
  steps: [
    {
      id: 'iptables-walk',
      instruction:
        "Send a request from busybox to frontend-svc's ClusterIP on port 80 and follow it in the trace: nat PREROUTING → KUBE-SERVICES, where the packet is checked against one rule per Service port until the ClusterIP matches → KUBE-SVC-… (a random choice) → KUBE-SEP-… → DNAT.",
      hints: [
        'Open the Rules panel: KUBE-SERVICES holds one rule per Service port; with 5,000 Services a packet may be checked against thousands of them.',
      ],
      console: ['kubectl exec busybox -- wget -qO- http://frontend-svc'],
      check: (s, ctx) =>
        mode(s) === 'iptables' &&
        tracesTo(ctx, clusterIPOf(s, FRONTEND), 80).some(
          (t) => delivered(t) && t.hops.some((h) => h.chain === 'KUBE-SERVICES'),
        ),
      showMe: (s, ctx) => {
        const ip = clusterIPOf(s, FRONTEND);
        if (ip) send(s, ctx, BUSYBOX, { ip, port: 80 });
      },
    },
    {
      id: 'switch',
      instruction:
        'Switch the cluster to nftables mode (Cluster: kube-proxy mode → nftables; a kind cluster sets networking.kubeProxyMode: nftables). Every kube-proxy restarts, deletes its KUBE-* iptables chains and writes one nftables table instead. Then look at it: ssh worker1 nft list table ip kube-proxy.',
      hints: [
        'The services chain has two rules whatever the number of Services: a lookup in the @service-ips map (ClusterIP . protocol . port) and one in @service-nodeports.',
        'iptables-save on a node now shows only kubelet’s chains.',
      ],
      waits: true,
      consoleless:
        "kube-proxy's mode is its configuration (the kube-proxy ConfigMap on a kubeadm cluster, then a restart of its Pods); the playground keeps it as a cluster setting",
      check: (s) => everyNodeInNftables(s),
      showMe: (s) => {
        setProxyMode(s, 'nftables');
        settle(s);
      },
    },
    {
      id: 'nftables-walk',
      instruction:
        'Send the same request again. Now it goes nat-prerouting → services, where one lookup in the @service-ips verdict map finds "ClusterIP . tcp . 80" and jumps to service-…-default/frontend-svc/tcp/; there numgen random mod 3 picks an endpoint chain in one rule, and that chain DNATs. In the Hop inspector, "Compare this request in iptables and nftables mode" lists both paths.',
      hints: ['The hop that looked the packet up names the map, the key and the element it found.'],
      console: [
        'kubectl exec busybox -- wget -qO- http://frontend-svc',
        'ssh worker1 nft list map ip kube-proxy service-ips',
      ],
      check: (s, ctx) =>
        tracesTo(ctx, clusterIPOf(s, FRONTEND), 80).some(
          (t) => delivered(t) && t.hops.some((h) => h.element?.map === 'service-ips' && !!h.element.verdict),
        ),
      showMe: (s, ctx) => {
        const ip = clusterIPOf(s, FRONTEND);
        if (ip) send(s, ctx, BUSYBOX, { ip, port: 80 });
      },
    },
    {
      id: 'wrong-port',
      instruction:
        "One behaviour differs: send a request to a port frontend-svc does not have (its ClusterIP, port 81). iptables mode has no rule for it, so the client waits and times out; nftables mode's cluster-ips-check chain rejects it at once. Then see why the new mode scales: Rules → Compare modes → Measure.",
      hints: [
        'In the console: kubectl exec busybox -- wget -T 2 -O- http://frontend-svc:81 fails fast with "Connection refused".',
        'The chart: the rules a first packet meets grow with the number of Services in iptables mode and stay flat in nftables mode.',
      ],
      console: ['kubectl exec busybox -- wget -T 2 -O- http://frontend-svc:81'],
      check: (s, ctx) =>
        tracesTo(ctx, clusterIPOf(s, FRONTEND), 81).some(
          (t) => t.verdict === 'refused' && t.hops.some((h) => h.chain === 'cluster-ips-check'),
        ),
      showMe: (s, ctx) => {
        const ip = clusterIPOf(s, FRONTEND);
        if (ip) send(s, ctx, BUSYBOX, { ip, port: 81 });
      },
    },
  ],
};
