// kubectl exec and Pod shells: the container's environment, its DNS, its programs.
import { describe, expect, it } from 'vitest';
import { shellOn } from './test-helpers';

describe('kubectl exec', () => {
  const sh = shellOn();
  const svcIP = (name: string) => sh.state.objects.services[`default/${name}`].spec.clusterIP!;

  it('env shows the service variables kubelet wrote at container start', () => {
    const r = sh.run('kubectl exec busybox -- env');
    expect(r.exitCode).toBe(0);
    const env = r.stdout.trimEnd().split('\n');
    expect(env[0]).toBe('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(env[1]).toBe('HOSTNAME=busybox');
    expect(env).toContain(`FRONTEND_SVC_SERVICE_HOST=${svcIP('frontend-svc')}`);
    expect(env).toContain('FRONTEND_SVC_SERVICE_PORT=80');
    expect(env).toContain(`FRONTEND_SVC_PORT_80_TCP=tcp://${svcIP('frontend-svc')}:80`);
    expect(env).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(env[env.length - 1]).toBe('HOME=/root');
    // a Service created later is not in a running container's environment
    sh.run('kubectl create service clusterip late --tcp=80:80');
    expect(sh.run('kubectl exec busybox -- env').stdout).not.toContain('LATE_SERVICE_HOST');
  });

  it("nslookup in busybox:1.28 resolves through the Pod's search path, in 1.28's format", () => {
    expect(sh.run('kubectl exec busybox -- nslookup frontend-svc').stdout).toBe(
      `Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      frontend-svc\nAddress 1: ${svcIP('frontend-svc')} frontend-svc.default.svc.cluster.local\n`,
    );
    expect(sh.run('kubectl exec busybox -- nslookup nothing-here')).toMatchObject({
      stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n',
      stderr: "nslookup: can't resolve 'nothing-here'\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
  });

  it('nslookup in newer busybox tries each search domain and prints every reply', () => {
    const s = shellOn(sh.state);
    s.run('kubectl run bb --image=busybox:1.36 -- sleep 3600');
    s.settle();
    expect(s.run('kubectl exec bb -- nslookup db-svc').stdout).toBe(
      `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tdb-svc.default.svc.cluster.local\nAddress: ${svcIP('db-svc')}\n\n` +
        "** server can't find db-svc.svc.cluster.local: NXDOMAIN\n\n** server can't find db-svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find db-svc.svc.cluster.local: NXDOMAIN\n\n** server can't find db-svc.cluster.local: NXDOMAIN\n\n",
    );
  });

  it('wget -qO- and curl reach the Service; agnhost answers /hostname and /', () => {
    const host = sh.run('kubectl exec busybox -- wget -qO- frontend-svc/hostname').stdout;
    expect(Object.keys(sh.state.objects.pods)).toContain(`default/${host}`);
    expect(host).toMatch(/^frontend-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(sh.run('kubectl exec busybox -- wget -qO- http://frontend-svc:80/').stdout).toMatch(
      /^NOW: 2026-01-12 09:\d\d:\d\d(\.\d+)? \+0000 UTC m=\+\d+\.\d{9}$/,
    );
    const fe = Object.keys(sh.state.objects.pods)
      .find((k) => k.startsWith('default/frontend-'))!
      .split('/')[1];
    expect(sh.run(`kubectl exec ${fe} -- curl -s frontend-svc/hostname`).stdout).toMatch(/^frontend-/);
  });

  it('a program the image lacks is an OCI runtime error', () => {
    const r = sh.run('kubectl exec busybox -- curl frontend-svc');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(
      /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/,
    );
    expect(sh.run('kubectl exec busybox -- /bin/bash').stderr).toContain(
      'exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown',
    );
  });

  it("a failing command's exit code comes back with kubectl's note", () => {
    // busybox's cat words it through libbb's open_or_warn: bb_perror_msg("can't open '%s'") (was GNU's wording)
    expect(sh.run('kubectl exec busybox -- cat /nope')).toMatchObject({
      stderr: "cat: can't open '/nope': No such file or directory\ncommand terminated with exit code 1\n",
      exitCode: 1,
    });
  });

  it('cat /etc/resolv.conf and hostname', () => {
    expect(sh.run('kubectl exec busybox -- cat /etc/resolv.conf').stdout).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    expect(sh.run('kubectl exec busybox -- hostname').stdout).toBe('busybox\n');
  });

  it('refuses the removed form and missing commands', () => {
    expect(sh.run('kubectl exec busybox env').stderr).toBe(
      "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    );
    expect(sh.run('kubectl exec nope -- env').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(sh.run('kubectl exec busybox').stderr).toBe(
      'error: you must specify at least one command for the container\n',
    );
  });

  it('-it with a shell opens a Pod shell; exit returns', () => {
    const s = shellOn(sh.state);
    s.run('kubectl run nginx --image=nginx');
    s.settle();
    expect(s.run('kubectl exec -ti nginx -- nginx -v').stdout).toBe('nginx version: nginx/1.29.3\n');
    s.run('kubectl exec -it nginx -- /bin/bash');
    expect(s.prompt()).toBe('root@nginx:/#');
    const env = s.run('env').stdout.trimEnd().split('\n');
    expect(env).toContain('HOSTNAME=nginx');
    expect(env).toContain('NGINX_VERSION=1.29.3');
    expect(env[env.length - 1]).toBe('_=/usr/bin/env');
    expect(s.run('nslookup frontend-svc')).toMatchObject({
      stderr: 'bash: nslookup: command not found\n',
      exitCode: 127,
    });
    expect(s.run('curl -s db-svc:6379')).toMatchObject({ exitCode: 52 });
    // bash's exit takes the last command's status, and kubectl reports it
    expect(s.run('exit')).toMatchObject({ stderr: 'exit\ncommand terminated with exit code 52\n', exitCode: 52 });
    expect(s.prompt()).toBe('root@master:~#');
    s.run('kubectl exec -it busybox -- sh');
    expect(s.prompt()).toBe('root@busybox:/#');
    expect(s.run('curl x')).toMatchObject({ stderr: 'sh: curl: not found\n', exitCode: 127 });
    expect(s.run('kubectl get pods').stderr).toBe('sh: kubectl: not found\n');
    s.run('exit');
    expect(s.prompt()).toBe('root@master:~#');
  });

  it('a Pod shell ends when its Pod is deleted', () => {
    const s = shellOn(sh.state);
    s.run('kubectl run doomed --image=busybox -- sleep 3600');
    s.settle();
    s.run('kubectl exec -it doomed -- sh');
    expect(s.prompt()).toBe('root@doomed:/#');
    const other = shellOn(sh.state);
    other.run('kubectl delete pod doomed --grace-period=0 --force');
    expect(s.run('hostname')).toMatchObject({ stderr: 'command terminated with exit code 137\n', exitCode: 137 });
    expect(s.prompt()).toBe('root@master:~#');
  });
});
