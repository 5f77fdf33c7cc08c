// kubectl and apiserver behaviours checked against the Kubernetes 1.34 sources (issue 14, item 6).
import { describe, expect, it } from 'vitest';
import { shellOn, snapshot } from './test-helpers';
import { advance } from '../step';

describe('kubectl create service (staging/src/k8s.io/kubectl/pkg/cmd/create/create_service.go)', () => {
  it('ServiceOptions.Validate only wants --tcp when the ClusterIP is not None', () => {
    const sh = shellOn();
    expect(sh.run('kubectl create service clusterip hl --clusterip=None')).toMatchObject({
      stdout: 'service/hl created\n',
      exitCode: 0,
    });
    const svc = sh.state.objects.services['default/hl'];
    expect(svc.spec.clusterIP).toBe('None');
    // createService leaves ports empty, and ServiceSpec.Ports is omitempty
    expect(svc.spec.ports).toBeUndefined();
    expect(sh.run('kubectl get svc hl').stdout).toMatch(/^hl +ClusterIP +None +<none> +<none> +\S+\n$/m);
    const before = snapshot(sh.state);
    expect(sh.run('kubectl create service clusterip hl2')).toMatchObject({
      stderr: 'error: at least one tcp port specifier must be provided\n',
      exitCode: 1,
    });
    expect(sh.run('kubectl create service nodeport np --clusterip=None')).toMatchObject({ exitCode: 1 });
    expect(snapshot(sh.state)).toBe(before);
  });
});

describe('the apiserver allocates before it validates a new Service', () => {
  // pkg/registry/core/service/storage/storage.go beginCreate (allocateCreate) is the registry's
  // BeginCreate hook; staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go Store.Create
  // calls BeginCreate before rest.BeforeCreate (which validates)
  const y = (name: string, port: number, np: number) => `apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  type: NodePort
  selector: {app: frontend}
  ports: [{port: ${port}, targetPort: 5000, nodePort: ${np}}]
`;
  it('so a taken nodePort hides an out-of-range port; without it, validation speaks', () => {
    const sh = shellOn();
    for (const [f, n, port, np] of [
      ['a', 'a', 80, 30080],
      ['b', 'b', 70000, 30080],
      ['c', 'c', 70000, 30081],
    ] as const)
      sh.run(`cat > /root/${f}.yaml <<'EOF'\n${y(n, port, np)}EOF`);
    expect(sh.run('kubectl create -f /root/a.yaml').exitCode).toBe(0);
    const before = snapshot(sh.state);
    expect(sh.run('kubectl create -f /root/b.yaml').stderr).toBe(
      'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n',
    );
    expect(sh.run('kubectl create -f /root/c.yaml').stderr).toBe(
      'The Service "c" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
    );
    // a refused create takes nothing (finishCreate(false) rolls the allocation back)
    expect(snapshot(sh.state)).toBe(before);
    expect(sh.state.alloc.nodePorts['30081']).toBeUndefined();
  });
});

describe('legacy IP forms: accepted in 1.34 with a warning (StrictIPCIDRValidation alpha, off)', () => {
  // pkg/apis/core/validation IsValidIPForLegacyField accepts what netutils.ParseIPSloppy parses;
  // pkg/api/service/warnings.go GetWarningsForService adds apimachinery GetWarningsForIP's text per
  // clusterIPs[i] and externalIPs[i]; kubectl's warning handler prints "Warning: " + text on stderr
  const y = `apiVersion: v1
kind: Service
metadata: {name: legacy}
spec:
  clusterIP: 010.096.000.100
  selector: {app: frontend}
  externalIPs: [198.051.100.020]
  ports: [{port: 80, targetPort: 5000}]
`;
  it('stores the address as written, allocates and proxies the address it names, and warns', () => {
    const sh = shellOn();
    sh.run(`cat > /root/legacy.yaml <<'EOF'\n${y}EOF`);
    const r = sh.run('kubectl apply -f /root/legacy.yaml');
    expect(r.stdout).toBe('service/legacy created\n');
    expect(r.stderr).toBe(
      'Warning: spec.clusterIPs[0]: non-standard IP address "010.096.000.100" will be considered invalid in a future Kubernetes release: use "10.96.0.100"\n' +
        'Warning: spec.externalIPs[0]: non-standard IP address "198.051.100.020" will be considered invalid in a future Kubernetes release: use "198.51.100.20"\n',
    );
    sh.settle();
    expect(sh.state.objects.services['default/legacy'].spec.clusterIP).toBe('010.096.000.100');
    // the allocator holds the address itself: the canonical spelling is taken
    expect(sh.run('kubectl create service clusterip x --clusterip=10.96.0.100 --tcp=80').stderr).toContain(
      'failed to allocate IP 10.96.0.100: provided IP is already allocated',
    );
    // kube-proxy (serviceport.go) parses sloppily too
    const nat = sh.run('iptables-save -t nat').stdout;
    expect(nat).toContain('-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m comment --comment "default/legacy cluster IP"');
    expect(nat).toContain(
      '-A KUBE-SERVICES -d 198.51.100.20/32 -p tcp -m comment --comment "default/legacy external IP"',
    );
    expect(sh.run('kubectl exec busybox -- wget -qO- 10.96.0.100/hostname').stdout).toMatch(/^frontend-/);
    // BeforeUpdate warns again on every accepted write, even one that changes nothing
    expect(sh.run('kubectl apply -f /root/legacy.yaml').stderr).toContain('Warning: spec.clusterIPs[0]');
  });
});

