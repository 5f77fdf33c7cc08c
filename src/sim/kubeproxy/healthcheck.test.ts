// kube-proxy's health servers (kubernetes pkg/proxy/healthcheck, v1.34) as the shell and the cloud
// load balancer meet them.
import { describe, expect, it } from 'vitest';
import { shellOn } from '../shell/test-helpers';
import { withDefault, nodeIPOf } from '../testing';
import { DEFAULT_SETTINGS } from '../cluster';

const LB = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector: {app: frontend}
  ports: [{name: http, port: 80, targetPort: 5000}, {name: alt, port: 8080, targetPort: 5000}]
`;

function cluster() {
  const sh = shellOn(withDefault({ cloudLoadBalancer: true }));
  sh.run(`cat > /root/web.yaml <<'EOF'\n${LB}EOF`);
  sh.run('kubectl apply -f /root/web.yaml');
  sh.settle();
  const svc = sh.state.objects.services['default/web'];
  const count = (node: string) =>
    new Set(
      Object.values(sh.state.objects.pods)
        .filter((p) => p.metadata.labels?.app === 'frontend' && p.spec.nodeName === node)
        .map((p) => p.status.podIP),
    ).size;
  return { sh, svc, hc: svc.spec.healthCheckNodePort!, count };
}

describe('the service health check (service_health.go hcHandler.ServeHTTP)', () => {
  it('answers 200 with the local endpoint count on a node with Pods, 503 with 0 elsewhere', () => {
    const { sh, hc, count } = cluster();
    expect(hc).toBeGreaterThanOrEqual(30000);
    const nodes = Object.keys(sh.state.objects.nodes).filter((n) => n.startsWith('worker'));
    let seen200 = false;
    for (const node of ['master', ...nodes]) {
      const r = sh.run(`curl -si http://${nodeIPOf(sh.state, node)}:${hc}/anything`);
      const n = count(node);
      // LocalReadyEndpoints counts distinct IPs: two Service ports to one Pod are one endpoint
      const status = n ? 'HTTP/1.1 200 OK' : 'HTTP/1.1 503 Service Unavailable';
      if (n) seen200 = true;
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe(status);
      // the handler sets Content-Type and X-Content-Type-Options; net/http adds Date and Content-Length
      expect(lines[1]).toBe('Content-Type: application/json');
      expect(lines[2]).toBe('X-Content-Type-Options: nosniff');
      expect(lines[3]).toMatch(/^Date: /);
      // fmt.Fprint of the dedented template, trimmed of newlines: tabs, no trailing newline
      expect(r.stdout.split('\n\n')[1]).toBe(
        `{\n\t"service": {\n\t\t"namespace": "default",\n\t\t"name": "web"\n\t},\n\t"localEndpoints": ${n},\n\t"serviceProxyHealthy": true\n}`,
      );
    }
    expect(seen200).toBe(true);
  });

  it('follows the Pods after kube-proxy syncs, and the load balancer only picks nodes answering 200', () => {
    const { sh, svc, hc, count } = cluster();
    const ip = svc.status.loadBalancer.ingress![0].ip!;
    sh.run('kubectl scale deployment frontend --replicas=1');
    sh.settle();
    const withPod = Object.keys(sh.state.objects.nodes).filter((n) => count(n) > 0);
    expect(withPod).toHaveLength(1);
    for (const node of Object.keys(sh.state.objects.nodes)) {
      const code = sh.run(`curl -s -o /dev/null -w '%{http_code}' ${nodeIPOf(sh.state, node)}:${hc}`).stdout;
      expect(code).toBe(withPod.includes(node) ? '200' : '503');
    }
    for (let i = 0; i < 8; i++) {
      const t = sh.run(`trace client ${ip}:80`).stdout;
      expect(t).toMatch(new RegExp(`picks ${withPod[0]} of 1 healthy node`));
    }
  });

  it('listens on every address in iptables mode (netstat :::port), from the node itself and from a Pod', () => {
    const { sh, hc } = cluster();
    expect(sh.run(`ssh worker1 netstat -tlnp | grep ${hc}`).stdout).toBe(
      `tcp6       0      0 :::${hc}                :::*                    LISTEN      1402/kube-proxy\n`,
    );
    expect(sh.run(`ssh worker1 curl -s localhost:${hc}`).stdout).toContain('"localEndpoints": ');
    const w = sh.run(`kubectl exec busybox -- wget -qO- http://${nodeIPOf(sh.state, 'worker1')}:${hc}/`);
    expect(w.stdout).toContain('"name": "web"');
  });

  it('closes when the Service stops needing it (SyncServices)', () => {
    const { sh, hc } = cluster();
    // dropTypeDependentFields (strategy PrepareForUpdate) clears the port the user left as it was
    expect(sh.run(`kubectl patch svc web -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`).stdout).toBe(
      'service/web patched\n',
    );
    expect(sh.state.objects.services['default/web'].spec.healthCheckNodePort).toBeUndefined();
    sh.settle();
    const r = sh.run(`curl -s ${nodeIPOf(sh.state, 'worker1')}:${hc}`);
    expect(r.exitCode).toBe(7);
  });
});

