// The user's objects as one multi-document YAML file that `kubectl apply -f` accepts on a real cluster:
// no status, no server-set metadata, no allocated addresses, no defaults the apiserver would fill in.
// With `settings`, a leading Playground document records the simulated cluster (the playground reads
// it; kubectl would not, so it is off by default).
import { stringify } from 'yaml';
import type { ClusterState } from '../model/state';
import { userObjects, toManifest } from './user-objects';
import { chosenNodePorts, settingsDiff } from './share-state';

export interface YamlExportOptions {
  /** prepend a Playground document with the cluster's settings (for reloading in the playground) */
  settings?: boolean;
  /**
   * Which nodePorts to write: those the user chose (default: the ones a fresh cluster would not draw by
   * itself, found by rebuilding), all of them, or none.
   */
  nodePorts?: 'chosen' | 'all' | 'none';
}

export function stateToScenarioYaml(s: ClusterState, opts: YamlExportOptions = {}): string {
  const mode = opts.nodePorts ?? 'chosen';
  const chosen = mode === 'chosen' ? chosenNodePorts(s) : new Map<string, number[]>();
  const docs: unknown[] = [];
  if (opts.settings) {
    const diff = settingsDiff(s.settings);
    const spec: Record<string, unknown> = { seed: s.settings.seed };
    if (diff.cloudLoadBalancer !== undefined) spec.cloudLoadBalancer = diff.cloudLoadBalancer;
    if (diff.externalRoutes) spec.externalRoutes = diff.externalRoutes;
    if (diff.kubeProxy?.minSyncPeriodMs !== undefined) spec.minSyncPeriodMs = diff.kubeProxy.minSyncPeriodMs;
    if (diff.kubeProxy?.mode !== undefined) spec.kubeProxyMode = diff.kubeProxy.mode;
    if (diff.nodes) spec.nodes = diff.nodes;
    docs.push({ apiVersion: 'playground.k8s.local/v1alpha1', kind: 'Playground', spec });
  }
  for (const o of userObjects(s)) {
    const k = `${o.metadata.namespace}/${o.metadata.name}`;
    const ports =
      o.kind === 'Service'
        ? mode === 'all'
          ? (o.spec.ports ?? []).map((_, i) => i)
          : mode === 'chosen'
            ? chosen.get(k)
            : []
        : undefined;
    docs.push(toManifest(o, { readable: true, nodePorts: ports }));
  }
  return docs.map((d) => stringify(d, { lineWidth: 0, indentSeq: false })).join('---\n');
}
