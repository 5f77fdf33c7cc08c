// Accessibility: axe finds no serious or critical violation on the main views; every control of the
// top bar and the dock is reached by Tab and shows where the focus is; the canvas works from the
// keyboard; the trace is announced; success and failure differ by shape; reduced motion is honoured.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openApp, send, settleAnimation, to } from './helpers';

/**
 * axe's serious and critical findings. The packet overlay (a transparent, aria-hidden canvas above the
 * whole graph) is set aside first: over it axe cannot tell the cards' background colours, so their
 * contrast would go unchecked.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.getByTestId('traffic-layer').evaluate((el) => void ((el as HTMLElement).style.display = 'none'));
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  await page.getByTestId('traffic-layer').evaluate((el) => void ((el as HTMLElement).style.display = ''));
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

test('axe: no serious or critical violation on the main views', async ({ page }) => {
  // six full axe passes over a large DOM: about 50 s on a 2-core machine, more when it is busy
  test.setTimeout(180_000);
  await openApp(page);
  expect(await seriousViolations(page), 'default view').toEqual([]);
  await send(page);
  await settleAnimation(page);
  expect(await seriousViolations(page), 'with a trace').toEqual([]);
  for (const name of ['Console', 'Hop inspector', 'Rules', 'Discovery', 'Events', 'YAML']) {
    await tab(page, name);
    await expect(page.getByRole('tabpanel')).not.toContainText('Loading…');
    expect(await seriousViolations(page), `with the ${name} panel`).toEqual([]);
  }
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#s=2\./);
  expect(await seriousViolations(page), 'with the share dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByTestId('present-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-present', /.+/);
  expect(await seriousViolations(page), 'presentation mode').toEqual([]);
});

interface Stop {
  name: string;
  area: string;
  outline: boolean;
  visible: boolean;
}

/**
 * Press Tab until `last` is focused (or 150 times), recording each stop and its focus indicator. In the
 * console Tab completes, as in a terminal; Escape then Tab leaves it (the console's footer says so).
 */
async function tabThrough(page: Page, last: RegExp): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < 150; i++) {
    if (
      await page
        .getByTestId('console-input')
        .evaluate((el) => el === document.activeElement)
        .catch(() => false)
    )
      await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
      const name = (
        el.getAttribute('aria-label') ||
        labelled ||
        el.textContent ||
        el.getAttribute('title') ||
        el.tagName
      )
        .trim()
        .replace(/\s+/g, ' ');
      const area = el.closest('header')
        ? 'topbar'
        : el.closest('aside')
          ? 'dock'
          : el.closest('.react-flow')
            ? 'canvas'
            : 'other';
      // the app's focus indicator is an outline (3 px, orange); the console's underline is the one exception
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
      const r = el.getBoundingClientRect();
      return { name, area, outline, visible: r.width > 0 && r.height > 0 && el.matches(':focus-visible') };
    });
    if (!stop) continue;
    stops.push(stop);
    if (last.test(stop.name)) break;
  }
  return stops;
}

test('Tab reaches every control of the top bar and the dock, each with a visible focus ring', async ({ page }) => {
  await openApp(page);
  await page.locator('body').focus();
  const stops = await tabThrough(page, /^Reset scenario$/);
  const names = stops.map((s) => `${s.area}: ${s.name}`);
  for (const want of [
    /topbar: Scenario/,
    /topbar: Previous hop/,
    /topbar: Pause/,
    /topbar: Next hop/,
    /topbar: .*Speed/,
    /topbar: Share/,
    /topbar: Present/,
    /topbar: Keyboard shortcuts/,
    /dock: From/,
    /dock: To/,
    /dock: Service/,
    /dock: Send request/,
    /dock: .*Continuous traffic/,
    /dock: Rate/,
    /dock: Scale frontend up/,
    /dock: Add node/,
    /dock: Reset scenario/,
  ]) {
    expect(
      names.some((n) => want.test(n)),
      `a Tab stop matching ${want} in ${names.join(' | ')}`,
    ).toBe(true);
  }
  const bad = stops.filter(
    (s) => (s.area === 'topbar' || s.area === 'dock' || s.area === 'canvas') && !(s.outline && s.visible),
  );
  expect(
    bad.map((s) => `${s.area}: ${s.name}`),
    'stops without a visible focus indicator',
  ).toEqual([]);
});

