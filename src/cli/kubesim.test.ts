// The CLI as a process: npx tsx src/cli/kubesim.ts ...
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
function kubesim(args: string[]) {
  const r = spawnSync('npx', ['tsx', 'src/cli/kubesim.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

describe('kubesim', () => {
  it('runs -c steps on master against the default scenario and exits with the last code', () => {
    const r = kubesim([
      '-c',
      'kubectl get svc',
      '-c',
      'kubectl exec busybox -- wget -qO- frontend-svc/hostname',
      '-c',
      'kubectl get svc nope',
    ]);
    expect(r.stdout).toMatch(
      /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE\ndb-svc +ClusterIP .*\nfrontend-svc +ClusterIP .*\nkubernetes +ClusterIP +10\.96\.0\.1 .*\nfrontend-[a-z0-9]+-[a-z0-9]{5}$/,
    );
    expect(r.stderr).toBe('Error from server (NotFound): services "nope" not found\n');
    expect(r.code).toBe(1);
  }, 60_000);

  it('--json prints one array of {command, stdout, stderr, exitCode}; -f FILE is kubectl apply -f FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-'));
    writeFileSync(
      join(dir, 'web.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector:\n    app: frontend\n  ports:\n  - port: 80\n    targetPort: 5000\n',
    );
    const file = join(dir, 'web.yaml');
    const r = kubesim([
      '--json',
      '--seed',
      '7',
      '-f',
      file,
      '-c',
      'kubectl get svc web -o jsonpath={.spec.type}',
      '-c',
      'exit 3',
    ]);
    expect(r.code).toBe(3);
    const steps = JSON.parse(r.stdout);
    expect(steps).toEqual([
      { command: `kubectl apply -f ${file}`, stdout: 'service/web created\n', stderr: '', exitCode: 0 },
      { command: 'kubectl get svc web -o jsonpath={.spec.type}', stdout: 'NodePort', stderr: '', exitCode: 0 },
      { command: 'exit 3', stdout: '', stderr: '', exitCode: 3 },
    ]);
  }, 60_000);

  it('--scenario empty and a scenario file with a kind Cluster document', () => {
    expect(kubesim(['--scenario', 'empty', '-c', 'kubectl get deploy']).stderr).toBe(
      'No resources found in default namespace.\n',
    );
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-'));
    writeFileSync(
      join(dir, 'scn.yaml'),
      'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n- role: control-plane\n- role: worker\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n',
    );
    const r = kubesim([
      '--scenario',
      join(dir, 'scn.yaml'),
      '-c',
      'kubectl get nodes -o name',
      '-c',
      'kubectl get deploy web -o jsonpath={.status.readyReplicas}',
    ]);
    expect(r.stdout).toBe('node/master\nnode/worker1\n2');
    expect(r.code).toBe(0);
    expect(kubesim(['--scenario', 'nope']).code).toBe(2);
  }, 60_000);

  it('--no-settle leaves the cluster where the step left it', () => {
    const r = kubesim([
      '--no-settle',
      '-c',
      'kubectl create deployment web --image=nginx',
      '-c',
      'kubectl get pods -l app=web',
    ]);
    expect(r.stdout).toBe('deployment.apps/web created\n');
    expect(r.stderr).toBe('No resources found in default namespace.\n');
    const settled = kubesim([
      '-c',
      'kubectl create deployment web --image=nginx',
      '-c',
      'kubectl get pods -l app=web -o name',
    ]);
    expect(settled.stdout).toMatch(/^deployment\.apps\/web created\npod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
  }, 60_000);

  it('F14: a directory, a file too large, a seed out of range and the real file name in messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-'));
    expect(kubesim(['-f', dir]).stderr).toBe(`kubesim: -f ${dir}: is a directory, not a file\n`);
    const big = join(dir, 'big.yaml');
    writeFileSync(big, '#'.repeat(17 * 1024 * 1024));
    expect(kubesim(['--scenario', big]).stderr).toBe(
      `kubesim: --scenario ${big}: file too large (17 MB; at most 16 MB)\n`,
    );
    expect(kubesim(['--seed', '99999999999999999999999']).stderr).toContain(
      'kubesim: --seed must be a whole number from 0 to 9007199254740991',
    );
    const bin = join(dir, 'bin.yaml');
    writeFileSync(bin, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: "x"\n');
    const r = kubesim(['--scenario', bin]);
    expect(r.stderr).toContain(`error when creating "${bin}"`);
    expect(r.stderr).not.toContain('scenario.yaml');
  }, 120_000);

  it('--list-challenges; --export-challenge prints a file that --challenge FILE --verify reads back', () => {
    const list = kubesim(['--list-challenges']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^selector-typo +Nobody home\n/);
    expect(list.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(12);
    const exported = kubesim(['--challenge', 'wrong-target-port', '--export-challenge']);
    expect(exported.stdout).toMatch(
      /^apiVersion: playground\.k8s\.local\/v1alpha1\nkind: Challenge\nname: wrong-target-port\n/,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'kubesim-')), 'challenge.yaml');
    writeFileSync(file, exported.stdout);
    const unsolved = kubesim(['--challenge', file, '--verify']);
    expect(unsolved.code).toBe(1);
    expect(unsolved.stdout).toMatch(
      /^NOT met: 20 requests from busybox .*\n +\(run 1 of 20: refused \(10\.\d+\.\d+\.\d+:80\)\)\n0 of 1 objectives met\n$/,
    );
    const fixed = kubesim([
      '--challenge',
      file,
      '-c',
      `kubectl patch svc web --type json -p '[{"op":"replace","path":"/spec/ports/0/targetPort","value":80}]'`,
      '--verify',
    ]);
    expect(fixed.stdout).toMatch(
      /^service\/web patched\nmet: +20 requests .*\n +\(20 of 20 connections delivered, to 3 Pods\)\n1 of 1 objectives met: solved\n$/,
    );
    expect(fixed.code).toBe(0);
  }, 60_000);

  it('a challenge file with mistakes is refused with every error named', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kubesim-')), 'bad.yaml');
    writeFileSync(file, 'apiVersion: playground.k8s.local/v1alpha1\nkind: Challenge\nname: bad\n');
    const r = kubesim(['--challenge', file, '--verify']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`kubesim: ${file}: title: Required value\n`);
    expect(r.stderr).toContain(`kubesim: ${file}: objectives: Required value`);
    expect(kubesim(['--verify']).stderr).toBe('kubesim: --verify needs --challenge NAME|FILE\n');
  }, 60_000);
});
