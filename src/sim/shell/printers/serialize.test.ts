import { describe, expect, it } from 'vitest';
import { endpointsFromSlices } from './endpoints';
import { goYamlKeyLess, marshalYaml, scalarStyle } from './goyaml';
import { listOf, printObjects, toApiJson, toJson, toYaml } from './serialize';
import { EPOCH, MIN, deployment, frontendSvc, pod, slice } from './test-fixtures';

const t = (s: string) => s.replace(/^\n/, '');

describe('toApiJson', () => {
  it('sorted keys, RFC 3339 timestamps, struct fields that always serialize', () => {
    const svc = frontendSvc();
    const json = toApiJson(svc, EPOCH);
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(json.metadata).toEqual({
      creationTimestamp: '2024-05-09T07:02:57Z',
      labels: { app: 'frontend' },
      name: 'frontend-svc',
      namespace: 'default',
      resourceVersion: svc.metadata.resourceVersion,
      uid: svc.metadata.uid,
    });
    expect(json.status).toEqual({ loadBalancer: {} });
  });

  it('omitempty: empty maps, lists and strings go; EndpointSlice endpoints/ports become null; template creationTimestamp null is gone', () => {
    const d = deployment('web', 0, 0);
    d.spec.template.metadata = { creationTimestamp: null, labels: { app: 'web' } };
    d.metadata.labels = {};
    const j = toApiJson(d, EPOCH) as {
      metadata: Record<string, unknown>;
      spec: { template: { metadata: unknown } };
      status: Record<string, unknown>;
    };
    expect(j.metadata.labels).toBeUndefined();
    expect(j.spec.template.metadata).toEqual({ labels: { app: 'web' } });
    expect(Object.keys(j.status)).toEqual(['conditions', 'observedGeneration']);
    const s = toApiJson(slice('e-1', 'e', [], []), EPOCH);
    expect(s.endpoints).toBeNull();
    expect(s.ports).toBeNull();
    const p = toApiJson(slice('e-2', 'e', [{ name: '', port: 80, protocol: 'TCP' }], []), EPOCH);
    expect(p.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
  });
});

describe('kubectl -o yaml', () => {
  it('prints a Service as kubectl does', () => {
    const svc = frontendSvc();
    svc.metadata.annotations = {
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"Service"}\n',
    };
    expect(printObjects(svc, 'yaml', EPOCH)).toBe(
      t(`
apiVersion: v1
kind: Service
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Service"}
  creationTimestamp: "2024-05-09T07:02:57Z"
  labels:
    app: frontend
  name: frontend-svc
  namespace: default
  resourceVersion: "${svc.metadata.resourceVersion}"
  uid: ${svc.metadata.uid}
spec:
  clusterIP: 10.101.34.7
  clusterIPs:
  - 10.101.34.7
  externalTrafficPolicy: Cluster
  internalTrafficPolicy: Cluster
  ipFamilies:
  - IPv4
  ipFamilyPolicy: SingleStack
  ports:
  - nodePort: 31842
    port: 80
    protocol: TCP
    targetPort: 5000
  selector:
    app: frontend
  sessionAffinity: None
  type: NodePort
status:
  loadBalancer: {}
`),
    );
  });

  it('wraps several objects in a List; an empty list', () => {
    const eps = endpointsFromSlices(frontendSvc(), [
      slice('frontend-svc-abcde', 'frontend-svc', [{ name: '', port: 5000, protocol: 'TCP' }], [{ ip: '10.244.1.5' }]),
    ]);
    expect(printObjects([eps], 'yaml', EPOCH)).toBe(
      t(`
apiVersion: v1
items:
- apiVersion: v1
  kind: Endpoints
  metadata:
    creationTimestamp: "2024-05-09T07:02:57Z"
    labels:
      app: frontend
    name: frontend-svc
    namespace: default
  subsets:
  - addresses:
    - ip: 10.244.1.5
      nodeName: kind-worker
      targetRef:
        kind: Pod
        name: pod-10.244.1.5
        namespace: default
        uid: uid-10.244.1.5
    ports:
    - port: 5000
      protocol: TCP
kind: List
metadata:
  resourceVersion: ""
`),
    );
    expect(toYaml(listOf([]))).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""\n');
  });

  it('folds long strings past column 80 like go-yaml, quoting what would not stay a string', () => {
    const p = pod('web-abc', 5 * MIN, { phase: 'Pending', waiting: 'ContainerCreating' });
    p.status.message =
      '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    const yaml = printObjects(p, 'yaml', EPOCH);
    expect(yaml).toContain(
      t(`
  message: '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:
    }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'
`),
    );
    expect(yaml).toContain('    imageID: ""\n    lastState: {}\n');
  });

  it.each([
    ['plain', 'nginx:1.27', 'plain'],
    ['timestamp', '2024-05-09T07:02:57Z', 'double'],
    ['number', '80', 'double'],
    ['float', '1.5', 'double'],
    ['YAML 1.1 bool', 'yes', 'double'],
    ['null word', '~', 'double'],
    ['empty', '', 'double'],
    ['colon space', 'a: b', 'single'],
    ['leading indicator', '*', 'single'],
    ['trailing colon', 'key:', 'single'],
    ['comment', 'a #b', 'single'],
    ['multi-line', 'a\nb\n', 'literal'],
    ['control char', 'a\tb', 'double'],
    ['ip', '10.96.0.1', 'plain'],
    ['base 60', '10:30', 'double'],
  ])('scalar style: %s', (_n, s, want) => {
    expect(scalarStyle(s)).toBe(want);
  });

  it('go-yaml key order (digit runs compare as numbers)', () => {
    expect(goYamlKeyLess('port9', 'port10')).toBe(true);
    expect(goYamlKeyLess('app', 'app.kubernetes.io/name')).toBe(true);
    expect(marshalYaml({ b: 1, a10: 2, a9: 3, A: 4 })).toBe('A: 4\na9: 3\na10: 2\nb: 1\n');
  });

  it('literal block chomping and quoting edge cases', () => {
    expect(marshalYaml({ a: 'x\ny', b: 'x\n\n', c: ' lead', d: "it's: here" })).toBe(
      "a: |-\n  x\n  y\nb: |+\n  x\n\nc: ' lead'\nd: 'it''s: here'\n",
    );
  });
});

describe('kubectl -o json', () => {
  it('4-space indent, sorted keys, HTML-safe escapes, trailing newline', () => {
    expect(toJson({ b: '<none> & more', a: [1, { d: true, c: null }], e: {}, f: [] })).toBe(
      t(`
{
    "b": "\\u003cnone\\u003e \\u0026 more",
    "a": [
        1,
        {
            "d": true,
            "c": null
        }
    ],
    "e": {},
    "f": []
}
`),
    );
    expect(toJson(listOf([]))).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
    expect(printObjects(frontendSvc(), 'json', EPOCH)).toContain(
      '\n    "status": {\n        "loadBalancer": {}\n    }\n}\n',
    );
  });
});
