// The chapter's cluster (the default scenario) as the objects its YAML parses to. The first view
// builds its cluster from these, so the page can show the canvas before the YAML parser, the other
// scenarios and the lessons have loaded. default-objects.test.ts checks they are what
// `parseManifests(DEFAULT_SCENARIO)` gives, and that both build the same cluster.
import type { ManifestInput } from '../../model/types';

export const DEFAULT_SCENARIO_ID = 'default';
export const DEFAULT_SCENARIO_TITLE = 'Grouping Pods into Services';

const frontend = { app: 'frontend' };

export const DEFAULT_OBJECTS: readonly ManifestInput[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'frontend', labels: frontend },
    spec: {
      replicas: 3,
      selector: { matchLabels: frontend },
      template: {
        metadata: { labels: frontend },
        spec: {
          containers: [
            {
              name: 'frontend',
              image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
              args: ['netexec', '--http-port=5000'],
              ports: [{ containerPort: 5000 }],
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'frontend-svc' },
    spec: { selector: frontend, ports: [{ protocol: 'TCP', port: 80, targetPort: 5000 }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'db', labels: { app: 'db' } },
    spec: { containers: [{ name: 'db', image: 'redis:8.2', ports: [{ containerPort: 6379 }] }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db-svc' },
    spec: { selector: { app: 'db' }, ports: [{ protocol: 'TCP', port: 6379, targetPort: 6379 }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'busybox', labels: { run: 'busybox' } },
    spec: { containers: [{ name: 'busybox', image: 'busybox:1.28', command: ['sleep', '3600'] }] },
  },
];
