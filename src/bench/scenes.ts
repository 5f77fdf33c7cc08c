// The clusters the browser benchmark opens, built with the engine in Node: what the default canvas
// must show to count as complete, a large cluster as a share link, and share-link lengths.
import { readFileSync } from 'node:fs';
import {
  clone,
  defaultCluster,
  settle,
  tracePacket,
  writeObject,
  type ClusterState,
  type ManifestInput,
  type Pod,
  type Source,
} from '../sim/index';
import { encodeShare, loadScenario, shareFromState } from '../sim/scenario/kit';
import { hopDuration, LINGER_MS } from '../ui/playback/timing';
import { fiftyObjectScenario } from '../sim/scenario/fixtures-50';
import { isSystemPod, isSystemService } from '../ui/canvas/graph';
import { bigCluster } from './engine';

/** Pods and Services the canvas shows for a cluster (system ones are hidden by default). */
export function visibleCounts(s: ClusterState): { pods: number; services: number } {
  return {
    pods: Object.values(s.objects.pods).filter((p) => !isSystemPod(p)).length,
    services: Object.values(s.objects.services).filter((v) => !isSystemService(v)).length,
  };
}

export const LARGE = { workers: 9, deployments: 50, replicas: 4 };

/** 10 nodes (a control plane and 9 workers), 50 Deployments × 4 Pods behind 50 Services, and a busybox Pod to send from. */
export function largeCluster(): ClusterState {
  const s = bigCluster(LARGE.workers, LARGE.deployments, LARGE.replicas);
  const busybox: ManifestInput<Pod> = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'busybox', labels: { run: 'busybox' } },
    spec: { containers: [{ name: 'busybox', image: 'busybox:1.28', command: ['sleep', '3600'] }] },
  };
  const r = writeObject(s, busybox, 'apply');
  if (!r.ok) throw new Error(r.error.text);
  settle(s);
  return s;
}

export async function shareLink(s: ClusterState): Promise<{ fragment: string; exact: boolean }> {
  const b = shareFromState(s);
  return { fragment: await encodeShare(b.payload), exact: b.exact };
}

export interface ShareLengths {
  default: number;
  fiftyObjects: number;
  recorded: { default: number; fiftyObjects: number } | null;
}

/** Fragment lengths measured now, beside the ones docs/share-sizes.json recorded. */
export async function shareLengths(): Promise<ShareLengths> {
  const fifty = loadScenario(fiftyObjectScenario());
  if (!fifty.state) throw new Error('50-object scenario failed to load');
  let recorded: ShareLengths['recorded'] = null;
  try {
    const j = JSON.parse(readFileSync('docs/share-sizes.json', 'utf8')) as {
      default: { deflateRaw: number };
      fiftyObjects: { deflateRaw: number };
    };
    recorded = { default: j.default.deflateRaw, fiftyObjects: j.fiftyObjects.deflateRaw };
  } catch {
    /* not recorded yet */
  }
  return {
    default: (await shareLink(defaultCluster())).fragment.length,
    fiftyObjects: (await shareLink(fifty.state)).fragment.length,
    recorded,
  };
}

/**
 * How long one request's packet stays on the canvas (animation ms: every hop, then the verdict's
 * linger), averaged over many requests since the endpoint drawn changes the path. Packets in flight
 * = rate × this, whatever the playback speed, so it gives the traffic rate for a wanted count.
 */
export function meanFlightMs(s: ClusterState, source: Source, service: string, port: number): number {
  const c = clone(s);
  const ip = c.objects.services[service]?.spec.clusterIP;
  if (!ip) throw new Error(`no Service ${service}`);
  let total = 0;
  const n = 200;
  for (let k = 0; k < n; k++) {
    const hops = tracePacket(c, source, { ip, port }).hops;
    total += hops.reduce((a, _, i) => a + hopDuration(hops, i), 0) + LINGER_MS;
  }
  return total / n;
}
