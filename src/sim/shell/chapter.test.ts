// Every command the chapter types, against the default scenario plus the chapter's own wordpress
// Services: the same shape of output a current cluster prints (names, IPs and ages differ).
import { describe, expect, it } from 'vitest';
import { shellOn } from './test-helpers';

const WORDPRESS = `apiVersion: v1
kind: Service
metadata:
  name: wordpress
  labels:
    app: wordpress
spec:
  type: LoadBalancer
  selector:
    app: wordpress
    tier: frontend
  ports:
  - port: 80
    nodePort: 30967
---
apiVersion: v1
kind: Service
metadata:
  name: wordpress-mysql
  labels:
    app: wordpress
spec:
  clusterIP: None
  selector:
    app: wordpress
    tier: mysql
  ports:
  - port: 3306
`;

describe('the Services chapter, command by command', () => {
  const sh = shellOn();
  sh.run(`cat > wordpress.yaml <<'EOF'\n${WORDPRESS}EOF`);
  expect(sh.run('kubectl apply -f wordpress.yaml').stdout).toBe(
    'service/wordpress created\nservice/wordpress-mysql created\n',
  );
  sh.settle();

  it('root@master:~# kubectl get svc', () => {
    expect(sh.prompt()).toBe('root@master:~#');
    const out = sh.run('kubectl get svc').stdout.trimEnd().split('\n');
    expect(out[0]).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/);
    expect(out).toContainEqual(expect.stringMatching(/^kubernetes +ClusterIP +10\.96\.0\.1 +<none> +443\/TCP +\d+s$/));
    expect(out).toContainEqual(
      expect.stringMatching(/^wordpress +LoadBalancer +10\.\d+\.\d+\.\d+ +<pending> +80:30967\/TCP +\d+s$/),
    );
    expect(out).toContainEqual(expect.stringMatching(/^wordpress-mysql +ClusterIP +None +<none> +3306\/TCP +\d+s$/));
  });

  it('kubectl run nginx --image=nginx creates a Pod (since 1.18)', () => {
    expect(sh.run('kubectl run nginx --image=nginx')).toMatchObject({
      stdout: 'pod/nginx created\n',
      stderr: '',
      exitCode: 0,
    });
    sh.settle();
  });

  it('POD_NAME=$(kubectl get pods -l run=nginx -o jsonpath=".items[0].metadata.name")', () => {
    expect(sh.run('POD_NAME=$(kubectl get pods -l run=nginx -o jsonpath=".items[0].metadata.name")')).toMatchObject({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    expect(sh.run('echo $POD_NAME').stdout).toBe('nginx\n');
  });

  it('kubectl exec -ti $POD_NAME -- nginx -v', () => {
    expect(sh.run('kubectl exec -ti $POD_NAME -- nginx -v').stdout).toMatch(/^nginx version: nginx\/\d+\.\d+\.\d+\n$/);
  });

  it('kubectl exec -it $POD_NAME -- /bin/bash, then env', () => {
    sh.run('kubectl exec -it $POD_NAME -- /bin/bash');
    expect(sh.prompt()).toBe('root@nginx:/#');
    const env = sh.run('env').stdout.trimEnd().split('\n');
    const ip = sh.state.objects.services['default/wordpress'].spec.clusterIP;
    for (const line of [
      'WORDPRESS_SERVICE_PORT=80',
      'HOSTNAME=nginx',
      'WORDPRESS_PORT_80_TCP_PROTO=tcp',
      'WORDPRESS_PORT_80_TCP_PORT=80',
      `WORDPRESS_PORT=tcp://${ip}:80`,
      `WORDPRESS_PORT_80_TCP=tcp://${ip}:80`,
      `WORDPRESS_SERVICE_HOST=${ip}`,
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'KUBERNETES_SERVICE_HOST=10.96.0.1',
      `WORDPRESS_PORT_80_TCP_ADDR=${ip}`,
      '_=/usr/bin/env',
    ])
      expect(env).toContain(line);
    expect(env.some((l) => l.startsWith('NGINX_VERSION='))).toBe(true);
    // the headless wordpress-mysql has no cluster IP, so no variables
    expect(env.some((l) => l.startsWith('WORDPRESS_MYSQL_'))).toBe(false);
    sh.run('exit');
    expect(sh.prompt()).toBe('root@master:~#');
  });

  it('kubectl describe service wordpress', () => {
    const out = sh.run('kubectl describe service wordpress').stdout;
    const ip = sh.state.objects.services['default/wordpress'].spec.clusterIP;
    for (const re of [
      /^Name: +wordpress$/m,
      /^Namespace: +default$/m,
      /^Labels: +app=wordpress$/m,
      /^Annotations: +<none>$/m,
      /^Selector: +app=wordpress,tier=frontend$/m,
      /^Type: +LoadBalancer$/m,
      new RegExp(`^IP: +${ip}$`, 'm'),
      /^Port: +<unset> {2}80\/TCP$/m,
      /^TargetPort: +80\/TCP$/m,
      /^NodePort: +<unset> {2}30967\/TCP$/m,
      /^Endpoints: *(<none>)?$/m,
      /^Session Affinity: +None$/m,
      /^External Traffic Policy: +Cluster$/m,
      /^Events: +<none>$/m,
    ])
      expect(out).toMatch(re);
  });

  it('ifconfig | grep 10.40', () => {
    expect(sh.run('ifconfig | grep 10.40').stdout).toMatch(
      /^ {8}inet 10\.40\.41\.\d+ {2}netmask 255\.255\.255\.0 {2}broadcast 10\.40\.41\.255\n$/,
    );
  });

  it('netstat -an | grep 30967 on master and worker1: nothing since kube-proxy 1.24', () => {
    expect(sh.run('netstat -an | grep 30967')).toMatchObject({ stdout: '', exitCode: 1 });
    sh.run('ssh worker1');
    expect(sh.prompt()).toBe('root@worker1:~#');
    expect(sh.run('netstat -an | grep 30967')).toMatchObject({ stdout: '', exitCode: 1 });
    // the NodePort lives in the rules instead
    expect(sh.run('iptables-save | grep 30967').stdout).toMatch(/--dport 30967 -j REJECT/); // no endpoints yet: kube-proxy rejects it
    expect(sh.run('help').stdout).toContain('since Kubernetes 1.24');
    sh.run('exit');
  });
});
