// kubectl in the shell: output shapes and kubectl's exact texts (reference §2, §3, §7).
import { describe, expect, it } from 'vitest';
import { shellOn, snapshot } from './test-helpers';

const lines = (s: string) => s.trimEnd().split('\n');

describe('kubectl get', () => {
  const sh = shellOn();

  it('prints the services table with its columns', () => {
    const r = sh.run('kubectl get svc');
    expect(r.exitCode).toBe(0);
    const [head, ...rows] = lines(r.stdout);
    expect(head).toMatch(/^NAME {11}TYPE {8}CLUSTER-IP {7}EXTERNAL-IP {3}PORT\(S\) {4}AGE$/);
    expect(rows.map((l) => l.split(/\s+/).slice(0, 5))).toEqual([
      ['db-svc', 'ClusterIP', sh.state.objects.services['default/db-svc'].spec.clusterIP, '<none>', '6379/TCP'],
      [
        'frontend-svc',
        'ClusterIP',
        sh.state.objects.services['default/frontend-svc'].spec.clusterIP,
        '<none>',
        '80/TCP',
      ],
      ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP'],
    ]);
  });

  it('accepts kinds, short names, TYPE/NAME and several kinds at once', () => {
    for (const t of ['pods', 'pod', 'po', 'Pod'])
      expect(sh.run(`kubectl get ${t}`).stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\n/);
    expect(sh.run('kubectl get deploy').stdout).toMatch(
      /^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nfrontend +3\/3 +3 +3 /,
    );
    expect(sh.run('kubectl get rs').stdout).toMatch(/^NAME +DESIRED +CURRENT +READY +AGE\n/);
    expect(sh.run('kubectl get no').stdout).toMatch(
      /^NAME +STATUS +ROLES +AGE +VERSION\nmaster +Ready +control-plane /,
    );
    expect(sh.run('kubectl get ns').stdout).toMatch(/^NAME +STATUS +AGE\ndefault +Active /);
    expect(sh.run('kubectl get svc/db-svc').stdout).toMatch(/^NAME +TYPE.*\ndb-svc +ClusterIP/);
    const both = sh.run('kubectl get svc,deploy').stdout;
    expect(both).toMatch(/\nservice\/kubernetes +ClusterIP/);
    expect(both).toMatch(/\n\nNAME +READY +UP-TO-DATE +AVAILABLE +AGE\ndeployment\.apps\/frontend /);
  });

  it('get all lists pods, services, deployments and replicasets with kind prefixes', () => {
    const out = sh.run('kubectl get all').stdout;
    expect(out).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\npod\/busybox /);
    for (const p of ['service/frontend-svc', 'deployment.apps/frontend', 'replicaset.apps/frontend-'])
      expect(out).toContain(p);
  });

  it('-n, -A, -l and --show-labels', () => {
    expect(sh.run('kubectl get svc -n kube-system').stdout).toMatch(
      /^NAME +TYPE.*\nkube-dns +ClusterIP +10\.96\.0\.10 +<none> +53\/UDP,53\/TCP,9153\/TCP /,
    );
    expect(sh.run('kubectl get svc -A').stdout).toMatch(/^NAMESPACE +NAME +TYPE/);
    expect(lines(sh.run('kubectl get pods -l app=frontend').stdout)).toHaveLength(4);
    expect(sh.run('kubectl get pods db --show-labels').stdout).toMatch(/ +LABELS\ndb .* app=db\n$/);
    expect(sh.run('kubectl get pods -l app=nothing')).toMatchObject({
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
      exitCode: 0,
    });
    expect(sh.run('kubectl get pods -n nowhere').stderr).toBe('No resources found in nowhere namespace.\n');
  });

  it("--field-selector takes each kind's selectable fields and refuses others in the apiserver's words", () => {
    const sh = shellOn();
    const names = (line: string) => sh.run(line).stdout.trimEnd().split('\n');
    const onWorker1 = Object.values(sh.state.objects.pods)
      .filter((p) => p.spec.nodeName === 'worker1' && p.metadata.namespace === 'default')
      .map((p) => `pod/${p.metadata.name}`)
      .sort();
    expect(names('kubectl get pods --field-selector spec.nodeName=worker1,status.phase=Running -o name')).toEqual(
      onWorker1,
    );
    expect(names('kubectl get pods --field-selector spec.host=worker1 -o name')).toEqual(onWorker1);
    expect(names('kubectl get pods --field-selector spec.hostNetwork=false -o name')).toHaveLength(5);
    expect(names('kubectl get svc --field-selector spec.type=ClusterIP,metadata.name!=kubernetes -o name')).toEqual([
      'service/db-svc',
      'service/frontend-svc',
    ]);
    expect(names('kubectl get nodes --field-selector spec.unschedulable=false -o name')).toEqual([
      'node/master',
      'node/worker1',
      'node/worker2',
    ]);
    const events = sh.run(
      'kubectl get events --field-selector involvedObject.kind=Pod,involvedObject.name=db,reason=Started',
    ).stdout;
    expect(events).toMatch(
      /^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n\S+ +Normal +Started +pod\/db +Started container db\n$/,
    );
    expect(sh.run('kubectl get pods --field-selector foo=bar').stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
    );
    expect(sh.run('kubectl get nodes --field-selector metadata.namespace=default').stderr).toMatch(
      /: field label not supported: metadata\.namespace\n$/,
    );
    expect(sh.run('kubectl get deploy --field-selector spec.replicas=3').stderr).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "spec.replicas=3": "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
    );
  });

  it('-o wide, name, yaml, json and jsonpath', () => {
    expect(sh.run('kubectl get pods -o wide').stdout).toMatch(
      /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES\n/,
    );
    expect(sh.run('kubectl get svc -o wide').stdout).toMatch(/ +SELECTOR\n/);
    expect(sh.run('kubectl get deploy -o name').stdout).toBe('deployment.apps/frontend\n');
    const y = sh.run('kubectl get svc frontend-svc -o yaml').stdout;
    expect(y).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n/);
    expect(y).toMatch(/\n {2}creationTimestamp: "2026-01-12T09:00:0\dZ"\n/);
    expect(y).toContain('\nstatus:\n  loadBalancer: {}\n');
    const list = JSON.parse(sh.run('kubectl get pods -o json').stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
    expect(list.items[0].status.podIP).toMatch(/^10\.244\./);
    expect(sh.run('kubectl get pods -l run=busybox -o jsonpath="{.items[0].metadata.name}"').stdout).toBe('busybox');
    // the chapter's form, without braces
    expect(sh.run('kubectl get pods -l run=busybox -o jsonpath=".items[0].metadata.name"').stdout).toBe('busybox');
    expect(
      sh.run(
        `kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name} {.status.addresses[?(@.type=="InternalIP")].address}{"\\n"}{end}'`,
      ).stdout,
    ).toBe('master 10.40.41.10\nworker1 10.40.41.11\nworker2 10.40.41.12\n');
    expect(
      sh.run('kubectl get svc -o custom-columns=NAME:.metadata.name,IP:.spec.clusterIP -n kube-system').stdout,
    ).toBe('NAME       IP\nkube-dns   10.96.0.10\n');
  });

  it('warns that v1 Endpoints is deprecated', () => {
    const r = sh.run('kubectl get endpoints frontend-svc');
    expect(r.stderr).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
    expect(r.stdout).toMatch(
      /^NAME +ENDPOINTS +AGE\nfrontend-svc +10\.244\.\d+\.\d+:5000,10\.244\.\d+\.\d+:5000,10\.244\.\d+\.\d+:5000 +\d+s\n$/,
    );
    expect(sh.run('kubectl get ep').stderr).toContain('Warning: v1 Endpoints is deprecated');
  });

  it("prints kubectl's errors on stderr with exit code 1", () => {
    const cases: [string, string][] = [
      ['kubectl get svc x', 'Error from server (NotFound): services "x" not found\n'],
      ['kubectl get deployment x', 'Error from server (NotFound): deployments.apps "x" not found\n'],
      ['kubectl get foo', 'error: the server doesn\'t have a resource type "foo"\n'],
      ['kubectl get pods --foo', "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
      ['kubectl get pods -z', "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n"],
      ['kubectl get pods -n', "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
      [
        'kubectl get pods -o foo',
        'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
      ],
      ['kubectl get pods db -l app=db', 'error: name cannot be provided when a selector is specified\n'],
      ['kubectl top pods', 'error: Metrics API not available\n'],
    ];
    for (const [cmd, err] of cases) expect(sh.run(cmd), cmd).toMatchObject({ stdout: '', stderr: err, exitCode: 1 });
    expect(sh.run('kubectl get').stderr).toMatch(/^You must specify the type of resource to get\. /);
    expect(sh.run('kubectl gt pods').stderr).toBe(
      // cobra suggests every command within Levenshtein distance 2: get (1) and set (2), now that set exists
      'error: unknown command "gt" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n',
    );
  });

  it('only the control plane has a working kubectl', () => {
    const s = shellOn(sh.state);
    s.run('ssh worker1');
    expect(s.prompt()).toBe('root@worker1:~#');
    expect(s.run('kubectl get pods').stderr).toMatch(
      /The connection to the server localhost:8080 was refused - did you specify the right host or port\?\n$/,
    );
    s.run('ssh client');
    expect(s.run('kubectl get pods')).toMatchObject({ stderr: 'kubectl: command not found\n', exitCode: 127 });
  });
});

