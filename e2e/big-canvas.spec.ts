// Issue 12, item 3: "the canvas collapses large groups instead of drawing thousands of cards". A
// cluster of more Pods than the canvas's card budget (graph.ts CARD_BUDGET) opens with one group card
// per machine: how many Pods and in which STATUS. A machine opens by click or keyboard, its Pods one
// card each inside it, and its header groups them again.
import { test, expect } from '@playwright/test';
import { bigCluster } from '../src/bench/engine';
import { shareLink } from '../src/bench/scenes';
import { shot } from './helpers';

test('a cluster of 300 Pods: one card per machine, opened a machine at a time', async ({ page }) => {
  test.setTimeout(120_000);
  // 6 workers, 30 Deployments × 10 replicas, each behind its Service
  const s = bigCluster(6, 30, 10);
  const onWorker3 = Object.values(s.objects.pods).filter(
    (p) => p.metadata.namespace === 'default' && p.spec.nodeName === 'worker3',
  ).length;
  const { fragment } = await shareLink(s);
  await page.goto('/' + fragment);
  await expect(page.getByTestId('scenario-title')).toContainText('Shared link', { timeout: 90_000 });

  const groups = page.getByTestId('pod-group');
  await expect(groups).toHaveCount(6, { timeout: 30_000 });
  await expect(page.getByTestId('pod-card')).toHaveCount(0);
  const worker3 = page.locator('[data-testid="pod-group"][data-machine="worker3"]');
  await expect(worker3).toBeVisible();
  await expect(worker3).toHaveAttribute('aria-label', new RegExp(`^${onWorker3} Pods on worker3 of \\d+ Services$`));
  await expect(worker3.getByTestId('pod-group-counts')).toHaveText(`${onWorker3} Running`, { timeout: 30_000 });
  await shot(page, 'big-canvas-grouped');

  // opened from the keyboard: worker3's Pods one card each, inside worker3; the other machines stay grouped
  await worker3.getByRole('button', { name: 'Show each Pod' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pod-card')).toHaveCount(onWorker3);
  await expect(worker3).toHaveCount(0);
  await expect(groups).toHaveCount(5);
  const machine = page.locator('.react-flow__node[data-id="node/worker3"]');
  // (measured once the view has settled: the picture is fitted again as the machine grows)
  const inside = async () => {
    const box = (await machine.boundingBox())!;
    for (const card of await page.getByTestId('pod-card').all()) {
      const b = (await card.boundingBox())!;
      if (!(b.x >= box.x && b.y >= box.y && b.x + b.width <= box.x + box.width + 1)) return false;
    }
    return true;
  };
  await expect.poll(inside, { timeout: 10_000 }).toBe(true);
  await shot(page, 'big-canvas-worker3-open');

  // the machine's header groups them again (a click)
  await machine.getByTestId('group-close').click();
  await expect(groups).toHaveCount(6);
  await expect(page.getByTestId('pod-card')).toHaveCount(0);
  await worker3.getByRole('button', { name: 'Show each Pod' }).click();
  await expect(page.getByTestId('pod-card')).toHaveCount(onWorker3);
});

test('too many Service lines to draw: the note that says so sits above the picture, over no Service card', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // the classroom projector's size; 90 Services on 8 workers: more lines than the canvas draws
  await page.setViewportSize({ width: 1024, height: 768 });
  const { fragment } = await shareLink(bigCluster(8, 90, 6));
  await page.goto('/' + fragment);
  await expect(page.getByTestId('scenario-title')).toContainText('Shared link', { timeout: 90_000 });
  const note = page.getByTestId('lines-note');
  await expect(note).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('service-card')).toHaveCount(90, { timeout: 30_000 });
  await page.waitForTimeout(1000); // (the picture fitted, its glide over)
  const n = (await note.boundingBox())!;
  for (const card of await page.getByTestId('service-card').all()) {
    const b = (await card.boundingBox())!;
    const apart = b.x >= n.x + n.width || n.x >= b.x + b.width || b.y >= n.y + n.height || n.y >= b.y + b.height;
    expect(apart, `the note ${JSON.stringify(n)} covers a Service card ${JSON.stringify(b)}`).toBe(true);
  }
  await shot(page, 'big-canvas-lines-note');
});
