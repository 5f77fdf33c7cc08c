// The canvas on the default scenario, driven as a learner would.
import { test, expect } from '@playwright/test';
import {
  choose,
  from,
  frontendPods,
  openApp,
  send,
  serviceCard,
  setServiceType,
  settleAnimation,
  shot,
  to,
} from './helpers';

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test('the chapter cluster: nodes, Pods, Services and kube-proxy are drawn', async ({ page }) => {
  for (const n of ['master', 'worker1', 'worker2'])
    await expect(page.locator(`[data-testid="node-region"][data-node="${n}"]`)).toBeVisible();
  await expect(frontendPods(page)).toHaveCount(3);
  await expect(serviceCard(page, 'frontend-svc')).toContainText('80→5000');
  await expect(serviceCard(page, 'frontend-svc')).toContainText('app=frontend');
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-endpoints')).toHaveText('3 ready');
  await expect(page.getByTestId('kube-proxy').first()).toContainText(/synced .* ago/);
  await expect(page.getByTestId('client-card')).toContainText('198.51.100.7');
  // kube-system Pods are hidden until asked for
  await expect(page.getByTestId('pod-card').filter({ hasText: 'coredns' })).toHaveCount(0);
  await page.getByLabel('Show kube-system Pods').check();
  await expect(page.getByTestId('pod-card').filter({ hasText: 'coredns' })).toHaveCount(2);
  await page.getByLabel('Show kube-system Pods').uncheck();
});

test('ClusterIP: the busybox Pod reaches a frontend Pod; from the external client nothing answers', async ({
  page,
}) => {
  await from(page, 'busybox');
  await to(page, 'Service ClusterIP');
  await choose(page.getByTestId('target-service'), 'frontend-svc');
  const verdict = await send(page);
  await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
  await expect(verdict).toContainText(/delivered to Pod frontend-/);
  await expect(page.getByTestId('trace-hops')).toContainText('KUBE-SVC-');
  await expect(page.getByTestId('trace-hops')).toContainText('DNAT');
  await page.waitForTimeout(900);
  await shot(page, '01-clusterip-in-flight');
  await settleAnimation(page);
  await shot(page, '02-clusterip-delivered');

  await from(page, 'External client');
  const v2 = await send(page);
  // the client's default route takes the packet out, and no router knows the ClusterIP: it times out
  await expect(v2).toHaveAttribute('data-verdict', 'timed-out');
  await settleAnimation(page);
  await expect(page.locator('.packet.focus')).toHaveAttribute('data-verdict', 'timed-out');
  await shot(page, '03-clusterip-from-outside-timed-out');
});

test('DNS name from a Pod resolves to the ClusterIP', async ({ page }) => {
  await from(page, 'busybox');
  await to(page, 'DNS name');
  await page.getByTestId('target-dns').fill('frontend-svc');
  const verdict = await send(page);
  await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
  await expect(page.getByText(/DNS: frontend-svc → frontend-svc\.default\.svc\.cluster\.local/)).toBeVisible();
});

test('NodePort: the external client reaches a frontend Pod through either worker', async ({ page }) => {
  await setServiceType(page, 'frontend-svc', 'NodePort');
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-ports')).toHaveText(/80→5000 :3\d{4}\/TCP/);
  await from(page, 'External client');
  await to(page, 'NodePort');
  await choose(page.getByTestId('target-service'), 'frontend-svc');
  for (const node of ['worker1', 'worker2']) {
    await choose(page.getByTestId('target-node'), node);
    const verdict = await send(page);
    await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
    await expect(verdict).toContainText(new RegExp(`NodePort 3\\d{4} on ${node}`));
    await expect(page.getByTestId('trace-hops')).toContainText(`node ${node}`);
    await page.waitForTimeout(1000);
    await shot(page, `04-nodeport-${node}`);
  }
});

test('LoadBalancer: <pending> without a cloud controller, delivered through the load balancer with one', async ({
  page,
}) => {
  await setServiceType(page, 'frontend-svc', 'LoadBalancer');
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-external-ip')).toHaveText('<pending>');
  await expect(page.getByTestId('lb-card')).toHaveCount(0);
  await shot(page, '05-loadbalancer-pending');

  await page.getByLabel('Cloud load-balancer controller').check();
  await expect(page.getByTestId('lb-card')).toBeVisible();
  const lbIP = (await page.getByTestId('lb-ip').textContent())!.trim();
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-external-ip')).toHaveText(lbIP);

  await from(page, 'External client');
  await to(page, 'Load balancer IP');
  await choose(page.getByTestId('target-service'), 'frontend-svc');
  const verdict = await send(page);
  await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
  await expect(verdict).toContainText(`load balancer ${lbIP}`);
  await expect(page.getByTestId('trace-hops')).toContainText('cloud load balancer');
  await page.waitForTimeout(1300);
  await shot(page, '06-loadbalancer-delivered');

  // turning the controller off takes the address away again
  await page.getByLabel('Cloud load-balancer controller').uncheck();
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-external-ip')).toHaveText('<pending>');
});

