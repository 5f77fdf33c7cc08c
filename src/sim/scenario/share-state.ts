// ClusterState ⇄ share payload. A payload holds what the user applied; rebuilding it (a new cluster
// with the same settings and seed, the objects applied in order, settle) must give the same Services,
// Pods and addresses, so that the recipient's requests take the same paths. shareFromState checks
// that by rebuilding, and pins what a replay would not reproduce.
import type { ClusterSettings, ClusterState } from '../model/state';
import type { KubeObject } from '../model/types';
import { isManifestInput } from '../model/types';
import type { SharePayload, ShareSettings, ShareTrace } from './share-types';
import { createCluster, DEFAULT_SETTINGS } from '../cluster';
import { writeObject } from '../apiserver/api';
import { settle } from '../step';
import { clone } from '../model/meta';
import { canonical, creationOrders, toManifest, type Manifest, type ManifestOptions } from './user-objects';
import { SYSTEM_NAMESPACES } from './user-objects';
import { tracePacket } from '../net/trace';
import type { Trace } from '../net/trace-types';

/** The settings that differ from DEFAULT_SETTINGS. */
export function settingsDiff(s: ClusterSettings): ShareSettings {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(DEFAULT_SETTINGS) as (keyof ClusterSettings)[]) {
    if (k === 'kubeProxy') {
      const kp: Record<string, unknown> = {};
      for (const [f, v] of Object.entries(s.kubeProxy))
        if (v !== (DEFAULT_SETTINGS.kubeProxy as Record<string, unknown>)[f]) kp[f] = v;
      if (Object.keys(kp).length) out.kubeProxy = kp;
    } else if (canonical(s[k]) !== canonical(DEFAULT_SETTINGS[k])) out[k] = s[k];
  }
  return JSON.parse(JSON.stringify(out)) as ShareSettings;
}

export function mergeSettings(diff: ShareSettings): ClusterSettings {
  const base = JSON.parse(JSON.stringify(DEFAULT_SETTINGS)) as ClusterSettings;
  const { kubeProxy, ...rest } = JSON.parse(JSON.stringify(diff)) as ShareSettings;
  return { ...base, ...rest, kubeProxy: { ...base.kubeProxy, ...(kubeProxy ?? {}) } } as ClusterSettings;
}

/** The cluster a payload describes, with the apply errors (a link made by hand may hold bad objects). */
export function rebuildFromShare(
  payload: SharePayload,
  /** after each object is written (the engine Worker reports it while opening a big link) */
  progress?: (done: number, total: number) => void,
): { state: ClusterState; errors: string[] } {
  const errors: string[] = [];
  let s: ClusterState;
  try {
    s = createCluster(mergeSettings(payload.settings ?? {}));
  } catch (e) {
    // Settings no cluster can be built from (a hand-made link): say so and use the default cluster.
    errors.push(
      `the cluster settings could not be used (${(e as Error).message}); the default cluster was built instead`,
    );
    s = createCluster({
      seed: typeof payload.settings?.seed === 'number' ? payload.settings.seed : DEFAULT_SETTINGS.seed,
    });
  }
  // where the Pods were, for the Pods the controllers create while the objects settle
  if (payload.pods?.length) s.hints = { pods: payload.pods.map(([key, node, ip]) => ({ key, node, ip })) };
  const objs = payload.objects ?? [];
  // As kubectl apply -f and loadScenario do: Namespaces first, then in order.
  let done = 0;
  for (const o of [...objs.filter((x) => x.kind === 'Namespace'), ...objs.filter((x) => x.kind !== 'Namespace')]) {
    progress?.(done++, objs.length);
    try {
      if (!isManifestInput(o)) {
        errors.push(`${o.kind} "${o.metadata?.name}": not an object this playground knows (${o.apiVersion})`);
        continue;
      }
      const r = writeObject(s, o, 'apply');
      if (!r.ok) errors.push(r.error.text);
    } catch (e) {
      errors.push(`${o.kind} "${o.metadata?.name}": ${(e as Error).message}`);
    }
  }
  progress?.(done, objs.length);
  settle(s);
  delete s.hints;
  return { state: s, errors };
}

export function scenarioFromShare(payload: SharePayload): ClusterState {
  return rebuildFromShare(payload).state;
}

/** The Pods a learner sees (not terminating, not the system's): those a fingerprint compares. */
function visiblePods(s: ClusterState) {
  return Object.values(s.objects.pods).filter((p) => {
    const system = p.metadata.namespace !== 'default' && SYSTEM_NAMESPACES.includes(p.metadata.namespace ?? '');
    return p.metadata.deletionTimestamp === undefined && !system;
  });
}

