// The write path: allocation, update semantics, and errors that change nothing.
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../scenario/manifest';
import { svc, withDefault } from '../testing';
import { writeObject, deleteObject } from './api';
import type { KubeObject } from '../model/types';

const obj = (yaml: string) => parseManifests(yaml).objects[0] as KubeObject;
const nodePortSvc = (name: string, nodePort?: number, type = 'NodePort') =>
  obj(`apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  type: ${type}
  selector: {app: frontend}
  ports: [{port: 80, targetPort: 5000${nodePort ? `, nodePort: ${nodePort}` : ''}}]
`);

describe('allocation', () => {
  it('a dynamic ClusterIP comes from the upper band of the Service subnet; kubernetes holds .1', () => {
    const s = withDefault();
    expect(svc(s, 'kubernetes').spec.clusterIP).toBe('10.96.0.1');
    expect(svc(s, 'kube-dns', 'kube-system').spec.clusterIP).toBe('10.96.0.10');
    const ip = svc(s, 'frontend-svc').spec.clusterIP!.split('.').map(Number);
    const n = ((ip[0] * 256 + ip[1]) * 256 + ip[2]) * 256 + ip[3];
    const base = (10 * 256 + 96) * 65536;
    expect(n).toBeGreaterThan(base + 256);
    expect(n).toBeLessThan(base + 1048575);
  });

  it('a requested NodePort is taken; a dynamic one comes from 30086-32767', () => {
    const s = withDefault();
    const r = writeObject(s, nodePortSvc('np1', 30967), 'apply');
    expect(r.ok).toBe(true);
    expect(svc(s, 'np1').spec.ports![0].nodePort).toBe(30967);
    writeObject(s, nodePortSvc('np2'), 'apply');
    const p = svc(s, 'np2').spec.ports![0].nodePort!;
    expect(p).toBeGreaterThanOrEqual(30086);
    expect(p).toBeLessThanOrEqual(32767);
  });

  it.each([
    [
      30967,
      'The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30967: provided port is already allocated',
    ],
    [
      29999,
      'The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  ])('nodePort %i gives the allocator’s error and changes nothing', (port, text) => {
    const s = withDefault();
    writeObject(s, nodePortSvc('np1', 30967), 'apply');
    const before = JSON.stringify(s);
    const r = writeObject(s, nodePortSvc('np2', port), 'apply');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.text).toBe(text);
    expect(JSON.stringify(s) === before).toBe(true);
  });

  it('a requested ClusterIP already in use', () => {
    const s = withDefault();
    const r = writeObject(
      s,
      obj(`apiVersion: v1
kind: Service
metadata: {name: dup}
spec:
  clusterIP: 10.96.0.10
  ports: [{port: 80}]
`),
      'apply',
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.text).toBe(
        'The Service "dup" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated',
      );
  });
});

describe('update', () => {
  it('apply keeps the ClusterIP and NodePort; unchanged when nothing changed', () => {
    const s = withDefault();
    writeObject(s, nodePortSvc('np', 31000), 'apply');
    const ip = svc(s, 'np').spec.clusterIP;
    const again = writeObject(s, nodePortSvc('np', 31000), 'apply');
    expect(again.ok && again.outcome).toBe('unchanged');
    const lb = writeObject(s, nodePortSvc('np', undefined, 'LoadBalancer'), 'apply');
    expect(lb.ok && lb.outcome).toBe('configured');
    expect(svc(s, 'np').spec.clusterIP).toBe(ip);
    expect(svc(s, 'np').spec.ports![0].nodePort).toBe(31000);
  });

  it('changing to ClusterIP releases the NodePort', () => {
    const s = withDefault();
    writeObject(s, nodePortSvc('np', 31000), 'apply');
    writeObject(s, nodePortSvc('np', undefined, 'ClusterIP'), 'apply');
    expect(svc(s, 'np').spec.ports![0].nodePort).toBeUndefined();
    expect(s.alloc.nodePorts['31000']).toBeUndefined();
  });

  it('the ClusterIP may not change', () => {
    const s = withDefault();
    const ip = svc(s, 'frontend-svc').spec.clusterIP;
    const r = writeObject(
      s,
      obj(`apiVersion: v1
kind: Service
metadata: {name: frontend-svc}
spec:
  clusterIP: 10.96.0.99
  selector: {app: frontend}
  ports: [{port: 80, targetPort: 5000}]
`),
      'apply',
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.text).toContain('spec.clusterIPs[0]: Invalid value: ["10.96.0.99"]: may not change once set');
    expect(svc(s, 'frontend-svc').spec.clusterIP).toBe(ip);
  });

  it('delete releases the ClusterIP; create of an existing object is AlreadyExists; missing is NotFound', () => {
    const s = withDefault();
    const ip = svc(s, 'db-svc').spec.clusterIP!;
    const again = writeObject(
      s,
      obj(`apiVersion: v1
kind: Service
metadata: {name: db-svc}
spec:
  selector: {app: db}
  ports: [{port: 6379}]
`),
      'create',
    );
    expect(!again.ok && again.error.text).toBe('Error from server (AlreadyExists): services "db-svc" already exists');
    expect(deleteObject(s, 'Service', 'default', 'db-svc').ok).toBe(true);
    expect(s.alloc.clusterIPs[ip]).toBeUndefined();
    const r = deleteObject(s, 'Service', 'default', 'db-svc');
    expect(!r.ok && r.error.text).toBe('Error from server (NotFound): services "db-svc" not found');
    const d = deleteObject(s, 'Deployment', 'default', 'nope');
    expect(!d.ok && d.error.text).toBe('Error from server (NotFound): deployments.apps "nope" not found');
  });

  it('an object in a missing namespace is NotFound', () => {
    const s = withDefault();
    const r = writeObject(
      s,
      obj(`apiVersion: v1
kind: Service
metadata: {name: x, namespace: ghost}
spec:
  ports: [{port: 80}]
`),
      'apply',
    );
    expect(!r.ok && r.error.text).toBe('Error from server (NotFound): namespaces "ghost" not found');
  });
});