test('ExternalIP: an address the admin routes to a node reaches a frontend Pod', async ({ page }) => {
  await serviceCard(page, 'frontend-svc').click();
  await page.getByLabel('New external IP').fill('192.0.2.50');
  await choose(page.getByTestId('route-node'), 'worker2');
  await page.getByRole('button', { name: 'Add external IP' }).click();
  await expect(page.getByTestId('route-card')).toContainText('192.0.2.50');
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-external-ip')).toHaveText('192.0.2.50');
  await from(page, 'External client');
  await to(page, 'External IP');
  await choose(page.getByTestId('target-service'), 'frontend-svc');
  const verdict = await send(page);
  await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
  await expect(verdict).toContainText('ExternalIP 192.0.2.50:80');
  await expect(page.getByTestId('trace-hops')).toContainText('node worker2');
  await page.waitForTimeout(1000);
  await shot(page, '07-externalip-delivered');
});

test('a killed Pod is replaced with a new IP; the Service keeps working, the old IP does not', async ({ page }) => {
  const victim = frontendPods(page).first();
  const name = (await victim.getAttribute('data-pod'))!;
  const oldIP = (await victim.getByTestId('pod-ip').textContent())!.trim();
  const others = frontendPods(page).filter({ hasNot: page.locator(`[data-pod="${name}"]`) });
  const before = await page
    .locator(`[data-testid="pod-card"]:not([data-pod="${name}"])`)
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${e.getAttribute('data-pod')}@${Math.round(e.getBoundingClientRect().x)},${Math.round(e.getBoundingClientRect().y)}`,
      ),
    );
  // pause so the learner (and the test) can see the Pod terminating
  await page.getByRole('button', { name: 'Pause' }).click();
  await victim.focus();
  await page.keyboard.press('Delete');
  const card = page.locator(`[data-testid="pod-card"][data-pod="${name}"]`);
  await expect(card).toHaveAttribute('data-status', 'Terminating');
  await shot(page, '08-pod-terminating');
  await page.getByRole('button', { name: 'Play' }).click();

  await expect(card).toHaveCount(0, { timeout: 20_000 });
  await expect(
    frontendPods(page).filter({ has: page.locator('[data-testid="pod-status"]', { hasText: 'Running' }) }),
  ).toHaveCount(3);
  await expect(
    frontendPods(page)
      .getByTestId('pod-ip')
      .filter({ hasText: new RegExp(`^${oldIP.replace(/\./g, '\\.')}$`) }),
  ).toHaveCount(0);
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-endpoints')).toHaveText('3 ready');
  await expect(page.getByTestId('kube-proxy').filter({ hasText: 'stale' })).toHaveCount(0);
  // a stable layout: the Pods that stayed have not moved
  const after = await page
    .locator('[data-testid="pod-card"]')
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${e.getAttribute('data-pod')}@${Math.round(e.getBoundingClientRect().x)},${Math.round(e.getBoundingClientRect().y)}`,
      ),
    );
  for (const b of before) expect(after).toContain(b);
  await expect(others).toHaveCount(3);

  await from(page, 'busybox');
  await to(page, 'Service ClusterIP');
  await choose(page.getByTestId('target-service'), 'frontend-svc');
  for (let i = 0; i < 4; i++) {
    const verdict = await send(page);
    await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
    await expect(verdict).not.toContainText(oldIP);
  }

  await to(page, 'Pod IP directly');
  await choose(page.getByTestId('target-pod-ip'), `${oldIP}:5000`);
  const verdict = await send(page);
  await expect(verdict).not.toHaveAttribute('data-verdict', 'delivered');
  await expect(verdict).toContainText(oldIP);
  await settleAnimation(page);
  await shot(page, '09-old-pod-ip-fails');
});

test('scaling the Deployment adds and removes Pods behind the Service', async ({ page }) => {
  const up = page.getByRole('button', { name: 'Scale frontend up' });
  await up.click();
  await up.click();
  await expect(page.getByTestId('replicas-frontend').first()).toHaveText('5');
  await expect(frontendPods(page)).toHaveCount(5);
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-endpoints')).toHaveText('5 ready');
  await shot(page, '10-scaled-to-5');
  const down = page.getByRole('button', { name: 'Scale frontend down' });
  for (let i = 0; i < 4; i++) await down.click();
  await expect(page.getByTestId('replicas-frontend').first()).toHaveText('1');
  await expect(frontendPods(page)).toHaveCount(1, { timeout: 20_000 });
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-endpoints')).toHaveText('1 ready');
  await shot(page, '11-scaled-to-1');
});

