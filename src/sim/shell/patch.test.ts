// kubectl patch / edit / set selector, and the client's `ip route add|del` for external IPs.
// Messages from k8s.io/kubectl/pkg/cmd/patch/patch.go (printer "patched", "(no change)" when the
// server returned the object unchanged), cmd/edit (editoptions.go: "Edit cancelled, no changes made.",
// "edited"), cmd/set/set_selector.go ("selector updated"); merge keys from k8s.io/api/core/v1 types.go.
import { describe, expect, it } from 'vitest';
import { shellOn, snapshot } from './test-helpers';
import { runLine } from './run';
import { createSession } from './session';
import { jsonPatch, mergePatch, strategicMerge } from './kubectl/patch-doc';
import { loadScenario } from '../scenario/load';
import { getScenario } from '../scenario/scenarios';

describe('kubectl patch', () => {
  it('strategic merge (the default) changes a field; the same patch again is (no change)', () => {
    const sh = shellOn();
    const r = sh.run(`kubectl patch svc frontend-svc -p '{"spec":{"type":"NodePort"}}'`);
    expect(r.stdout).toBe('service/frontend-svc patched\n');
    expect(sh.state.objects.services['default/frontend-svc'].spec.type).toBe('NodePort');
    expect(sh.run(`kubectl patch svc frontend-svc -p '{"spec":{"type":"NodePort"}}'`).stdout).toBe(
      'service/frontend-svc patched (no change)\n',
    );
  });

  it('strategic merge merges ports by port; merge patch replaces the list; json patch edits by index', () => {
    const sh = shellOn();
    sh.run(`kubectl patch svc frontend-svc -p '{"spec":{"ports":[{"port":80,"targetPort":8080}]}}'`);
    const ports = () => sh.state.objects.services['default/frontend-svc'].spec.ports!;
    expect(ports().map((p) => [p.port, p.targetPort, p.protocol])).toEqual([[80, 8080, 'TCP']]);
    sh.run(
      `kubectl patch svc frontend-svc --type json -p '[{"op":"replace","path":"/spec/ports/0/targetPort","value":5000}]'`,
    );
    expect(ports()[0].targetPort).toBe(5000);
    expect(sh.run(`kubectl patch svc frontend-svc --type merge -p 'spec: {sessionAffinity: ClientIP}'`).exitCode).toBe(
      0,
    );
    expect(sh.state.objects.services['default/frontend-svc'].spec.sessionAffinity).toBe('ClientIP');
  });

  it('patches a Deployment (containers merge by name)', () => {
    const sh = shellOn();
    expect(sh.run(`kubectl patch deployment frontend -p '{"spec":{"replicas":1}}'`).stdout).toBe(
      'deployment.apps/frontend patched\n',
    );
    expect(sh.state.objects.deployments['default/frontend'].spec.replicas).toBe(1);
  });

  it("answers with kubectl's and the apiserver's errors, and changes nothing", () => {
    const sh = shellOn();
    const before = snapshot(sh.state);
    expect(sh.run('kubectl patch svc frontend-svc').stderr).toBe(
      'error: must specify --patch or --patch-file containing the contents of the patch\n',
    );
    expect(sh.run(`kubectl patch svc nope -p '{}'`).stderr).toBe(
      'Error from server (NotFound): services "nope" not found\n',
    );
    expect(sh.run(`kubectl patch svc frontend-svc --type xml -p '{}'`).stderr).toBe(
      'error: --type must be one of [json merge strategic], not "xml"\n',
    );
    expect(
      sh.run(`kubectl patch svc frontend-svc --type json -p '[{"op":"replace","path":"/spec/nope","value":1}]'`).stderr,
    ).toBe('The request is invalid: the server rejected our request due to an error in our request\n');
    expect(sh.run(`kubectl patch svc frontend-svc -p '{"spec":{"type":"Bogus"}}'`).stderr).toContain(
      'spec.type: Unsupported value: "Bogus"',
    );
    expect(snapshot(sh.state)).toBe(before);
  });

  it('the patch documents follow RFC 7386 / RFC 6902 / strategic merge', () => {
    expect(mergePatch({ a: 1, b: { c: 2 } }, { b: { c: null, d: 3 } })).toEqual({ a: 1, b: { d: 3 } });
    expect(
      jsonPatch({ a: [1, 2] }, [
        { op: 'add', path: '/a/-', value: 3 },
        { op: 'remove', path: '/a/0' },
      ]),
    ).toEqual({
      a: [2, 3],
    });
    expect(
      strategicMerge(
        { spec: { ports: [{ port: 80, name: 'http' }, { port: 443 }] } },
        { spec: { ports: [{ port: 443, $patch: 'delete' }] } },
      ),
    ).toEqual({ spec: { ports: [{ port: 80, name: 'http' }] } });
  });
});

