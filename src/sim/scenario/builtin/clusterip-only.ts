import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment, frontendService } from './parts';

export const clusterIpOnly: BuiltinScenario = {
  id: 'clusterip-only',
  title: 'ClusterIP: only inside the cluster',
  chapter: 'ServiceType: ClusterIP and NodePort',
  description:
    "frontend-svc is a ClusterIP Service, the default type. From the busybox Pod, or from any node, a request to its ClusterIP reaches a frontend Pod. From the client outside the cluster the same address leads nowhere: a ClusterIP is virtual, it exists only in the kube-proxy rules of the cluster's own nodes. Change the type to NodePort to open it to the outside.",
  yaml: docs(frontendDeployment(3), frontendService('frontend-svc', '  type: ClusterIP\n'), busyboxPod()),
};
