// Continuous traffic, chaos, and stepping a packet hop by hop.
import { test, expect } from '@playwright/test';
import { choose, frontendPods, openApp, send, shot } from './helpers';

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test('continuous traffic spreads requests over the Pods, with a counter on each', async ({ page }) => {
  await page.getByLabel('Speed').selectOption('2');
  await choose(page.getByLabel('Rate'), /^10 \/ s$/);
  await page.getByTestId('traffic-toggle').check();
  for (let i = 0; i < 3; i++)
    await expect(frontendPods(page).nth(i).getByTestId('pod-count')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('traffic-layer')).not.toHaveAttribute('data-inflight', '0');
  await shot(page, '13-traffic');
  await page.getByTestId('traffic-toggle').uncheck();
  await expect(page.getByTestId('counters')).toContainText(/[1-9]\d* delivered/);
});

test('chaos kills Pods now and then; replacements come back and the Service keeps answering', async ({ page }) => {
  await page.getByLabel('Speed').selectOption('4');
  await choose(page.getByLabel('Rate'), /^5 \/ s$/);
  await page.getByTestId('traffic-toggle').check();
  await page.getByLabel(/Chaos/).check();
  await expect(page.getByTestId('notice')).toContainText(/pod "frontend-.*" deleted/, { timeout: 20_000 });
  await shot(page, '14-chaos');
  await page.getByLabel(/Chaos/).uncheck();
  await page.getByTestId('traffic-toggle').uncheck();
  await expect(
    frontendPods(page).filter({ has: page.locator('[data-testid="pod-status"]', { hasText: 'Running' }) }),
  ).toHaveCount(3, { timeout: 20_000 });
});

test('paused, a request can be stepped hop by hop, forward and back', async ({ page }) => {
  await page.getByRole('button', { name: 'Pause' }).click();
  await send(page);
  const current = page.locator('[data-testid="trace-hops"] li[aria-current="step"]');
  await expect(current.locator('.hop-n')).toHaveText('1');
  await page.getByRole('button', { name: 'Next hop' }).click();
  await page.getByRole('button', { name: 'Next hop' }).click();
  await expect(current.locator('.hop-n')).toHaveText('3');
  await page.getByRole('button', { name: 'Previous hop' }).click();
  await expect(current.locator('.hop-n')).toHaveText('2');
  await shot(page, '15-stepping');
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });
  test('packets still replay the whole trace', async ({ page }) => {
    await send(page);
    await expect(page.locator('.packet.focus')).toHaveAttribute('data-verdict', 'delivered', { timeout: 15_000 });
  });
});

test('traffic turned on before the packet tracer has arrived: the box shows it at once, packets go once it is in', async ({
  page,
}) => {
  // the tracer's code arrives late, as on a slow network (it is not in the first view's chunk)
  let release = () => {};
  const arrived = new Promise<void>((r) => (release = r));
  await page.route(/\/(send-parts|trace)-[^/]*\.js$/, async (route) => {
    await arrived;
    await route.continue();
  });
  await page.reload();
  await expect(page.getByTestId('pod-card').filter({ hasText: 'busybox' })).toBeVisible();
  const toggle = page.getByTestId('traffic-toggle');
  await toggle.check();
  await expect(toggle).toBeChecked();
  // nothing is sent meanwhile, and the clock waits for the tracer rather than skip a request
  const clock = await page.getByTestId('clock').textContent();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('clock')).toHaveText(clock!);
  await expect(page.getByTestId('counters')).toContainText('0 delivered');
  release();
  await expect(page.getByTestId('counters')).toContainText(/[1-9]\d* delivered/, { timeout: 15_000 });
  await expect(toggle).toBeChecked();
});