describe('the proxy health server on 10256 (proxy_health.go healthzHandler, livezHandler)', () => {
  it('prints lastUpdated and currentTime as Go prints a time.Time with %q, and nodeEligible', () => {
    const sh = shellOn();
    const r = sh.run('ssh worker1 curl -si localhost:10256/healthz');
    const [head, body] = r.stdout.split('\n\n');
    expect(head.split('\n').slice(0, 3)).toEqual([
      'HTTP/1.1 200 OK',
      'Content-Type: application/json',
      'X-Content-Type-Options: nosniff',
    ]);
    const t = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC m=\\+\\d+\\.\\d{9}';
    expect(body).toMatch(new RegExp(`^\\{"lastUpdated": "${t}","currentTime": "${t}", "nodeEligible": true\\}$`));
    // healthy: lastUpdated is the current time
    const m = body.match(/"lastUpdated": "([^"]+)","currentTime": "([^"]+)"/)!;
    expect(m[1]).toBe(m[2]);
    expect(sh.run('ssh worker1 curl -s localhost:10256/livez').stdout).toMatch(
      new RegExp(`^\\{"lastUpdated": "${t}","currentTime": "${t}"\\}$`),
    );
    expect(sh.run('ssh worker1 curl -si localhost:10256/').stdout).toMatch(/^HTTP\/1\.1 404 Not Found\n/);
  });

  it('/healthz answers 503 with nodeEligible false on a node tainted ToBeDeletedByClusterAutoscaler; /livez stays 200', () => {
    const sh = shellOn();
    // what the cluster autoscaler does to a node it is about to remove
    sh.state.objects.nodes.worker1.spec.taints = [
      { key: 'ToBeDeletedByClusterAutoscaler', value: '1', effect: 'NoSchedule' },
    ];
    const r = sh.run('ssh worker1 curl -si localhost:10256/healthz');
    expect(r.stdout).toMatch(/^HTTP\/1\.1 503 Service Unavailable\n/);
    expect(r.stdout).toMatch(/"nodeEligible": false\}$/);
    expect(sh.run("ssh worker1 curl -s -o /dev/null -w '%{http_code}' localhost:10256/livez").stdout).toBe('200');
  });
});

describe('the service health check in nftables mode (--nodeport-addresses defaults to "primary")', () => {
  it('listens on the node IP only: newServiceHealthServer takes the node port addresses', async () => {
    await import('../nftables');
    const sh = shellOn(
      withDefault({ cloudLoadBalancer: true, kubeProxy: { ...DEFAULT_SETTINGS.kubeProxy, mode: 'nftables' } }),
    );
    sh.run(`cat > /root/web.yaml <<'EOF'\n${LB}EOF`);
    sh.run('kubectl apply -f /root/web.yaml');
    sh.settle();
    const hc = sh.state.objects.services['default/web'].spec.healthCheckNodePort!;
    const ip = nodeIPOf(sh.state, 'worker1');
    expect(sh.run(`ssh worker1 netstat -tlnp | grep ${hc}`).stdout).toMatch(
      new RegExp(`^tcp +0 +0 ${ip.replace(/\./g, '\\.')}:${hc} +0\\.0\\.0\\.0:\\* +LISTEN +1402/kube-proxy\\n$`),
    );
    expect(sh.run(`ssh worker1 curl -s -o /dev/null -w '%{http_code}' ${ip}:${hc}`).stdout).toMatch(/^(200|503)$/);
    expect(sh.run(`ssh worker1 curl -s localhost:${hc}`).exitCode).toBe(7);
  });
});
