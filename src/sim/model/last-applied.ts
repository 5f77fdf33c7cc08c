// kubectl apply's record of what was applied: the manifest as given, in the
// kubectl.kubernetes.io/last-applied-configuration annotation (the next apply's three-way merge reads it).
import type { ManifestInput } from './types';
import { KINDS } from './types';
import { clone } from './meta';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** The annotation's value: the manifest as given, its own annotation removed, the namespace filled in (Go's sorted, HTML-safe JSON). */
export function lastAppliedOf(obj: ManifestInput, ns: string): string {
  const copy = clone(obj);
  copy.metadata = { ...(copy.metadata ?? {}) };
  const ann = { ...(copy.metadata.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  copy.metadata.annotations = ann;
  if (KINDS[obj.kind].namespaced) copy.metadata.namespace = ns;
  return (
    JSON.stringify(sortKeys(copy)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026') + '\n'
  );
}
