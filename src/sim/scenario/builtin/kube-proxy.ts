import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment, playground } from './parts';

// minSyncPeriod is 10 s here (kube-proxy's default is 1 s) so the window in which a node's rules are
// stale is long enough to see and to send a request into.
export const kubeProxy: BuiltinScenario = {
  id: 'kube-proxy',
  title: 'kube-proxy writes the rules',
  chapter: 'kube-proxy',
  description:
    "Three frontend Pods and a busybox Pod, but no Service. Create one (kubectl expose deployment frontend --name=frontend-svc --port=80 --target-port=5000) and watch each node's kube-proxy notice it and write iptables rules for its ClusterIP, one node after another. kube-proxy syncs at most every 10 seconds in this cluster, so for a moment some nodes have no rules yet: a request sent then goes nowhere. Delete the Service and the rules vanish the same way.",
  yaml: docs(playground('  minSyncPeriodMs: 10000\n'), frontendDeployment(3), busyboxPod()),
};
