// Share links, saved work, undo and redo: the "no lost work" promises, checked in the browser.
import { test, expect, type Page } from '@playwright/test';
import { frontendPods, openApp, send, serviceCard, setServiceType, shot } from './helpers';

/** What a learner sees of the cluster: Pod names with their IPs, Services with their ports. */
async function objects(page: Page) {
  const pods = await page
    .getByTestId('pod-card')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-pod')} ${e.getAttribute('aria-label')?.match(/IP (\S+)/)?.[1]}`).sort(),
    );
  const services = await page
    .getByTestId('service-card')
    .evaluateAll((els) =>
      els
        .map(
          (e) => `${e.getAttribute('data-service')} ${e.querySelector('[data-testid="service-ports"]')?.textContent}`,
        )
        .sort(),
    );
  return { pods, services };
}

/** Wait until every Pod on the canvas is Running and Ready (nothing pending, nothing terminating). */
async function settled(page: Page) {
  await expect(page.getByTestId('pod-card').filter({ hasNotText: /Running/ })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('pod-card').filter({ hasText: 'Not ready' })).toHaveCount(0, { timeout: 20_000 });
}

async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('share-button').click();
  const input = page.getByTestId('share-url');
  await expect(input).toHaveValue(/#s=2\./);
  await expect(page.getByTestId('share-status')).not.toBeEmpty();
  const url = await input.inputValue();
  await page.keyboard.press('Escape');
  return url;
}

/** Saved work is written a moment after a change. */
const autosaved = (page: Page) => page.waitForTimeout(1500);

test('a share link round-trips: the same objects and the same request in a new page', async ({ page, browser }) => {
  await openApp(page);
  await setServiceType(page, 'frontend-svc', 'NodePort');
  await settled(page);
  const verdict = await send(page);
  await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
  const pod = (await verdict.textContent())!.match(/Pod (frontend-\S+)/)![1];
  const mine = await objects(page);
  const url = await shareLink(page);
  expect(url.length).toBeLessThan(2000);
  // the address bar holds the link too
  expect(page.url()).toContain('#s=2.');
  await shot(page, 'share-01-dialog-closed');

  // someone else opens it: a fresh browser context, nothing saved there
  const other = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const theirs = await other.newPage();
  await theirs.goto(url);
  await expect(theirs.getByTestId('scenario-title')).toHaveText('Shared link');
  await expect(theirs.getByTestId('verdict')).toHaveAttribute('data-verdict', 'delivered');
  await expect(theirs.getByTestId('verdict')).toContainText(`Pod ${pod}`);
  await settled(theirs);
  expect(await objects(theirs)).toEqual(mine);
  await expect(serviceCard(theirs, 'frontend-svc').getByTestId('service-type')).toHaveText('NodePort');
  await theirs.waitForTimeout(1200);
  await theirs.screenshot({ path: 'test-results/screenshots/share-02-opened.png' });
  // opening the link can be undone: back to what that page had (the default scenario)
  await theirs.getByTestId('undo').click();
  await expect(theirs.getByTestId('scenario-title')).toHaveText('Grouping Pods into Services');
  await other.close();

  // A replacement Pod's name was drawn after the objects were applied: the link then says where each
  // Pod was, and the other page gets the very same Pods (names, addresses) with no warning.
  await frontendPods(page).first().click();
  await page.getByRole('button', { name: 'Kill Pod' }).click();
  await settled(page);
  const afterKill = await objects(page);
  const url2 = await shareLink(page);
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-status')).not.toBeEmpty();
  await expect(page.locator('.share-warn')).toHaveCount(0);
  await shot(page, 'share-05-after-a-kill');
  await page.keyboard.press('Escape');
  const third = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const again = await third.newPage();
  await again.goto(url2);
  await expect(again.getByTestId('scenario-title')).toHaveText('Shared link');
  await settled(again);
  expect(await objects(again)).toEqual(afterKill);
  await third.close();
});

