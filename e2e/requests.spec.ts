// Every request is a request, and its outcome comes with its packet: a console line's connection is
// animated and counted like the Send form's; paused, the verdict and counters wait for the packet;
// a Pod killed while its packet travels never receives it.
import { test, expect, type Page } from '@playwright/test';
import { openApp, send, shot } from './helpers';

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

async function run(page: Page, line: string) {
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('console-output')).toContainText(`# ${line}`);
}

const verdict = (page: Page) => page.getByTestId('verdict');
const counters = (page: Page) => page.getByTestId('counters');

test('a console wget through kubectl exec moves a packet, is traced and counts', async ({ page }) => {
  await run(page, 'kubectl exec busybox -- wget -qO- frontend-svc');
  await expect(page.getByTestId('console-output')).toContainText(/frontend-/);
  // its packet: the focused one, labelled source → destination
  const packet = page.locator('.packet.focus');
  await expect(packet.locator('.pk-icon')).toBeVisible();
  await expect(packet.locator('.pk-flow')).toContainText('→');
  const box = (await packet.locator('.pk-icon').boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(28);
  await expect(verdict(page)).toContainText(/Pod busybox → 10\.\d+\.\d+\.\d+:80/);
  // the outcome once it has arrived, in the trace panel's words, and counted
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'delivered', { timeout: 20_000 });
  await expect(verdict(page)).toContainText(/delivered to Pod frontend-/);
  await expect(counters(page)).toContainText('1 delivered');
  await expect(page.getByTestId('pod-count')).toHaveCount(1);
  // listed with where it came from, and it can be replayed
  const list = page.getByTestId('request-list');
  await list.locator('summary').click();
  const row = list.getByTestId('request-row').first();
  await expect(row).toHaveAttribute('data-origin', 'console');
  await row.getByRole('button').click();
  // it starts over from the sender (hop 0 may be gone by the first look on a loaded machine: any hop
  // before the last, in flight again, shows the replay)
  await expect(page.locator('.packet.focus')).toHaveAttribute('data-hop', /^(\d|1[01])$/);
  // a finished packet does not leave its label over the sender
  await expect(page.locator('.packet.focus')).toHaveAttribute('data-verdict', 'delivered', { timeout: 20_000 });
  await expect(page.locator('.packet.focus .pk-label')).toHaveCount(0, { timeout: 5_000 });
  await expect(counters(page)).toContainText('1 delivered');
});

test('paused, the outcome waits for the packet; stepping reveals it on arrival', async ({ page }) => {
  await page.getByRole('button', { name: 'Pause' }).click();
  await send(page);
  const v = verdict(page);
  await expect(v).toHaveAttribute('data-verdict', 'in-flight');
  await expect(v).not.toContainText('delivered');
  await expect(page.getByTestId('trace-hops').locator('li')).toHaveCount(1);
  await page.waitForTimeout(1500);
  await expect(v).toHaveAttribute('data-verdict', 'in-flight');
  await expect(counters(page)).toContainText('0 delivered');
  await expect(page.getByTestId('pod-count')).toHaveCount(0);
  const next = page.getByRole('button', { name: 'Next hop' });
  for (let i = 0; i < 30; i++) {
    if ((await v.getAttribute('data-verdict')) !== 'in-flight') break;
    // the hop list grows as the packet moves
    await expect(page.getByTestId('trace-hops').locator('li')).toHaveCount(i + 1);
    await next.click();
  }
  await expect(v).toHaveAttribute('data-verdict', 'delivered');
  await expect(page.locator('.packet.focus')).toHaveAttribute('data-place', /^pod\/default\/frontend-/);
  await expect(counters(page)).toContainText('1 delivered');
  await shot(page, 'requests-01-stepped-to-arrival');
});

test('a Pod killed while its packet travels is never delivered to', async ({ page }) => {
  await page.getByRole('button', { name: 'Pause' }).click();
  await send(page);
  // the whole path as it was decided when sent, to find the Pod it is heading for
  await page.getByTestId('show-all-hops').click();
  const hops = page.getByTestId('trace-hops').locator('li');
  const kinds = await hops.locator('.hop-kind').allTextContents();
  const deliver = kinds.indexOf('deliver');
  expect(deliver).toBeGreaterThan(1);
  const pod = (await hops.nth(deliver).locator('.hop-place').textContent())!.replace(/^Pod /, '');
  const next = page.getByRole('button', { name: 'Next hop' });
  for (let i = 0; i < deliver - 1; i++) await next.click();
  await expect(page.locator('.packet.focus')).toHaveAttribute('data-hop', String(deliver - 1));
  await run(page, `kubectl delete pod ${pod} --force --grace-period=0`);
  await expect(page.getByTestId('console-output')).toContainText(`pod "${pod}" force deleted`);
  for (let i = 0; i < 12; i++) await next.click();
  const v = verdict(page);
  await expect(v).not.toHaveAttribute('data-verdict', 'in-flight');
  await expect(v).not.toHaveAttribute('data-verdict', 'delivered');
  await expect(v).toContainText('timed out');
  await expect(v).not.toContainText(`delivered to Pod ${pod}`);
  await expect(page.locator('.packet.focus')).not.toHaveAttribute('data-verdict', 'delivered');
  await expect(page.locator('.packet.focus')).toHaveAttribute('data-place', /^node\//);
  await expect(counters(page)).toContainText('0 delivered');
  await expect(counters(page)).toContainText('1 failed');
  await shot(page, 'requests-02-killed-mid-flight');
});

test('predict first: the packet waits for a guess, then says whether it was right', async ({ page }) => {
  await page.getByLabel('Predict first').check();
  await send(page);
  const ask = page.getByTestId('predict');
  // the Service's three Pods, or a failure
  await expect(ask.getByRole('button')).toHaveCount(4);
  await expect(ask.getByRole('button', { name: /^Pod frontend-/ })).toHaveCount(3);
  await page.waitForTimeout(1000);
  await expect(page.locator('.packet.focus')).toHaveAttribute('data-hop', '0');
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'in-flight');
  await ask.getByRole('button', { name: 'it fails' }).click();
  const result = page.getByTestId('predict-result');
  await expect(result).toHaveAttribute('data-right', 'false', { timeout: 20_000 });
  await expect(result).toContainText(/You predicted it fails: not this time \(Pod frontend-/);
  await expect(verdict(page)).toHaveAttribute('data-verdict', 'delivered');
});
