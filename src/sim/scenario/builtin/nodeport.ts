import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment, frontendService } from './parts';

export const nodePort: BuiltinScenario = {
  id: 'nodeport',
  title: 'NodePort: a port on every node',
  chapter: 'ServiceType: ClusterIP and NodePort',
  description:
    "Two NodePort Services in front of the same frontend Pods. frontend-svc asked for port 32233, the chapter's example; frontend-random asked for none and got one picked at random from 30000-32767 (kubectl get svc shows it after the colon in PORT(S)). Both also have a ClusterIP. From the client, connect to any node's IP on the NodePort, even a node that runs no frontend Pod: kube-proxy forwards the request to one.",
  yaml: docs(
    frontendDeployment(3),
    frontendService('frontend-svc', '  type: NodePort\n', 80, '    nodePort: 32233\n'),
    frontendService('frontend-random', '  type: NodePort\n'),
    busyboxPod(),
  ),
};
