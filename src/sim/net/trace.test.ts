// Packet-flow tables in the style of kube-proxy's own tests: source, destination, expected verdict,
// where it ends, and the source address the Pod sees. trace.nft.test.ts runs this same table with
// kube-proxy in nftables mode: each rule check names the iptables rule and its nftables counterpart.
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../model/state';
import { tracePacket, type Source } from './trace';
import { apply, nodeIPOf, podsWith, svc, testProxyMode, withDefault } from '../testing';
import type { Trace, TraceHop } from './trace-types';
import { advance, settle } from '../step';
import { deleteObject } from '../apiserver/api';
import { setCloudLoadBalancer, setExternalRoute } from '../actions';
import { bridgeIP, flannelIP } from './trace';
import { hopRuleText } from './hop-text';

const busybox: Source = { kind: 'pod', namespace: 'default', name: 'busybox' };
const mode = testProxyMode();
/** Whether a hop used the rule `iptables` (iptables mode) or `nft` (nftables mode) recognizes. */
const used = (t: Trace, iptables: (h: TraceHop) => boolean, nft: (h: TraceHop) => boolean): boolean =>
  t.hops.some(mode === 'iptables' ? iptables : nft);
const last = (t: Trace): TraceHop => t.hops.at(-1)!;
const client: Source = { kind: 'client' };

function frontendIPs(s: ClusterState): string[] {
  return podsWith(s, 'app', 'frontend').map((p) => p.status.podIP!);
}

function nodePortCluster(extra = ''): ClusterState {
  const s = withDefault();
  apply(
    s,
    `apiVersion: v1
kind: Service
metadata:
  name: frontend-svc
spec:
  type: NodePort
  selector:
    app: frontend
  ports:
  - port: 80
    targetPort: 5000
    nodePort: 30967
${extra}`,
  );
  return s;
}

