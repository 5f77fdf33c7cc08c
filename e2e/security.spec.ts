// Security and offline: what a stranger's link or a pasted manifest holds is shown as text, never run;
// the page's CSP forbids inline script and eval; the app asks nothing of any other origin; and once
// loaded it keeps working with the network cut off.
import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { defaultCluster, settle, writeObject, type KubeObject } from '../src/sim';
import { encodeShare, shareFromState } from '../src/sim/scenario/kit';
import { openApp, send } from './helpers';

const XSS = '<img src=x onerror=alert(1)>';
const XSS2 = '<svg onload=alert(2)><script>alert(3)</script>';

/** Fail on any dialog (alert, confirm, prompt): markup that ran would open one. */
function noDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return seen;
}

async function nothingInjected(page: Page, dialogs: string[]) {
  expect(dialogs).toEqual([]);
  expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
}

const podYaml = (name: string, meta: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${meta}
spec:
  containers:
  - name: c
    image: busybox:1.28
    command: ["sleep", "3600"]
`;

async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

async function applyYaml(page: Page, text: string) {
  await tab(page, 'YAML');
  await page.getByTestId('yaml-editor').fill(text);
  await page.getByTestId('yaml-panel').getByRole('button', { name: 'Apply', exact: true }).click();
}

async function consoleLine(page: Page, line: string) {
  await tab(page, 'Console');
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-output')).toContainText(`# ${line}`);
}

test.describe('markup in labels and annotations is text', () => {
  test('from YAML: a refused label and an accepted annotation are shown literally', async ({ page }) => {
    const dialogs = noDialogs(page);
    await openApp(page);
    // a label value like this is invalid: the apiserver's message quotes it, as text
    await applyYaml(page, podYaml('evil-label', `  labels:\n    app: "${XSS}"`));
    await expect(page.getByTestId('yaml-error')).toContainText(`metadata.labels: Invalid value: "${XSS}"`);
    // an annotation may hold anything: it is stored and shown as it is
    await applyYaml(
      page,
      podYaml('evil', `  labels:\n    run: evil\n  annotations:\n    note: "${XSS}"\n    more: '${XSS2}'`),
    );
    await expect(page.getByTestId('yaml-ok')).toContainText('pod/evil created');
    await page.locator('[data-testid="pod-card"][data-pod="evil"]').click();
    await tab(page, 'YAML');
    await expect(page.getByTestId('yaml-view')).toContainText(`note: ${XSS}`);
    await expect(page.getByTestId('yaml-view')).toContainText(XSS2);
    await consoleLine(page, 'kubectl get pod evil -o jsonpath={.metadata.annotations.note}');
    await expect(page.getByTestId('console-output')).toContainText(XSS);
    await consoleLine(page, 'kubectl describe pod evil');
    await expect(page.getByTestId('console-output')).toContainText(XSS2);
    await page.waitForTimeout(500);
    await nothingInjected(page, dialogs);
  });

  test('from a shared link: the refusal and the annotation are shown literally', async ({ page }) => {
    const s = defaultCluster();
    const evil = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'evil', labels: { run: 'evil' }, annotations: { note: XSS, more: XSS2 } },
      spec: { containers: [{ name: 'c', image: 'busybox:1.28', command: ['sleep', '3600'] }] },
    };
    expect(writeObject(s, evil as unknown as KubeObject, 'apply').ok).toBe(true);
    settle(s);
    const payload = shareFromState(s).payload;
    // a hand-made link may also carry a label the apiserver refuses
    payload.objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'evil-label', labels: { app: XSS } },
      spec: { containers: [{ name: 'c', image: 'busybox:1.28' }] },
    } as (typeof payload.objects)[number]);
    const fragment = await encodeShare(payload);

    const dialogs = noDialogs(page);
    await page.goto(`/${fragment}`);
    await expect(page.getByTestId('notice')).toContainText(`Invalid value: "${XSS}"`);
    const card = page.locator('[data-testid="pod-card"][data-pod="evil"]');
    await expect(card).toBeVisible();
    await card.click();
    await tab(page, 'YAML');
    await expect(page.getByTestId('yaml-view')).toContainText(`note: ${XSS}`);
    await page.waitForTimeout(500);
    await nothingInjected(page, dialogs);
  });
});

