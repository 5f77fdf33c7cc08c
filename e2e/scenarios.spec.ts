// Built-in scenarios and guided lessons, driven as a learner would: the scenario picker in the top bar,
// the Lessons panel in the dock, "Show me" for every step until the simulator says the lesson is done.
import { test, expect, type Page } from '@playwright/test';
import { openApp, shot } from './helpers';

async function pickScenario(page: Page, id: string) {
  await page.getByTestId('scenario-picker').click();
  const item = page.locator(`.scenario-item[data-scenario="${id}"]`);
  const title = (await item.locator('.scenario-item-title').textContent())!;
  await item.click();
  await expect(page.getByTestId('scenario-title')).toHaveText(title);
  return title;
}

async function openLessons(page: Page) {
  const toggle = page.getByRole('button', { name: /^.?\s*Lessons/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

test('every built-in scenario loads from the picker, with its title and description', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('scenario-title')).toHaveText('Grouping Pods into Services');
  await page.getByTestId('scenario-picker').click();
  // (the list is a later part of the page: read it once it is drawn, not the moment the picker opens)
  await expect(page.locator('.scenario-item').first()).toBeVisible();
  const ids = await page
    .locator('.scenario-item')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-scenario')!));
  expect(ids.length).toBeGreaterThanOrEqual(14);
  await expect(page.locator('.scenario-item[data-scenario="default"] .scenario-item-desc')).toContainText(
    'frontend-svc',
  );
  await shot(page, 'scenarios-01-picker');
  await page.keyboard.press('Escape');
  for (const id of ids) {
    await pickScenario(page, id);
    // the machines are drawn and the apiserver has the scenario's Services
    await expect(page.getByTestId('node-region').first()).toBeVisible();
    if (id !== 'empty')
      await expect(page.locator('[data-testid="service-card"], [data-testid="pod-card"]').first()).toBeVisible();
    await expect(page.getByTestId('notice')).toContainText('loaded');
    if (['pod-ip', 'nodeport', 'externalip', 'headless'].includes(id)) await shot(page, `scenarios-02-${id}`);
  }
  // each switch is one undoable command
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('scenario-title')).toHaveText(/traffic|externalTrafficPolicy/i);
});

test.describe('lessons: each can be completed by following its steps with Show me', () => {
  test.describe.configure({ mode: 'parallel' });
  const LESSONS = [
    'pods-are-ephemeral',
    'labels-and-selectors',
    'kube-proxy-rules',
    'session-affinity',
    'discovery-env',
    'discovery-dns',
    'headless',
    'clusterip-and-nodeport',
    'loadbalancer',
    'externalip',
    'externalname',
    'traffic-policy',
  ];
  for (const id of LESSONS) {
    test(id, async ({ page }) => {
      await openApp(page);
      await page.getByLabel('Speed').selectOption('4');
      await openLessons(page);
      await page.locator(`.lesson-item[data-lesson="${id}"]`).click();
      const lesson = page.getByTestId('lesson');
      await expect(lesson).toHaveAttribute('data-lesson', id);
      await expect(lesson).toHaveAttribute('data-step', '0');
      const total = Number((await page.getByTestId('lesson-step').textContent())!.match(/of (\d+)/)![1]);
      for (let i = 0; i < total; i++) {
        await expect(page.getByTestId('lesson-instruction')).toBeVisible();
        if (i === 0) {
          // hints on demand, as text
          await page.getByRole('button', { name: /Show a hint/ }).click();
          await expect(page.getByTestId('lesson-hints').locator('li')).toHaveCount(1);
        }
        await page.getByTestId('show-me').click();
        // the simulator checks the step by itself (some need the cluster to catch up: Pods start, kube-proxy syncs)
        await expect(lesson).not.toHaveAttribute('data-step', String(i), { timeout: 45_000 });
      }
      await expect(lesson).toHaveAttribute('data-done', 'true');
      await expect(page.getByTestId('lesson-complete')).toBeVisible();
      await shot(page, `lesson-${id}-complete`);
      // progress is kept: the list says so after leaving the lesson, and after a reload
      await expect(async () => {
        // (a click can miss while the dock settles on a busy machine: try again)
        if (await page.getByTestId('lesson').count())
          await page.getByRole('button', { name: 'All lessons' }).click({ timeout: 2000 });
        await expect(page.locator(`.lesson-item[data-lesson="${id}"]`)).toContainText('Completed', { timeout: 2000 });
      }).toPass({ timeout: 15_000 });
      await page.reload();
      await openLessons(page);
      await expect(page.locator(`.lesson-item[data-lesson="${id}"]`)).toContainText('Completed');
    });
  }
});

test('presentation mode: large type, one panel, keyboard shortcuts; read-only refuses edits', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('p');
  await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-present', 'trace');
  await expect(page.getByRole('region', { name: 'Trace' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Send request' })).toBeHidden();
  // S sends, → and ← step the packet, Space plays and pauses
  const verdict = page.getByTestId('verdict');
  await page.keyboard.press('s');
  await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('trace-hops').locator('.hop.current')).toHaveCount(1);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.waitForTimeout(1500);
  await shot(page, 'present-01-trace');
  // K kills the selected Pod
  const pod = page
    .getByTestId('pod-card')
    .filter({ hasText: /frontend-/ })
    .first();
  const name = (await pod.getAttribute('data-pod')) ?? (await pod.locator('.pod-name').textContent());
  await pod.click();
  await page.keyboard.press('k');
  await expect(page.getByTestId('notice')).toContainText('deleted');
  // the chosen panel only
  await page.getByTestId('present-panel').selectOption('lessons');
  await expect(page.getByRole('region', { name: /Lessons/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Trace' })).toBeHidden();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts')).toBeVisible();
  await shot(page, 'present-02-shortcuts');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts')).toBeHidden();
  // read-only: a kill is refused with a note, and nothing changes
  await page.getByTestId('readonly-toggle').click();
  await expect(page.getByTestId('readonly-badge')).toBeVisible();
  // (the Pod killed above has finished terminating first, so the count below compares like with like)
  await expect(page.getByTestId('pod-card').filter({ hasText: 'Terminating' })).toHaveCount(0, { timeout: 15_000 });
  const before = await page.getByTestId('pod-card').allTextContents();
  const victim = page
    .getByTestId('pod-card')
    .filter({ hasText: /frontend-/ })
    .filter({ hasNotText: 'Terminating' })
    .first();
  await victim.click();
  await page.keyboard.press('k');
  await expect(page.getByTestId('notice')).toContainText('Read-only view');
  await expect(page.getByTestId('notice')).toHaveAttribute('role', 'alert');
  expect((await page.getByTestId('pod-card').allTextContents()).length).toBe(before.length);
  await shot(page, 'present-03-readonly');
  await page.keyboard.press('p');
  await expect(page.locator('html')).not.toHaveAttribute('data-present', /.*/);
  expect(name).toBeTruthy();
});

test('export the canvas as PNG and SVG', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('export-button').click();
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  await png.saveAs('test-results/screenshots/export-canvas.png');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  await svg.saveAs('test-results/screenshots/export-canvas.svg');
});
