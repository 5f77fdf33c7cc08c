// What the cards derive from the cluster on every store update (ten times a second while playing),
// cached by the identity of what it is derived from: immer keeps unchanged objects identical, so a tick
// that changes no Pod or Service costs a lookup per card instead of a scan over every Service.
import { matchesLabels, type EndpointSlice, type Pod, type Service } from '../../../sim';

type Services = Record<string, Service>;
type Slices = Record<string, EndpointSlice>;

const NONE: string[] = [];
const servicesCache = new WeakMap<Services, WeakMap<Pod, string[]>>();
/** Services with a selector, by their namespace and their selector's first label (`ns\0key\0value`). */
const selectorIndex = new WeakMap<Services, Map<string, Service[]>>();

/**
 * The Services a Pod may belong to: those in its namespace whose selector's first label the Pod carries
 * (each Service is listed under one label only, so none comes twice). A Pod is looked up by its own
 * labels instead of being matched against every Service: on a 125-Service, 1,500-Pod cluster that was
 * 187,500 selector matches per picture.
 */
function candidates(services: Services, pod: Pod): Service[] {
  let index = selectorIndex.get(services);
  if (!index) {
    index = new Map();
    for (const svc of Object.values(services)) {
      const first = Object.entries(svc.spec.selector ?? {})[0];
      if (!first) continue;
      const k = `${svc.metadata.namespace}\0${first[0]}\0${first[1]}`;
      const list = index.get(k);
      if (list) list.push(svc);
      else index.set(k, [svc]);
    }
    selectorIndex.set(services, index);
  }
  const out: Service[] = [];
  for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
    const list = index.get(`${pod.metadata.namespace}\0${k}\0${v}`);
    if (list) out.push(...list);
  }
  return out;
}

/** The names of the Services whose selector matches this Pod, sorted (the same array while nothing changed). */
export function servicesOf(services: Services, pod: Pod | undefined): string[] {
  if (!pod) return NONE;
  let byPod = servicesCache.get(services);
  if (!byPod) servicesCache.set(services, (byPod = new WeakMap()));
  let out = byPod.get(pod);
  if (!out) byPod.set(pod, (out = selecting(services, pod)));
  return out;
}

/**
 * The same, worked out each time: for the canvas's Pod index, which keeps the answer itself (a cache
 * entry per Pod of 100,000 is memory the page's garbage collector walks on every pass).
 */
export function selecting(services: Services, pod: Pod): string[] {
  return candidates(services, pod)
    .filter((svc) => matchesLabels(svc.spec.selector, pod.metadata.labels))
    .map((svc) => svc.metadata.name)
    .sort();
}

const ZERO: [number, number] = [0, 0];
const endpointsCache = new WeakMap<Slices, Map<string, [number, number]>>();

/** [ready, not ready] endpoints of the Service ns/name, counted once per set of EndpointSlices. */
export function endpointCounts(slices: Slices, key: string): [number, number] {
  let all = endpointsCache.get(slices);
  if (!all) {
    all = new Map();
    for (const sl of Object.values(slices)) {
      const svc = sl.metadata.labels?.['kubernetes.io/service-name'];
      if (!svc) continue;
      const k = `${sl.metadata.namespace}/${svc}`;
      const c = all.get(k) ?? [0, 0];
      for (const e of sl.endpoints) c[e.conditions.ready ? 0 : 1]++;
      all.set(k, c);
    }
    endpointsCache.set(slices, all);
  }
  return all.get(key) ?? ZERO;
}