test('the canvas from the keyboard: a Pod card is focused, selected with Enter, killed with Delete', async ({
  page,
}) => {
  await openApp(page);
  const card = page
    .getByTestId('pod-card')
    .filter({ hasText: /frontend-/ })
    .first();
  const name = await card.getAttribute('data-pod');
  await card.focus();
  await expect(card).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('selection-pod')).toContainText(name!);
  await card.focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('notice')).toContainText(name!);
});

test('the current trace is announced in a live region', async ({ page }) => {
  await openApp(page);
  const live = page.getByTestId('verdict');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveAttribute('role', 'status');
  await send(page);
  await expect(live).toContainText(/busybox.*frontend-svc.*delivered to Pod frontend-/i);
});

test('a delivered and a failed packet differ by shape, not only by colour', async ({ page }) => {
  await openApp(page);
  await send(page);
  await settleAnimation(page);
  const ok = page.locator('.packet.focus');
  await expect(ok).toHaveAttribute('data-verdict', 'delivered');
  const okIcon = await ok.locator('.pk-icon').getAttribute('data-icon');
  const okPath = await ok.locator('.pk-icon path').getAttribute('d');
  await expect(page.getByTestId('verdict').locator('.verdict-icon')).toHaveText('\u2713');

  // a request to an address nothing listens on
  await to(page, 'Any IP:port');
  await page.getByTestId('target-address').fill('10.96.0.250:80');
  const verdict = await send(page);
  await expect(verdict).not.toHaveAttribute('data-verdict', 'delivered');
  await settleAnimation(page);
  const bad = page.locator('.packet.focus');
  await expect(bad).not.toHaveAttribute('data-verdict', 'delivered');
  const badIcon = await bad.locator('.pk-icon').getAttribute('data-icon');
  const badPath = await bad.locator('.pk-icon path').getAttribute('d');
  expect(okIcon).toBe('delivered');
  expect(badIcon).not.toBe(okIcon);
  expect(badPath).not.toBe(okPath);
  await expect(verdict.locator('.verdict-icon')).toHaveText('\u2715');
});

test('reduced motion: packets jump from place to place and nothing else animates', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openApp(page);
  const verdict = await send(page);
  // every position the packet is drawn at is one of its hops' places: no positions in between
  const positions = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const seen = new Set<string>();
        const end = performance.now() + 2500;
        const frame = () => {
          const el = document.querySelector<HTMLElement>('.packet.focus');
          if (el?.style.transform) seen.add(el.style.transform);
          if (performance.now() < end) requestAnimationFrame(frame);
          else resolve(seen.size);
        };
        requestAnimationFrame(frame);
      }),
  );
  expect(positions).toBeGreaterThan(0);
  expect(await page.locator('.packet.focus').evaluate((el) => getComputedStyle(el).willChange)).toBe('auto');
  await expect(verdict).toHaveAttribute('data-verdict', 'delivered');
  // the hop list fills in as the packet moves: counted once it has arrived
  const hops = await page.getByTestId('trace-hops').locator('li').count();
  expect(positions).toBeLessThanOrEqual(hops);
  expect(await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
});

for (const [width, height] of [
  [1280, 720],
  [1024, 768],
] as const) {
  test(`at ${width}×${height} (a classroom projector) every top-bar control is on screen`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openApp(page);
    const controls = page.locator('.topbar').locator('button, select');
    const n = await controls.count();
    expect(n).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < n; i++) await expect(controls.nth(i)).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: 'Send request' })).toBeInViewport();
    await expect(page.getByRole('tab', { name: 'Console' })).toBeInViewport();
  });
}
