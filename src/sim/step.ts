// Time moves the cluster: controllers and kubelets reconcile in a fixed order until nothing changes,
// then each node's kube-proxy syncs when its (bounded-frequency) sync is due.
import type { ClusterState } from './model/state';
import { MAX_CLOCK_MS } from './time/limits';
import { reconcileGarbage } from './controllers/gc';
import { deploymentWake, reconcileDeployments } from './controllers/deployment';
import { reconcileReplicaSets, replicaSetWake } from './controllers/replicaset';
import { reconcileScheduler } from './controllers/scheduler';
import { reconcileEndpointSlices } from './controllers/endpointslice';
import { extensions } from './model/extensions';
import { cloudWake, reconcileCloudLoadBalancers } from './controllers/cloud-lb';
import { kubeletWake, reconcileKubelets } from './kubelet/kubelet';
import { scheduleProxies, proxyWake } from './kubeproxy/schedule';
import { trimChanges } from './apiserver/changes';
import { withPods } from './model/pod-list';

const CONTROLLERS = [
  reconcileGarbage,
  reconcileDeployments,
  reconcileReplicaSets,
  reconcileScheduler,
  reconcileKubelets,
  reconcileEndpointSlices,
  reconcileCloudLoadBalancers,
];

/**
 * The parts of the state that controllers, kubelets and kube-proxies read. A caller that keeps the
 * state immutable (the store, through immer) can skip a reconcile when none of them is a different
 * object than at the last one: reconciling again would change nothing.
 */
const RECONCILE_INPUTS = [
  'settings',
  'objects',
  'alloc',
  'runtime',
  'changes',
  'proxies',
  'images',
  'cloud',
  'hints',
] as const;

export function reconcileInputs(s: ClusterState): unknown[] {
  return RECONCILE_INPUTS.map((k) => s[k]);
}

/** Run every controller at the current instant until the cluster stops changing. */
export function reconcile(s: ClusterState): void {
  withPods(s, () => reconcileNow(s));
}

function reconcileNow(s: ClusterState): void {
  for (let round = 0; round < 50; round++) {
    let changed = false;
    for (const c of CONTROLLERS) if (c(s)) changed = true;
    for (const c of extensions.controllers) if (c(s)) changed = true;
    if (!changed) break;
  }
  scheduleProxies(s);
  trimChanges(s);
}

/**
 * The next instant after now at which something is due, or null when the cluster is settled. Settling
 * leaves out crash-looping containers' restarts: they come back forever, and a settled cluster is one
 * whose controllers have nothing left to do, not one where nothing will ever happen again.
 */
export function nextWake(s: ClusterState, settling = false): number | null {
  return withPods(s, () => wakeOf(s, settling));
}

function wakeOf(s: ClusterState, settling: boolean): number | null {
  let w: number | null = null;
  for (const t of [
    kubeletWake(s, settling),
    cloudWake(s),
    proxyWake(s),
    replicaSetWake(s),
    deploymentWake(s, settling),
  ]) {
    if (t !== null && t > s.now && (w === null || t < w)) w = t;
  }
  return w;
}

/** Advance the virtual clock by ms, running everything that falls due on the way. */
export function advance(s: ClusterState, ms: number): void {
  // the clock stops at its maximum (a century): timestamps stay real dates, never Infinity
  const target = Math.min(MAX_CLOCK_MS, s.now + (Number.isNaN(ms) ? 0 : Math.max(0, ms)));
  withPods(s, () => advanceTo(s, target));
}

function advanceTo(s: ClusterState, target: number): void {
  reconcile(s);
  for (let i = 0; i < 100000; i++) {
    const w = nextWake(s);
    if (w === null || w > target) break;
    s.now = w;
    reconcile(s);
  }
  s.now = target;
  reconcile(s);
}

/** Run until nothing is pending (Pods started or gone, load balancers provisioned, every kube-proxy synced). */
export function settle(s: ClusterState, limitMs = 10 * 60 * 1000): number {
  return withPods(s, () => settleNow(s, limitMs));
}

function settleNow(s: ClusterState, limitMs: number): number {
  const start = s.now;
  reconcile(s);
  for (let i = 0; i < 100000; i++) {
    const w = nextWake(s, true);
    if (w === null || w - start > limitMs) break;
    s.now = w;
    reconcile(s);
  }
  return s.now - start;
}
