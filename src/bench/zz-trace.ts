import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startPreview } from './preview';
import { largeCluster, shareLink } from './scenes';
(async () => {
  const large = process.env.LARGE ? await shareLink(largeCluster()) : null;
  const pv = await startPreview(['--minify', 'false']);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
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
    const path = '/tmp/kspdiag/trace.json';
    await browser.startTracing(page, { path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8'] });
    await page.waitForTimeout(4000);
    await browser.stopTracing();
    const ev = (JSON.parse(readFileSync(path, 'utf8')).traceEvents ?? []) as { name: string; ph: string; dur?: number; tid: number; pid: number; cat: string }[];
    // main thread: the one with most RunTask time in the renderer
    const tn = ev.filter((e) => e.name === 'thread_name' && (e as unknown as { args: { name: string } }).args.name === 'CrRendererMain');
    const mains = new Set(tn.map((e) => `${e.pid}:${e.tid}`));
    const agg = new Map<string, number>();
    let run = 0;
    for (const e of ev) {
      if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`) || !e.dur) continue;
      agg.set(e.name, (agg.get(e.name) ?? 0) + e.dur / 1000);
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') run += e.dur / 1000;
    }
    console.log('main-thread RunTask ms in 4 s:', run.toFixed(0));
    for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(8), k);
  } finally { await browser.close(); pv.stop(); }
})();
