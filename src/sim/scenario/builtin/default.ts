// The chapter's cluster: frontend-svc groups the three app=frontend Pods (port 80 → targetPort 5000),
// db-svc the one app=db Pod; a busybox Pod to send requests from inside the cluster.
import { busyboxPod, frontendDeployment, frontendService } from './parts';

const DB_POD = `apiVersion: v1
kind: Pod
metadata:
  name: db
  labels:
    app: db
spec:
  containers:
  - name: db
    image: redis:8.2
    ports:
    - containerPort: 6379
`;

const DB_SVC = `apiVersion: v1
kind: Service
metadata:
  name: db-svc
spec:
  selector:
    app: db
  ports:
  - protocol: TCP
    port: 6379
    targetPort: 6379
`;

export const DEFAULT_SCENARIO = [
  frontendDeployment(3),
  frontendService('frontend-svc'),
  DB_POD,
  DB_SVC,
  busyboxPod(),
].join('---\n');
