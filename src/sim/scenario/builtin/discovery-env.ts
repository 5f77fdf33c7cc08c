import type { BuiltinScenario } from './types';
import { busyboxPod, docs, frontendDeployment, frontendService } from './parts';

// redis-master's Service is deliberately missing: busybox starts before it exists, which is the
// chapter's ordering caveat (kubelet writes the variables once, when the container starts).
export const discoveryEnv: BuiltinScenario = {
  id: 'discovery-env',
  title: 'Service discovery: environment variables',
  chapter: 'Service Discovery: Environment Variables',
  description:
    'frontend-svc exists, so the busybox Pod started with FRONTEND_SVC_SERVICE_HOST and the other FRONTEND_SVC_ variables (kubectl exec busybox -- env). A redis-master Pod runs too, but its Service does not exist yet. Create it and look again: busybox still has no REDIS_MASTER_ variables, because kubelet writes them only when a container starts. A Pod created after the Service gets them.',
  yaml: docs(
    frontendDeployment(2),
    frontendService('frontend-svc'),
    `apiVersion: v1
kind: Pod
metadata:
  name: redis-master
  labels:
    app: redis
    role: master
spec:
  containers:
  - name: redis
    image: redis:8.2
    ports:
    - containerPort: 6379
`,
    busyboxPod(),
  ),
};
