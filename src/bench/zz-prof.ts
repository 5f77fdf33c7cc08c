import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { startPreview } from './preview';
import { largeCluster, shareLink } from './scenes';
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] };
(async () => {
  const large = process.env.LARGE ? await shareLink(largeCluster()) : null;
  const pv = await startPreview(['--minify', 'false']);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.CPU ?? 1) });
    await page.goto(pv.url + (large?.fragment ?? ''));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="pod-card"]').length >= n, large ? 201 : 5, { timeout: 90_000 });
    if (large) {
      await page.getByTestId('source').selectOption('pod:default/busybox');
      await page.getByTestId('target-kind').selectOption('clusterIP');
      await page.getByTestId('target-service').selectOption('default/app0-svc');
    }
    const rate = process.env.RATE ?? '6.5';
    if (rate !== '0') {
      const select = page.getByLabel('Rate');
      await select.evaluate((el, v) => { const o = document.createElement('option'); o.value = v; o.textContent = v; el.appendChild(o); }, rate);
      await select.selectOption(rate);
      await page.getByTestId('traffic-toggle').check();
    }
    await page.waitForTimeout(Number(process.env.WARM ?? 8000));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    await page.waitForTimeout(5000);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } };
    writeFileSync('/tmp/kspdiag/prof.cpuprofile', JSON.stringify(profile));
    const total = profile.nodes.reduce((a, n) => a + n.hitCount, 0);
    const self = new Map<string, number>();
    for (const n of profile.nodes) { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + n.hitCount); }
    console.log('SELF');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((100 * v / total).toFixed(1).padStart(5), k);
    // inclusive time
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const incl = new Map<number, number>();
    const calc = (id: number): number => { const n = byId.get(id)!; let t = n.hitCount; for (const c of n.children ?? []) t += calc(c); incl.set(id, t); return t; };
    calc(profile.nodes[0].id);
    const inclByName = new Map<string, number>();
    for (const n of profile.nodes) { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; inclByName.set(k, Math.max(inclByName.get(k) ?? 0, 0) + incl.get(n.id)!); }
    console.log('INCLUSIVE');
    for (const [k, v] of [...inclByName].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((100 * v / total).toFixed(1).padStart(5), k);
  } finally { await browser.close(); pv.stop(); }
})();
