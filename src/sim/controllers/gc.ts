// garbage collector, pod GC and namespace controller: dependents follow their owners (background
// cascading deletion), Pods bound to a vanished node are removed, a Terminating namespace empties.
import { podList } from '../model/pod-list';
import type { ClusterState } from '../model/state';
import type { KubeObject, Pod } from '../model/types';
import { objKey } from '../model/meta';
import { deleteObject, removePod } from '../apiserver/api';

function ownerGone(s: ClusterState, o: KubeObject): boolean {
  const r = o.metadata.ownerReferences?.find((x) => x.controller);
  if (!r) return false;
  const ns = o.metadata.namespace;
  const owner =
    r.kind === 'ReplicaSet'
      ? s.objects.replicasets[`${ns}/${r.name}`]
      : r.kind === 'Deployment'
        ? s.objects.deployments[`${ns}/${r.name}`]
        : undefined;
  if (r.kind !== 'ReplicaSet' && r.kind !== 'Deployment') return false;
  return !owner || owner.metadata.uid !== r.uid;
}

export function reconcileGarbage(s: ClusterState): boolean {
  let changed = false;
  for (const rs of Object.values(s.objects.replicasets)) {
    if (ownerGone(s, rs)) {
      delete s.objects.replicasets[objKey(rs)];
      changed = true;
    }
  }
  // a Pod's owner is there when the object under its key has its uid: the owners by uid, looked up
  // once per owner rather than once per Pod (100,000 Pods of one ReplicaSet)
  const there = new Map<string, { kind: string; ns?: string; name: string; gone: boolean }>();
  const podOwnerGone = (p: Pod) => {
    let r: NonNullable<Pod['metadata']['ownerReferences']>[number] | undefined;
    for (const x of p.metadata.ownerReferences ?? [])
      if (x.controller) {
        r = x;
        break;
      }
    if (!r) return false;
    const ns = p.metadata.namespace;
    const seen = there.get(r.uid);
    if (seen && seen.kind === r.kind && seen.ns === ns && seen.name === r.name) return seen.gone;
    const gone = ownerGone(s, p);
    there.set(r.uid, { kind: r.kind, ns, name: r.name, gone });
    return gone;
  };
  for (const p of podList(s)) {
    if (p.metadata.deletionTimestamp === undefined && podOwnerGone(p)) {
      deleteObject(s, 'Pod', p.metadata.namespace, p.metadata.name);
      changed = true;
    }
    if (p.spec.nodeName && !s.objects.nodes[p.spec.nodeName]) {
      removePod(s, p);
      changed = true;
    } else if (!p.spec.nodeName && p.metadata.deletionTimestamp !== undefined) {
      removePod(s, p);
      changed = true;
    }
  }
  for (const ns of Object.values(s.objects.namespaces)) {
    if (ns.status.phase !== 'Terminating') continue;
    const name = ns.metadata.name;
    for (const coll of ['deployments', 'replicasets', 'services'] as const) {
      for (const o of Object.values(s.objects[coll])) {
        if (o.metadata.namespace === name) {
          deleteObject(s, o.kind, name, o.metadata.name);
          changed = true;
        }
      }
    }
    const pods = podList(s).filter((p) => p.metadata.namespace === name);
    for (const p of pods)
      if (p.metadata.deletionTimestamp === undefined) {
        deleteObject(s, 'Pod', name, p.metadata.name);
        changed = true;
      }
    if (pods.length === 0) {
      delete s.objects.namespaces[name];
      changed = true;
    }
  }
  return changed;
}
