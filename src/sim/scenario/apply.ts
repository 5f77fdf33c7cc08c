// Building a cluster from objects: applied as `kubectl apply -f` would (the settings a scenario's Cluster
// and Playground documents ask for are read in ./settings-from). No YAML here: the first view builds the
// default scenario from its prebuilt objects with this alone (the parser loads later, with the kit).
import type { ClusterSettings, ClusterState } from '../model/state';
import type { ManifestInput } from '../model/types';
import { KINDS } from '../model/types';
import { lastAppliedOf, LAST_APPLIED } from '../model/last-applied';
import { createCluster, DEFAULT_SETTINGS } from '../cluster';
import { writeObject } from '../apiserver/api';
import { settle } from '../step';
import { DEFAULT_OBJECTS } from './builtin/default-objects';

/** Apply objects the way `kubectl apply -f` on one file would: namespaces first, then in order. */
export function applyAll(s: ClusterState, objects: readonly ManifestInput[]): { errors: string[] } {
  const errors: string[] = [];
  const ordered = [...objects.filter((o) => o.kind === 'Namespace'), ...objects.filter((o) => o.kind !== 'Namespace')];
  for (const o of ordered) {
    // As `kubectl apply` does, the object carries what was applied, for the next apply's three-way merge.
    const ns = KINDS[o.kind]?.namespaced ? o.metadata?.namespace || 'default' : '';
    const withLast: ManifestInput = KINDS[o.kind]
      ? {
          ...o,
          metadata: {
            ...o.metadata,
            annotations: { ...(o.metadata?.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(o, ns) },
          },
        }
      : o;
    const r = writeObject(s, withLast, 'apply');
    if (!r.ok) errors.push(r.error.text);
  }
  return { errors };
}

/** A settled cluster with `objects` applied, the way a scenario without YAML documents loads. */
export function clusterFromObjects(
  objects: readonly ManifestInput[],
  settings: ClusterSettings,
): { state: ClusterState; errors: string[] } {
  const s = createCluster(settings);
  const { errors } = applyAll(s, objects);
  settle(s);
  return { state: s, errors };
}

/** The default scenario's cluster (the chapter's), built without parsing YAML. */
export function defaultCluster(overrides: Partial<ClusterSettings> = {}): ClusterState {
  const r = clusterFromObjects(DEFAULT_OBJECTS, { ...DEFAULT_SETTINGS, ...overrides });
  if (r.errors.length) throw new Error('default scenario failed: ' + r.errors.join('; '));
  return r.state;
}