/**
 * The Pods as a link's `pods`: grouped by name prefix (a ReplicaSet's Pods together, so that a link
 * writes each prefix once), oldest first within each, as their ReplicaSets would have made them.
 */
function podHints(s: ClusterState): [string, string, string][] {
  const prefix = (key: string) => key.slice(0, Math.max(key.lastIndexOf('-'), key.lastIndexOf('/')) + 1);
  const oldest = visiblePods(s)
    .filter((p) => p.spec.nodeName && p.status.podIP && !p.spec.hostNetwork)
    .sort(
      (a, b) =>
        a.metadata.creationTimestamp - b.metadata.creationTimestamp || a.metadata.name.localeCompare(b.metadata.name),
    )
    .map((p): [string, string, string] => [
      `${p.metadata.namespace}/${p.metadata.name}`,
      p.spec.nodeName!,
      p.status.podIP!,
    ]);
  const first = new Map<string, number>();
  oldest.forEach(([k], i) => {
    if (!first.has(prefix(k))) first.set(prefix(k), i);
  });
  return oldest
    .map((h, i) => ({ h, i, g: first.get(prefix(h[0]))! }))
    .sort((a, b) => a.g - b.g || a.i - b.i)
    .map((x) => x.h);
}

/** What a learner sees of a cluster: Services with their addresses and ports, Pods with theirs. */
function fingerprint(s: ClusterState): Map<string, string> {
  const out = new Map<string, string>();
  for (const svc of Object.values(s.objects.services)) {
    out.set(
      `service ${svc.metadata.namespace}/${svc.metadata.name}`,
      canonical([
        svc.spec.clusterIP,
        (svc.spec.ports ?? []).map((p) => p.nodePort ?? null),
        svc.spec.healthCheckNodePort ?? null,
        (svc.status.loadBalancer.ingress ?? []).map((i) => i.ip),
      ]),
    );
  }
  for (const p of visiblePods(s)) {
    out.set(
      `pod ${p.metadata.namespace}/${p.metadata.name}`,
      canonical([p.status.podIP ?? null, p.spec.nodeName ?? null]),
    );
  }
  return out;
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(b.has(k) ? `${k} differs` : `${k} is missing`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`${k} is extra`);
  return out;
}

export interface ShareBuild {
  payload: SharePayload;
  /** the rebuilt cluster has the same Services, Pods and addresses as the one shared */
  exact: boolean;
  /** what differs when not exact ("pod default/frontend-… is missing": a name drawn at random after the fact) */
  differences: string[];
}

interface Pins {
  clusterIP: Set<string>;
  nodePorts: Map<string, number[]>;
}

function manifests(order: KubeObject[], pins: Pins): Manifest[] {
  return order.map((o) => {
    const k = `${o.metadata.namespace}/${o.metadata.name}`;
    const opts: ManifestOptions =
      o.kind === 'Service' ? { clusterIP: pins.clusterIP.has(k), nodePorts: pins.nodePorts.get(k) } : {};
    return toManifest(o, opts);
  });
}

/**
 * Pin the allocated values of the first of the user's Services (in creation order) that the replay did
 * not reproduce. One at a time: a requested value draws nothing from the generator, so pinning one
 * Service shifts every random pick after it, and the next ones may then come out right by themselves.
 */
function pinFirst(pins: Pins, order: KubeObject[], mine: ClusterState, theirs: ClusterState, all = false): boolean {
  let added = false;
  for (const o of order) {
    if (o.kind !== 'Service') continue;
    const k = `${o.metadata.namespace}/${o.metadata.name}`;
    const svc = mine.objects.services[k];
    const other = theirs.objects.services[k];
    if (!svc || !other) continue;
    if (
      svc.spec.clusterIP &&
      svc.spec.clusterIP !== 'None' &&
      other.spec.clusterIP !== svc.spec.clusterIP &&
      !pins.clusterIP.has(k)
    ) {
      pins.clusterIP.add(k);
      added = true;
    }
    const want = (svc.spec.ports ?? [])
      .map((p, i) => (p.nodePort && other.spec.ports?.[i]?.nodePort !== p.nodePort ? i : -1))
      .filter((i) => i >= 0);
    const have = pins.nodePorts.get(k) ?? [];
    const next = [...new Set([...have, ...want])].sort((a, b) => a - b);
    if (next.length !== have.length) {
      pins.nodePorts.set(k, next);
      added = true;
    }
    if (added && !all) return true;
  }
  return added;
}

