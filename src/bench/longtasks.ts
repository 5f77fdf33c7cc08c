// The longest main-thread task (Long Tasks API) while the app does something big: opening a
// 2,000-object link, applying 600 Pods from the YAML panel, scaling to 10,000 from the console (and to
// 100,000, watched for a few minutes) and building the large cluster's share link. Each must stay under 200 ms (issue 12: the main thread never
// blocks longer, whatever the input); the figure includes the ticks that follow, while the cluster
// catches up. Opening a link and making one run in the engine Worker (src/store/offload.ts).
import type { Browser, Page } from '@playwright/test';
import { settle, type ClusterState } from '../sim/index';
import { bigCluster } from './engine';
import { shareLink } from './scenes';

export const LONG_TASK_BUDGET_MS = 200;
/** how long the scale to 100,000 is watched (wall time): its Pods keep coming for much longer */
const HUNDRED_K_MS = Number(process.env.BENCH_100K_MS ?? 240_000);
/** how long the page keeps running (and ticking) after the action's visible result, still measured */
const AFTER_MS = Number(process.env.BENCH_AFTER_MS ?? 5000);

/** Every long task (over 50 ms) since navigation, kept in the page. */
const PROBE = `window.__kspLong = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__kspLong.push([e.startTime, e.duration]); })
  .observe({ type: 'longtask', buffered: true });`;

interface LongTaskRow {
  bench: string;
  longestMs: number;
  tasksOver50: number;
  tasksOver200: number;
  totalMs: number;
  /** the longest tasks and when they started, from the action (ms) */
  longest?: string;
  /** what else was seen (the progress indicator, when the result showed) */
  extra?: string;
}
type Result = LongTaskRow | { bench: string; error: string };

/** 2,000 objects: 19 nodes, 125 Deployments × 12 replicas (1,500 Pods) with their ReplicaSets and Services. */
function twoThousandObjects(): ClusterState {
  const s = bigCluster(18, 125, 12);
  settle(s);
  return s;
}

const objectCount = (s: ClusterState) =>
  Object.values(s.objects).reduce((n, kind) => n + Object.keys(kind as object).length, 0);

function sixHundredPods(): string {
  return Array.from(
    { length: 600 },
    (_, i) => `apiVersion: v1
kind: Pod
metadata:
  name: bench-${i}
  labels: {app: bench}
spec:
  containers:
  - name: c
    image: nginx
`,
  ).join('---\n');
}

async function since(page: Page, t0: number): Promise<Omit<LongTaskRow, 'bench'>> {
  const tasks = (await page.evaluate('window.__kspLong')) as [number, number][];
  const spans = tasks.filter(([start]) => start >= t0);
  const mine = spans.map(([, d]) => d);
  const now = Number(await page.evaluate('performance.now()'));
  // the three longest, with when they started: which part of the work to look at
  const top = [...spans]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([s, d]) => `${Math.round(d)} ms at ${Math.round(s - t0)} ms`);
  return {
    longestMs: Math.round(Math.max(0, ...mine)),
    tasksOver50: mine.length,
    tasksOver200: mine.filter((d) => d > LONG_TASK_BUDGET_MS).length,
    totalMs: Math.round(now - t0),
    longest: top.join(', '),
  };
}

async function newPage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.addInitScript(PROBE);
  return page;
}

async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
}

const now = (page: Page) => page.evaluate('performance.now()') as Promise<number>;

async function openDefault(page: Page, url: string) {
  await page.goto(url);
  await page.getByTestId('pod-card').filter({ hasText: 'busybox' }).waitFor();
  await page.waitForTimeout(1000);
}

