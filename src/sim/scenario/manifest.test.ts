// Manifests: what kubectl accepts, the errors it gives at the right line, and bad input that must
// neither crash nor change the cluster.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseManifests } from './manifest';
import { applyAll } from './apply';
import { withDefault } from '../testing';

describe('parseManifests', () => {
  it('reads several documents, JSON, and kind: List', () => {
    const p = parseManifests(`apiVersion: v1
kind: Service
metadata: {name: a}
spec: {ports: [{port: 80}]}
---
{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec: {containers: [{name: c, image: nginx}]}
`);
    expect(p.errors).toEqual([]);
    expect(p.objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(['Service/a', 'Namespace/n', 'Pod/p']);
  });

  it('reports a YAML syntax error at its line', () => {
    const p = parseManifests('apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n   bad: indent\n');
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0].line).toBeGreaterThanOrEqual(4);
    expect(p.errors[0].message).toBe(
      `error: error parsing STDIN: error converting YAML to JSON: yaml: line ${p.errors[0].line}: mapping values are not allowed in this context`,
    );
  });

  it('a misspelt field is a strict decoding error, at the field', () => {
    const p = parseManifests(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: frontend-svc\nspec:\n  selectr:\n    app: x\n  ports: [{port: 80}]\n',
      { source: 'svc.yaml' },
    );
    expect(p.errors[0].message).toBe(
      'Error from server (BadRequest): error when creating "svc.yaml": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.selectr"',
    );
    expect(p.errors[0].line).toBe(6);
  });

  it('an unknown kind has no match', () => {
    const p = parseManifests('apiVersion: v1\nkind: Servic\nmetadata: {name: x}\n', { source: 'x.yaml' });
    expect(p.errors[0].message).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "x.yaml": no matches for kind "Servic" in version "v1"\nensure CRDs are installed first',
    );
  });

  it('imports real `kubectl get -o yaml` output, dropping what the server sets and saying so', () => {
    const p = parseManifests(
      `apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    creationTimestamp: "2026-01-12T09:00:00Z"
    name: web
    namespace: default
    resourceVersion: "1234"
    uid: 3f1c2d3e-1111-4222-8333-444455556666
  spec:
    clusterIP: 10.96.12.34
    clusterIPs: [10.96.12.34]
    ports: [{port: 80, protocol: TCP, targetPort: 80}]
    selector: {app: web}
    type: ClusterIP
  status:
    loadBalancer: {}
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-7c5ddbdf54-abcde
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7c5ddbdf54, uid: x, controller: true}]
  spec:
    containers: [{name: web, image: nginx, livenessProbe: {httpGet: {path: /, port: 80}}}]
kind: List
metadata:
  resourceVersion: ""
`,
      { importing: true },
    );
    expect(p.errors).toEqual([]);
    expect(p.objects.map((o) => o.metadata?.name)).toEqual(['web']);
    expect(p.ignored).toContain('status');
    expect(p.ignored).toContain('metadata.uid');
    expect(p.ignored.some((x) => x.includes('owned by a controller'))).toBe(true);
  });
});

describe('bad input changes nothing and crashes nothing', () => {
  it('an alias bomb is refused', () => {
    const bomb =
      'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n';
    const p = parseManifests(bomb);
    expect(p.errors.length).toBeGreaterThan(0);
    expect(p.objects).toEqual([]);
  });

  it('very deep nesting is an error, not a stack overflow', () => {
    const deep =
      'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    expect(() => parseManifests(deep)).not.toThrow();
  });

  it('thousands of documents are read (up to the limit) or refused with a message', () => {
    const many = Array.from(
      { length: 2500 },
      (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: n${i}}`,
    ).join('\n---\n');
    const p = parseManifests(many);
    expect(p.errors[0].message).toMatch(/at most 2000/);
  });

  it('wrong types are refused as Go’s decoder refuses them', () => {
    const p = parseManifests(
      'apiVersion: v1\nkind: Service\nmetadata: {name: weird}\nspec:\n  ports: [{port: "eighty"}]\n',
      { source: 'svc.yaml' },
    );
    expect(p.objects).toEqual([]);
    expect(p.errors[0].message).toBe(
      'Error from server (BadRequest): error when creating "svc.yaml": Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field Service.spec.ports.port of type int32',
    );
    expect(p.errors[0].line).toBe(5);
  });

  it('an invalid value is refused by validation with the apiserver’s words, and nothing changes', () => {
    const s = withDefault();
    const before = JSON.stringify(s);
    const p = parseManifests(
      'apiVersion: v1\nkind: Service\nmetadata: {name: frontend-svc}\nspec:\n  ports: [{port: 70000, targetPort: 5000}]\n',
    );
    const r = applyAll(s, p.objects);
    expect(r.errors).toEqual([
      'The Service "frontend-svc" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    expect(JSON.stringify(s) === before).toBe(true);
  });

  it('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const p = parseManifests(text);
        expect(Array.isArray(p.errors)).toBe(true);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('random objects never throw and never half-apply', () => {
    const s = withDefault();
    // what parseManifests lets through reaches the apiserver; the rest is refused with a message
    const decoded = (o: unknown) => parseManifests(JSON.stringify(o)).objects;
    const anything = fc.anything({ maxDepth: 4 });
    fc.assert(
      fc.property(
        fc.record({
          apiVersion: fc.constant('v1'),
          kind: fc.constantFrom('Service', 'Pod', 'Namespace'),
          metadata: fc.record({ name: fc.string({ maxLength: 12 }) }),
          spec: anything,
        }),
        (o) => {
          const before = JSON.stringify(s.objects);
          let r: { errors: string[] } = { errors: [] };
          expect(() => {
            r = applyAll(s, decoded(o));
          }).not.toThrow();
          if (r.errors.length) expect(JSON.stringify(s.objects) === before).toBe(true);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
});
