// A rendering error anywhere shows a recoverable message that offers the scenario as YAML, never a blank
// page. The error is forced through the test-only localStorage flag the error boundaries read.
import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { shot } from './helpers';

const CRASH_KEY = 'k8s-services-playground:test-crash';

async function crashIn(page: Page, area: string) {
  await page.addInitScript(([k, v]) => localStorage.setItem(k, v), [CRASH_KEY, area] as const);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  return errors;
}

async function exportedYaml(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('crash-export').click()]);
  expect(download.suggestedFilename()).toBe('scenario.yaml');
  return readFile((await download.path())!, 'utf8');
}

test('a crash in the canvas replaces only the canvas: the message, the scenario as YAML, the rest still works', async ({
  page,
}) => {
  await crashIn(page, 'canvas');
  const crash = page.getByTestId('crash');
  await expect(crash).toHaveAttribute('data-area', 'canvas');
  await expect(crash).toHaveAttribute('role', 'alert');
  await expect(crash).toContainText('Something went wrong while drawing the canvas');
  await expect(page.getByTestId('crash-detail')).toContainText('test crash in canvas');
  for (const id of ['crash-export', 'crash-retry', 'crash-reload', 'crash-reset'])
    await expect(page.getByTestId(id)).toBeVisible();
  await shot(page, 'error-01-canvas');

  const yaml = await exportedYaml(page);
  expect(yaml).toContain('kind: Deployment');
  expect(yaml).toContain('name: frontend');
  expect(yaml).toContain('name: frontend-svc');

  // the top bar and the dock are untouched: a request can still be sent
  await expect(page.getByRole('button', { name: /Pause|Play/ })).toBeVisible();
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered');
});

test('a crash in the dock keeps the canvas', async ({ page }) => {
  await crashIn(page, 'dock');
  await expect(page.getByTestId('crash')).toHaveAttribute('data-area', 'dock');
  await expect(page.getByTestId('pod-card').first()).toBeVisible();
  expect(await exportedYaml(page)).toContain('kind: Service');
});

test('a crash of the whole app shows the recovery page, not a blank one; start over drops the link', async ({
  page,
}) => {
  await crashIn(page, 'app');
  const crash = page.getByTestId('crash');
  await expect(crash).toHaveAttribute('data-area', 'app');
  await expect(crash).toContainText('Something went wrong while drawing the playground');
  expect((await page.locator('body').innerText()).trim().length).toBeGreaterThan(50);
  await shot(page, 'error-02-app');
  expect(await exportedYaml(page)).toContain('name: frontend-svc');

  // "Start over" drops the link (and the saved work) and loads the page again
  await page.evaluate(() => history.replaceState(null, '', '?x=1#s=1.AAAA'));
  await Promise.all([page.waitForURL((u) => !u.hash && !u.search), page.getByTestId('crash-reset').click()]);
  await expect(page.getByTestId('crash')).toHaveAttribute('data-area', 'app');
});

test('without the flag nothing crashes', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('pod-card').first()).toBeVisible();
  await expect(page.getByTestId('crash')).toHaveCount(0);
});

test('a part that could not be fetched (offline before the idle preload) says so, and loads on "Try again"', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let blocked = true;
  await page.route(/\/assets\/LessonsBody-[^/]+\.js$/, (route) =>
    blocked ? route.abort('internetdisconnected') : route.continue(),
  );
  await page.goto('/');
  await expect(page.getByTestId('pod-card').first()).toBeVisible();
  await page.getByRole('button', { name: /^.?\s*Lessons/ }).click();
  const problem = page.getByTestId('lessons-panel').getByRole('alert');
  await expect(problem).toContainText('Could not load the lessons');
  await expect(problem).toContainText('reconnect and try again');
  // the rest of the page is unharmed
  await expect(page.getByTestId('crash')).toHaveCount(0);
  await shot(page, 'error-03-lazy-part');
  blocked = false;
  await problem.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('[data-lesson]').first()).toBeVisible();
  await expect(problem).toHaveCount(0);
  expect(errors).toEqual([]);
});
