import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment } from './parts';

export const headless: BuiltinScenario = {
  id: 'headless',
  title: 'A headless Service',
  chapter: 'Service Discovery: DNS',
  description:
    "frontend-headless has clusterIP: None, like the chapter's wordpress-mysql. It gets no virtual IP and kube-proxy writes no rules for it; instead, cluster DNS answers its name with the IP of every ready frontend Pod (kubectl exec busybox -- nslookup frontend-headless). The client picks a Pod itself and connects to it directly.",
  yaml: docs(
    frontendDeployment(3),
    `apiVersion: v1
kind: Service
metadata:
  name: frontend-headless
spec:
  clusterIP: None
  selector:
    app: frontend
  ports:
  - protocol: TCP
    port: 5000
    targetPort: 5000
`,
    busyboxPod(),
  ),
};
