// The look-inside panels' store actions and models: console lines change the cluster, YAML errors
// carry their line and column, the rules view numbers a trace's path, discovery finds the caveat.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { parseFieldPath } from './yaml-locate';
import { chainViews, pathSteps } from '../ui/panels/rules/rules-model';
import { envReport } from '../ui/panels/discovery/discovery-model';
import { loadShell } from './shell-loader';
import { yamlApply } from './yaml-slice';

// the app loads the shell and the YAML applier on first use; these tests use them synchronously
beforeAll(async () => {
  await Promise.all([loadShell(), yamlApply.load()]);
});

const SVC = (port: number | string) => `apiVersion: v1
kind: Service
metadata:
  name: good-svc
spec:
  selector:
    app: frontend
  ports:
  - port: ${port}
    targetPort: 5000
`;

describe('console', () => {
  it('runs kubectl on the store\u2019s cluster and keeps the screen', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().runConsole('kubectl get svc');
    expect(s().console.lines[0]).toMatchObject({ kind: 'cmd', text: 'root@master:~# kubectl get svc' });
    expect(s().console.lines[1].text).toMatch(/frontend-svc\s+ClusterIP/);
    s().runConsole('kubectl delete pod busybox');
    expect(s().cluster.objects.pods['default/busybox']).toBeUndefined();
    s().runConsole('ssh worker1');
    expect(s().console.session?.host).toBe('worker1');
    s().runConsole('clear');
    expect(s().console.lines).toEqual([]);
  });

  it('kubectl get pods -w keeps printing a row per change (a killed Pod, its replacement) until Ctrl+C', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().runConsole('kubectl get pods -w');
    expect(s().console.watch).not.toBeNull();
    const printed = s().console.lines.length;
    const victim = Object.values(s().cluster.objects.pods).find((p) => p.metadata.name.startsWith('frontend-'))!
      .metadata.name;
    s().killPod('default', victim);
    for (let i = 0; i < 40; i++) {
      s().tick(100);
      s().pollWatch();
    }
    const after = s()
      .console.lines.slice(printed)
      .map((l) => l.text)
      .join('');
    expect(after).toMatch(new RegExp(`^${victim} +[01]/1 +Terminating +0 +\\S+\\n`, 'm'));
    expect(after).toMatch(/^frontend-\S+ +0\/1 +(Pending|ContainerCreating) +0 +\S+\n/m);
    expect(after).toMatch(/^frontend-\S+ +1\/1 +Running +0 +\S+\n/m);
    // nothing else changed: db and busybox are not printed again
    expect(after).not.toMatch(/^(db|busybox) /m);
    // each row lines up with the table above it (kubectl's tabwriter remembers the column widths)
    const header = s().console.lines[printed - 1].text.split('\n')[0];
    for (const row of after.trimEnd().split('\n'))
      expect(row.indexOf(' 0/1 ') + 1 || row.indexOf(' 1/1 ') + 1).toBe(header.indexOf('READY'));
    s().interruptConsole('');
    expect(s().console.watch).toBeNull();
    expect(s().console.lines.at(-1)).toMatchObject({ kind: 'out', text: '^C' });
    // a watch piped into another command, or sent to a file, is printed once and ends
    s().runConsole('kubectl get pods -w | grep db');
    expect(s().console.watch).toBeNull();
    s().runConsole('kubectl get pods -w > /root/pods.txt');
    expect(s().console.watch).toBeNull();
  });

  it('conntrack -E in the console: events as flows come and go, and Ctrl+C says how many it showed', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const node = s().cluster.objects.pods['default/busybox'].spec.nodeName!;
    s().runConsole(`ssh ${node}`);
    s().runConsole('conntrack -E -p tcp');
    expect(s().console.watch?.conntrack).toMatchObject({ node, shown: 0 });
    const printed = s().console.lines.length;
    // two requests from busybox (the Send form's default), each a flow through its node's conntrack
    s().send();
    s().send();
    for (let i = 0; i < 10; i++) {
      s().tick(100);
      s().pollWatch();
    }
    const events = s()
      .console.lines.slice(printed)
      .flatMap((l) => l.text.trimEnd().split('\n'))
      .filter((l) => /^ *\[(NEW|UPDATE|DESTROY)\]/.test(l));
    expect(events.length).toBeGreaterThan(0);
    expect(s().console.watch?.conntrack?.shown).toBe(events.length);
    s().interruptConsole('');
    expect(s().console.watch).toBeNull();
    expect(s().console.lines.at(-1)).toEqual({
      id: expect.any(Number),
      kind: 'err',
      text: `^Cconntrack v1.4.8 (conntrack-tools): ${events.length} flow events have been shown.`,
    });
  });

  it('Ctrl+C leaves the abandoned line on screen and changes nothing else', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().runConsole('kubectl get svc');
    const before = { cluster: s().cluster, past: s().past, history: [...s().console.session!.history] };
    s().interruptConsole('root@master:~# kubectl delete svc frontend-svc');
    expect(s().console.lines.at(-1)).toMatchObject({
      kind: 'cmd',
      text: 'root@master:~# kubectl delete svc frontend-svc^C',
    });
    expect(s().cluster).toBe(before.cluster);
    expect(s().past).toBe(before.past);
    expect(s().console.session!.history).toEqual(before.history);
  });
});

