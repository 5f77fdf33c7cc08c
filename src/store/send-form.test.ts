// The Send form's defects that a class met: the DNS-name target used port 80 whatever the Service's
// port; a new scenario kept the old one's target; the Pod IP menu showed its internal key.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppStore } from './index';
import { kit } from './kit-loader';
import { podIPChoice, type Option } from '../ui/dock/options';

beforeAll(async () => {
  await kit.load();
});

const busybox = { kind: 'pod' as const, namespace: 'default', name: 'busybox' };

describe('the DNS name target', () => {
  it('uses the Service’s own port, and name:port', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const db = s().cluster.objects.services['default/db-svc'];
    s().setSpec({ source: busybox, target: { kind: 'dns', service: 'default/db-svc', name: 'db-svc' } });
    s().send();
    let r = s().requests.at(-1)!;
    expect(r.to).toBe('db-svc:6379');
    expect(r.trace!.destination).toBe(`${db.spec.clusterIP}:6379`);
    expect(r.trace!.verdict).toBe('delivered');
    expect(r.trace!.pod).toBe('default/db');
    // a name typed without choosing the Service: the port of the Service it resolves to
    s().setSpec({ source: busybox, target: { kind: 'dns', name: 'db-svc.default.svc.cluster.local' } });
    s().send();
    expect(s().requests.at(-1)!.trace!.destination).toBe(`${db.spec.clusterIP}:6379`);
    // name:port, as after curl
    s().setSpec({ source: busybox, target: { kind: 'dns', service: 'default/db-svc', name: 'frontend-svc:80' } });
    s().send();
    r = s().requests.at(-1)!;
    expect(r.to).toBe('frontend-svc:80');
    expect(r.trace!.verdict).toBe('delivered');
    expect(r.trace!.pod).toMatch(/^default\/frontend-/);
    s().setSpec({ source: busybox, target: { kind: 'dns', name: 'db-svc:80' } });
    s().send();
    expect(s().requests.at(-1)!.trace!.destination).toBe(`${db.spec.clusterIP}:80`);
    s().setSpec({ source: busybox, target: { kind: 'dns', name: 'db-svc:redis' } });
    s().send();
    expect(s().requests.at(-1)!.error).toMatch(/give a port number/);
  });
});

describe('a new scenario', () => {
  it('does not keep the old cluster’s address, node or Service in the Send form', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setSpec({ source: busybox, target: { kind: 'address', ip: '10.96.77.77', port: 80 } });
    s().loadScenario('nodeport');
    expect(s().spec.target).toMatchObject({ kind: 'clusterIP', service: 'default/frontend-random' });
    s().setSpec({ source: busybox, target: { kind: 'nodePort', service: 'default/frontend-random', node: 'worker2' } });
    s().loadScenario('empty');
    // nothing to aim at: the form asks for a choice
    expect(s().spec.target).toEqual({ kind: 'clusterIP' });
    expect(s().spec.source).toEqual({ kind: 'client' });
  });

  it('keeps a literal address the new cluster still has', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().setSpec({ source: busybox, target: { kind: 'address', ip: '10.96.0.10', port: 53 } });
    s().resetCluster();
    expect(s().spec.target).toEqual({ kind: 'address', ip: '10.96.0.10', port: 53 });
  });
});

describe('the Pod IP menu', () => {
  const options: Option[] = [
    ['10.244.1.4:5000|default/frontend-a', '10.244.1.4:5000 — frontend-a'],
    ['10.244.2.3:5000|default/frontend-b', '10.244.2.3:5000 — frontend-b'],
  ];
  it('never shows its internal key', () => {
    // the chosen Pod is listed: its value
    expect(podIPChoice(options, { ip: '10.244.2.3', port: 5000, pod: 'default/frontend-b' }).value).toBe(
      '10.244.2.3:5000|default/frontend-b',
    );
    // the same address under another key (no Pod name remembered): the listed entry
    expect(podIPChoice(options, { ip: '10.244.2.3', port: 5000 }).value).toBe('10.244.2.3:5000|default/frontend-b');
    // not listed (a system Pod hidden by the filter): named in words, with no key
    const gone = podIPChoice(options, { ip: '10.244.0.2', port: 53, pod: 'kube-system/coredns-x' });
    expect(gone.missing).toBe('10.244.0.2:53 — coredns-x');
    expect(gone.missing).not.toContain('|');
    expect(podIPChoice(options, {})).toEqual({ value: '', missing: '' });
  });
});
