// Issue 12, item 4: opening a big share link builds its cluster in the engine Worker. A progress
// indicator says how far it is, the page keeps answering clicks meanwhile, the result is the same
// cluster the page itself would build (as when the Worker cannot start), and Undo brings the work back.
import { test, expect, type Page } from '@playwright/test';
import { encodeShare, shareFromState } from '../src/sim/scenario/kit';
import { defaultCluster, type ManifestInput } from '../src/sim';
import { frontendPods, openApp, shot } from './helpers';

/** A link of `deployments` Deployments × `replicas` Pods, each behind its Service, on 8 workers. */
async function bigLink(deployments: number, replicas: number): Promise<{ fragment: string; objects: number }> {
  const base = shareFromState(defaultCluster()).payload;
  const objects: ManifestInput[] = [];
  for (let i = 0; i < deployments; i++) {
    const app = `app${i}`;
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, labels: { app } },
      spec: {
        replicas,
        selector: { matchLabels: { app } },
        template: {
          metadata: { labels: { app } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.29', ports: [{ containerPort: 80 }] }] },
        },
      },
    } as ManifestInput);
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${app}-svc` },
      spec: { selector: { app }, ports: [{ port: 80, targetPort: 80 }] },
    } as ManifestInput);
  }
  const nodes = [
    { name: 'master', role: 'control-plane' as const },
    ...Array.from({ length: 8 }, (_, i) => ({ name: `worker${i + 1}`, role: 'worker' as const })),
  ];
  const payload = { ...base, objects, settings: { ...base.settings, nodes } };
  return { fragment: await encodeShare(payload as typeof base), objects: objects.length };
}

/** Open a link in the running page, as pasting it into the address bar does (no reload). */
const openLink = (page: Page, fragment: string) =>
  page.evaluate((f) => {
    location.hash = f.slice(1);
  }, fragment);

/** Run a console line; its output (once `last` shows in it). */
async function consoleLine(page: Page, line: string, last: string): Promise<string> {
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await input.fill(line);
  await input.press('Enter');
  const out = page.getByTestId('console-output');
  await expect(out).toContainText(last, { timeout: 30_000 });
  return (await out.innerText()).split(`# ${line}`).at(-1)!;
}

test('opening a big link: progress is shown, a click is handled meanwhile, and Undo brings the work back', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const link = await bigLink(60, 10);
  // (the Worker's code arrives late, as on a slow network: the link waits for it longer than the
  // progress indicator's half second, however fast this machine builds the cluster)
  await page.route(/engine-worker-[^/]*\.js$/, async (route) => {
    await new Promise((r) => setTimeout(r, 2500));
    await route.continue();
  });
  await openApp(page);
  await openLink(page, link.fragment);

  const progress = page.getByTestId('busy-progress');
  await expect(progress).toBeVisible({ timeout: 30_000 });
  // the page answers while the Worker builds: a tab switch is handled before the link has opened
  await page.getByRole('tab', { name: 'YAML' }).click({ timeout: 10_000 });
  // read at one moment: the tab switch is done, the link still opening, its progress said
  const during = await page.evaluate(() => {
    const busy = document.querySelector('[data-testid="busy-progress"]');
    return {
      selected: document.querySelector('[role="tab"][aria-selected="true"]')?.textContent,
      status: busy?.querySelector('[role="status"]')?.textContent ?? null,
      bar: busy?.querySelector('progress') ? 'progressbar' : null,
      title: document.querySelector('[data-testid="scenario-title"]')?.textContent ?? '',
    };
  });
  await shot(page, 'worker-progress');
  expect(during.selected).toContain('YAML');
  expect(during.status).toMatch(
    /^Opening the link… (\d[\d,]* of 120 objects|the cluster is settling \(120 objects\)|drawing the cluster \(120 objects\))$/,
  );
  expect(during.bar).toBe('progressbar');
  expect(during.title).not.toContain('Shared link');

  await expect(page.getByTestId('scenario-title')).toContainText('Shared link', { timeout: 120_000 });
  await expect(progress).toBeHidden();
  await expect(page.getByText('Opened a shared link: 120 objects.')).toBeVisible();
  // "your previous work": one Undo brings the default scenario back
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('scenario-title')).not.toContainText('Shared link');
  await expect(frontendPods(page)).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('the Worker builds the very cluster the page builds when the Worker cannot start', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const link = await bigLink(6, 3);
  const what =
    'kubectl get pods,svc -o custom-columns=NAME:.metadata.name,IP:.status.podIP,CIP:.spec.clusterIP,NODE:.spec.nodeName';
  const seen: string[] = [];
  // each in a fresh context: the second must not find the first one's save of this very link
  for (const blocked of [false, true]) {
    const ctx = await browser.newContext({ baseURL });
    const page = await ctx.newPage();
    let asked = false;
    await page.route('**/engine-worker*.js', (r) => {
      asked = true;
      return blocked ? r.abort() : r.fallback();
    });
    await page.goto('/' + link.fragment);
    await expect(page.getByTestId('scenario-title')).toContainText('Shared link', { timeout: 120_000 });
    expect(asked).toBe(true);
    seen.push(await consoleLine(page, what, 'app5-svc'));
    await ctx.close();
  }
  expect(seen[0]).toContain('app5-svc');
  expect(seen[0].split('\n').filter((l) => /^app\d-[a-z0-9]+-[a-z0-9]+\s+10\.244\./.test(l))).toHaveLength(18);
  expect(seen[1]).toEqual(seen[0]);
});

// A large cluster ticks in the engine Worker (offload.ts tickInWorker): its controllers, its autosave's
// text and a console sleep run there, the page applying what changed. Here a scale to 1,500 on the
// default 3-node cluster: the ReplicaSet creates the Pods in slow-start batches over virtual time, the
// kubelet's maxPods (110) leaves the rest Pending with the scheduler's FailedScheduling event, a
// command typed meanwhile is kept, and a reload brings it all back. Without a Worker the page does the
// same work itself.
for (const blocked of [false, true]) {
  test(`a scale to 1,500 replicas${blocked ? ' with no Worker' : ''}: Pods over time, Pending past maxPods, a command meanwhile kept, kept over a reload`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    if (blocked) await page.route('**/engine-worker*.js', (r) => r.abort());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page);
    await consoleLine(page, 'kubectl scale deployment frontend --replicas=1500', 'deployment.apps/frontend scaled');
    await consoleLine(page, 'kubectl label deployment frontend tier=web', 'deployment.apps/frontend labeled');
    await expect
      .poll(() => consoleLine(page, 'kubectl get deploy frontend', 'AVAILABLE'), {
        timeout: 180_000,
        intervals: [2000],
      })
      .toMatch(/frontend\s+\d+\/1500\s+1500\s+\d+/);
    const events = await consoleLine(page, 'kubectl get events --field-selector reason=FailedScheduling', 'LAST SEEN');
    expect(events).toContain('Too many pods');
    // a sleep on the large cluster: the clock moves on, and the console comes back
    const t0 = await page.getByText(/^t = /).first().innerText();
    await consoleLine(page, 'sleep 30; echo woke', 'woke');
    expect(await page.getByText(/^t = /).first().innerText()).not.toBe(t0);
    await page.waitForTimeout(3000); // (the autosave)
    await page.reload();
    await expect(page.getByTestId('scenario-title')).toBeVisible();
    const after = await consoleLine(page, 'kubectl get deploy frontend --show-labels', 'tier=web');
    expect(after).toMatch(/frontend\s+\d+\/1500\s+1500\s+\d+\s+\S+\s+.*tier=web/);
    expect(errors).toEqual([]);
  });
}