test('a label change moves a Pod out of the Service (its ReplicaSet replaces it)', async ({ page }) => {
  const pod = frontendPods(page).first();
  const name = (await pod.getAttribute('data-pod'))!;
  await pod.click();
  await expect(page.getByTestId('selection-pod')).toContainText(`Pod ${name}`);
  await page.getByLabel('Label key').fill('app');
  await page.getByLabel('Label value').fill('canary');
  await page.getByRole('button', { name: 'Set label' }).click();
  const card = page.locator(`[data-testid="pod-card"][data-pod="${name}"]`);
  await expect(card.getByTestId('pod-services')).toHaveText('in no Service');
  await expect(card).toContainText('app=canary');
  // its ReplicaSet lets it go and starts a replacement; the EndpointSlice drops it
  await expect(frontendPods(page)).toHaveCount(4);
  await expect(
    frontendPods(page).filter({ has: page.locator('[data-testid="pod-status"]', { hasText: 'Running' }) }),
  ).toHaveCount(4);
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-endpoints')).toHaveText('3 ready');
  await expect(page.getByTestId('kube-proxy').filter({ hasText: 'stale' })).toHaveCount(0);
  await from(page, 'busybox');
  for (let i = 0; i < 6; i++) {
    const verdict = await send(page);
    await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
    await expect(verdict).not.toContainText(name);
  }
  await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
  await shot(page, '12-label-moved-out');
});

test('nodes: add one, drain one (its Pods move), remove one', async ({ page }) => {
  await page.getByRole('button', { name: 'Add node' }).click();
  const worker3 = page.locator('[data-testid="node-region"][data-node="worker3"]');
  await expect(worker3).toBeVisible();
  await expect(worker3.getByTestId('kube-proxy')).toContainText(/synced/);

  const worker1 = page.locator('[data-testid="node-region"][data-node="worker1"]');
  await worker1.getByText('worker1', { exact: true }).click();
  await expect(page.getByTestId('selection-node')).toContainText('Node worker1');
  await page.getByRole('button', { name: 'Drain node' }).click();
  await expect(worker1).toContainText('SchedulingDisabled');
  // the Deployment's Pods come back on other nodes; the bare busybox Pod is evicted for good, after its
  // `sleep` has ignored SIGTERM for the whole 30 s grace period (at 4×, under 8 s)
  await expect(
    frontendPods(page).filter({ has: page.locator('[data-testid="pod-status"]', { hasText: 'Running' }) }),
  ).toHaveCount(3, { timeout: 20_000 });
  const busybox = page.getByTestId('pod-card').filter({ hasText: 'busybox' });
  await expect(busybox.getByTestId('pod-status')).toContainText('Terminating');
  await page.getByLabel('Speed').selectOption('4');
  await expect(busybox).toHaveCount(0, { timeout: 20_000 });
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-endpoints')).toHaveText('3 ready');
  await shot(page, '16-drained-worker1');

  await worker3.getByText('worker3', { exact: true }).click();
  await page.getByRole('button', { name: 'Remove node' }).click();
  await expect(worker3).toHaveCount(0);
  await expect(
    frontendPods(page).filter({ has: page.locator('[data-testid="pod-status"]', { hasText: 'Running' }) }),
  ).toHaveCount(3, { timeout: 20_000 });
  await expect(serviceCard(page, 'frontend-svc').getByTestId('service-endpoints')).toHaveText('3 ready', {
    timeout: 20_000,
  });
});

test('the page makes no request outside its origin and breaks no content-security rule', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.reload();
  await expect(frontendPods(page)).toHaveCount(3);
  await send(page);
  await page.waitForTimeout(1500);
  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});

test('the mini map stays out of the fitted picture: it shows once the user zooms or pans, and goes on Fit view', async ({
  page,
}) => {
  const minimap = page.locator('.react-flow__minimap');
  await expect(page.getByTestId('pod-card').first()).toBeVisible();
  await page.getByTestId('canvas').click({ position: { x: 20, y: 20 } });
  await expect(minimap).toHaveCount(0);
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect(minimap).toBeVisible();
  await page.locator('.react-flow__controls-fitview').click();
  await expect(minimap).toHaveCount(0);
});
