// Engine benchmarks: one packet trace, and settling a 200-Pod cluster after a node is removed.
// performance.now() is allowed here: benchmarks measure wall time; the engine itself never reads it.
import { defaultCluster, tracePacket, createCluster, settle, advance } from '../sim/index';
import { applyAll } from '../sim/scenario/apply';
import { removeNode } from '../sim/actions';
import type { ManifestInput } from '../sim/model/types';
import { createSession } from '../sim/shell/session';
import { runLine } from '../sim/shell/run';

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
  // issue 14: a rolling update on the large cluster, from kubectl set image until the rollout is complete
  // (surge one new Pod, wait until it is Ready, scale the old ReplicaSet down, as the deployment controller does)
  // The app ticks the clock 100 ms at a time: the longest tick is what a frame would wait for.
  t0 = performance.now();
  const set = runLine(big, createSession(), 'kubectl set image deployment/app0 web=nginx:1.28');
  // complete as kubectl rollout status has it: observed, every replica updated and available, no old one left
  const done = () => {
    const d = big.objects.deployments['default/app0'];
    const st = d.status;
    return (
      (st?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
      st?.updatedReplicas === 4 &&
      st.replicas === 4 &&
      st.availableReplicas === 4
    );
  };
  let longest = 0;
  for (let i = 0; i < 3000 && !done(); i++) {
    const t1 = performance.now();
    advance(big, 100);
    longest = Math.max(longest, performance.now() - t1);
  }
  const ms = performance.now() - t0;
  const pods = Object.values(big.objects.pods).filter(
    (p) => p.metadata.labels?.app === 'app0' && !p.metadata.deletionTimestamp,
  );
  if (set.exitCode !== 0 || !done() || pods.some((p) => p.spec.containers[0].image !== 'nginx:1.28'))
    throw new Error(`the rollout did not complete: ${set.stderr}`);
  rows.push({ name: 'rollout: set image on one Deployment (4 Pods) until complete (200-Pod cluster)', ms });
  rows.push({ name: 'rollout: longest 100 ms tick while it runs (200-Pod cluster)', ms: longest });
  return rows;
}
