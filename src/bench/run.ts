// npm run bench: every benchmark, a table on stdout, the figures in bench-results/latest.json.
// Budgets are checked here (not in tests, where timing would flake).
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { benchKubeProxy, benchModes, benchScale } from './kubeproxy';
import { benchEngine, type BenchRow } from './engine';
import { benchLarge } from './large';
import { benchSize } from './size';

interface Budget {
  name: string;
  limit: number;
  unit: string;
  value: number | null;
}

async function main() {
  const only = process.argv.slice(2);
  const want = (k: string) => only.length === 0 || only.includes(k);
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  const budgets: Budget[] = [];
  if (want('engine')) {
    const kp = [...benchKubeProxy(), ...benchModes()];
    const scale = benchScale();
    results.proxyModes = scale;
    console.log('\nkube-proxy modes: rules a first packet meets / rules rewritten by one endpoint change');
    console.table(
      scale.map((r) => ({
        services: r.services,
        'iptables first packet': r.iptables.firstPacket,
        'nftables first packet': r.nftables.firstPacket,
        'iptables rewritten': r.iptables.rewritten,
        'nftables rewritten': r.nftables.rewritten,
      })),
    );
    const eng = benchEngine();
    results.kubeProxy = kp;
    results.engine = eng;
    console.log('\nEngine (ms)');
    console.table([...kp, ...eng].map((r: BenchRow) => ({ name: r.name, ms: Number(r.ms.toFixed(3)) })));
    const find = (rows: BenchRow[], re: RegExp) => rows.find((r) => re.test(r.name))?.ms ?? null;
    budgets.push({
      name: 'incremental kube-proxy sync, 1,000 Services × 10 endpoints (per node)',
      limit: 5,
      unit: 'ms',
      value: find(kp, /incremental.*1000\b|1,?000.*incremental/i),
    });
    budgets.push({
      name: 'full kube-proxy compile, 1,000 Services × 10 endpoints (one node)',
      limit: 200,
      unit: 'ms',
      value: find(kp, /full.*1000\b|1,?000.*full/i),
    });
    budgets.push({ name: 'one packet trace', limit: 0.2, unit: 'ms', value: find(eng, /trace: one request \(Pod/) });
    // issue 14: a rollout on the large cluster; the app ticks 100 ms of virtual time per step, so its
    // longest step is the longest the main thread waits (issue 12's 200 ms)
    budgets.push({
      name: 'rollout on the 200-Pod cluster: longest 100 ms tick',
      limit: 200,
      unit: 'ms',
      value: find(eng, /^rollout: longest/),
    });
    // issue 16: the incremental nftables sync well under the iptables one (here: at most half of it)
    const iptSync = find(kp, /^iptables sync after one endpoint change/);
    budgets.push({
      name: 'nftables sync after one endpoint change ≤ ½ the iptables one (1,000 × 10, one node)',
      limit: iptSync === null ? 0 : Math.round((iptSync / 2) * 100) / 100,
      unit: 'ms',
      value: find(kp, /^nftables sync after one endpoint change/),
    });
  }
  if (want('large')) {
    // the engine past a cluster's room (issue 12): 10,000 and more Pods, nearly all Pending
    const large = await benchLarge();
    results.large = large;
    console.log('\nEngine past the room (ms)');
    console.table(large.map((r: BenchRow) => ({ name: r.name, ms: Number(r.ms.toFixed(1)) })));
  }
  if (want('size')) {
    const size = await benchSize();
    results.size = size;
    console.log('\nBuild size (gzip bytes)');
    console.table(size.rows);
    budgets.push({ name: 'initial JavaScript (gzip)', limit: 200 * 1024, unit: 'bytes', value: size.initialJsGzip });
  }
  if (want('browser')) {
    const path = './browser';
    try {
      const mod = (await import(/* @vite-ignore */ path)) as {
        benchBrowser?: () => Promise<{ rows: unknown[]; budgets: Budget[] }>;
      };
      if (mod.benchBrowser) {
        const b = await mod.benchBrowser();
        results.browser = b.rows;
        budgets.push(...b.budgets);
        console.log('\nBrowser');
        console.table(b.rows);
      }
    } catch (e) {
      console.log(`browser benchmarks skipped: ${(e as Error).message}`);
    }
  }
  results.budgets = budgets.map((b) => ({ ...b, ok: b.value !== null && b.value <= b.limit }));
  console.log('\nBudgets');
  console.table(
    budgets.map((b) => ({
      budget: b.name,
      limit: `${b.limit} ${b.unit}`,
      measured: b.value === null ? 'n/a' : `${Number(b.value.toFixed(3))} ${b.unit}`,
      ok: b.value !== null && b.value <= b.limit ? 'yes' : 'NO',
    })),
  );
  mkdirSync('bench-results', { recursive: true });
  const prev = existsSync('bench-results/latest.json')
    ? JSON.parse(readFileSync('bench-results/latest.json', 'utf8'))
    : {};
  writeFileSync('bench-results/latest.json', JSON.stringify({ ...prev, ...results }, null, 2) + '\n');
  console.log('\nwritten: bench-results/latest.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
