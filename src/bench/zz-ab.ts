import { chromium, type Page } from '@playwright/test';
import { startPreview } from './preview';
import { largeCluster, shareLink } from './scenes';
import { frameProbe, frameStats, type FrameSample } from './probes';
(async () => {
  const large = await shareLink(largeCluster());
  const pv = process.env.URL ? { url: process.env.URL, stop() {} } : await startPreview();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const cpu = Number(process.env.CPU ?? 4);
  const configs: Record<string, (p: Page) => Promise<void>> = {
    paused: async (p) => { await p.getByRole('button', { name: 'Pause' }).click(); },
    'playing, no traffic': async () => {},
    'traffic 12/s': async (p) => {
      const select = p.getByLabel('Rate');
      await select.evaluate((el, v) => { const o = document.createElement('option'); o.value = v; o.textContent = v; el.appendChild(o); }, '12');
      await select.selectOption('12');
      await p.getByTestId('traffic-toggle').check();
    },
  };
  try {
    for (const [name, setup] of Object.entries(configs)) {
      if (process.env.ONLY && !name.includes(process.env.ONLY)) continue;
      const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
      await page.goto(pv.url + large.fragment);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="pod-card"]').length >= n, 201, { timeout: 90_000 });
      await page.getByTestId('source').selectOption('pod:default/busybox');
      await page.getByTestId('target-kind').selectOption('clusterIP');
      await page.getByTestId('target-service').selectOption('default/app0-svc');
      await setup(page);
      await page.waitForTimeout(9000);
      const s = frameStats((await page.evaluate(frameProbe(5000))) as FrameSample);
      console.log(name, JSON.stringify(s));
      await ctx.close();
    }
  } finally { await browser.close(); pv.stop(); }
})();
