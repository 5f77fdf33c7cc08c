// A 50-object scenario for measuring share-link sizes: a small shop of microservices, each a
// Deployment with its Service, plus a few bare Pods and a namespace. Test and benchmark data only.
const NAMES = [
  'cart',
  'catalog',
  'checkout',
  'payment',
  'shipping',
  'email',
  'ads',
  'recommend',
  'currency',
  'frontend',
  'search',
  'reviews',
  'inventory',
  'auth',
  'profile',
  'orders',
  'gateway',
  'notify',
  'metrics',
  'images',
  'users',
];
const IMAGES = ['nginx:1.29', 'httpd:2.4', 'redis:8.2', 'registry.k8s.io/e2e-test-images/agnhost:2.53', 'postgres:18'];
const PORTS: Record<string, number> = {
  'nginx:1.29': 80,
  'httpd:2.4': 80,
  'redis:8.2': 6379,
  'registry.k8s.io/e2e-test-images/agnhost:2.53': 8080,
  'postgres:18': 5432,
};

export function fiftyObjectScenario(): string {
  const docs: string[] = ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n'];
  NAMES.forEach((name, i) => {
    const image = IMAGES[i % IMAGES.length];
    const port = PORTS[image];
    const ns = i % 3 === 0 ? 'shop' : 'default';
    const args = image.includes('agnhost') ? `\n        args: ["netexec", "--http-port=${port}"]` : '';
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        tier: ${i % 2 ? 'backend' : 'web'}
    spec:
      containers:
      - name: ${name}
        image: ${image}${args}
        ports:
        - containerPort: ${port}
`);
    const type = i % 4 === 1 ? 'NodePort' : 'ClusterIP';
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}-svc
  namespace: ${ns}
spec:
  type: ${type}
  selector:
    app: ${name}
  ports:
  - protocol: TCP
    port: ${port === 8080 ? 80 : port}
    targetPort: ${port}
`);
  });
  for (let i = 0; i < 50 - docs.length + i && docs.length < 50; i++) {
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: client-${i + 1}
  labels:
    run: client-${i + 1}
spec:
  containers:
  - name: client
    image: busybox:1.28
    command: ["sleep", "3600"]
`);
  }
  return docs.join('---\n');
}
