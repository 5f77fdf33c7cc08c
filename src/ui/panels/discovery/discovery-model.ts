// The chapter's ordering caveat as data: which Services a Pod's environment has (fixed when its
// container started) against the ones a container starting now would get.
import { computeServiceEnv, type ClusterState, type Pod } from '../../../sim';

export interface EnvReport {
  /** virtual ms the container started, null before it has */
  started: number | null;
  /** ns/name of the Services whose variables the container got */
  had: string[];
  /** Services it would get now but does not have: created after it started */
  missing: { key: string; name: string; createdAt: number }[];
  /** Services it has variables for that are gone (the variables stay, stale) */
  gone: string[];
}

export function envReport(s: ClusterState, pod: Pod): EnvReport {
  const rt = s.runtime[pod.metadata.uid];
  const cs = pod.status.containerStatuses?.[0]?.state;
  const started = cs?.running?.startedAt ?? cs?.terminated?.startedAt ?? null;
  if (!rt?.serviceEnv) return { started: null, had: [], missing: [], gone: [] };
  const had = rt.envServices;
  const now = computeServiceEnv(s, pod).services;
  const missing = now
    .filter((k) => !had.includes(k))
    .map((key) => {
      const svc = s.objects.services[key];
      return { key, name: svc?.metadata.name ?? key, createdAt: svc?.metadata.creationTimestamp ?? 0 };
    });
  const gone = had.filter((k) => !s.objects.services[k]);
  return { started, had, missing, gone };
}
