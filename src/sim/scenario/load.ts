// A scenario = an optional kind `Cluster` document (the cluster's shape), an optional `Playground`
// document (the simulator's settings), then Kubernetes objects applied in order.
import type { ClusterSettings, ClusterState, NodeSpecSetting } from '../model/state';
import type { KubeObject } from '../model/types';
import { KINDS } from '../model/types';
import { lastAppliedOf, LAST_APPLIED } from '../model/last-applied';
import { createCluster, DEFAULT_SETTINGS } from '../cluster';
import { writeObject } from '../apiserver/api';
import { settle } from '../step';
import { parseManifests, type ClusterDoc, type ManifestError, type PlaygroundDoc } from './manifest';
import { DEFAULT_SCENARIO } from './builtin/default';

export function settingsFrom(cluster?: ClusterDoc, pg?: PlaygroundDoc, base: ClusterSettings = DEFAULT_SETTINGS): ClusterSettings {
  const out: ClusterSettings = { ...base, kubeProxy: { ...base.kubeProxy } };
  if (cluster?.nodes?.length) {
    const cps = cluster.nodes.filter((n) => (n.role ?? 'control-plane') === 'control-plane').length;
    let w = 0, c = 0;
    out.nodes = cluster.nodes.map((n): NodeSpecSetting => {
      const role = n.role === 'worker' ? 'worker' : 'control-plane';
      if (role === 'worker') return { name: `worker${++w}`, role };
      c++;
      return { name: cps > 1 ? `master${c}` : 'master', role };
    });
  }
  if (cluster?.networking?.podSubnet) out.podSubnet = cluster.networking.podSubnet;
  if (cluster?.networking?.serviceSubnet) out.serviceSubnet = cluster.networking.serviceSubnet;
  const sp = pg?.spec ?? {};
  if (typeof sp.seed === 'number') out.seed = sp.seed;
  if (typeof sp.cloudLoadBalancer === 'boolean') out.cloudLoadBalancer = sp.cloudLoadBalancer;
  if (Array.isArray(sp.externalRoutes)) out.externalRoutes = (sp.externalRoutes as { ip: string; node: string }[]).filter((r) => r && typeof r.ip === 'string' && typeof r.node === 'string');
  if (typeof sp.minSyncPeriodMs === 'number') out.kubeProxy.minSyncPeriodMs = sp.minSyncPeriodMs;
  if (Array.isArray(sp.nodes)) out.nodes = (sp.nodes as NodeSpecSetting[]).filter((n) => n && typeof n.name === 'string');
  return out;
}

/** Apply objects the way `kubectl apply -f` on one file would: namespaces first, then in order. */
export function applyAll(s: ClusterState, objects: KubeObject[]): { errors: string[] } {
  const errors: string[] = [];
  const ordered = [...objects.filter((o) => o.kind === 'Namespace'), ...objects.filter((o) => o.kind !== 'Namespace')];
  for (const o of ordered) {
    // As `kubectl apply` does, the object carries what was applied, for the next apply's three-way merge.
    const ns = KINDS[o.kind]?.namespaced ? o.metadata?.namespace || 'default' : '';
    const withLast = KINDS[o.kind] ? { ...o, metadata: { ...o.metadata, annotations: { ...(o.metadata?.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(o, ns) } } } : o;
    const r = writeObject(s, withLast as KubeObject, 'apply');
    if (!r.ok) errors.push(r.error.text);
  }
  return { errors };
}

export interface LoadResult { state: ClusterState | null; errors: (ManifestError | { message: string; line?: number; col?: number })[]; ignored: string[] }

export function loadScenario(text: string, overrides: Partial<ClusterSettings> = {}): LoadResult {
  const parsed = parseManifests(text, { source: 'scenario.yaml' });
  if (parsed.errors.length) return { state: null, errors: parsed.errors, ignored: parsed.ignored };
  const settings = { ...settingsFrom(parsed.cluster, parsed.playground), ...overrides };
  const s = createCluster(settings);
  const { errors } = applyAll(s, parsed.objects);
  settle(s);
  return { state: s, errors: errors.map((message) => ({ message })), ignored: parsed.ignored };
}

export function defaultCluster(overrides: Partial<ClusterSettings> = {}): ClusterState {
  const r = loadScenario(DEFAULT_SCENARIO, overrides);
  if (!r.state) throw new Error('default scenario failed: ' + r.errors.map((e) => e.message).join('; '));
  return r.state;
}
