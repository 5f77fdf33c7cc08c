// A scenario = an optional kind `Cluster` document (the cluster's shape), an optional `Playground`
// document (the simulator's settings), then Kubernetes objects applied in order.
import type { ClusterSettings, ClusterState } from '../model/state';
import { parseManifests, type ManifestError } from './manifest';
import { clusterFromObjects } from './apply';
import { settingsFrom } from './settings-from';

export interface LoadResult {
  state: ClusterState | null;
  errors: (ManifestError | { message: string; line?: number; col?: number })[];
  ignored: string[];
}

export function loadScenario(
  text: string,
  overrides: Partial<ClusterSettings> = {},
  source = 'scenario.yaml',
): LoadResult {
  const parsed = parseManifests(text, { source });
  if (parsed.errors.length) return { state: null, errors: parsed.errors, ignored: parsed.ignored };
  const settings = { ...settingsFrom(parsed.cluster, parsed.playground), ...overrides };
  const { state, errors } = clusterFromObjects(parsed.objects, settings);
  return { state, errors: errors.map((message) => ({ message })), ignored: parsed.ignored };
}
