// Choices for the dock's selects, as arrays of primitives (selectors must not return new objects).
import { useDeferredValue } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { nodeIP } from '../../sim';
import { useStore } from '../../store';
import type { Ghost, Store } from '../../store';
import type { ClusterState, Pod, Source } from '../../sim';
import { eachChange } from '../../store/changed-keys';
import { isSystemService } from '../canvas/graph';

export type Option = [value: string, label: string];

// One collator for every call: localeCompare with options builds a new one per comparison, which made
// this selector (run on every store update) the costliest thing on a 200-Pod canvas.
const numeric = new Intl.Collator(undefined, { numeric: true }).compare;
/** the order localeCompare gives, without a collator per comparison (hundreds of Pods on every tick) */
const plain = new Intl.Collator().compare;

export function encodeSource(s: Source): string {
  return s.kind === 'client' ? 'client' : s.kind === 'node' ? `node:${s.name}` : `pod:${s.namespace}/${s.name}`;
}
export function decodeSource(v: string): Source {
  if (v.startsWith('node:')) return { kind: 'node', name: v.slice(5) };
  if (v.startsWith('pod:')) {
    const [namespace, name] = v.slice(4).split('/');
    return { kind: 'pod', namespace, name };
  }
  return { kind: 'client' };
}

const flat = (o: Option[]) => o.flat();
const pairs = (a: string[]): Option[] => {
  const out: Option[] = [];
  for (let i = 0; i < a.length; i += 2) out.push([a[i], a[i + 1]]);
  return out;
};

/** The last result while its arguments are the same objects: these selectors run on every store update
 * (ten times a second while playing) and scan every Pod, which on a 200-Pod cluster is a frame's worth. */
function lastOf<A extends unknown[], R>(fn: (...a: A) => R): (...a: A) => R {
  let last: { args: A; out: R } | null = null;
  return (...args: A) => {
    if (last && args.every((x, i) => x === last!.args[i])) return last.out;
    return (last = { args, out: fn(...args) }).out;
  };
}

/**
 * The Pods with an IP of their own (what the Send form offers as sources and Pod IP targets), kept
 * up to date from the Pods that changed (store/changed-keys.ts): a tick of a 100,000-Pod cluster changes
 * a few hundred, and filtering them all on every tick took tens of milliseconds per menu.
 */
const podsWithIP = (() => {
  let last: Record<string, Pod> | null = null;
  const have = new Map<string, Pod>();
  let out: Pod[] = [];
  return (pods: Record<string, Pod>): Pod[] => {
    if (pods === last && Object.isFrozen(pods)) return out;
    let changed = false;
    const change = (k: string, p: Pod | undefined) => {
      const want = p && !p.spec.hostNetwork && p.status.podIP ? p : undefined;
      if (have.get(k) === want) return;
      changed = true;
      if (want) have.set(k, want);
      else have.delete(k);
    };
    // (a Pod not frozen may have been changed in place: all read again)
    if (!Object.isFrozen(pods)) {
      have.clear();
      changed = true;
      for (const k in pods) change(k, pods[k]);
    } else eachChange(last, pods, change);
    last = pods;
    if (changed) out = [...have.values()];
    return out;
  };
})();

const sourceOptions = lastOf(
  (clientIP: string, withIP: Pod[], nodes: ClusterState['objects']['nodes'], showSystem: boolean): string[] => {
    const o: Option[] = [['client', `External client (${clientIP})`]];
    for (const n of Object.values(nodes)) o.push([`node:${n.metadata.name}`, `Node ${n.metadata.name} (${nodeIP(n)})`]);
    const list = withIP
      .filter((p) => showSystem || !p.metadata.namespace?.startsWith('kube-'))
      .sort(
        (a, b) =>
          plain(a.metadata.name, b.metadata.name) || plain(a.metadata.namespace ?? '', b.metadata.namespace ?? ''),
      );
    for (const p of list)
      o.push([`pod:${p.metadata.namespace}/${p.metadata.name}`, `Pod ${p.metadata.name} (${p.status.podIP})`]);
    return flat(o);
  },
);

