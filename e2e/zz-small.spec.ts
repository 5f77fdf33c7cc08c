import { test } from '@playwright/test';
test.use({ viewport: { width: 1280, height: 720 } });
test('small', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Inspect hop 5' }).click();
  await page.screenshot({ path: '/tmp/pw/s-hop.png' });
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.screenshot({ path: '/tmp/pw/s-rules.png' });
  await page.getByRole('tab', { name: 'YAML' }).click();
  await page.screenshot({ path: '/tmp/pw/s-yaml.png' });
});