describe('ClusterIP', () => {
  it('works from a Pod: DNAT to a frontend Pod, source kept', () => {
    const s = withDefault();
    const t = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    expect(t.verdict).toBe('delivered');
    expect(frontendIPs(s)).toContain(t.endpoint!.split(':')[0]);
    expect(t.endpoint!.endsWith(':5000')).toBe(true);
    expect(t.sourceSeen).toBe(s.objects.pods['default/busybox'].status.podIP);
    expect(
      used(
        t,
        (h) => h.chain === 'KUBE-SERVICES' && !!hopRuleText(h)?.includes('"default/frontend-svc cluster IP"'),
        (h) => h.element?.map === 'service-ips' && !!h.element.verdict?.includes('-default/frontend-svc/tcp/'),
      ),
    ).toBe(true);
    expect(
      used(
        t,
        (h) => !!hopRuleText(h)?.includes('-j DNAT --to-destination'),
        (h) => !!hopRuleText(h)?.startsWith('meta l4proto tcp dnat to 10.244.'),
      ),
    ).toBe(true);
  });

  it('works from a node process, masqueraded to the egress interface address', () => {
    const s = withDefault();
    const t = tracePacket(
      s,
      { kind: 'node', name: 'master' },
      { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 },
    );
    expect(t.verdict).toBe('delivered');
    // master has no frontend Pods: the packet leaves by flannel.1 and is masqueraded to its address
    expect(t.sourceSeen).toBe(flannelIP(s, 'master'));
    expect(
      used(
        t,
        (h) => !!hopRuleText(h)?.includes('-j MASQUERADE'),
        (h) => h.chain === 'masquerading' && hopRuleText(h) === 'masquerade fully-random',
      ),
    ).toBe(true);
  });

  it('does not work from the external client: the packet leaves by its default route and nothing answers', () => {
    // The client's routing table has `default via GATEWAY` (ip route), so connect() sends the SYN out and
    // waits; no router knows the Service subnet, so the kernel's SYN retries run out (tcp_syn_retries=6,
    // net/ipv4/tcp_timer.c tcp_write_timeout) and connect fails with ETIMEDOUT, not EHOSTUNREACH.
    const s = withDefault();
    const t = tracePacket(s, client, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    expect(t.verdict).toBe('timed-out');
    expect(t.reason).toMatch(
      /^the packet left by the client's default gateway \d+\.\d+\.\d+\.1, and no router outside the cluster knows the Service subnet 10\.96\.0\.0\/12$/,
    );
    expect(t.hops.map((h) => h.kind)).toEqual(['send', 'timeout']);
    expect(t.hops[1].note).toMatch(/leaves by its default route via/);
  });

  it('counts the protocol: UDP does not match a TCP Service port', () => {
    const s = withDefault();
    const t = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80, proto: 'udp' });
    // iptables: no rule matches and nothing answers a ClusterIP; nftables: cluster-ips-check rejects
    // traffic to a ClusterIP port no Service has (proxier_test.go TestClusterIPGeneral, "TCP-only port
    // does not match UDP traffic": REJECT)
    if (mode === 'iptables') expect(t.verdict).toBe('timed-out');
    else {
      expect(t.verdict).toBe('refused');
      expect(last(t)).toMatchObject({ chain: 'cluster-ips-check' });
      expect(hopRuleText(last(t))).toContain('ip daddr @cluster-ips reject');
    }
  });

  it('spreads new connections over every endpoint', () => {
    const s = withDefault();
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++)
      seen.add(tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 }).pod!);
    expect(seen.size).toBe(3);
  });

  it('a Pod reaching itself through its Service is masqueraded (hairpin)', () => {
    const s = withDefault();
    apply(
      s,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, labels: {app: frontend}}
spec:
  replicas: 1
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec:
      containers:
      - name: frontend
        image: registry.k8s.io/e2e-test-images/agnhost:2.53
        args: ["netexec", "--http-port=5000"]
        ports: [{containerPort: 5000}]
`,
    );
    const [pod] = podsWith(s, 'app', 'frontend').filter((p) => !p.metadata.deletionTimestamp);
    const t = tracePacket(
      s,
      { kind: 'pod', namespace: 'default', name: pod.metadata.name },
      { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 },
    );
    expect(t.verdict).toBe('delivered');
    expect(t.pod).toBe(`default/${pod.metadata.name}`);
    expect(t.sourceSeen).toBe(bridgeIP(s, pod.spec.nodeName!));
  });

  it('a Service with no endpoints is rejected by the filter table', () => {
    const s = withDefault();
    apply(
      s,
      `apiVersion: v1
kind: Service
metadata: {name: nobody}
spec:
  selector: {app: nobody}
  ports: [{port: 8080}]
`,
    );
    const t = tracePacket(s, busybox, { ip: svc(s, 'nobody').spec.clusterIP!, port: 8080 });
    expect(t.verdict).toBe('refused');
    if (mode === 'iptables') {
      expect(t.reason).toMatch(
        /^rejected by kube-proxy's rule on \S+: default\/nobody has no endpoints \(ICMP port unreachable\)$/,
      );
      expect(hopRuleText(t.hops.at(-1)!)).toContain('-j REJECT');
      expect(hopRuleText(t.hops.at(-1)!)).toContain('"default/nobody has no endpoints"');
      // the hop carries the compiled rule itself: the reason is read from its comment, not its text
      expect(t.hops.at(-1)!.rule).toMatchObject({
        mode: 'iptables',
        match: { comment: 'default/nobody has no endpoints' },
        target: { kind: 'REJECT' },
      });
    } else {
      expect(last(t)).toMatchObject({ chain: 'reject-chain' });
      expect(hopRuleText(last(t))).toBe('reject');
      expect(
        t.hops.some((h) => h.element?.map === 'no-endpoint-services' && h.element.verdict === 'goto reject-chain'),
      ).toBe(true);
    }
  });

  it('a wrong targetPort reaches the Pod, which refuses it', () => {
    const s = withDefault();
    apply(
      s,
      `apiVersion: v1
kind: Service
metadata: {name: wrongport}
spec:
  selector: {app: frontend}
  ports: [{port: 80, targetPort: 8080}]
`,
    );
    const t = tracePacket(s, busybox, { ip: svc(s, 'wrongport').spec.clusterIP!, port: 80 });
    expect(t.verdict).toBe('refused');
    expect(t.reason).toMatch(/does not listen on TCP port 8080/);
  });
});

describe('NodePort', () => {
  it.each(['master', 'worker1', 'worker2'])('works on %s, also when the Pod is on another node', (node) => {
    const s = nodePortCluster();
    const pods = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const t = tracePacket(s, client, { ip: nodeIPOf(s, node), port: 30967 });
      expect(t.verdict).toBe('delivered');
      // externalTrafficPolicy Cluster: the Pod sees a node address, never the client's
      expect(t.sourceSeen).not.toBe(s.settings.client.ip);
      pods.add(t.pod!);
    }
    expect(pods.size).toBe(3);
  });

  it('a port that is not a NodePort is refused by the node', () => {
    const s = nodePortCluster();
    const t = tracePacket(s, client, { ip: nodeIPOf(s, 'worker1'), port: 30968 });
    expect(t.verdict).toBe('refused');
  });

  it('externalTrafficPolicy Local keeps the client address and drops on nodes without a local endpoint', () => {
    const s = nodePortCluster('  externalTrafficPolicy: Local\n');
    const fe = podsWith(s, 'app', 'frontend');
    const withEp = new Set(fe.map((p) => p.spec.nodeName));
    for (const node of ['worker1', 'worker2', 'master']) {
      const t = tracePacket(s, client, { ip: nodeIPOf(s, node), port: 30967 });
      if (withEp.has(node)) {
        expect(t.verdict).toBe('delivered');
        expect(t.sourceSeen).toBe(s.settings.client.ip);
        expect(s.objects.pods[t.pod!].spec.nodeName).toBe(node);
      } else {
        expect(t.verdict).toBe('dropped');
        if (mode === 'iptables') expect(hopRuleText(t.hops.at(-1)!)).toContain('has no local endpoints');
        else
          expect(last(t).element).toMatchObject({ map: 'no-endpoint-nodeports', key: 'tcp . 30967', verdict: 'drop' });
      }
    }
  });
});

describe('LoadBalancer', () => {
  const lb = `apiVersion: v1
kind: Service
metadata: {name: frontend-svc}
spec:
  type: LoadBalancer
  selector: {app: frontend}
  ports: [{port: 80, targetPort: 5000}]
`;
  it('stays <pending> without a cloud controller', () => {
    const s = withDefault();
    apply(s, lb);
    expect(svc(s, 'frontend-svc').status.loadBalancer.ingress).toBeUndefined();
    expect(svc(s, 'frontend-svc').spec.ports![0].nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('goes client → load balancer → a node’s NodePort → Pod, masqueraded with policy Cluster', () => {
    const s = withDefault({ cloudLoadBalancer: true });
    apply(s, lb);
    const ip = svc(s, 'frontend-svc').status.loadBalancer.ingress![0].ip!;
    const t = tracePacket(s, client, { ip, port: 80 });
    expect(t.verdict).toBe('delivered');
    expect(t.path[0]).toBe('client');
    expect(t.path[1]).toBe(`lb/${ip}`);
    expect(t.path[2]).toMatch(/^node\/worker/);
    expect(
      used(
        t,
        (h) => h.chain === 'KUBE-NODEPORTS',
        (h) => h.element?.map === 'service-nodeports',
      ),
    ).toBe(true);
    expect(t.sourceSeen).not.toBe(s.settings.client.ip);
  });

  it('with externalTrafficPolicy Local only nodes with a local endpoint take it, and the source survives', () => {
    const s = withDefault({ cloudLoadBalancer: true });
    apply(s, lb.replace('  type: LoadBalancer\n', '  type: LoadBalancer\n  externalTrafficPolicy: Local\n'));
    const ip = svc(s, 'frontend-svc').status.loadBalancer.ingress![0].ip!;
    for (let i = 0; i < 10; i++) {
      const t = tracePacket(s, client, { ip, port: 80 });
      expect(t.verdict).toBe('delivered');
      expect(t.sourceSeen).toBe(s.settings.client.ip);
      const node = t.path[2].slice('node/'.length);
      expect(s.objects.pods[t.pod!].spec.nodeName).toBe(node);
    }
  });

  it('loses its ingress when the cloud controller is switched off', () => {
    const s = withDefault({ cloudLoadBalancer: true });
    apply(s, lb);
    setCloudLoadBalancer(s, false);
    settle(s);
    expect(svc(s, 'frontend-svc').status.loadBalancer.ingress).toBeUndefined();
  });
});

describe('ExternalIP', () => {
  const ext = `apiVersion: v1
kind: Service
metadata: {name: frontend-svc}
spec:
  selector: {app: frontend}
  externalIPs: [198.51.100.20]
  ports: [{port: 80, targetPort: 5000}]
`;
  it('works when the administrator routes the address to a node', () => {
    const s = withDefault();
    apply(s, ext);
    setExternalRoute(s, '198.51.100.20', 'worker2');
    const t = tracePacket(s, client, { ip: '198.51.100.20', port: 80 });
    expect(t.verdict).toBe('delivered');
    expect(t.path).toContain('node/worker2');
    expect(
      used(
        t,
        (h) => !!hopRuleText(h)?.includes('"default/frontend-svc external IP"'),
        (h) => h.element?.key === '198.51.100.20 . tcp . 80' && !!h.element.verdict?.startsWith('goto external-'),
      ),
    ).toBe(true);
  });
  it('does not work without a route: the packet takes the default route and is lost', () => {
    const s = withDefault();
    apply(s, ext);
    expect(tracePacket(s, client, { ip: '198.51.100.20', port: 80 }).verdict).toBe('timed-out');
  });
});

describe('internalTrafficPolicy Local', () => {
  it('only reaches endpoints on the sender’s node, and drops when there are none', () => {
    const s = withDefault();
    apply(
      s,
      `apiVersion: v1
kind: Service
metadata: {name: db-svc}
spec:
  internalTrafficPolicy: Local
  selector: {app: db}
  ports: [{port: 6379, targetPort: 6379}]
`,
    );
    const dbNode = s.objects.pods['default/db'].spec.nodeName!;
    const ip = svc(s, 'db-svc').spec.clusterIP!;
    const other = dbNode === 'worker1' ? 'worker2' : 'worker1';
    expect(tracePacket(s, { kind: 'node', name: dbNode }, { ip, port: 6379 }).verdict).toBe('delivered');
    const t = tracePacket(s, { kind: 'node', name: other }, { ip, port: 6379 });
    expect(t.verdict).toBe('dropped');
  });
});

describe('Pods that die', () => {
  it('a Pod IP works until the Pod dies; the Service keeps answering from a live Pod', () => {
    const s = withDefault();
    const [victim] = podsWith(s, 'app', 'frontend');
    const ip = victim.status.podIP!;
    expect(tracePacket(s, busybox, { ip, port: 5000 }).verdict).toBe('delivered');
    deleteObject(s, 'Pod', 'default', victim.metadata.name);
    settle(s);
    expect(s.objects.pods[`default/${victim.metadata.name}`]).toBeUndefined();
    const now = podsWith(s, 'app', 'frontend');
    expect(now).toHaveLength(3);
    expect(now.map((p) => p.status.podIP)).not.toContain(ip);
    expect(tracePacket(s, busybox, { ip, port: 5000 }).verdict).toBe('timed-out');
    for (let i = 0; i < 20; i++) {
      const t = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
      expect(t.verdict).toBe('delivered');
      expect(t.endpoint).not.toBe(`${ip}:5000`);
    }
  });

  it('in the stale window before a node re-syncs, a request can still be sent to the dead endpoint', () => {
    const s = withDefault();
    const [victim] = podsWith(s, 'app', 'frontend');
    deleteObject(s, 'Pod', 'default', victim.metadata.name);
    advance(s, 150); // the app has exited on SIGTERM; worker1's kube-proxy has not synced yet
    const node = 'worker1';
    expect(s.proxies[node].dirtySince).not.toBeNull();
    const verdicts = new Set<string>();
    for (let i = 0; i < 40; i++)
      verdicts.add(
        tracePacket(s, { kind: 'node', name: node }, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 }).verdict,
      );
    expect(verdicts.has('refused')).toBe(true);
    expect(verdicts.has('delivered')).toBe(true);
    settle(s);
    for (let i = 0; i < 40; i++)
      expect(
        tracePacket(s, { kind: 'node', name: node }, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 }).verdict,
      ).toBe('delivered');
  });
});

describe('session affinity', () => {
  it('ClientIP keeps a client on one endpoint', () => {
    const s = withDefault();
    apply(
      s,
      `apiVersion: v1
kind: Service
metadata: {name: frontend-svc}
spec:
  sessionAffinity: ClientIP
  selector: {app: frontend}
  ports: [{port: 80, targetPort: 5000}]
`,
    );
    const first = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    for (let i = 0; i < 15; i++)
      expect(tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 }).pod).toBe(first.pod);
  });
});

describe('determinism', () => {
  it('the same scenario and seed give the same cluster and the same traces', () => {
    const a = withDefault();
    const b = withDefault();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const ta = tracePacket(a, busybox, { ip: svc(a, 'frontend-svc').spec.clusterIP!, port: 80 });
    const tb = tracePacket(b, busybox, { ip: svc(b, 'frontend-svc').spec.clusterIP!, port: 80 });
    expect(ta).toEqual(tb);
  });
  it('another seed gives other IPs', () => {
    expect(svc(withDefault({ seed: 2 }), 'frontend-svc').spec.clusterIP).not.toBe(
      svc(withDefault(), 'frontend-svc').spec.clusterIP,
    );
  });
});

describe('conntrack', () => {
  it('keeps an established connection on its endpoint; when that Pod dies it breaks, and a new one goes to a live endpoint', async () => {
    const { traceEstablished } = await import('./established');
    const s = withDefault();
    const first = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    expect(first.verdict).toBe('delivered');
    for (let i = 0; i < 10; i++) {
      const next = traceEstablished(s, first);
      expect(next.verdict).toBe('delivered');
      expect(next.pod).toBe(first.pod);
      expect(next.hops.some((h) => h.conntrack?.startsWith('ESTABLISHED'))).toBe(true);
    }
    const [ns, name] = first.pod!.split('/');
    deleteObject(s, 'Pod', ns, name);
    settle(s);
    expect(traceEstablished(s, first).verdict).toBe('timed-out');
    const fresh = tracePacket(s, busybox, { ip: svc(s, 'frontend-svc').spec.clusterIP!, port: 80 });
    expect(fresh.verdict).toBe('delivered');
    expect(fresh.pod).not.toBe(first.pod);
  });

  it('an established connection through the load balancer stays on its node and Pod', async () => {
    const { traceEstablished } = await import('./established');
    const s = withDefault({ cloudLoadBalancer: true });
    apply(
      s,
      `apiVersion: v1
kind: Service
metadata: {name: frontend-svc}
spec:
  type: LoadBalancer
  selector: {app: frontend}
  ports: [{port: 80, targetPort: 5000}]
`,
    );
    const ip = svc(s, 'frontend-svc').status.loadBalancer.ingress![0].ip!;
    const first = tracePacket(s, client, { ip, port: 80 });
    for (let i = 0; i < 5; i++) {
      const next = traceEstablished(s, first);
      expect(next.pod).toBe(first.pod);
      expect(next.path[1]).toBe(first.path[1]);
      expect(next.path[2]).toBe(first.path[2]);
    }
  });
});