/**
 * The Pods and Services the menus list, as of the last render that had time (useDeferredValue): a link
 * that brings 1,500 Pods brings as many options, made in a render that yields to the page, not in the
 * task that put the new cluster in. The menus catch up a moment later.
 */
const useLater = <T>(pick: (s: Store) => T) => useDeferredValue(useStore(pick));

export function useSourceOptions(): Option[] {
  const pods = useLater((s) => s.cluster.objects.pods);
  return pairs(
    useStore(
      useShallow((s) =>
        sourceOptions(s.cluster.settings.client.ip, podsWithIP(pods), s.cluster.objects.nodes, s.showSystem),
      ),
    ),
  );
}

const serviceOptions = lastOf((services: ClusterState['objects']['services'], showSystem: boolean) =>
  flat(
    Object.values(services)
      .filter((v) => showSystem || !isSystemService(v))
      .map((v): Option => [
        `${v.metadata.namespace}/${v.metadata.name}`,
        `${v.metadata.name} (${v.spec.type ?? 'ClusterIP'})`,
      ]),
  ),
);

export function useServiceOptions(): Option[] {
  const services = useLater((s) => s.cluster.objects.services);
  return pairs(useStore(useShallow((s) => serviceOptions(services, s.showSystem))));
}

export function useNodeOptions(): Option[] {
  return pairs(
    useStore(
      useShallow((s) =>
        flat(
          Object.values(s.cluster.objects.nodes).map((n): Option => [
            n.metadata.name,
            `${n.metadata.name} (${nodeIP(n)})`,
          ]),
        ),
      ),
    ),
  );
}

const podIPOptions = lastOf((withIP: Pod[], ghosts: Ghost[], showSystem: boolean): string[] => {
  const o: Option[] = [];
  for (const p of withIP) {
    if (!showSystem && p.metadata.namespace?.startsWith('kube-')) continue;
    const port = p.spec.containers[0]?.ports?.[0]?.containerPort ?? 80;
    o.push([
      `${p.status.podIP}:${port}|${p.metadata.namespace}/${p.metadata.name}`,
      `${p.status.podIP}:${port} — ${p.metadata.name}`,
    ]);
  }
  o.sort((a, b) => numeric(a[1], b[1]));
  for (const g of ghosts)
    if (!o.some((x) => x[0].startsWith(`${g.ip}:`)))
      o.push([`${g.ip}:${g.port}|${g.pod}`, `${g.ip}:${g.port} — deleted Pod ${g.pod.split('/')[1]}`]);
  return flat(o);
});

/** Pod IPs to target: the Pods that have one now, then IPs of Pods that were killed. value = "ip:port|ns/name" */
export function usePodIPOptions(): Option[] {
  const pods = useLater((s) => s.cluster.objects.pods);
  return pairs(useStore(useShallow((s) => podIPOptions(podsWithIP(pods), s.ghosts, s.showSystem))));
}

/**
 * The Pod IP menu's value for a target, and what to call it when the menu no longer lists it (a Pod
 * hidden by the system filter, an old choice). Values carry an internal "ip:port|ns/name" key: the
 * learner must only ever see the address and the Pod's name.
 */
export function podIPChoice(
  options: Option[],
  target: { ip?: string; port?: number; pod?: string },
): { value: string; missing: string } {
  if (!target.ip || !target.port) return { value: '', missing: '' };
  const addr = `${target.ip}:${target.port}`;
  const exact = `${addr}|${target.pod ?? ''}`;
  const found = options.find(([v]) => v === exact) ?? options.find(([v]) => v.split('|')[0] === addr);
  const name = target.pod?.split('/')[1];
  return { value: found ? found[0] : exact, missing: name ? `${addr} — ${name}` : addr };
}

/** Ports of one Service, as "port" values. */
export function useServicePorts(key: string | undefined): Option[] {
  return pairs(
    useStore(
      useShallow((s) => {
        const svc = key ? s.cluster.objects.services[key] : undefined;
        return flat(
          (svc?.spec.ports ?? []).map((p): Option => [
            String(p.port),
            `${p.port}${p.name ? ` (${p.name})` : ''}/${p.protocol ?? 'TCP'}${p.nodePort ? ` · NodePort ${p.nodePort}` : ''}`,
          ]),
        );
      }),
    ),
  );
}