describe('kubectl describe', () => {
  const sh = shellOn();
  it('describes a service in its layout', () => {
    const r = sh.run('kubectl describe service frontend-svc');
    const ip = sh.state.objects.services['default/frontend-svc'].spec.clusterIP;
    const row = (label: string, value: string) => `${(label + ':').padEnd(26)}${value}\n`;
    expect(
      r.stdout.startsWith(
        row('Name', 'frontend-svc') +
          row('Namespace', 'default') +
          row('Labels', '<none>') +
          row('Annotations', '<none>') +
          row('Selector', 'app=frontend') +
          row('Type', 'ClusterIP'),
      ),
    ).toBe(true);
    expect(r.stdout).toContain(row('IP', ip!));
    expect(r.stdout).toContain(row('Port', '<unset>  80/TCP') + row('TargetPort', '5000/TCP'));
    expect(r.stdout).toMatch(/\nEndpoints: {16}(10\.244\.\d+\.\d+:5000,?){3}\n/);
    expect(
      r.stdout.endsWith(
        row('Session Affinity', 'None') + row('Internal Traffic Policy', 'Cluster') + row('Events', '<none>'),
      ),
    ).toBe(true);
  });
  it('describes pods, nodes, deployments, endpoints and falls back to name prefixes', () => {
    expect(sh.run('kubectl describe pod db').stdout).toMatch(/^Name: +db\nNamespace: +default\n/);
    expect(sh.run('kubectl describe node worker1').stdout).toMatch(/^Name: +worker1\nRoles: +<none>\n/);
    expect(sh.run('kubectl describe deploy frontend').stdout).toMatch(
      /Replicas: +3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable\n/,
    );
    const ep = sh.run('kubectl describe endpoints db-svc');
    expect(ep.stderr).toContain('Warning: v1 Endpoints is deprecated');
    expect(ep.stdout).toMatch(/^Name: +db-svc\n/);
    const many = sh.run('kubectl describe pods frontend').stdout;
    expect(many.match(/^Name: /gm)).toHaveLength(3);
    expect(sh.run('kubectl describe svc nope')).toMatchObject({
      stderr: 'Error from server (NotFound): services "nope" not found\n',
      exitCode: 1,
    });
  });
});

