import { chromium } from '@playwright/test';
import { startPreview } from './preview';
(async () => {
  const pv = await startPreview();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('console', (m) => console.log('console:', m.type(), m.text()));
    page.on('pageerror', (e) => console.log('pageerror:', e.message));
    await page.goto(pv.url + (process.env.HASH ?? ''));
    await page.waitForTimeout(5000);
    console.log(await page.evaluate(() => ({ pods: document.querySelectorAll('[data-testid="pod-card"]').length, svcs: document.querySelectorAll('[data-testid="service-card"]').length, vis: [...document.querySelectorAll('[data-testid="pod-card"]')].map((e) => e.checkVisibility({ visibilityProperty: true, opacityProperty: true })) })));
    await page.screenshot({ path: '/tmp/kspdiag/shot.png' });
  } finally { await browser.close(); pv.stop(); }
})();