describe('kubectl set selector and kubectl edit', () => {
  it('set selector replaces the whole selector', () => {
    const sh = shellOn();
    expect(sh.run('kubectl set selector svc frontend-svc app=web').stdout).toBe(
      'service/frontend-svc selector updated\n',
    );
    expect(sh.state.objects.services['default/frontend-svc'].spec.selector).toEqual({ app: 'web' });
  });

  it('edit: the editor saves a change (edited) or nothing (Edit cancelled); without an editor kubectl says so', () => {
    const sh = shellOn();
    const session = createSession();
    let seen = '';
    const change = {
      editor: (req: { text: string }) => {
        seen = req.text;
        return req.text.replace('sessionAffinity: None', 'sessionAffinity: ClientIP');
      },
    };
    expect(runLine(sh.state, session, 'kubectl edit svc frontend-svc', change).stdout).toBe(
      'service/frontend-svc edited\n',
    );
    expect(seen).toMatch(/^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n/);
    expect(seen).toMatch(/\nkind: Service\n/);
    expect(sh.state.objects.services['default/frontend-svc'].spec.sessionAffinity).toBe('ClientIP');
    const same = { editor: (req: { text: string }) => req.text };
    expect(runLine(sh.state, session, 'kubectl edit svc frontend-svc', same).stderr).toBe(
      'Edit cancelled, no changes made.\n',
    );
    expect(sh.run('kubectl edit svc frontend-svc').stderr).toBe('error: there was a problem with the editor "vi"\n');
    const rename = { editor: (req: { text: string }) => req.text.replace('name: frontend-svc', 'name: other') };
    expect(runLine(sh.state, session, 'kubectl edit svc frontend-svc', rename).stderr).toBe(
      'error: At least one of apiVersion, kind and name was changed\n',
    );
  });
});

describe("the administrator's route on the client (ip route)", () => {
  it('del removes it, add puts it back (onlink: the node is on another network), with iproute2 errors', () => {
    const s = loadScenario(getScenario('externalip')!.yaml).state!;
    const session = createSession();
    const run = (l: string) => runLine(s, session, l);
    expect(run('ssh client ip route').stdout).toContain('172.16.0.100 via 10.40.41.11 dev eth0 onlink \n');
    expect(run('ssh client ip route del 172.16.0.100').exitCode).toBe(0);
    expect(s.settings.externalRoutes).toEqual([]);
    expect(run('ssh client ip route del 172.16.0.100').stderr).toBe('RTNETLINK answers: No such process\n');
    expect(run('ssh client ip route add 172.16.0.100 via 10.40.41.12').stderr).toBe(
      'Error: Nexthop has invalid gateway.\n',
    );
    expect(run('ssh client ip route add 172.16.0.100 via 10.40.41.12 dev eth0 onlink').exitCode).toBe(0);
    expect(s.settings.externalRoutes).toEqual([{ ip: '172.16.0.100', node: 'worker2' }]);
    expect(run('ssh client ip route add 172.16.0.100 via 10.40.41.12 dev eth0 onlink').stderr).toBe(
      'RTNETLINK answers: File exists\n',
    );
    expect(run('kubectl exec busybox -- ip route add 1.2.3.4 via 10.244.1.1').stderr).toContain(
      'RTNETLINK answers: Operation not permitted',
    );
  });
});
