import type { BuiltinScenario } from './types';
import { busyboxPod, docs } from './parts';

export const discoveryDns: BuiltinScenario = {
  id: 'discovery-dns',
  title: 'Service discovery: DNS across namespaces',
  chapter: 'Service Discovery: DNS',
  description:
    "The chapter's example: a redis-master Service in the my-ns namespace. The shell Pod in my-ns reaches it by its short name, redis-master. The busybox Pod in the default namespace cannot: its search path tries redis-master.default.svc.cluster.local first. From there, use redis-master.my-ns (or the full name redis-master.my-ns.svc.cluster.local). Try nslookup from both Pods.",
  yaml: docs(
    `apiVersion: v1
kind: Namespace
metadata:
  name: my-ns
`,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: redis-master
  namespace: my-ns
  labels:
    app: redis
spec:
  replicas: 1
  selector:
    matchLabels:
      app: redis
      role: master
  template:
    metadata:
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
    `apiVersion: v1
kind: Service
metadata:
  name: redis-master
  namespace: my-ns
spec:
  selector:
    app: redis
    role: master
  ports:
  - protocol: TCP
    port: 6379
    targetPort: 6379
`,
    busyboxPod('shell', 'my-ns'),
    busyboxPod(),
  ),
};
