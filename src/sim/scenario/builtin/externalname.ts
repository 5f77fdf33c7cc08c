import type { BuiltinScenario } from './types';
import { busyboxPod, docs } from './parts';

export const externalName: BuiltinScenario = {
  id: 'externalname',
  title: 'ExternalName: a name for something outside',
  chapter: 'ServiceType',
  description:
    'my-database is an ExternalName Service: it maps to db.example.com, a host outside the cluster. It has no ClusterIP, no endpoints and no kube-proxy rules; cluster DNS simply answers my-database.default.svc.cluster.local with a CNAME to db.example.com (kubectl exec busybox -- nslookup my-database). Applications use the in-cluster name, and moving the database means changing one Service.',
  yaml: docs(
    `apiVersion: v1
kind: Service
metadata:
  name: my-database
spec:
  type: ExternalName
  externalName: db.example.com
`,
    busyboxPod(),
  ),
};
