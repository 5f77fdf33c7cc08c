import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment, frontendService, playground } from './parts';

export const loadBalancerCloud: BuiltinScenario = {
  id: 'loadbalancer-cloud',
  title: 'LoadBalancer with a cloud provider',
  chapter: 'ServiceType: LoadBalancer',
  description:
    "This cluster runs in a cloud whose controller creates load balancers. frontend-svc is a LoadBalancer Service: it got a ClusterIP and a NodePort like any NodePort Service, and after a moment the cloud gave it an external IP (kubectl get svc frontend-svc). The client connects to that IP; the load balancer forwards to a node's NodePort, and kube-proxy takes it from there.",
  yaml: docs(
    playground('  cloudLoadBalancer: true\n'),
    frontendDeployment(3),
    frontendService('frontend-svc', '  type: LoadBalancer\n'),
    busyboxPod(),
  ),
};

export const loadBalancerPending: BuiltinScenario = {
  id: 'loadbalancer-pending',
  title: 'LoadBalancer without a cloud provider',
  chapter: 'ServiceType: LoadBalancer',
  description:
    "The same LoadBalancer Service on a cluster with no cloud controller, like the chapter's wordpress example: EXTERNAL-IP stays <pending> forever, because nothing creates the load balancer. The Service still works inside the cluster and on its NodePort. Turn the cloud controller on in the cluster settings and an external IP appears.",
  yaml: docs(
    playground('  cloudLoadBalancer: false\n'),
    frontendDeployment(3),
    frontendService('frontend-svc', '  type: LoadBalancer\n'),
    busyboxPod(),
  ),
};
