// "Fix this Service" challenges as a learner meets them: the overview, a broken cluster, fixing it from
// the console and seeing the solved state; a challenge from a share link; kubectl edit in the YAML panel.
import { test, expect, type Page } from '@playwright/test';
import { openApp, shot } from './helpers';

async function run(page: Page, line: string) {
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('console-output')).toContainText(`# ${line}`);
}

/** kubectl edit: the line leaves the console for the YAML panel (the editor), as $EDITOR takes the terminal. */
async function edit(page: Page, line: string) {
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await expect(page.getByRole('tab', { name: 'YAML' })).toHaveAttribute('aria-selected', 'true');
}

async function openChallenges(page: Page) {
  const panel = page.getByTestId('challenges-panel');
  await panel.getByRole('button', { name: /Fix this Service/ }).click();
  await expect(page.getByTestId('challenge-list')).toBeVisible();
}

test('solve a challenge from the console and see it solved', async ({ page }) => {
  await openApp(page);
  await openChallenges(page);
  await shot(page, 'challenges-overview');
  await page.locator('[data-challenge="selector-typo"]').click();
  const c = page.getByTestId('challenge');
  await expect(c).toHaveAttribute('data-challenge', 'selector-typo');
  await expect(c.locator('[data-met="unmet"]')).toHaveCount(1);
  await expect(c).toContainText('Now: run 1 of 20: refused');
  await c.getByRole('button', { name: /Show a hint/ }).click();
  await expect(page.getByTestId('challenge-hints').locator('li')).toHaveCount(1);
  await c.getByRole('button', { name: /Show the walkthrough/ }).click();
  await expect(page.getByTestId('challenge-walkthrough')).toContainText('kubectl get endpointslices');
  await shot(page, 'challenge-active');

  // a reload keeps the challenge being worked on, with its hint and walkthrough open
  await expect
    .poll(() => page.evaluate(() => Object.values({ ...localStorage }).some((v) => v.includes('"walkthrough":true'))))
    .toBe(true);
  await page.reload();
  await expect(c).toHaveAttribute('data-challenge', 'selector-typo');
  await expect(c.locator('[data-met="unmet"]')).toHaveCount(1);
  await expect(page.getByTestId('challenge-hints').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('challenge-walkthrough')).toContainText('kubectl get endpointslices');

  await run(page, 'kubectl get endpointslices -l kubernetes.io/service-name=web');
  await expect(page.getByTestId('console-output')).toContainText('<unset>');
  await run(page, 'kubectl set selector svc web app=web');
  await expect(page.getByTestId('console-output')).toContainText('service/web selector updated');
  await expect(c).toHaveAttribute('data-solved', 'true');
  await expect(page.getByTestId('challenge-solved')).toContainText('Solved!');
  await expect(c.locator('[data-met="met"]')).toHaveCount(1);
  await shot(page, 'challenge-solved');

  // the overview remembers it
  await c.getByRole('button', { name: 'All challenges' }).click();
  await expect(page.locator('[data-challenge="selector-typo"]')).toContainText('Solved');
});

test('a share link opens a challenge; kubectl edit opens the YAML panel and Save applies it', async ({ page }) => {
  await page.goto('/?challenge=wrong-target-port');
  const c = page.getByTestId('challenge');
  await expect(c).toHaveAttribute('data-challenge', 'wrong-target-port');
  await expect(page).not.toHaveURL(/challenge=/);
  await edit(page, 'kubectl edit svc web');
  await expect(page.getByTestId('yaml-editing')).toContainText('kubectl edit service/web');
  const editor = page.getByTestId('yaml-panel').locator('textarea');
  const text = await editor.inputValue();
  expect(text).toMatch(/^# Please edit the object below\./);
  expect(text).toContain('targetPort: 8080');
  // Cancel first: nothing changes
  await page.getByTestId('yaml-edit-cancel').click();
  await expect(page.getByTestId('yaml-results')).toContainText('Edit cancelled, no changes made.');
  await expect(c).toHaveAttribute('data-solved', 'false');
  // then edit for real and save: kubectl's message comes in the console too
  await edit(page, 'kubectl edit svc web');
  await editor.fill((await editor.inputValue()).replace('targetPort: 8080', 'targetPort: 80'));
  await page.getByTestId('yaml-edit-save').click();
  await expect(page.getByTestId('yaml-results')).toContainText('service/web edited');
  await expect(c).toHaveAttribute('data-solved', 'true');
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByTestId('console-output')).toContainText('service/web edited');
});

test('the embed view posts challenge-solved to the page that frames it', async ({ page, baseURL }) => {
  // a course page that frames the playground and records what it is told (intercepted: the server never
  // sees it). Same origin here: this headless Chromium refuses a cross-origin frame to localhost.
  const course = `${baseURL}/course.html`;
  await page.route(course, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><script>window.got = []; addEventListener('message', (e) => window.got.push(e.data));</script>
        <iframe id="k" src="${baseURL}/?embed&challenge=scaled-to-zero" width="1280" height="800"></iframe>`,
    }),
  );
  await page.goto(course);
  const frame = page.frameLocator('#k');
  await expect(frame.getByTestId('challenge')).toHaveAttribute('data-challenge', 'scaled-to-zero');
  await expect(frame.getByRole('link', { name: /Open the full playground/ })).toBeVisible();
  await expect(frame.getByRole('heading', { name: /Kubernetes Services Playground/ })).toBeHidden();
  await frame.getByRole('tab', { name: 'Console' }).click();
  const input = frame.getByTestId('console-input');
  await input.fill('kubectl scale deployment web --replicas=3');
  await input.press('Enter');
  await expect(frame.getByTestId('challenge')).toHaveAttribute('data-solved', 'true');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { got: unknown[] }).got))
    .toContainEqual({
      source: 'kubernetes-services-playground',
      type: 'challenge-solved',
      challenge: 'scaled-to-zero',
    });
  // the embed saves apart: the learner's own work in the full playground is never overwritten
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(':work'))))
    .toEqual(['k8s-services-playground:embed(challenge=scaled-to-zero):work']);
});

test("the administrator's route is a control in the Cluster section, and undoable", async ({ page }) => {
  await page.goto('/?challenge=external-ip-route');
  const c = page.getByTestId('challenge');
  await expect(c).toHaveAttribute('data-solved', 'false');
  const route = page.getByLabel('Route for 172.16.0.100');
  await expect(route).toHaveValue('');
  await route.selectOption('worker2');
  await expect(c).toHaveAttribute('data-solved', 'true');
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(route).toHaveValue('');
  await run(page, 'ssh client ip route');
  await expect(page.getByTestId('console-output')).not.toContainText('172.16.0.100 via');
});
