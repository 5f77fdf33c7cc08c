// kube-proxy's nftables mode in the browser: switch the cluster's mode, read the node's table with nft
// in the console, see it in the rules view, compare one Service in both modes, and measure the scaling.
import { test, expect, type Page } from '@playwright/test';
import { openApp, send, shot } from './helpers';

async function tab(page: Page, name: 'Console' | 'Hop inspector' | 'Rules') {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

async function run(page: Page, line: string) {
  await tab(page, 'Console');
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('console-output')).toContainText(`# ${line}`);
}

test('switch to nftables mode, nft list table on worker1, the rules view and the comparison', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  const mode = page.getByLabel('kube-proxy mode');
  await mode.scrollIntoViewIfNeeded();
  await mode.selectOption('nftables');
  await expect(mode).toHaveValue('nftables');

  await run(page, 'ssh worker1 nft list table ip kube-proxy');
  const out = page.getByTestId('console-output');
  await expect(out).toContainText('table ip kube-proxy {');
  await expect(out).toContainText('comment "rules for kube-proxy"');
  await expect(out).toContainText('ip daddr . meta l4proto . th dport vmap @service-ips');
  await expect(out).toContainText(/chain service-[A-Z2-7]{8}-default\/frontend-svc\/tcp\/ \{/);
  await expect(out).toContainText('numgen random mod 3 vmap');
  await shot(page, 'nftables-01-console');

  // iptables-save no longer shows kube-proxy's chains
  await run(page, 'ssh worker1 iptables-save -t nat');
  await expect(out).toContainText(':KUBE-KUBELET-CANARY - [0:0]');

  // a request walks nft chains: the hop inspector names the map element
  const verdict = await send(page);
  await expect(verdict).toContainText(/delivered/i);
  await tab(page, 'Rules');
  await expect(page.getByTestId('nft-table')).toBeVisible();
  await expect(page.getByTestId('nft-table')).toContainText('map service-ips');
  await shot(page, 'nftables-02-rules');

  await page.getByRole('button', { name: 'Inspect hop 3', exact: true }).click();
  await tab(page, 'Hop inspector');
  await expect(page.getByTestId('hop-element')).toContainText('@service-ips');
  await page.getByRole('button', { name: /Compare this request in iptables and nftables mode/ }).click();
  await expect(page.getByTestId('path-iptables')).toContainText('KUBE-SERVICES');
  await expect(page.getByTestId('path-nftables')).toContainText('@service-ips');
  await shot(page, 'nftables-04-hop-compare');
  await tab(page, 'Rules');
  await page.getByRole('button', { name: 'Compare modes' }).click();
  await expect(page.getByTestId('compare-iptables')).toContainText('-A KUBE-SERVICES');
  await expect(page.getByTestId('compare-nftables')).toContainText('@service-ips:');
  await page.getByRole('button', { name: /Measure 10/ }).click();
  // rows arrive one size at a time (10, 100, 1,000, then 5,000 Services, the slow one)
  await expect(page.getByTestId('scale-table').locator('tbody tr').nth(2)).toBeVisible({ timeout: 90_000 });
  await page.getByTestId('scale-chart').scrollIntoViewIfNeeded();
  await shot(page, 'nftables-03-compare');

  // and back: iptables mode again
  await mode.selectOption('iptables');
  await run(page, 'ssh worker1 nft list ruleset');
  await run(page, 'ssh worker1 iptables-save -t nat | grep -c KUBE-SVC');
  await expect(out).not.toContainText('Error');
});