export async function benchLongTasks(browser: Browser, url: string, largeFragment: string): Promise<Result[]> {
  const rows: Result[] = [];
  // BENCH_TASKS=link,yaml,scale,scale100k,share runs some of them (while iterating)
  const want = (process.env.BENCH_TASKS ?? 'link,yaml,scale,scale100k,share').split(',');
  const run = async (key: string, bench: string, fn: (page: Page) => Promise<Omit<LongTaskRow, 'bench'>>) => {
    if (!want.includes(key)) return;
    const page = await newPage(browser);
    try {
      rows.push({ bench, ...(await fn(page)) });
    } catch (e) {
      rows.push({ bench, error: (e as Error).message.split('\n')[0] });
    } finally {
      await page.context().close();
    }
  };
  const big = want.includes('link') ? twoThousandObjects() : null;
  const bigLink = big ? await shareLink(big) : { fragment: '' };
  await run('link', `open a ${big ? objectCount(big).toLocaleString('en-US') : '2,000'}-object link`, async (page) => {
    await page.goto(url + bigLink.fragment);
    // the engine Worker builds the cluster: the progress indicator shows after half a second
    const progress = page.getByTestId('busy-progress');
    const shown = await progress.waitFor({ timeout: 60_000 }).then(
      () => now(page),
      () => null,
    );
    await page.getByTestId('scenario-title').filter({ hasText: 'Shared link' }).waitFor({ timeout: 120_000 });
    const opened = await now(page);
    await page.waitForTimeout(AFTER_MS);
    const extra = `progress shown at ${shown === null ? 'never' : `${Math.round(shown)} ms`}, open at ${Math.round(opened)} ms`;
    return { ...(await since(page, 0)), extra };
  });
  await run('yaml', 'apply 600 Pods from the YAML panel', async (page) => {
    await openDefault(page, url);
    await tab(page, 'YAML');
    const t0 = await now(page);
    // the text arrives as a paste does: one input event (Playwright's fill goes through the editing
    // machinery and took over 100 s for these 5,400 lines on a loaded machine). Measured from here, so
    // the editor taking the text counts too.
    await page.getByTestId('yaml-editor').evaluate((el, v) => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(el, v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, sixHundredPods());
    await page
      .getByTestId('yaml-panel')
      .getByRole('button', { name: 'Apply', exact: true })
      .click({ timeout: 120_000 });
    await page.getByTestId('yaml-ok').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(AFTER_MS);
    return since(page, t0);
  });
  await run('scale', 'scale to 10,000 replicas from the console', async (page) => {
    await openDefault(page, url);
    await tab(page, 'Console');
    const line = 'kubectl scale deployment frontend --replicas=10000';
    await page.getByTestId('console-input').fill(line);
    const t0 = await now(page);
    await page.getByTestId('console-input').press('Enter');
    await page.getByTestId('console-output').filter({ hasText: 'scaled' }).waitFor({ timeout: 120_000 });
    // until all 10,000 Pods exist (the ReplicaSet makes them in bursts of up to 500 over virtual time;
    // the rest of them Pending past the nodes' maxPods), asking as a learner would, then 5 s more
    let all = false;
    for (let i = 0; !all && i < 90; i++) {
      await page.waitForTimeout(2000);
      await page.getByTestId('console-input').fill('kubectl get deploy frontend');
      await page.getByTestId('console-input').press('Enter');
      await page.waitForTimeout(200);
      all = /frontend\s+\d+\/10000\s+10000\s/.test(
        (await page.getByTestId('console-output').innerText()).split('kubectl get deploy frontend').at(-1)!,
      );
    }
    const created = await now(page);
    await page.waitForTimeout(AFTER_MS);
    const all10k = all
      ? `all 10,000 Pods made ${((created - t0) / 1000).toFixed(0)} s after the command`
      : 'not all 10,000 Pods made in 3 min';
    return { ...(await since(page, t0)), extra: `${all10k}; \`kubectl get deploy\` run every 2 s meanwhile` };
  });
  await run('scale100k', `scale to 100,000 replicas, watched for ${HUNDRED_K_MS / 60_000} min`, async (page) => {
    // F6: the tab survives and stays responsive while Pods keep coming over virtual time (a real
    // ReplicaSet controller makes them in bursts of up to 500 too); asked every 20 s how many exist
    await openDefault(page, url);
    await tab(page, 'Console');
    await page.getByTestId('console-input').fill('kubectl scale deployment frontend --replicas=100000');
    const t0 = await now(page);
    await page.getByTestId('console-input').press('Enter');
    await page.getByTestId('console-output').filter({ hasText: 'scaled' }).waitFor({ timeout: 120_000 });
    let made = '?';
    while ((await now(page)) - t0 < HUNDRED_K_MS) {
      await page.waitForTimeout(20_000);
      await page.getByTestId('console-input').fill('kubectl get deploy frontend');
      await page.getByTestId('console-input').press('Enter');
      await page.waitForTimeout(500);
      const out = (await page.getByTestId('console-output').innerText()).split('kubectl get deploy frontend').at(-1)!;
      made = /frontend\s+\d+\/100000\s+(\d+)\s/.exec(out)?.[1] ?? made;
    }
    const heap = Number(await page.evaluate('performance.memory ? performance.memory.usedJSHeapSize : 0'));
    const extra = `${Number(made).toLocaleString('en-US')} Pods made by then; page heap ${Math.round(heap / 1e6)} MB`;
    return { ...(await since(page, t0)), extra };
  });
  await run('share', 'build the large cluster share link', async (page) => {
    await page.goto(url + largeFragment);
    await page.getByTestId('scenario-title').filter({ hasText: 'Shared link' }).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(AFTER_MS);
    const t0 = await now(page);
    await page.getByTestId('share-button').click();
    await page.getByTestId('share-url').waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      () => ((document.querySelector('[data-testid="share-url"]') as HTMLInputElement | null)?.value ?? '').length > 0,
      undefined,
      { timeout: 120_000 },
    );
    const made = await now(page);
    await page.waitForTimeout(1000);
    return { ...(await since(page, t0)), extra: `link shown after ${Math.round(made - t0)} ms` };
  });
  return rows;
}
