// A rolling update watched on the canvas: kubectl set image in the console on the default scenario, with
// continuous traffic to frontend-svc. The new ReplicaSet's Pods carry their revision, the Service card
// shows the rollout's progress, and at the end three Pods of revision 2 serve.
import { test, expect, type Page } from '@playwright/test';
import { choose, frontendPods, openApp, serviceCard, shot } from './helpers';

async function consoleRun(page: Page, line: string) {
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await expect(page.getByTestId('console-output')).toContainText(`# ${line}`);
}

test('kubectl set image rolls frontend out Pod by Pod while traffic keeps flowing', async ({ page }) => {
  await openApp(page);
  await choose(page.getByLabel('Rate'), /^2 \/ s$/);
  await page.getByTestId('traffic-toggle').check();
  await expect(frontendPods(page).getByTestId('pod-count').first()).toBeVisible({ timeout: 15_000 });
  await expect(frontendPods(page).getByTestId('pod-revision')).toHaveText(['rev 1', 'rev 1', 'rev 1']);

  await consoleRun(page, 'kubectl set image deployment/frontend frontend=registry.k8s.io/e2e-test-images/agnhost:2.54');
  await expect(page.getByTestId('console-output')).toContainText('deployment.apps/frontend image updated');
  // mid-rollout: the Service card says how far it is; a revision-2 Pod runs beside the revision-1 ones
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-rollout')).toContainText(
    /rev 2: [0-3]\/3 updated/,
  );
  await expect(page.locator('[data-testid="pod-revision"][data-current="true"]').first()).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.locator('[data-testid="pod-revision"][data-current="false"]').first()).toBeVisible();
  await shot(page, 'rollout-01-midway');

  // done: three Running Pods of revision 2, no rollout line, and the new Pods answered requests
  const current = frontendPods(page).filter({ has: page.locator('[data-testid="pod-revision"][data-current="true"]') });
  await expect(current.filter({ has: page.locator('[data-testid="pod-status"]', { hasText: 'Running' }) })).toHaveCount(
    3,
    {
      timeout: 40_000,
    },
  );
  await expect(page.locator('[data-testid="pod-revision"][data-current="false"]')).toHaveCount(0, { timeout: 20_000 });
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-rollout')).toHaveCount(0);
  await expect(current.getByTestId('pod-count').first()).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('traffic-toggle').uncheck();
  await shot(page, 'rollout-02-done');
  const counters = await page.getByTestId('counters').innerText();
  console.log('traffic during the rollout:', counters.replace(/\s+/g, ' '));
  await consoleRun(page, 'kubectl rollout history deployment/frontend');
  await expect(page.getByTestId('console-output')).toContainText(/REVISION\s+CHANGE-CAUSE\s+1\s+<none>\s+2\s+<none>/);
});