test.describe('Content-Security-Policy', () => {
  test('the page declares a CSP with no inline script and no eval, and has no inline script', async ({
    page,
    request,
  }) => {
    await openApp(page);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp, 'a CSP meta tag').toBeTruthy();
    const directives = new Map(
      csp!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*|https?:/);
    // every script the served page has is a file from its own origin
    const html = await (await request.get('/')).text();
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(m[1]).toMatch(/\bsrc="\.?\/?assets\//);
      expect(m[2].trim()).toBe('');
    }
  });

  // Code evaluated through DevTools (page.evaluate) is exempt from the eval check, so the page's own
  // timers are asked to evaluate strings; inline code is tried as a script element and a handler.
  test('the browser enforces it: string evaluation and inline scripts are refused and reported', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`),
      );
    });
    await openApp(page);
    const r = await page.evaluate(async () => {
      const w = window as unknown as { __csp: string[]; __ran?: string[] };
      const mark = (what: string) => `(window.__ran = window.__ran || []).push('${what}')`;
      const later = setTimeout as unknown as (code: string, ms: number) => number;
      later(mark('setTimeout'), 0);
      const id = (setInterval as unknown as (code: string, ms: number) => number)(mark('setInterval'), 10);
      const el = document.createElement('script');
      el.textContent = mark('inline script');
      document.head.appendChild(el);
      const div = document.createElement('div');
      div.setAttribute('onclick', mark('onclick'));
      document.body.appendChild(div);
      div.click();
      await new Promise((res) => setTimeout(res, 200));
      clearInterval(id);
      div.remove();
      return { ran: w.__ran ?? [], violations: w.__csp };
    });
    expect(r.ran).toEqual([]);
    expect(r.violations.filter((v) => v === 'script-src eval').length).toBeGreaterThanOrEqual(2);
    expect(r.violations.filter((v) => v.endsWith(' inline')).length).toBeGreaterThanOrEqual(2);
  });
});

/** Every request the context makes, checked against the app's own origin. */
function recordRequests(context: BrowserContext) {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Send, kill, every panel, the console, YAML, another scenario, a share link: what a class does. */
async function fullSession(page: Page) {
  const verdict = await send(page);
  await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
  await page.getByTestId('traffic-toggle').check();
  // kill a Pod
  await page
    .getByTestId('pod-card')
    .filter({ hasText: /frontend-/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Kill Pod' }).click();
  await expect(page.getByTestId('notice')).toContainText('deleted');
  // every look-inside panel (their code loads when first shown)
  for (const name of ['Console', 'Hop inspector', 'Rules', 'Discovery', 'Events', 'YAML']) {
    await tab(page, name);
    await expect(page.getByRole('tabpanel')).not.toContainText('Loading…');
  }
  await consoleLine(page, 'kubectl get pods -o wide');
  await applyYaml(page, podYaml('extra', '  labels:\n    run: extra'));
  await expect(page.getByTestId('yaml-ok')).toContainText('pod/extra created');
  // switch scenario
  await page.getByTestId('scenario-picker').click();
  await page.locator('.scenario-item[data-scenario="nodeport"]').click();
  await expect(page.getByTestId('notice')).toContainText('loaded');
  await send(page);
  // share
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#s=2\./);
  await page.keyboard.press('Escape');
  await page.getByTestId('traffic-toggle').uncheck();
}

test('a full session asks nothing of any other origin', async ({ page, context, baseURL }) => {
  const urls = recordRequests(context);
  await openApp(page);
  await fullSession(page);
  const origin = new URL(baseURL!).origin;
  const foreign = urls.filter(
    (u) =>
      !u.startsWith('data:') &&
      !(u.startsWith('blob:') && u.slice(5).startsWith(origin)) &&
      new URL(u).origin !== origin,
  );
  expect(urls.length).toBeGreaterThan(0);
  expect(foreign).toEqual([]);
});

test('with the network cut off after load, everything still works', async ({ page, context }) => {
  await openApp(page);
  // the code split out of the first view is fetched as soon as the page is idle
  await expect(page.locator('html')).toHaveAttribute('data-later-chunks', 'loaded');
  const failed: string[] = [];
  // (the browser's own favicon fetch may come late and fail: it is not the app's)
  page.on('requestfailed', (r) => void (!r.url().endsWith('/favicon.svg') && failed.push(r.url())));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await context.setOffline(true);
  await fullSession(page);
  await expect(page.getByTestId('crash')).toHaveCount(0);
  expect(errors).toEqual([]);
  expect(failed).toEqual([]);
  await context.setOffline(false);
});
