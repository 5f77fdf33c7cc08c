// deployment-controller: each template gets a ReplicaSet named <deployment>-<pod-template-hash>; the current
// one is scaled to spec.replicas and older ones to 0 (the rollout is immediate rather than surge-by-surge).
import type { ClusterState } from '../model/state';
import type { Deployment, ReplicaSet } from '../model/types';
import { emit, ref } from '../model/events';
import { clone, newUid, nextRV } from '../model/meta';
import { podTemplateHash } from './hash';
import { ownedBy } from './replicaset';

function scale(s: ClusterState, d: Deployment, rs: ReplicaSet, to: number): void {
  const from = rs.spec.replicas ?? 0;
  if (from === to) return;
  rs.spec.replicas = to;
  rs.metadata.generation = (rs.metadata.generation ?? 1) + 1;
  rs.metadata.resourceVersion = nextRV(s);
  rs.metadata.annotations = {
    ...(rs.metadata.annotations ?? {}),
    'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1),
  };
  emit(s, {
    reason: 'ScalingReplicaSet',
    message: `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`,
    object: ref(d),
    source: 'deployment-controller',
  });
}

export function reconcileDeployments(s: ClusterState): boolean {
  let changed = false;
  for (const d of Object.values(s.objects.deployments)) {
    const ns = d.metadata.namespace ?? 'default';
    const hash = podTemplateHash(d.spec.template);
    const owned = Object.values(s.objects.replicasets).filter(
      (r) => r.metadata.namespace === ns && ownedBy(r, d.metadata.uid),
    );
    let current = owned.find((r) => r.metadata.labels?.['pod-template-hash'] === hash);
    const want = d.spec.replicas ?? 1;
    if (!current) {
      const name = `${d.metadata.name}-${hash}`;
      const tpl = clone(d.spec.template);
      tpl.metadata = {
        ...(tpl.metadata ?? {}),
        labels: { ...(tpl.metadata?.labels ?? {}), 'pod-template-hash': hash },
      };
      const revision =
        owned.reduce(
          (m, r) => Math.max(m, Number(r.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)),
          0,
        ) + 1;
      current = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name,
          namespace: ns,
          uid: newUid(s),
          resourceVersion: nextRV(s),
          generation: 1,
          creationTimestamp: s.now,
          labels: { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(want),
            'deployment.kubernetes.io/max-replicas': String(want + Math.ceil(want / 4)),
            'deployment.kubernetes.io/revision': String(revision),
          },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: d.metadata.name,
              uid: d.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          replicas: 0,
          selector: {
            matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash },
            ...(d.spec.selector.matchExpressions ? { matchExpressions: d.spec.selector.matchExpressions } : {}),
          },
          template: tpl,
        },
        status: { replicas: 0 },
      };
      s.objects.replicasets[`${ns}/${name}`] = current;
      changed = true;
    }
    if ((current.spec.replicas ?? 0) !== want) {
      scale(s, d, current, want);
      changed = true;
    }
    for (const old of owned)
      if (old !== current && (old.spec.replicas ?? 0) !== 0) {
        scale(s, d, old, 0);
        changed = true;
      }
    const all = Object.values(s.objects.replicasets).filter(
      (r) => r.metadata.namespace === ns && ownedBy(r, d.metadata.uid),
    );
    const sum = (f: (r: ReplicaSet) => number | undefined) => all.reduce((a, r) => a + (f(r) ?? 0), 0);
    const ready = sum((r) => r.status.readyReplicas);
    const available = sum((r) => r.status.availableReplicas);
    const status: Deployment['status'] = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: sum((r) => r.status.replicas),
      updatedReplicas: current.status.replicas,
      readyReplicas: ready,
      availableReplicas: available,
      ...(sum((r) => r.status.replicas) - available > 0
        ? { unavailableReplicas: sum((r) => r.status.replicas) - available }
        : {}),
    };
    const prevCond = d.status.conditions ?? [];
    const avail = available >= want - Math.floor(want / 4);
    const availCond = prevCond.find((c) => c.type === 'Available');
    const conditions = [
      availCond && (availCond.status === 'True') === avail
        ? availCond
        : {
            type: 'Available',
            status: avail ? 'True' : 'False',
            reason: avail ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
            message: avail ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
            lastUpdateTime: s.now,
            lastTransitionTime: s.now,
          },
      prevCond.find((c) => c.type === 'Progressing') ?? {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${current.metadata.name}" has successfully progressed.`,
        lastUpdateTime: s.now,
        lastTransitionTime: s.now,
      },
    ];
    status.conditions = conditions;
    if (JSON.stringify(status) !== JSON.stringify(d.status)) {
      d.status = status;
      changed = true;
    }
  }
  return changed;
}
