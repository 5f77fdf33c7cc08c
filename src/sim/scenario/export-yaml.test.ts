// The YAML export is what kubectl apply -f accepts, and loading it again gives the same cluster.
import { describe, expect, it } from 'vitest';
import { stateToScenarioYaml } from './export-yaml';
import { listScenarios } from './scenarios';
import { loadScenario } from './load';
import { parseManifests } from './manifest';
import { userObjects, toManifest } from './user-objects';
import type { ClusterState } from '../model/state';
import { apply } from '../testing';
import { defaultCluster } from './apply';
import { scaleDeployment } from '../apiserver/api';

const SERVER_FIELDS = [
  /^\s*status:/m,
  /uid:/,
  /resourceVersion:/,
  /creationTimestamp:/,
  /clusterIPs:/,
  /ipFamilies:/,
  /ipFamilyPolicy:/,
  /internalTrafficPolicy:/,
  /last-applied-configuration/,
  /terminationMessagePath:/,
  /imagePullPolicy:/,
  /dnsPolicy:/,
  /ownerReferences:/,
  /clusterIP: \d/,
  /healthCheckNodePort:/,
  /generation:/,
  /tolerations:/,
];

function summary(s: ClusterState) {
  return {
    objects: userObjects(s).map((o) => toManifest(o)),
    services: Object.values(s.objects.services).map((x) => [
      x.metadata.name,
      x.spec.clusterIP,
      x.spec.ports?.map((p) => p.nodePort),
    ]),
    pods: Object.values(s.objects.pods).map((p) => [p.metadata.name, p.status.podIP, p.spec.nodeName]),
  };
}

describe('stateToScenarioYaml', () => {
  for (const sc of listScenarios()) {
    it(`${sc.id}: kubectl-valid YAML that rebuilds the same cluster`, () => {
      const s = loadScenario(sc.yaml).state!;
      const yaml = stateToScenarioYaml(s);
      for (const re of SERVER_FIELDS) expect(yaml, `${re} in ${sc.id}`).not.toMatch(re);
      const parsed = parseManifests(yaml);
      expect(parsed.errors).toEqual([]);
      expect(parsed.ignored).toEqual([]);
      expect(parsed.playground).toBeUndefined();
      const again = loadScenario(stateToScenarioYaml(s, { settings: true }));
      expect(again.errors).toEqual([]);
      expect(summary(again.state!)).toEqual(summary(s));
    });
  }

  it('writes a chosen nodePort, not a random one', () => {
    const s = loadScenario(listScenarios().find((x) => x.id === 'nodeport')!.yaml).state!;
    const yaml = stateToScenarioYaml(s);
    expect(yaml).toContain('nodePort: 32233');
    expect(yaml.match(/nodePort:/g)).toHaveLength(1);
    expect(stateToScenarioYaml(s, { nodePorts: 'all' }).match(/nodePort:/g)).toHaveLength(2);
    expect(stateToScenarioYaml(s, { nodePorts: 'none' })).not.toContain('nodePort:');
  });

  it('follows what the user changed: a new namespace and its objects, a scaled Deployment, a changed type', () => {
    const s = defaultCluster();
    apply(
      s,
      `apiVersion: v1
kind: Namespace
metadata:
  name: my-ns
---
apiVersion: v1
kind: Service
metadata:
  name: redis-master
  namespace: my-ns
spec:
  selector:
    app: redis
  ports:
  - port: 6379
---
apiVersion: v1
kind: Service
metadata:
  name: frontend-svc
spec:
  type: NodePort
  selector:
    app: frontend
  ports:
  - protocol: TCP
    port: 80
    targetPort: 5000
`,
    );
    scaleDeployment(s, 'default', 'frontend', 4);
    const yaml = stateToScenarioYaml(s);
    expect(yaml).toContain('replicas: 4');
    expect(yaml.startsWith('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: my-ns\n')).toBe(true);
    expect(yaml).toContain('  namespace: my-ns\n');
    expect(yaml).toContain('type: NodePort');
    expect(yaml).not.toContain('namespace: default');
    const again = loadScenario(stateToScenarioYaml(s, { settings: true })).state!;
    expect(again.objects.services['my-ns/redis-master']).toBeDefined();
    expect(again.objects.services['default/frontend-svc'].spec.type).toBe('NodePort');
  });
});
