// Cluster commands: each is one action that calls the engine inside immer's produce (zustand's immer
// middleware wraps every set). Errors come back as the apiserver's words in `notice`.
import type { StateCreator } from 'zustand';
import {
  actions,
  clone,
  reconcile,
  scaleDeployment,
  setLabels,
  writeObject,
  type ApiError,
  type ClusterState,
  type Service,
} from '../sim';
import type { Ghost, Store } from './types';
import { fail, inform, type Notice } from './notices';

export interface ClusterSlice {
  cluster: ClusterState;
  ghosts: Ghost[];
  notice: Notice | null;
  killPod: (namespace: string, name: string) => void;
  scaleDeployment: (namespace: string, name: string, replicas: number) => void;
  setPodLabel: (namespace: string, name: string, key: string, value: string | null) => void;
  addNode: () => void;
  drainNode: (name: string) => void;
  uncordonNode: (name: string) => void;
  removeNode: (name: string) => void;
  setCloudLoadBalancer: (on: boolean) => void;
  /** kube-proxy --proxy-mode for every node (restarts them; nftables mode loads on first use) */
  setProxyMode: (mode: 'iptables' | 'nftables') => void;
  setServiceType: (namespace: string, name: string, type: 'ClusterIP' | 'NodePort' | 'LoadBalancer') => void;
  addExternalIP: (namespace: string, name: string, ip: string, routeTo: string | null) => void;
  clearExternalIPs: (namespace: string, name: string) => void;
  /** the administrator's route for an external IP: to a node, or none (null) */
  setExternalRoute: (ip: string, node: string | null) => void;
  dismissNotice: () => void;
}
import { nft } from './nft-loader';
import { loadFailure } from './lazy';
import { kit } from './kit-loader';
import { extensions } from '../sim/model/extensions';

type Set = Parameters<StateCreator<Store, [['zustand/immer', never]], [], ClusterSlice>>[0];

const err = (e: ApiError) => e.text || e.message;

/**
 * A write with user-chosen values goes through the apiserver's validation, which comes with the kit
 * (model/extensions.ts): true when it is installed; otherwise the kit loads and `retry` runs the action
 * again once it is (so the write is recorded once), and false. Never a user write without the validator.
 */
export function validatorOrRetry(set: Set, retry: () => void): boolean {
  if (extensions.validation) return true;
  kit.load().then(
    () => (extensions.validation ? retry() : set((s) => fail(s, "Could not load the apiserver's validation."))),
    (e: Error) => set((s) => fail(s, loadFailure("the apiserver's validation", e))),
  );
  return false;
}

/** Delete a Pod as `kubectl delete pod` does, remembering its IP so the learner can try it later. */
export function killPodIn(s: Store, namespace: string, name: string): boolean {
  const pod = s.cluster.objects.pods[`${namespace}/${name}`];
  if (!pod) return false;
  if (pod.metadata.deletionTimestamp !== undefined) {
    inform(s, `Pod ${name} is already terminating.`);
    return false;
  }
  const ip = pod.status.podIP;
  const port = pod.spec.containers[0]?.ports?.[0]?.containerPort ?? 80;
  const r = actions.killPod(s.cluster, namespace, name);
  if (!r.ok) {
    fail(s, err(r.error));
    return false;
  }
  if (ip && !pod.spec.hostNetwork)
    s.ghosts = [{ ip, port, pod: `${namespace}/${name}` }, ...s.ghosts.filter((g) => g.ip !== ip)].slice(0, 6);
  inform(s, `pod "${name}" deleted from ${namespace} namespace`);
  return true;
}

function applyService(s: Store, namespace: string, name: string, edit: (svc: Service) => void): boolean {
  const cur = s.cluster.objects.services[`${namespace}/${name}`];
  if (!cur) {
    fail(s, `Error from server (NotFound): services "${name}" not found`);
    return false;
  }
  const next = clone(cur) as Service;
  edit(next);
  const r = writeObject(s.cluster, next, 'apply');
  if (!r.ok) {
    fail(s, err(r.error));
    return false;
  }
  // Controllers and kube-proxies see the change at once (their watches fire); syncs follow on their own schedule.
  reconcile(s.cluster);
  inform(s, `service/${name} ${r.outcome}`);
  return true;
}

