// YAML fragments several scenarios share, so the chapter's running example (frontend Pods serving on
// port 5000, a busybox Pod to send requests from) reads the same everywhere.

/** The frontend Deployment: agnhost's netexec answers HTTP on port 5000 with the Pod's name. */
export function frontendDeployment(replicas: number, namespace?: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
${namespace ? `  namespace: ${namespace}\n` : ''}  labels:
    app: frontend
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: frontend
  template:
    metadata:
      labels:
        app: frontend
    spec:
      containers:
      - name: frontend
        image: registry.k8s.io/e2e-test-images/agnhost:2.53
        args: ["netexec", "--http-port=5000"]
        ports:
        - containerPort: 5000
`;
}

/** A long-running busybox Pod: the in-cluster client (`kubectl exec busybox -- wget ...`). */
export function busyboxPod(name = 'busybox', namespace?: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}  labels:
    run: ${name}
spec:
  containers:
  - name: ${name}
    image: busybox:1.28
    command: ["sleep", "3600"]
`;
}

/** A Service in front of the frontend Pods; `extra` lines are added under spec (two-space indent). */
export function frontendService(name: string, extra = '', port = 80, portExtra = ''): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${extra}  selector:
    app: frontend
  ports:
  - protocol: TCP
    port: ${port}
    targetPort: 5000
${portExtra}`;
}

/** The simulator's own settings document (not a Kubernetes object; the playground reads it). */
export function playground(spec: string): string {
  return `apiVersion: playground.k8s.local/v1alpha1
kind: Playground
spec:
${spec}`;
}

export const docs = (...parts: string[]): string => parts.map((p) => p.replace(/\n*$/, '\n')).join('---\n');