test('malformed, truncated, unknown-version and oversized links show a message; the work survives', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Scale frontend up' }).click();
  await page.getByRole('button', { name: 'Scale frontend up' }).click();
  await expect(page.getByTestId('replicas-frontend')).toHaveText('5');
  await settled(page);
  const good = await shareLink(page);
  const before = await objects(page);
  await autosaved(page);
  const base = good.slice(0, good.indexOf('#'));
  const cases: [string, RegExp][] = [
    ['#s=1.%%%not-a-link', /not a playground link/],
    [good.slice(good.indexOf('#'), good.indexOf('#') + 40), /incomplete|cut off/],
    ['#s=7.AAAA', /newer version/],
    [`#s=1.${'A'.repeat(70_000)}`, /too long/],
  ];
  for (const [fragment, message] of cases) {
    // a hash change on the open page…
    await page.evaluate((f) => void (location.hash = f), fragment);
    const alert = page.getByTestId('share-alert');
    await expect(alert).toBeVisible();
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(alert).toContainText(message);
    expect(await objects(page)).toEqual(before);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
  await shot(page, 'share-03-before-bad-reload');
  // …and a page opened on a bad link: the saved work is restored, the message shown
  await page.goto('about:blank');
  await page.goto(`${base}#s=1.${'A'.repeat(70_000)}`);
  await expect(page.getByTestId('share-alert')).toContainText(/too long/);
  await expect(page.getByTestId('replicas-frontend')).toHaveText('5');
  expect(await objects(page)).toEqual(before);
  await shot(page, 'share-04-oversized-alert');
});

test('reload restores the work: same Pods (even after a kill), same Service type, same lesson step', async ({
  page,
}) => {
  await openApp(page);
  await setServiceType(page, 'db-svc', 'NodePort');
  const victim = frontendPods(page).first();
  await victim.click();
  await page.getByRole('button', { name: 'Kill Pod' }).click();
  await settled(page);
  await expect(frontendPods(page)).toHaveCount(3);
  const mine = await objects(page);
  await autosaved(page);
  await page.reload();
  await expect(page.getByTestId('pod-card').first()).toBeVisible();
  expect(await objects(page)).toEqual(mine);
  await expect(serviceCard(page, 'db-svc').getByTestId('service-type')).toHaveText('NodePort');

  // a lesson in progress comes back at the same step
  await page.getByRole('button', { name: /Lessons/ }).click();
  await page.locator('.lesson-item[data-lesson="labels-and-selectors"]').click();
  await page.getByTestId('show-me').click();
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '1');
  await autosaved(page);
  await page.reload();
  await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '1');
  await expect(page.getByTestId('lesson-instruction')).toContainText('db-svc');
});

test('undo and redo across a kill, an apply and a scenario switch', async ({ page }) => {
  await openApp(page);
  const start = await objects(page);
  await expect(page.getByTestId('undo')).toBeDisabled();

  // 1. a kill (the K shortcut on the selected Pod)
  const victim = frontendPods(page).first();
  const name = (await victim.getAttribute('data-pod'))!;
  await victim.click();
  await page.keyboard.press('k');
  await expect(page.locator(`[data-testid="pod-card"][data-pod="${name}"]`)).toHaveCount(0, { timeout: 20_000 });
  await settled(page);
  const afterKill = await objects(page);

  // 2. an apply (the YAML panel's Apply)
  await page.getByRole('tab', { name: 'YAML' }).click();
  await page
    .getByTestId('yaml-editor')
    .fill(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: frontend\n  ports:\n  - port: 8080\n    targetPort: 5000\n',
    );
  await page.getByRole('button', { name: /^Apply/ }).click();
  await expect(serviceCard(page, 'web')).toBeVisible();

  // 3. a scenario switch
  await page.getByTestId('scenario-picker').click();
  await page.locator('.scenario-item[data-scenario="nodeport"]').click();
  await expect(page.getByTestId('scenario-title')).toHaveText(/NodePort/);
  await expect(serviceCard(page, 'web')).toHaveCount(0);

  // back, one command at a time (Ctrl+Z, then the button)
  await page.locator('body').click({ position: { x: 2, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('scenario-title')).toHaveText('Grouping Pods into Services');
  await expect(serviceCard(page, 'web')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(serviceCard(page, 'web')).toHaveCount(0);
  expect(await objects(page)).toEqual(afterKill);
  await page.getByTestId('undo').click();
  await expect(page.locator(`[data-testid="pod-card"][data-pod="${name}"]`)).toHaveCount(1);
  await expect(frontendPods(page)).toHaveCount(3);
  expect((await objects(page)).pods).toEqual(start.pods);
  await expect(page.getByTestId('undo')).toBeDisabled();
  await shot(page, 'undo-01-back-to-start');

  // and forward again (Ctrl+Shift+Z, Ctrl+Y, the button)
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator(`[data-testid="pod-card"][data-pod="${name}"]`)).toHaveCount(0, { timeout: 20_000 });
  await page.keyboard.press('Control+y');
  await expect(serviceCard(page, 'web')).toBeVisible();
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('scenario-title')).toHaveText(/NodePort/);
  await expect(page.getByTestId('redo')).toBeDisabled();
  // Reset returns to the scenario's start, and is itself undoable
  await page.getByRole('button', { name: 'Reset scenario' }).click();
  await expect(page.getByTestId('notice')).toContainText('Back to the start');
});
