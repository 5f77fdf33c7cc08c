// Helpers that act as a user would: choose options by their visible text, press buttons by name.
import { expect, type Locator, type Page } from '@playwright/test';

export const SHOTS = 'test-results/screenshots';

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Pick the option of a select whose text contains `text`. */
export async function choose(select: Locator, text: string | RegExp) {
  const option = select.locator('option').filter({ hasText: text }).first();
  const value = await option.getAttribute('value');
  expect(value, `an option matching ${text}`).not.toBeNull();
  await select.selectOption(value!);
}

export async function openApp(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('pod-card').filter({ hasText: 'busybox' })).toBeVisible();
  await expect(page.getByTestId('service-card').filter({ hasText: 'frontend-svc' })).toBeVisible();
}

/** Click Send and wait for this request's verdict (the live region names the newest request). */
export async function send(page: Page): Promise<Locator> {
  const verdict = page.getByTestId('verdict');
  const before = Number((await verdict.getAttribute('data-request')) ?? '0');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(verdict).not.toHaveAttribute('data-request', String(before));
  return verdict;
}

export async function from(page: Page, text: string | RegExp) {
  await choose(page.getByTestId('source'), text);
}
export async function to(page: Page, kind: string | RegExp) {
  await choose(page.getByTestId('target-kind'), kind);
}

export function serviceCard(page: Page, name: string) {
  return page.locator(`[data-testid="service-card"][data-service="${name}"]`);
}

export function frontendPods(page: Page) {
  return page.getByTestId('pod-card').filter({ hasText: /frontend-/ });
}

/** Select a Service on the canvas and set its type in the Selection panel. */
export async function setServiceType(page: Page, name: string, type: 'ClusterIP' | 'NodePort' | 'LoadBalancer') {
  await serviceCard(page, name).click();
  await expect(page.getByTestId('selection-service')).toContainText(`Service ${name}`);
  await page.getByTestId('service-type-select').selectOption(type);
  await expect(serviceCard(page, name).getByTestId('service-type')).toHaveText(type);
  // as a learner would: wait until every node's kube-proxy has synced the change
  await expect(page.locator('[data-testid="kube-proxy"].stale')).toHaveCount(0, { timeout: 15_000 });
}

/** Let the packet animation finish so a screenshot shows the end of the trip. */
export async function settleAnimation(page: Page) {
  await expect(page.locator('.packet.focus')).toHaveAttribute(
    'data-verdict',
    /delivered|refused|dropped|timed-out|no-route/,
    { timeout: 15_000 },
  );
}