const noPins = (): Pins => ({ clusterIP: new Set(), nodePorts: new Map() });

/** Pin, rebuild, compare, until the rebuilt cluster matches `settled` or nothing more can be pinned. */
function pinUntilSame(
  settled: ClusterState,
  order: KubeObject[],
  make: (pins: Pins) => SharePayload,
  maxRounds = 8,
): { payload: SharePayload; pins: Pins; diff: string[] } {
  const mine = fingerprint(settled);
  const pins = noPins();
  let payload = make(pins);
  let diff: string[] = [];
  for (let round = 0; round <= maxRounds; round++) {
    const rebuilt = scenarioFromShare(payload);
    diff = differences(mine, fingerprint(rebuilt));
    // After maxRounds, pin every remaining difference at once.
    if (!diff.length || !pinFirst(pins, order, settled, rebuilt, round === maxRounds - 1)) break;
    payload = make(pins);
  }
  return { payload, pins, diff };
}

function settledCopy(s: ClusterState): ClusterState {
  const c = clone(s);
  settle(c);
  return c;
}

export interface ShareOptions {
  lesson?: { id: string; step: number };
  trace?: ShareTrace;
  /** rebuild to check the link reproduces the cluster (default true; false is fast, lists every Pod's place, and may still differ) */
  verify?: boolean;
}

/** The payload for the current cluster. */
export function shareFromState(s: ClusterState, opts: ShareOptions = {}): ShareBuild {
  const settings = settingsDiff(s.settings);
  const extra = {
    ...(opts.lesson ? { lesson: { ...opts.lesson } } : {}),
    ...(opts.trace ? { trace: JSON.parse(JSON.stringify(opts.trace)) as ShareTrace } : {}),
  };
  const orders = creationOrders(s);
  const make =
    (order: KubeObject[]) =>
    (pins: Pins): SharePayload => ({ objects: manifests(order, pins), settings, ...extra });
  // unverified (the autosave's fallback copy): with every Pod's place, so a rebuild comes as close as it can
  if (opts.verify === false)
    return {
      payload: { ...make(orders[0])(noPins()), pods: podHints(s) },
      exact: false,
      differences: ['not verified'],
    };
  // The recipient's cluster is settled; compare with what this one becomes once it has settled too.
  const settled = settledCopy(s);
  const mine = fingerprint(settled);
  // Random picks depend on the order objects were created in: try the likely orders first.
  for (const order of orders) {
    const payload = make(order)(noPins());
    if (!differences(mine, fingerprint(scenarioFromShare(payload))).length)
      return { payload, exact: true, differences: [] };
  }
  // Then pin what a replay draws differently, order by order; keep the closest if none is exact. Pods
  // made after the objects (a killed Pod's replacement, a scale-up) drew names a replay cannot draw
  // again: then the link also says where every Pod was (longer, so only when pins are not enough).
  const pods = podHints(settled);
  const withPods =
    (order: KubeObject[]) =>
    (pins: Pins): SharePayload => ({ ...make(order)(pins), pods });
  let best: ReturnType<typeof pinUntilSame> | null = null;
  for (const t of [make, withPods]) {
    for (const order of orders) {
      const r = pinUntilSame(settled, order, t(order));
      if (!r.diff.length) return { payload: r.payload, exact: true, differences: [] };
      if (!best || r.diff.length < best.diff.length) best = r;
    }
  }
  return { payload: best!.payload, exact: false, differences: best!.diff };
}

/** The nodePorts a fresh cluster would not draw again by itself, per Service (for the YAML export). */
export function chosenNodePorts(s: ClusterState): Map<string, number[]> {
  const order = creationOrders(s, 1)[0];
  const settings = settingsDiff(s.settings);
  return pinUntilSame(settledCopy(s), order, (pins) => ({ objects: manifests(order, pins), settings })).pins.nodePorts;
}

/**
 * Send the shared request on a rebuilt cluster. With the sender's generator state, the recipient's
 * request makes the same random choices (which endpoint, which source port). Mutates `s` as any
 * request does (call it inside the store's produce).
 */
export function traceFromShare(s: ClusterState, t: ShareTrace): Trace | null {
  if (t.rng !== undefined) s.rng = t.rng >>> 0;
  try {
    return tracePacket(s, t.source, t.target);
  } catch {
    return null; // the source Pod is not running in this cluster
  }
}
