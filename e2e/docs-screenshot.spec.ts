// Makes docs/screenshot.png for the README: DOCS_SCREENSHOT=1 npx playwright test docs-screenshot
import { test, expect } from '@playwright/test';
import { choose, from, openApp, send, setServiceType, to } from './helpers';

test.skip(!process.env.DOCS_SCREENSHOT, 'only when refreshing the README screenshot');

test('README screenshot', async ({ page }) => {
  await openApp(page);
  await setServiceType(page, 'frontend-svc', 'LoadBalancer');
  await page.getByLabel('Cloud load-balancer controller').check();
  await expect(page.getByTestId('lb-card')).toBeVisible();
  await from(page, 'External client');
  await to(page, 'Load balancer IP');
  await choose(page.getByTestId('target-service'), 'frontend-svc');
  await choose(page.getByLabel('Rate'), /^2 \/ s$/);
  await page.getByTestId('traffic-toggle').check();
  await page.waitForTimeout(3000);
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await page.getByRole('button', { name: 'Pause' }).click();
  await send(page);
  // step to the load balancer, where the destination is rewritten to a node's NodePort
  await page.getByRole('button', { name: 'Next hop' }).click();
  await expect(page.locator('.packet.focus .pk-row.changed')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshot.png' });
});