describe('kubectl apply, create, run, expose, scale, label, delete', () => {
  const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    app: web
spec:
  type: NodePort
  selector:
    app: frontend
  ports:
  - port: 80
    targetPort: 5000
`;

  it('apply: created, unchanged, configured, and the last-applied annotation as kubectl writes it', () => {
    const sh = shellOn();
    sh.run(`cat > web.yaml <<'EOF'\n${SVC}EOF`);
    expect(sh.run('kubectl apply -f web.yaml')).toMatchObject({
      stdout: 'service/web created\n',
      stderr: '',
      exitCode: 0,
    });
    const ann =
      sh.state.objects.services['default/web'].metadata.annotations![
        'kubectl.kubernetes.io/last-applied-configuration'
      ];
    expect(ann).toBe(
      '{"apiVersion":"v1","kind":"Service","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"ports":[{"port":80,"targetPort":5000}],"selector":{"app":"frontend"},"type":"NodePort"}}\n',
    );
    expect(sh.run('kubectl apply -f web.yaml').stdout).toBe('service/web unchanged\n');
    sh.run(`cat > web2.yaml <<'EOF'\n${SVC.replace('targetPort: 5000', 'targetPort: 5001')}EOF`);
    expect(sh.run('kubectl apply -f web2.yaml').stdout).toBe('service/web configured\n');
    // kubectl label's addition survives a later apply (three-way merge)
    sh.run('kubectl label svc web extra=yes');
    sh.run('kubectl apply -f web.yaml');
    expect(sh.state.objects.services['default/web'].metadata.labels).toEqual({ app: 'web', extra: 'yes' });
    // apply from stdin, and a List
    expect(
      sh.run(
        `kubectl apply -f - <<EOF\n{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}]}\nEOF`,
      ).stdout,
    ).toBe('namespace/shop created\n');
  });

  it("create -f reports AlreadyExists with the file; invalid objects in the apiserver's words; nothing changes", () => {
    const sh = shellOn();
    sh.run(`cat > web.yaml <<'EOF'\n${SVC}EOF`);
    expect(sh.run('kubectl create -f web.yaml').stdout).toBe('service/web created\n');
    const before = snapshot(sh.state);
    expect(sh.run('kubectl create -f web.yaml')).toMatchObject({
      stderr: 'Error from server (AlreadyExists): error when creating "web.yaml": services "web" already exists\n',
      exitCode: 1,
    });
    sh.run(
      `cat > bad.yaml <<'EOF'\napiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  ports:\n  - port: 80\n    targetPort: 0\n    protocol: TCP\n  type: Foo\nEOF`,
    );
    const r = sh.run('kubectl apply -f bad.yaml');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'The Service "bad" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n',
    );
    sh.run(
      `cat > typo.yaml <<'EOF'\napiVersion: v1\nkind: Service\nmetadata:\n  name: typo\nspec:\n  selectr:\n    app: x\n  ports:\n  - port: 80\nEOF`,
    );
    expect(sh.run('kubectl create -f typo.yaml').stderr).toBe(
      'Error from server (BadRequest): error when creating "typo.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.selectr"\n',
    );
    expect(sh.run('kubectl apply -f missing.yaml')).toMatchObject({
      stderr: 'error: the path "missing.yaml" does not exist\n',
      exitCode: 1,
    });
    expect(sh.run('kubectl apply')).toMatchObject({ stderr: 'error: must specify one of -f and -k\n', exitCode: 1 });
    expect(snapshot(sh.state)).toBe(before);
  });

  it('run creates a Pod labelled run=NAME', () => {
    const sh = shellOn();
    expect(sh.run('kubectl run nginx --image=nginx')).toMatchObject({
      stdout: 'pod/nginx created\n',
      stderr: '',
      exitCode: 0,
    });
    expect(sh.state.objects.pods['default/nginx'].metadata.labels).toEqual({ run: 'nginx' });
    expect(sh.run('kubectl run nginx --image=nginx').stderr).toBe(
      'Error from server (AlreadyExists): pods "nginx" already exists\n',
    );
    expect(sh.run('kubectl run x').stderr).toBe('error: required flag(s) "image" not set\n');
    const y = sh.run('kubectl run tmp --image=busybox --dry-run=client -o yaml -- sleep 10').stdout;
    expect(y).toMatch(
      /^apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    run: tmp\n  name: tmp\nspec:\n  containers:\n  - args:\n    - sleep\n    - "10"\n    image: busybox\n    name: tmp\n/,
    );
    expect(sh.state.objects.pods['default/tmp']).toBeUndefined();
  });

  it('run -it --rm runs a one-shot command and deletes the Pod', () => {
    const sh = shellOn();
    const r = sh.run('kubectl run tmp -it --rm --restart=Never --image=busybox:1.28 -- nslookup frontend-svc');
    expect(r.stdout).toMatch(
      /^Server: {4}10\.96\.0\.10\nAddress 1: 10\.96\.0\.10 kube-dns\.kube-system\.svc\.cluster\.local\n\nName: {6}frontend-svc\nAddress 1: \S+ frontend-svc\.default\.svc\.cluster\.local\npod "tmp" deleted from default namespace\n$/,
    );
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(sh.state.objects.pods['default/tmp']).toBeUndefined();
  });

  it('create deployment, expose, scale, label and delete', () => {
    const sh = shellOn();
    expect(sh.run('kubectl create deployment web --image=nginx --replicas=2').stdout).toBe(
      'deployment.apps/web created\n',
    );
    sh.settle();
    expect(sh.state.objects.deployments['default/web'].spec.template.spec.containers[0].name).toBe('nginx');
    expect(sh.run('kubectl expose deployment web --port=80 --type=NodePort').stdout).toBe('service/web exposed\n');
    expect(sh.state.objects.services['default/web'].spec).toMatchObject({
      type: 'NodePort',
      selector: { app: 'web' },
      ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
    });
    expect(sh.run('kubectl expose deployment frontend').stdout).toBe('service/frontend exposed\n');
    expect(sh.state.objects.services['default/frontend'].spec.ports).toMatchObject([{ port: 5000, targetPort: 5000 }]);
    expect(sh.run('kubectl expose pod busybox --port=80').stdout).toBe('service/busybox exposed\n');
    expect(sh.run('kubectl expose deployment web').stderr).toBe(
      "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n",
    );
    expect(sh.run('kubectl scale deployment web --replicas=3').stdout).toBe('deployment.apps/web scaled\n');
    expect(sh.run('kubectl scale deployment web').stderr).toBe('error: required flag(s) "replicas" not set\n');
    expect(sh.run('kubectl label pod db tier=cache').stdout).toBe('pod/db labeled\n');
    expect(sh.run('kubectl label pod db tier=x').stderr).toBe(
      "error: 'tier' already has a value (cache), and --overwrite is false\n",
    );
    expect(sh.run('kubectl label pod db tier=x --overwrite').stdout).toBe('pod/db labeled\n');
    expect(sh.run('kubectl label pod db tier-').stdout).toBe('pod/db labeled\n');
    expect(sh.run('kubectl label pod db tier-').stdout).toBe('label "tier" not found.\npod/db not labeled\n');
    expect(sh.state.objects.pods['default/db'].metadata.labels).toEqual({ app: 'db' });
    expect(sh.run('kubectl delete svc web')).toMatchObject({
      stdout: 'service "web" deleted from default namespace\n',
      exitCode: 0,
    });
    expect(sh.run('kubectl delete svc web').stderr).toBe('Error from server (NotFound): services "web" not found\n');
    expect(sh.run('kubectl delete svc web --ignore-not-found')).toMatchObject({ stdout: '', stderr: '', exitCode: 0 });
    const t = sh.state.now;
    expect(sh.run('kubectl delete pod busybox').stdout).toBe('pod "busybox" deleted from default namespace\n');
    expect(sh.state.objects.pods['default/busybox']).toBeUndefined();
    expect(sh.state.now).toBeGreaterThan(t); // kubectl waits until the Pod is gone
    const f = sh.run('kubectl delete pod db --grace-period=0 --force');
    expect(f.stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
    expect(f.stdout).toBe('pod "db" force deleted from default namespace\n');
    expect(sh.run('kubectl delete deploy web').stdout).toBe('deployment.apps "web" deleted from default namespace\n');
    expect(sh.run('kubectl delete pods').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(sh.run('kubectl delete pods -l app=nothing').stderr).toBe('No resources found\n');
    expect(sh.run('kubectl create namespace dev').stdout).toBe('namespace/dev created\n');
    expect(sh.run('kubectl delete ns dev').stdout).toBe('namespace "dev" deleted\n');
  });
});
