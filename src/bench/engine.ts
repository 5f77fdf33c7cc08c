// Engine benchmarks: one packet trace, and settling a 200-Pod cluster after a node is removed.
// performance.now() is allowed here: benchmarks measure wall time; the engine itself never reads it.
import { defaultCluster, tracePacket, createCluster, settle } from '../sim/index';
import { applyAll } from '../sim/scenario/apply';
import { removeNode } from '../sim/actions';
import type { ManifestInput } from '../sim/model/types';

export interface BenchRow {
  name: string;
  ms: number;
  note?: string;
}

function time(fn: () => void, runs: number): number {
  for (let i = 0; i < Math.min(5, runs); i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - t0) / runs;
}

export function bigCluster(nodes: number, deployments: number, replicas: number) {
  const s = createCluster({
    nodes: [
      { name: 'master', role: 'control-plane' },
      ...Array.from({ length: nodes }, (_, i) => ({ name: `worker${i + 1}`, role: 'worker' as const })),
    ],
  });
  const objs: ManifestInput[] = [];
  for (let i = 0; i < deployments; i++) {
    const app = `app${i}`;
    objs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, labels: { app } },
      spec: {
        replicas,
        selector: { matchLabels: { app } },
        template: {
          metadata: { labels: { app } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.29', ports: [{ containerPort: 80 }] }] },
        },
      },
    });
    objs.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${app}-svc` },
      spec: { selector: { app }, ports: [{ port: 80, targetPort: 80 }] },
    });
  }
  applyAll(s, objs);
  settle(s);
  return s;
}

export function benchEngine(): BenchRow[] {
  const rows: BenchRow[] = [];
  const s = defaultCluster();
  const ip = s.objects.services['default/frontend-svc'].spec.clusterIP!;
  rows.push({
    name: 'trace: one request (Pod → ClusterIP, default scenario)',
    ms: time(() => tracePacket(s, { kind: 'pod', namespace: 'default', name: 'busybox' }, { ip, port: 80 }), 2000),
  });
  rows.push({
    name: 'trace: one request (client → NodePort path, default scenario)',
    ms: time(() => tracePacket(s, { kind: 'client' }, { ip: '10.40.41.11', port: 30000 }), 2000),
  });
  let t0 = performance.now();
  const big = bigCluster(10, 50, 4);
  rows.push({
    name: 'build + settle: 10 nodes, 50 Deployments × 4 (200 Pods), 50 Services',
    ms: performance.now() - t0,
  });
  t0 = performance.now();
  removeNode(big, 'worker3');
  settle(big);
  rows.push({ name: 'settle after removing a node (200-Pod cluster)', ms: performance.now() - t0 });
  return rows;
}