describe('kubectl describe pod: Image ID and the kube-api-access volume', () => {
  it('shows the runtime digest and the ServiceAccount admission plugin projected volume', () => {
    const sh = shellOn();
    sh.run('kubectl run web --image=nginx:1.29');
    sh.settle();
    const out = sh.run('kubectl describe pod web').stdout;
    // containerd reports the fully qualified repository @ the manifest digest
    const id = out.match(/^ {4}Image ID: +(\S+)$/m)?.[1];
    expect(id).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    // the same image, the same digest, in every Pod
    sh.run('kubectl run web2 --image=nginx:1.29');
    sh.settle();
    expect(sh.run('kubectl describe pod web2').stdout).toContain(`Image ID:       ${id}\n`);
    // plugin/pkg/admission/serviceaccount/admission.go mountServiceAccountToken: "kube-api-access-" +
    // 5 random characters, mounted read-only at the token path in every container
    const vol = sh.state.objects.pods['default/web'].spec.volumes?.[0].name ?? '';
    expect(vol).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    // describe.go describeContainerVolumes and describeVolumes / printProjectedVolumeSource
    expect(out).toContain(`    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from ${vol} (ro)\n`);
    expect(out).toContain(
      `Volumes:\n  ${vol}:\n` +
        '    Type:                    Projected (a volume that contains injected data from multiple sources)\n' +
        '    TokenExpirationSeconds:  3607\n' +
        '    ConfigMapName:           kube-root-ca.crt\n' +
        '    Optional:                false\n' +
        '    DownwardAPI:             true\n' +
        'QoS Class:                   BestEffort\n',
    );
    // a Pod that opts out gets none; a Deployment's Pods get one each
    sh.run(`cat > /root/p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: quiet}
spec:
  automountServiceAccountToken: false
  containers: [{name: c, image: busybox:1.36, command: [sleep, "3600"]}]
EOF`);
    expect(sh.run('kubectl apply -f /root/p.yaml').exitCode).toBe(0);
    sh.settle();
    expect(sh.run('kubectl describe pod quiet').stdout).toContain('    Mounts:         <none>\n');
    const fe = Object.values(sh.state.objects.pods).filter((p) => p.metadata.labels?.app === 'frontend');
    for (const p of fe) expect(p.spec.containers[0].volumeMounts?.[0].name).toMatch(/^kube-api-access-/);
    // the YAML a user saves re-applies: the merge patch keeps the server's volume
    sh.run('kubectl get pod web -o yaml > /root/w.yaml');
    expect(sh.run('kubectl apply -f /root/w.yaml').exitCode).toBe(0);
    sh.run(`cat > /root/w2.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {run: web, x: y}}
spec:
  containers: [{name: web, image: nginx:1.29}]
EOF`);
    expect(sh.run('kubectl apply -f /root/w2.yaml').stdout).toBe('pod/web configured\n');
    expect(sh.state.objects.pods['default/web'].spec.volumes?.[0].name).toBe(vol);
  });
});

describe('agnhost netexec /exit (test/images/agnhost/netexec/netexec.go exitHandler)', () => {
  it('answers bad arguments; otherwise os.Exit(code) before replying, and kubelet restarts the container', () => {
    const sh = shellOn();
    const pod = Object.values(sh.state.objects.pods).find((p) => p.metadata.labels?.app === 'frontend')!;
    const ip = pod.status.podIP!;
    expect(sh.run(`kubectl exec busybox -- wget -qO- ${ip}:5000/exit?code=abc`).stdout).toBe(
      `argument 'code' must be an integer [0-127] or empty, got "abc"\n`,
    );
    expect(sh.run(`curl -sS ${ip}:5000/exit?code=3`)).toMatchObject({
      stderr: 'curl: (52) Empty reply from server\n',
      exitCode: 52,
    });
    const st = sh.state.objects.pods[`default/${pod.metadata.name}`].status.containerStatuses![0];
    expect(st.state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    sh.settle();
    const after = sh.state.objects.pods[`default/${pod.metadata.name}`].status.containerStatuses![0];
    expect(after.restartCount).toBe(1);
    expect(after.lastState?.terminated?.exitCode).toBe(3);
    expect(after.state.running).toBeDefined();
  });
});

describe('kubectl set image on a bare Pod (set_image.go; the apiserver lets a Pod change spec.containers[*].image)', () => {
  it('updates the image; kubelet kills the container ("definition changed") and starts the new image', () => {
    const sh = shellOn();
    sh.run('kubectl run web --image=nginx:1.29');
    sh.settle();
    expect(sh.run('kubectl set image pod/web web=nginx:1.28')).toMatchObject({
      stdout: 'pod/web image updated\n',
      exitCode: 0,
    });
    expect(sh.run('kubectl set image pod/web nope=nginx:1.28').stderr).toBe(
      'error: unable to find container named "nope"\n',
    );
    // the first restart comes after kubelet's initial back-off
    advance(sh.state, 3000);
    const st = sh.state.objects.pods['default/web'].status.containerStatuses![0];
    expect(st).toMatchObject({ image: 'nginx:1.28', restartCount: 1, ready: true });
    expect(st.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    const events = sh.run('kubectl describe pod web').stdout.split('Events:')[1];
    expect(events).toContain('Container web definition changed, will be restarted');
    expect(events).toContain('Pulling image "nginx:1.28"');
  });
});
