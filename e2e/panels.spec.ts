// The look-inside panels (hop inspector, rules, discovery, events, console, YAML), driven as a learner would.
import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { choose, from, openApp, send, serviceCard, setServiceType, shot, to } from './helpers';

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

async function tab(page: Page, name: 'Console' | 'Hop inspector' | 'Rules' | 'Discovery' | 'Events' | 'YAML') {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** Type a line into the console and wait for it to be echoed after its prompt. */
async function run(page: Page, line: string) {
  await tab(page, 'Console');
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await expect(page.getByTestId('console-output')).toContainText(`# ${line}`);
}

test('hop inspector: a NodePort request, the KUBE-SVC rule that chose the Pod and its probability', async ({
  page,
}) => {
  await setServiceType(page, 'frontend-svc', 'NodePort');
  await from(page, 'External client');
  await to(page, 'NodePort');
  await choose(page.getByTestId('target-service'), 'frontend-svc');
  await choose(page.getByTestId('target-node'), 'worker1');
  const verdict = await send(page);
  await expect(verdict).toHaveAttribute('data-verdict', 'delivered');

  // the hop in KUBE-SVC-… that settled the random choice (the last one of that chain)
  const svcHops = page.getByTestId('trace-hop').filter({ hasText: /nat KUBE-SVC-/ });
  await svcHops
    .last()
    .getByRole('button', { name: /Inspect hop/ })
    .click();
  const inspector = page.getByTestId('hop-inspector');
  await expect(inspector).toBeVisible();
  await expect(inspector).toContainText('node worker1');
  await expect(page.getByTestId('hop-rule')).toHaveText(/^-A KUBE-SVC-\w+ .*-j KUBE-SEP-\w+$/);
  await expect(page.getByTestId('hop-choice')).toContainText('chose among 3 endpoints');
  await expect(page.getByTestId('hop-choice')).toContainText(/won \(1 in 3 overall, probability 0\.333\)/);
  await expect(page.getByTestId('hop-choice').locator('li.won')).toHaveCount(1);
  await expect(page.getByTestId('hop-note')).not.toBeEmpty();
  await shot(page, 'panels-01-hop-inspector');

  // a rule with -m statistic: its probability, and whether the draw took it
  const first = svcHops.first();
  await first.getByRole('button', { name: /Inspect hop/ }).click();
  await expect(page.getByTestId('hop-rule')).toContainText('-m statistic --mode random --probability 0.33333333349');
  await expect(page.getByTestId('hop-probability')).toContainText('Probability 0.33333 (1 in 3');

  // the DNAT hop: destination before and after
  await page
    .getByTestId('trace-hop')
    .filter({ hasText: /nat KUBE-SEP-/ })
    .last()
    .getByRole('button', { name: /Inspect hop/ })
    .click();
  await expect(page.getByTestId('hop-addresses')).toContainText(
    /Destination\s*10\.40\.41\.11:3\d{4}\s*10\.244\.\d+\.\d+:5000\s*DNAT/,
  );

  // the same path, numbered, in worker1's rules
  await page.getByRole('button', { name: "worker1's rules" }).click();
  await expect(page.getByTestId('rules-view')).toHaveAttribute('data-node', 'worker1');
  await expect(page.getByTestId('path-rule').first()).toHaveAttribute('data-steps', '1');
  await expect(page.getByTestId('path-rule').filter({ hasText: '-j DNAT --to-destination' })).toHaveCount(1);
  // the path as steps: the random draws that passed are marked, and a step brings its rule into view
  const steps = page.getByTestId('path-steps').getByRole('button');
  await expect(steps.first()).toContainText('1PREROUTING:1');
  await steps.filter({ hasText: 'KUBE-SEP-' }).last().click();
  await expect(page.locator('.rule:focus')).toContainText('-j DNAT --to-destination 10.244.');
  await shot(page, 'panels-02-rules-path');
});

test('clicking the followed packet opens the hop it shows', async ({ page }) => {
  await page.getByRole('button', { name: 'Pause' }).click();
  await send(page);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next hop' }).click();
  const packet = page.locator('.packet.focus .pk-icon');
  await packet.click();
  await expect(page.getByTestId('hop-inspector')).toHaveAttribute('data-hop', '4');
  await expect(page.getByRole('button', { name: 'Inspect hop 4' })).toHaveAttribute('aria-pressed', 'true');
});

test('rules view: a new Service\u2019s rules appear on a node after its kube-proxy syncs', async ({ page }) => {
  await tab(page, 'Rules');
  await page.getByTestId('rules-node').selectOption('worker2');
  await expect(page.getByTestId('rules-sync')).toContainText(/Last synced t = [\d.]+ s \([\d.]+ s ago\)/);
  await page.getByRole('button', { name: 'Pause' }).click();
  await run(page, 'kubectl expose deployment frontend --name=web --port=8080 --target-port=5000');
  await expect(page.getByTestId('console-output')).toContainText('service/web exposed');
  await tab(page, 'Rules');
  const rules = page.getByTestId('rules-view');
  // paused: worker2 has not seen the change yet
  await expect(rules.getByTestId('chain').filter({ hasText: 'default/web' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(rules.getByTestId('chain').filter({ hasText: 'default/web' }).first()).toBeVisible({ timeout: 15_000 });
  const diff = page.getByTestId('rules-diff');
  await expect(diff.locator('summary')).toContainText(/\+\d+/);
  if (!(await diff.evaluate((d) => (d as HTMLDetailsElement).open))) await diff.locator('summary').click();
  await expect(diff.getByTestId('diff-added').filter({ hasText: 'default/web' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByLabel('Filter rules').fill('default/web');
  await shot(page, 'panels-03-rules-new-service');
});

test('discovery: the ordering caveat for a Pod created before a Service', async ({ page }) => {
  await run(page, 'kubectl create service clusterip late-svc --tcp=80:80');
  await tab(page, 'Discovery');
  await page.getByTestId('discovery-pod').selectOption('default/busybox');
  await expect(page.getByTestId('env-vars')).toContainText('FRONTEND_SVC_SERVICE_HOST=');
  await expect(page.getByTestId('env-vars')).not.toContainText('LATE_SVC');
  await expect(page.getByTestId('env-caveat')).toContainText('Missing: late-svc.');
  await expect(page.getByTestId('env-caveat')).toContainText(
    /created at t = [\d.]+ s, after this Pod's container started \(t = [\d.]+ s\)/,
  );
  await shot(page, 'panels-04-discovery-caveat');

  // a Pod started after the Service has its variables
  await run(page, 'kubectl run fresh --image=busybox:1.28 -- sleep 3600');
  await expect(page.locator('[data-testid="pod-card"][data-pod="fresh"]')).toHaveAttribute('data-status', 'Running', {
    timeout: 15_000,
  });
  await tab(page, 'Discovery');
  await page.getByTestId('discovery-pod').selectOption('default/fresh');
  await expect(page.getByTestId('env-vars')).toContainText('LATE_SVC_SERVICE_HOST=');
  await expect(page.getByTestId('env-caveat')).toHaveCount(0);
});

test('discovery: resolve a short name and a cross-namespace name through the search path', async ({ page }) => {
  await run(page, 'kubectl create namespace my-ns');
  await run(page, 'kubectl create service clusterip redis-master --tcp=6379:6379 -n my-ns');
  await run(page, 'kubectl create service externalname ext-db --external-name db.example.com');
  await tab(page, 'Discovery');
  await expect(page.getByTestId('resolv-conf')).toContainText(
    'search default.svc.cluster.local svc.cluster.local cluster.local',
  );
  const name = page.getByTestId('dns-name');
  const dbIP = (await serviceCard(page, 'db-svc').getByTestId('service-cluster-ip').textContent())!.trim();

  await name.fill('db-svc');
  await name.press('Enter');
  await expect(page.getByTestId('dns-step').first()).toContainText('db-svc.default.svc.cluster.local.');
  await expect(page.getByTestId('dns-final')).toHaveText(`db-svc → ${dbIP}`);

  await name.fill('redis-master.my-ns');
  await page.getByRole('button', { name: 'Resolve' }).click();
  const steps = page.getByTestId('dns-step');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText('redis-master.my-ns.default.svc.cluster.local.');
  await expect(steps.nth(0)).toContainText('NXDOMAIN');
  await expect(steps.nth(1)).toContainText('redis-master.my-ns.svc.cluster.local.');
  await expect(steps.nth(1)).toContainText('answer');
  await expect(page.getByTestId('dns-final')).toHaveText(/^redis-master\.my-ns → 10\.\d+\.\d+\.\d+$/);
  await shot(page, 'panels-05-discovery-dns');

  await name.fill('ext-db');
  await name.press('Enter');
  await expect(page.getByTestId('dns-result')).toContainText('IN CNAME db.example.com.');
  await expect(page.getByTestId('dns-final')).toContainText('ext-db → db.example.com. (CNAME) → 192.0.2.');
});

test('console: kubectl get svc and kubectl delete pod, and the canvas follows', async ({ page }) => {
  await tab(page, 'Console');
  await expect(page.getByTestId('console-prompt')).toHaveText('root@master:~#');
  const input = page.getByTestId('console-input');
  // Tab completes a resource type
  await input.fill('kubectl get sv');
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl get svc ');
  await input.press('Enter');
  const out = page.getByTestId('console-output');
  await expect(out).toContainText(/NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE/);
  await expect(out).toContainText(/frontend-svc\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP/);

  const victim = (await page
    .getByTestId('pod-card')
    .filter({ hasText: /frontend-/ })
    .first()
    .getAttribute('data-pod'))!;
  await run(page, `kubectl delete pod ${victim}`);
  await expect(out).toContainText(`pod "${victim}" deleted`);
  await expect(page.locator(`[data-testid="pod-card"][data-pod="${victim}"]`)).toHaveCount(0);
  await expect(page.getByTestId('pod-card').filter({ hasText: /frontend-/ })).toHaveCount(3, { timeout: 15_000 });

  // Ctrl+C abandons a line as bash does: shown with ^C, not run, not in history
  await input.fill('kubectl delete svc frontend-svc');
  await input.press('Control+c');
  await expect(input).toHaveValue('');
  await expect(out).toContainText('root@master:~# kubectl delete svc frontend-svc^C');
  await expect(page.getByTestId('service-card').filter({ hasText: 'frontend-svc' })).toBeVisible();

  // history: ↑ brings the last command back
  await input.press('ArrowUp');
  await expect(input).toHaveValue(`kubectl delete pod ${victim}`);
  await input.fill('');
  // a command that changes a Service: the canvas shows it at once
  await run(page, 'kubectl label svc db-svc tier=backend');
  await run(page, 'kubectl scale deployment frontend --replicas=4');
  await expect(page.getByTestId('pod-card').filter({ hasText: /frontend-/ })).toHaveCount(4, { timeout: 15_000 });
  await shot(page, 'panels-06-console');
  // the prompt follows the machine the shell is on
  await run(page, 'ssh worker1');
  await expect(page.getByTestId('console-prompt')).toHaveText('root@worker1:~#');
  await run(page, 'exit');
  await expect(page.getByTestId('console-prompt')).toHaveText('root@master:~#');
  await input.fill('clear');
  await input.press('Enter');
  await expect(out.locator('pre')).toHaveCount(0);
});

const GOOD = `apiVersion: v1
kind: Service
metadata:
  name: good-svc
spec:
  selector:
    app: frontend
  ports:
  - port: 8080
    targetPort: 5000
`;

test('YAML: an error is shown at its line and nothing is applied; then apply works', async ({ page }) => {
  await tab(page, 'YAML');
  const editor = page.getByTestId('yaml-editor');
  // the second document is broken at line 16 (a key indented under a scalar)
  const broken = `${GOOD}---
apiVersion: v1
kind: Service
metadata:
  name: other
 spec:
  ports: []
`;
  await editor.fill(broken);
  await page.getByTestId('yaml-panel').getByRole('button', { name: 'Apply', exact: true }).click();
  const err = page.getByTestId('yaml-error');
  await expect(err).toHaveCount(1);
  await expect(err).toContainText('line 16, col 1');
  await expect(err).toContainText(
    'error converting YAML to JSON: yaml: line 16: mapping values are not allowed in this context',
  );
  await expect(page.getByTestId('yaml-error-line')).toHaveAttribute('data-line', '16');
  await expect(page.getByTestId('yaml-results')).toContainText('Nothing applied');
  await expect(serviceCard(page, 'good-svc')).toHaveCount(0);
  await shot(page, 'panels-07-yaml-error');

  // the apiserver's words, at the field's line
  await editor.fill(GOOD.replace('port: 8080', 'port: 99999'));
  await page.getByTestId('yaml-panel').getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(err).toContainText('The Service "good-svc" is invalid');
  await expect(err).toContainText('spec.ports[0].port: Invalid value: 99999: must be between 1 and 65535, inclusive');
  await expect(err.getByTestId('yaml-pos')).toHaveText('line 9, col 11');

  await editor.fill(GOOD);
  await page.getByTestId('yaml-panel').getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByTestId('yaml-ok')).toHaveText(/service\/good-svc created/);
  await expect(serviceCard(page, 'good-svc')).toBeVisible();
  // and the object as kubectl get -o yaml shows it
  await serviceCard(page, 'good-svc').click();
  await expect(page.getByTestId('yaml-view')).toContainText('name: good-svc');
  await expect(page.getByTestId('yaml-view')).toContainText(/clusterIP: 10\./);
});

test('YAML: export the scenario, delete a Service, import the file back to the same cluster', async ({ page }) => {
  await tab(page, 'YAML');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('yaml-export').click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('scenario.yaml');
  const text = await readFile((await file.path())!, 'utf8');
  expect(text).toContain('kind: Deployment');
  expect(text).toContain('name: db-svc');
  expect(text).not.toContain('status:');

  await run(page, 'kubectl delete svc db-svc');
  await expect(serviceCard(page, 'db-svc')).toHaveCount(0);

  await tab(page, 'YAML');
  await page
    .getByTestId('yaml-file')
    .setInputFiles({ name: 'scenario.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
  await expect(page.getByTestId('yaml-editor')).toHaveValue(text);
  await page.getByTestId('yaml-panel').getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('yaml-ok').filter({ hasText: 'service/db-svc created' })).toBeVisible();
  await expect(serviceCard(page, 'db-svc')).toBeVisible();
  await expect(page.getByTestId('yaml-error')).toHaveCount(0);
  await shot(page, 'panels-08-yaml-import');

  // real `kubectl get -o yaml` output (a List): the server's fields are named as ignored
  const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: listed-svc
    namespace: default
    uid: 6f1d7b1e-0000-4000-8000-000000000001
    resourceVersion: "4242"
    creationTimestamp: "2024-01-01T00:00:00Z"
  spec:
    selector:
      app: db
    ports:
    - port: 6379
  status:
    loadBalancer: {}
metadata:
  resourceVersion: ""
`;
  await page.getByTestId('yaml-editor').fill(list);
  await page.getByTestId('yaml-panel').getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('yaml-ok')).toHaveText(/service\/listed-svc created/);
  await expect(page.getByTestId('yaml-ignored')).toContainText('metadata.uid');
  await expect(page.getByTestId('yaml-ignored')).toContainText('status');
  await expect(serviceCard(page, 'listed-svc')).toBeVisible();
});

test('events: kubectl\u2019s words, kube-proxy syncs marked as the simulator\u2019s, filter, click selects', async ({
  page,
}) => {
  await tab(page, 'Events');
  const rows = page.getByTestId('event-row');
  for (const reason of ['Scheduled', 'Pulled', 'Created', 'Started', 'SuccessfulCreate', 'ScalingReplicaSet']) {
    await expect(page.locator(`[data-testid="event-row"][data-reason="${reason}"]`).first()).toBeVisible();
  }
  await expect(page.locator('[data-testid="event-row"][data-reason="SyncProxyRules"]').first()).toContainText(
    'simulator',
  );
  await shot(page, 'panels-09-events');

  await page.getByTestId('event-filter').fill('busybox');
  await expect(rows.first()).toContainText('busybox');
  await page.getByLabel('Event type').selectOption('Normal');
  await page.getByLabel('Object kind').selectOption('Pod');
  await rows.filter({ hasText: 'Started' }).getByRole('button', { name: 'pod/busybox' }).click();
  await expect(page.getByTestId('selection-pod')).toContainText('Pod busybox');

  // a Killing event after kubectl delete
  await run(page, 'kubectl delete pod db');
  await tab(page, 'Events');
  await page.getByTestId('event-filter').fill('db');
  await expect(page.locator('[data-testid="event-row"][data-reason="Killing"]')).toContainText('Stopping container db');
});

test('the panel resizes by keyboard and by dragging, collapses, and its tabs move with the arrow keys', async ({
  page,
}) => {
  const panel = page.getByTestId('bottom-panel');
  const sep = page.getByRole('separator', { name: 'Resize the panel' });
  const h0 = Number(await sep.getAttribute('aria-valuenow'));
  await sep.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(sep).toHaveAttribute('aria-valuenow', String(h0 + 48));
  const box = (await sep.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 100, { steps: 5 });
  await page.mouse.up();
  await expect(sep).toHaveAttribute('aria-valuenow', String(h0 + 48 - 100));
  expect(Math.round((await panel.boundingBox())!.height)).toBe(h0 + 48 - 100);

  await page.getByRole('tab', { name: 'Console' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Hop inspector' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Hop inspector' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'YAML' })).toHaveAttribute('aria-selected', 'true');

  await page.getByTestId('panel-toggle').click();
  await expect(page.getByRole('tabpanel')).toHaveCount(0);
  await expect(page.getByTestId('panel-toggle')).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByTestId('event-log')).toBeVisible();
});

test('every panel passes axe’s accessibility rules', async ({ page }) => {
  // six full axe passes over a large DOM: about a minute on two cores, more when the machine is busy
  test.setTimeout(180_000);
  await send(page);
  await page.getByRole('button', { name: 'Inspect hop 5' }).click();
  for (const name of ['Hop inspector', 'Rules', 'Discovery', 'Events', 'Console', 'YAML'] as const) {
    await tab(page, name);
    const r = await new AxeBuilder({ page }).include('[data-testid="bottom-panel"]').analyze();
    expect(r.violations.map((v) => `${name}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual(
      [],
    );
  }
});

test('console: kubectl get pods -w prints each change as it happens until Ctrl+C', async ({ page }) => {
  await tab(page, 'Console');
  const input = page.getByTestId('console-input');
  const out = page.getByTestId('console-output');
  await input.fill('kubectl get pods -w');
  await input.press('Enter');
  await expect(out).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  await expect(page.getByTestId('console-prompt')).toHaveText('');
  await expect(input).toHaveAttribute('placeholder', /Ctrl\+C/);
  // a Pod killed on the canvas: the watch shows it terminating and its replacement coming up
  const victim = (await page
    .getByTestId('pod-card')
    .filter({ hasText: /frontend-/ })
    .first()
    .getAttribute('data-pod'))!;
  await page.locator(`[data-testid="pod-card"][data-pod="${victim}"]`).click();
  await page.getByRole('button', { name: 'Kill Pod' }).click();
  await expect(out).toContainText(new RegExp(`${victim}\\s+[01]/1\\s+Terminating`));
  await expect(out).toContainText(/frontend-\S+\s+0\/1\s+(Pending|ContainerCreating)/);
  await expect(out).toContainText(/frontend-\S+\s+1\/1\s+Running\s+0\s+\d+s\n[^]*$/);
  await shot(page, 'panels-07-watch');
  await input.press('Control+c');
  await expect(page.getByTestId('console-prompt')).toHaveText('root@master:~#');
  await expect(out.locator('pre').last()).toHaveText('^C');
});

test('console: conntrack -E on a node streams the flows of requests sent on the canvas until Ctrl+C', async ({
  page,
}) => {
  await run(page, 'ssh worker1');
  const input = page.getByTestId('console-input');
  const out = page.getByTestId('console-output');
  await input.fill('conntrack -E -p tcp --dport 80');
  await input.press('Enter');
  await expect(page.getByTestId('console-prompt')).toHaveText('');
  await expect(input).toHaveAttribute('placeholder', /Ctrl\+C/);
  // busybox (on worker1) to frontend-svc: worker1 DNATs it, and conntrack announces the new flow
  await from(page, 'busybox');
  await to(page, 'Service ClusterIP');
  await choose(page.getByTestId('target-service'), 'frontend-svc');
  await send(page);
  await expect(out).toContainText(
    / {4}\[NEW\] tcp {6}6 120 SYN_SENT src=10\.244\.\d+\.\d+ dst=10\.\d+\.\d+\.\d+ sport=\d+ dport=80 \[UNREPLIED\]/,
  );
  await expect(out).toContainText(/ \[UPDATE\] tcp {6}6 120 TIME_WAIT .* \[ASSURED\]/);
  await shot(page, 'panels-08-conntrack-events');
  await input.press('Control+c');
  await expect(page.getByTestId('console-prompt')).toHaveText('root@worker1:~#');
});
