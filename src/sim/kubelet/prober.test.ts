// kubelet's probes, judged against what the simulated containers really do. Behaviour from
// pkg/kubelet/prober/worker.go (doProbe: initialDelaySeconds against the container's start, a run of
// results counted against successThreshold / failureThreshold, readiness starting as Failure, liveness and
// startup holding after a failure until the container restarts, readiness and liveness waiting for the
// startup probe), pkg/kubelet/prober/prober.go (the "%s probe failed: %s" Unhealthy event), pkg/probe/http
// (200 <= code < 400, "HTTP probe failed with statuscode: %d"), pkg/probe/tcp (the dial error),
// pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions ("Container %s failed liveness probe",
// killed with ", will be restarted"), SetDefaults_Probe (1 s timeout, 10 s period, 1 / 3 thresholds) and
// kubectl's describe.go DescribeProbe.
import { describe, expect, it } from 'vitest';
import { apply, withDefault, podsWith } from '../testing';
import { advance } from '../step';
import { shellOn } from '../shell/test-helpers';
import { slicesOf } from '../controllers/endpointslice';
import { isPodReady } from '../model/facts';
import type { ClusterState } from '../model/state';

const deploy = (name: string, container: string, replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
${container}
---
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: 5000}]
`;

const EXEC_READY = `      - name: app
        image: registry.k8s.io/e2e-test-images/agnhost:2.53
        args: ["netexec", "--http-port=5000"]
        readinessProbe:
          exec: {command: ["cat", "/tmp/healthy"]}
          periodSeconds: 5`;

const unhealthy = (s: ClusterState, name: string) =>
  s.events.filter((e) => e.object.name === name && e.reason === 'Unhealthy').map((e) => e.message);

function endpointConditions(s: ClusterState, svc: string, pod: string) {
  return slicesOf(s, 'default', svc)
    .flatMap((e) => e.endpoints)
    .find((e) => e.targetRef?.name === pod)?.conditions;
}

describe('readiness probes', () => {
  it('exec: not Ready until the file exists; rm takes the Pod out of its Service, touch brings it back', () => {
    const s = withDefault();
    apply(s, deploy('web', EXEC_READY));
    const sh = shellOn(s);
    const [a, b] = podsWith(s, 'app', 'web');
    // readiness starts as Failure and the file is not there: 0/1, and the EndpointSlice says not ready
    expect(isPodReady(a)).toBe(false);
    expect(sh.run('kubectl get pods -l app=web').stdout).toMatch(new RegExp(`${a.metadata.name} +0/1 +Running`));
    expect(endpointConditions(s, 'web', a.metadata.name)).toEqual({ ready: false, serving: false, terminating: false });
    expect(unhealthy(s, a.metadata.name)).toEqual([
      "Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
    ]);
    for (const p of [a, b]) expect(sh.run(`kubectl exec ${p.metadata.name} -- touch /tmp/healthy`).exitCode).toBe(0);
    advance(s, 5000); // the next tick: one success is enough (successThreshold 1)
    expect(podsWith(s, 'app', 'web').every(isPodReady)).toBe(true);
    expect(endpointConditions(s, 'web', a.metadata.name)).toEqual({ ready: true, serving: true, terminating: false });

    // the app turns unready: after failureThreshold (3) failed probes, 5 s apart, the kubelet publishes it
    sh.run(`kubectl exec ${a.metadata.name} -- rm /tmp/healthy`);
    advance(s, 10_000);
    expect(isPodReady(s.objects.pods[`default/${a.metadata.name}`])).toBe(true);
    advance(s, 5000);
    expect(isPodReady(s.objects.pods[`default/${a.metadata.name}`])).toBe(false);
    expect(endpointConditions(s, 'web', a.metadata.name)).toEqual({ ready: false, serving: false, terminating: false });
    advance(s, 2000); // kube-proxy's sync catches up
    // no new connection reaches it: every request through the Service lands on the other Pod
    const hosts = new Set<string>();
    for (let i = 0; i < 12; i++) hosts.add(sh.run('kubectl exec busybox -- wget -qO- web/hostname').stdout);
    expect([...hosts]).toEqual([b.metadata.name]);
    // it is still Running and reachable on its own address: readiness only decides the Service's traffic
    expect(sh.run(`kubectl get pod ${a.metadata.name}`).stdout).toMatch(/0\/1 +Running +0 /);
    expect(sh.run(`curl -s ${s.objects.pods[`default/${a.metadata.name}`].status.podIP}:5000/hostname`).stdout).toBe(
      a.metadata.name,
    );

    sh.run(`kubectl exec ${a.metadata.name} -- touch /tmp/healthy`);
    advance(s, 5000);
    expect(isPodReady(s.objects.pods[`default/${a.metadata.name}`])).toBe(true);
    expect(sh.run(`kubectl describe pod ${a.metadata.name}`).stdout).toContain(
      '    Readiness:      exec [cat /tmp/healthy] delay=0s timeout=1s period=5s #success=1 #failure=3\n',
    );
  });

  it('httpGet: the status the image really answers (agnhost netexec /healthz 412 without its UDP server; /echo?code=503)', () => {
    const s = withDefault();
    const c = (name: string, args: string, path: string) => `      - name: ${name}
        image: registry.k8s.io/e2e-test-images/agnhost:2.53
        args: [${args}]
        ports: [{containerPort: 5000}]
        readinessProbe:
          httpGet: {path: "${path}", port: 5000}`;
    apply(
      s,
      deploy('noudp', c('app', '"netexec", "--http-port=5000", "--udp-port=-1"', '/healthz'), 1) +
        '---\n' +
        deploy('busy', c('app', '"netexec", "--http-port=5000"', '/echo?code=503'), 1) +
        '---\n' +
        deploy('fine', c('app', '"netexec", "--http-port=5000"', '/healthz'), 1) +
        '---\n' +
        deploy(
          'wrongport',
          c('app', '"netexec", "--http-port=5000"', '/healthz').replace('port: 5000}', 'port: 8080}'),
          1,
        ),
    );
    const [noudp] = podsWith(s, 'app', 'noudp');
    const [busy] = podsWith(s, 'app', 'busy');
    const [fine] = podsWith(s, 'app', 'fine');
    const [wrong] = podsWith(s, 'app', 'wrongport');
    expect(unhealthy(s, noudp.metadata.name)).toEqual([
      'Readiness probe failed: HTTP probe failed with statuscode: 412',
    ]);
    expect(unhealthy(s, busy.metadata.name)).toEqual([
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
    ]);
    const ip = wrong.status.podIP;
    expect(unhealthy(s, wrong.metadata.name)).toEqual([
      `Readiness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`,
    ]);
    expect([noudp, busy, wrong].map(isPodReady)).toEqual([false, false, false]);
    expect(isPodReady(fine)).toBe(true);
    expect(unhealthy(s, fine.metadata.name)).toEqual([]);
    // the same server answers a learner's curl the same way
    const sh = shellOn(s);
    expect(sh.run(`curl -s -o /dev/null -w '%{http_code}' ${noudp.status.podIP}:5000/healthz`).stdout).toBe('412');
    expect(sh.run(`kubectl describe pod ${fine.metadata.name}`).stdout).toContain(
      'Readiness:      http-get http://:5000/healthz delay=0s timeout=1s period=10s #success=1 #failure=3\n',
    );
  });

  it('tcpSocket: a port nobody listens on is the dial error; successThreshold counts successes in a row', () => {
    const s = withDefault();
    apply(
      s,
      deploy(
        'tcp',
        `      - name: app
        image: redis:8.2
        readinessProbe:
          tcpSocket: {port: 6380}
      - name: side
        image: nginx
        readinessProbe:
          tcpSocket: {port: 80}
          periodSeconds: 2
          successThreshold: 3`,
        1,
      ),
    );
    const [p] = podsWith(s, 'app', 'tcp');
    expect(unhealthy(s, p.metadata.name)).toEqual([
      `Readiness probe failed: dial tcp ${p.status.podIP}:6380: connect: connection refused`,
    ]);
    const cs = () => s.objects.pods[`default/${p.metadata.name}`].status.containerStatuses!;
    expect(cs().map((c) => c.ready)).toEqual([false, true]); // nginx's 3 successes came 2 s apart
    expect(shellOn(s).run('kubectl get pods -l app=tcp').stdout).toMatch(/ 1\/2 +Running /);
  });
});

describe('liveness and startup probes', () => {
  it("the docs' liveness example: the file goes after 30 s, three failures later the container is restarted", () => {
    const s = withDefault();
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata: {name: liveness-exec, labels: {test: liveness}}
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args: [/bin/sh, -c, touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600]
    livenessProbe:
      exec: {command: [cat, /tmp/healthy]}
      initialDelaySeconds: 5
      periodSeconds: 5
`,
    );
    const pod = () => s.objects.pods['default/liveness-exec'];
    const start = pod().status.containerStatuses![0].state.running!.startedAt;
    expect(unhealthy(s, 'liveness-exec')).toEqual([]);
    advance(s, start + 30_000 - s.now); // the script removed the file
    expect(pod().status.containerStatuses![0].restartCount).toBe(0);
    advance(s, 16_000);
    const ev = s.events.filter((e) => e.object.name === 'liveness-exec' && e.type === 'Warning');
    expect(ev[0]).toMatchObject({
      reason: 'Unhealthy',
      message: "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n",
      count: 3,
    });
    expect(
      s.events.some(
        (e) => e.reason === 'Killing' && e.message === 'Container liveness failed liveness probe, will be restarted',
      ),
    ).toBe(true);
    advance(s, 2000);
    // restarted from its image: the script runs again and the file is back
    expect(pod().status.containerStatuses![0]).toMatchObject({ restartCount: 1, ready: true, state: { running: {} } });
    expect(s.runtime[pod().metadata.uid].files).toEqual({ '/tmp/healthy': '' });
  });

  it('startup probe: readiness waits for it; failing it past failureThreshold restarts the container', () => {
    const s = withDefault();
    apply(
      s,
      `apiVersion: v1
kind: Pod
metadata: {name: slow}
spec:
  containers:
  - name: app
    image: nginx
    startupProbe:
      httpGet: {path: /ready, port: 80}
      periodSeconds: 3
      failureThreshold: 4
    readinessProbe:
      httpGet: {path: /, port: 80}
`,
      false,
    );
    advance(s, 10_000);
    const pod = () => s.objects.pods['default/slow'];
    const cs = () => pod().status.containerStatuses![0];
    expect(cs()).toMatchObject({ started: false, ready: false, restartCount: 0 });
    // readiness never ran: only the startup probe's failures (nginx answers 404 for /ready)
    expect(new Set(unhealthy(s, 'slow'))).toEqual(
      new Set(['Startup probe failed: HTTP probe failed with statuscode: 404']),
    );
    advance(s, 6000);
    expect(
      s.events.some(
        (e) => e.reason === 'Killing' && e.message === 'Container app failed startup probe, will be restarted',
      ),
    ).toBe(true);
    expect(shellOn(s).run('kubectl get pod slow').stdout).toMatch(/^slow +0\/1 +(Completed|Running) +[01] /m);
  });

  it('a probe that passes leaves the cluster settled: settling does not chase steady ticks', () => {
    const s = withDefault();
    const t0 = s.now;
    apply(
      s,
      deploy(
        'steady',
        `      - name: app
        image: nginx
        readinessProbe: {httpGet: {path: /, port: 80}}
        livenessProbe: {tcpSocket: {port: 80}}`,
      ),
    );
    expect(s.now - t0).toBeLessThan(20_000);
    expect(podsWith(s, 'app', 'steady').every(isPodReady)).toBe(true);
  });
});
