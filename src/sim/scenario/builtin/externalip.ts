import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment, frontendService, playground } from './parts';

/** The address the administrator routes to worker1 (outside the Pod, Service and node networks). */
export const EXTERNAL_IP = '172.16.0.100';

export const externalIp: BuiltinScenario = {
  id: 'externalip',
  title: 'ExternalIP: routed by the administrator',
  chapter: 'ServiceType: ExternalIP',
  description: `frontend-svc lists ${EXTERNAL_IP} in spec.externalIPs, and the administrator has routed that address to worker1 (see the cluster settings). A request from the client to ${EXTERNAL_IP}:80 arrives at worker1, where kube-proxy's "external IP" rule sends it to a frontend Pod. Kubernetes does not manage the address: remove the route and the Service is unreachable from outside, although its rules are still there.`,
  yaml: docs(
    playground(`  externalRoutes:\n  - ip: ${EXTERNAL_IP}\n    node: worker1\n`),
    frontendDeployment(3),
    frontendService('frontend-svc', `  externalIPs:\n  - ${EXTERNAL_IP}\n`),
    busyboxPod(),
  ),
};