export const createClusterSlice =
  (initial: () => ClusterState): StateCreator<Store, [['zustand/immer', never]], [], ClusterSlice> =>
  (set: Set, get: () => Store) => ({
    cluster: initial(),
    ghosts: [],
    notice: null,
    killPod: (namespace, name) => set((s) => void killPodIn(s, namespace, name)),
    scaleDeployment: (namespace, name, replicas) =>
      set((s) => {
        const r = scaleDeployment(s.cluster, namespace, name, replicas);
        if (!r.ok) fail(s, err(r.error));
        else inform(s, `deployment.apps/${name} scaled`);
      }),
    setPodLabel: (namespace, name, key, value) =>
      validatorOrRetry(set, () => get().setPodLabel(namespace, name, key, value)) &&
      set((s) => {
        const k = key.trim();
        if (!k) return fail(s, 'error: a label key is required');
        const r = setLabels(s.cluster, 'Pod', namespace, name, { [k]: value === null ? null : value.trim() }, true);
        if (!r.ok) fail(s, err(r.error));
        else inform(s, `pod/${name} labeled`);
      }),
    addNode: () =>
      set((s) => {
        const name = actions.addNode(s.cluster, 'worker');
        inform(s, `node ${name} joined the cluster`);
      }),
    drainNode: (name) =>
      set((s) => {
        const evicted = actions.drainNode(s.cluster, name);
        inform(s, `node/${name} cordoned; evicted ${evicted.length} Pod${evicted.length === 1 ? '' : 's'}`);
      }),
    uncordonNode: (name) =>
      set((s) => {
        actions.uncordonNode(s.cluster, name);
        inform(s, `node/${name} uncordoned`);
      }),
    removeNode: (name) =>
      set((s) => {
        if (actions.removeNode(s.cluster, name)) {
          if (s.selection === `node/${name}`) s.selection = null;
          inform(s, `node "${name}" deleted: its Pods are gone and their owners replace them elsewhere`);
        }
      }),
    setProxyMode: (mode) => {
      if (mode === get().cluster.settings.kubeProxy.mode) return;
      const ready =
        mode === 'iptables' ||
        nft.orRetry(
          () => get().setProxyMode(mode),
          (e) => set((s) => fail(s, loadFailure("kube-proxy's nftables mode", e))),
        );
      if (!ready) return;
      set((s) => {
        actions.setProxyMode(s.cluster, mode);
        inform(
          s,
          mode === 'nftables'
            ? 'kube-proxy restarted in nftables mode: nft list table ip kube-proxy on a node.'
            : 'kube-proxy restarted in iptables mode: iptables-save on a node.',
        );
      });
    },
    setCloudLoadBalancer: (on) =>
      set((s) => {
        actions.setCloudLoadBalancer(s.cluster, on);
        inform(
          s,
          on
            ? 'The cloud load-balancer controller is on.'
            : 'The cloud load-balancer controller is off: LoadBalancer Services stay <pending>.',
        );
      }),
    setServiceType: (namespace, name, type) =>
      validatorOrRetry(set, () => get().setServiceType(namespace, name, type)) &&
      set((s) => {
        applyService(s, namespace, name, (svc) => {
          svc.spec.type = type;
          // a ClusterIP Service may not keep nodePorts (the apiserver refuses them)
          if (type === 'ClusterIP') for (const p of svc.spec.ports ?? []) delete p.nodePort;
          if (type !== 'LoadBalancer') {
            delete svc.spec.externalTrafficPolicy;
            delete svc.spec.allocateLoadBalancerNodePorts;
          }
        });
      }),
    addExternalIP: (namespace, name, ip, routeTo) =>
      validatorOrRetry(set, () => get().addExternalIP(namespace, name, ip, routeTo)) &&
      set((s) => {
        const ok = applyService(s, namespace, name, (svc) => {
          const ips = svc.spec.externalIPs ?? [];
          if (!ips.includes(ip)) svc.spec.externalIPs = [...ips, ip];
        });
        if (ok && routeTo) actions.setExternalRoute(s.cluster, ip, routeTo);
      }),
    clearExternalIPs: (namespace, name) =>
      validatorOrRetry(set, () => get().clearExternalIPs(namespace, name)) &&
      set((s) => {
        const old = s.cluster.objects.services[`${namespace}/${name}`]?.spec.externalIPs ?? [];
        const ok = applyService(s, namespace, name, (svc) => {
          delete svc.spec.externalIPs;
        });
        if (ok) for (const ip of old) actions.setExternalRoute(s.cluster, ip, null);
      }),
    setExternalRoute: (ip, node) =>
      set((s) => {
        actions.setExternalRoute(s.cluster, ip, node);
        inform(
          s,
          node
            ? `The administrator's route sends ${ip} to ${node} (on the client: ip route).`
            : `No route for ${ip} any more: packets for it go nowhere.`,
        );
      }),
    dismissNotice: () => set((s) => void (s.notice = null)),
  });
