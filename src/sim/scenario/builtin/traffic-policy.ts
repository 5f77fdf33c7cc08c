import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment, frontendService } from './parts';

// One replica, so that exactly one worker has a local endpoint and the difference between the
// policies shows on the other.
export const trafficPolicy: BuiltinScenario = {
  id: 'traffic-policy',
  title: 'externalTrafficPolicy: Cluster vs Local',
  chapter: 'ServiceType: ClusterIP and NodePort',
  description:
    "One frontend Pod behind two NodePort Services. frontend-cluster (externalTrafficPolicy: Cluster, NodePort 30080) answers on every node: a node without the Pod forwards the request to the one that has it and masquerades it, so the Pod sees a node's address. frontend-local (Local, NodePort 30081) answers only on the node that runs the Pod, which sees the client's real address; the other nodes drop the request.",
  yaml: docs(
    frontendDeployment(1),
    frontendService(
      'frontend-cluster',
      '  type: NodePort\n  externalTrafficPolicy: Cluster\n',
      80,
      '    nodePort: 30080\n',
    ),
    frontendService(
      'frontend-local',
      '  type: NodePort\n  externalTrafficPolicy: Local\n',
      80,
      '    nodePort: 30081\n',
    ),
    busyboxPod(),
  ),
};