describe('YAML editor', () => {
  it('applies nothing when a document does not parse, and says where', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setYamlText(`${SVC(8080)}---\nkind: Service\napiVersion: v1\nmetadata:\n  name: x\n bad: 1\n`);
    s().applyYaml('apply');
    const r = s().yaml.result!;
    expect(r.applied).toBe(false);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ kind: 'error', line: 16, col: 1 });
    expect(s().cluster.objects.services['default/good-svc']).toBeUndefined();
  });

  it('puts the apiserver\u2019s Invalid error at the field\u2019s line', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setYamlText(SVC(99999));
    s().applyYaml('apply');
    const e = s().yaml.result!.messages.find((m) => m.kind === 'error')!;
    expect(e.text).toContain('The Service "good-svc" is invalid');
    expect([e.line, e.col]).toEqual([9, 11]);
    s().setYamlText(SVC(8080));
    s().applyYaml('apply');
    expect(s().yaml.result!.messages).toEqual([{ kind: 'ok', text: 'service/good-svc created', line: 1, col: 1 }]);
    expect(s().cluster.objects.services['default/good-svc']).toBeDefined();
  });

  it('imports kubectl get -o yaml output, naming the fields it left out', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setYamlText(`apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: { name: listed, namespace: default, uid: abc, resourceVersion: "9" }
  spec: { selector: { app: db }, ports: [{ port: 6379 }] }
  status: { loadBalancer: {} }
`);
    s().applyYaml('import');
    const r = s().yaml.result!;
    expect(r.applied).toBe(true);
    expect(r.ignored).toEqual(expect.arrayContaining(['metadata.uid', 'metadata.resourceVersion', 'status']));
    expect(s().cluster.objects.services['default/listed']).toBeDefined();
  });

  it('reads field paths as the apiserver writes them', () => {
    expect(parseFieldPath('spec.ports[0].port')).toEqual(['spec', 'ports', 0, 'port']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
  });
});

describe('rules view model', () => {
  it('numbers the rules a request met on a node, ending in the DNAT of its endpoint', () => {
    const store = createAppStore();
    store.getState().send();
    const rec = store.getState().requests.at(-1)!;
    const node = rec.trace!.path.find((p) => p.startsWith('node/'))!.slice(5);
    const steps = pathSteps(rec.trace, node);
    expect(steps.map((x) => x.step)).toEqual(steps.map((_, i) => i + 1));
    const { chains, stale } = chainViews(store.getState().cluster.proxies[node].tables.nat, steps);
    expect(stale).toBe(0);
    const hit = chains.flatMap((c) => c.rules).filter((r) => r.steps.some((x) => !x.passed));
    expect(hit.some((r) => r.text.includes(`--to-destination ${rec.trace!.endpoint}`))).toBe(true);
    expect(chains.find((c) => c.name.startsWith('KUBE-SVC-') && c.onPath)?.about).toBe('default/frontend-svc');
  });
});

describe('discovery model', () => {
  it('finds the Services created after a Pod started', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const pod = () => s().cluster.objects.pods['default/busybox'];
    expect(envReport(s().cluster, pod()).missing).toEqual([]);
    s().runConsole('kubectl create service clusterip late-svc --tcp=80:80');
    const r = envReport(s().cluster, pod());
    expect(r.missing.map((m) => m.name)).toEqual(['late-svc']);
    expect(r.started).not.toBeNull();
  });
});
