// Benchmark, not a test: frame rate with many packets in flight on the default scenario.
// Run: npm run build && BENCH=1 npx playwright test packets-fps  (results in test-results/bench/)
import { mkdirSync, writeFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { choose, openApp } from './helpers';

test.skip(!process.env.BENCH, 'benchmark: run with BENCH=1');

test('frame rate with continuous traffic', async ({ page }) => {
  await openApp(page);
  await page.getByLabel('Speed').selectOption('4');
  await choose(page.getByLabel('Rate'), /^10 \/ s$/);
  await page.getByTestId('traffic-toggle').check();
  await page.waitForTimeout(3000);
  const result = await page.evaluate(
    () =>
      new Promise<{ fps: number; medianMs: number; p95Ms: number; longTasks: number; maxInFlight: number }>((resolve) => {
        const stamps: number[] = [];
        let longTasks = 0;
        let maxInFlight = 0;
        const layer = document.querySelector('[data-testid="traffic-layer"]') as HTMLElement | null;
        const po = new PerformanceObserver((l) => void (longTasks += l.getEntries().length));
        po.observe({ type: 'longtask' });
        const frame = (t: number) => {
          stamps.push(t);
          maxInFlight = Math.max(maxInFlight, Number(layer?.dataset.inflight ?? 0));
          if (stamps.length < 600) return void requestAnimationFrame(frame);
          po.disconnect();
          const d = stamps.slice(1).map((x, i) => x - stamps[i]).sort((a, b) => a - b);
          resolve({ fps: (1000 * d.length) / (stamps[stamps.length - 1] - stamps[0]), medianMs: d[d.length >> 1], p95Ms: d[Math.floor(d.length * 0.95)], longTasks, maxInFlight });
        };
        requestAnimationFrame(frame);
      }),
  );
  mkdirSync('test-results/bench', { recursive: true });
  writeFileSync('test-results/bench/packets-fps.json', JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2));
  console.log(JSON.stringify(result));
  expect(result.maxInFlight).toBeGreaterThan(0);
});
