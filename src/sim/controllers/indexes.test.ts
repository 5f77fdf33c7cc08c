// The ReplicaSet and EndpointSlice controllers look Pods up through indexes (by controller, by label)
// rather than scanning every Pod for every ReplicaSet or Service. These pin the cases an index could
// get wrong: a Pod released by one ReplicaSet and adopted by another in the same pass, selectors on a
// label that is not the first, an empty selector, and a namespace boundary.
import { describe, expect, it } from 'vitest';
import { apply, podsWith, withDefault } from '../testing';
import { settle } from '../step';
import { setLabels } from '../apiserver/api';
import { reconcileReplicaSets } from './replicaset';
import { slicesOf } from './endpointslice';

const rsYaml = (name: string, app: string, replicas: number) => `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}, tier: web}}
    spec: {containers: [{name: c, image: nginx}]}
`;

describe('controller indexes', () => {
  it('a Pod relabelled from one ReplicaSet to another is released and adopted in the same pass', () => {
    const s = withDefault();
    apply(s, rsYaml('one', 'one', 2) + '---\n' + rsYaml('two', 'two', 2));
    const [p] = podsWith(s, 'app', 'one');
    const two = Object.values(s.objects.replicasets).find((r) => r.metadata.name === 'two')!;
    expect(setLabels(s, 'Pod', 'default', p.metadata.name, { app: 'two', tier: 'web' }, true).ok).toBe(true);
    reconcileReplicaSets(s);
    const moved = s.objects.pods[`default/${p.metadata.name}`];
    expect(moved.metadata.ownerReferences?.map((r) => r.uid)).toEqual([two.metadata.uid]);
    settle(s);
    // ReplicaSet "one" made a replacement; "two" had one Pod too many and deleted one
    expect(podsWith(s, 'app', 'one').filter((x) => !x.metadata.deletionTimestamp)).toHaveLength(2);
    expect(podsWith(s, 'app', 'two').filter((x) => !x.metadata.deletionTimestamp)).toHaveLength(2);
    expect(s.objects.replicasets['default/two'].status?.replicas).toBe(2);
  });

  it('a Service selects on every label of its selector, in its own namespace only', () => {
    const s = withDefault();
    apply(
      s,
      rsYaml('one', 'one', 2) +
        `---
apiVersion: v1
kind: Namespace
metadata: {name: other}
---
apiVersion: v1
kind: Pod
metadata: {name: stray, namespace: other, labels: {app: one, tier: web}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: half, labels: {app: other, tier: web}}
spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: both}
spec: {selector: {tier: web, app: one}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: tier}
spec: {selector: {tier: web}, ports: [{port: 80}]}
`,
    );
    const names = (svc: string) =>
      slicesOf(s, 'default', svc)
        .flatMap((e) => e.endpoints.map((x) => x.targetRef!.name))
        .sort();
    const ones = podsWith(s, 'app', 'one').map((p) => p.metadata.name);
    expect(names('both')).toEqual([...ones].sort());
    expect(names('tier')).toEqual([...ones, 'half'].sort());
  });
});
