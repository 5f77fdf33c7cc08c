// The picture a class can read (issue 13): at every size a class uses, the default scenario's Pod
// names and IPs are large enough on screen, Pod cards never overlap, a Service in focus dims every
// other Pod, its lines end only on its own Pods, and a replacement Pod lands among its own kind.
import { test, expect, type Page } from '@playwright/test';
import { frontendPods, openApp, serviceCard, shot } from './helpers';

const SIZES = [
  { name: 'projector-1024x768-presenting', width: 1024, height: 768, present: true, min: 16 },
  { name: 'laptop-1280x720', width: 1280, height: 720, present: false, min: 14 },
  { name: 'desktop-1920x1080', width: 1920, height: 1080, present: false, min: 14 },
  // held upright, the canvas is the full width over the panels' sheet: the picture is laid out for that
  // shape and fills it both ways
  { name: 'tablet-portrait-820x1180', width: 820, height: 1180, present: false, min: 14, touch: true, fill: 0.9 },
] as const;

/** Wait until the canvas's camera has come to rest (the fit after the last layout): still for 750 ms. */
async function settled(page: Page) {
  let last = '';
  let still = 0;
  await expect
    .poll(
      async () => {
        const t = await page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
        still = t === last && t !== '' ? still + 1 : 0;
        last = t;
        return still >= 3;
      },
      { intervals: [250], timeout: 15_000 },
    )
    .toBe(true);
}

/** Every Pod name and IP on the canvas: its rendered box height and its font size times the zoom. */
async function textSizes(page: Page) {
  return page.evaluate(() => {
    const vp = document.querySelector('.react-flow__viewport') as HTMLElement;
    const scale = new DOMMatrix(getComputedStyle(vp).transform).a;
    return [...document.querySelectorAll('[data-testid="pod-card"] .pod-name, [data-testid="pod-ip"]')].map((e) => ({
      text: e.textContent ?? '',
      box: e.getBoundingClientRect().height,
      px: parseFloat(getComputedStyle(e).fontSize) * scale,
    }));
  });
}

/** How much of the canvas's width and height the picture (every card, from the outermost edges) spans. */
async function fill(page: Page) {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="canvas"]')!.getBoundingClientRect();
    const r = [...document.querySelectorAll('.react-flow__node')].map((e) => e.getBoundingClientRect());
    const w = Math.max(...r.map((b) => b.right)) - Math.min(...r.map((b) => b.left));
    const h = Math.max(...r.map((b) => b.bottom)) - Math.min(...r.map((b) => b.top));
    return { w: w / c.width, h: h / c.height };
  });
}

/** Where the machines and Services stand in the picture (flow coordinates), and the zoom. */
async function arrangement(page: Page) {
  return page.evaluate(() => {
    const vp = document.querySelector('.react-flow__viewport') as HTMLElement;
    const places = [...document.querySelectorAll('.react-flow__node-k8snode, .react-flow__node-service')]
      .map((n) => `${n.getAttribute('data-id')}@${(n as HTMLElement).style.transform}`)
      .sort();
    return { places, zoom: new DOMMatrix(getComputedStyle(vp).transform).a };
  });
}

async function cardRects(page: Page) {
  return page.getByTestId('pod-card').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return {
        pod: e.getAttribute('data-pod')!,
        svcs: e.querySelector('[data-testid="pod-services"]')?.textContent ?? '',
        x: r.x,
        y: r.y,
        w: r.width,
        h: r.height,
      };
    }),
  );
}

for (const size of SIZES) {
  test.describe(size.name, () => {
    test.use({
      viewport: { width: size.width, height: size.height },
      ...('touch' in size ? { hasTouch: true, isMobile: true } : {}),
    });

    test('Pod names and IPs are large enough, cards never overlap, a Service in focus dims the other Pods', async ({
      page,
    }) => {
      await openApp(page);
      if (size.present) {
        await page.keyboard.press('p');
        await expect(page.locator('html')).toHaveAttribute('data-present', /.+/);
      }
      await settled(page);
      const canvas = (await page.getByTestId('canvas').boundingBox())!;
      if ('touch' in size) expect(canvas.width).toBeGreaterThanOrEqual(size.width * 0.9);

      const sizes = await textSizes(page);
      expect(sizes.length).toBe(10); // 5 Pods: a name and an IP each
      const filled = await fill(page);
      console.log(
        `${size.name}: smallest Pod name/IP ${Math.min(...sizes.map((s) => s.px)).toFixed(1)} px font, ` +
          `${Math.min(...sizes.map((s) => s.box)).toFixed(1)} px box; the picture spans ` +
          `${Math.round(filled.w * 100)} % of the canvas's width, ${Math.round(filled.h * 100)} % of its height`,
      );
      if ('fill' in size) {
        expect(filled.w, 'the picture across the canvas').toBeGreaterThanOrEqual(size.fill);
        expect(filled.h, 'the picture down the canvas').toBeGreaterThanOrEqual(size.fill);
      }
      for (const s of sizes) {
        expect(s.px, `${s.text}: font size on screen`).toBeGreaterThanOrEqual(size.min);
        expect(s.box, `${s.text}: text box height`).toBeGreaterThanOrEqual(size.min);
      }
      // every card inside the canvas, none on another
      const rects = await cardRects(page);
      for (const r of rects) {
        expect(r.x).toBeGreaterThanOrEqual(canvas.x - 1);
        expect(r.y).toBeGreaterThanOrEqual(canvas.y - 1);
        expect(r.x + r.w).toBeLessThanOrEqual(canvas.x + canvas.width + 1);
        expect(r.y + r.h).toBeLessThanOrEqual(canvas.y + canvas.height + 1);
      }
      for (let i = 0; i < rects.length; i++)
        for (let j = i + 1; j < rects.length; j++) {
          const a = rects[i],
            b = rects[j];
          const overlap = a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
          expect(overlap, `${a.pod} and ${b.pod} overlap`).toBe(false);
        }
      await shot(page, `classroom-${size.name}`);

      // select frontend-svc (a tap on a touch screen): its Pods stay, every other Pod dims
      const svc = serviceCard(page, 'frontend-svc');
      if ('touch' in size) await svc.tap();
      else await svc.click();
      const opacity = (pod: string) =>
        page
          .locator(`[data-testid="pod-card"][data-pod="${pod}"]`)
          .evaluate((e) => Number(getComputedStyle(e).opacity));
      for (const r of rects) {
        if (r.svcs.includes('frontend-svc')) await expect.poll(() => opacity(r.pod)).toBe(1);
        else await expect.poll(() => opacity(r.pod)).toBeLessThanOrEqual(0.6);
      }
      await shot(page, `classroom-${size.name}-frontend-svc-selected`);
      await page.keyboard.press('Escape');
      await page.getByTestId('canvas').click({ position: { x: 8, y: 8 } });
      for (const r of rects) await expect.poll(() => opacity(r.pod)).toBe(1);
    });
  });
}

test.describe('a tablet turned', () => {
  test.use({ hasTouch: true, isMobile: true });
  // an iPad Pro: in landscape the panels stand beside the canvas, upright they are a sheet beneath it
  const LANDSCAPE = { width: 1366, height: 1024 };
  const PORTRAIT = { width: 1024, height: 1366 };

  test('turned from landscape to portrait and back, the picture is laid out again for the canvas it has', async ({
    page,
    browser,
  }) => {
    await page.setViewportSize(LANDSCAPE);
    await openApp(page);
    await settled(page);
    const landscape = await arrangement(page);
    await page.setViewportSize(PORTRAIT);
    await settled(page);
    const turned = await arrangement(page);
    // the same picture as a tablet that opened the app upright: laid out and fitted again, not the
    // landscape drawing shrunk
    const upright = await browser.newContext({ viewport: PORTRAIT, hasTouch: true, isMobile: true });
    const fresh = await upright.newPage();
    await openApp(fresh);
    await settled(fresh);
    const opened = await arrangement(fresh);
    await upright.close();
    expect(turned.places).toEqual(opened.places);
    // and the same size: the bottom panel, not sized by the user, takes the height it has opened upright
    expect(turned.zoom).toBeCloseTo(opened.zoom, 2);
    expect(turned.places, 'the Services move beside the machines').not.toEqual(landscape.places);
    // fitted again: the picture spans the canvas one way (all but the fit's margin) and stays inside it
    const filled = await fill(page);
    expect(Math.max(filled.w, filled.h)).toBeGreaterThanOrEqual(0.95);
    expect(Math.min(filled.w, filled.h)).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(filled.w, filled.h)).toBeLessThanOrEqual(1);
    for (const s of await textSizes(page)) expect(s.box, s.text).toBeGreaterThanOrEqual(14);
    await shot(page, 'classroom-tablet-turned-portrait');
    // and back
    await page.setViewportSize(LANDSCAPE);
    await settled(page);
    expect(await arrangement(page)).toEqual(landscape);
  });

  test('the 820×1180 tablet turned upright keeps its Pods legible and the picture fills the canvas', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1180, height: 820 });
    await openApp(page);
    await settled(page);
    await page.setViewportSize({ width: 820, height: 1180 });
    await settled(page);
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    expect(canvas.width).toBeGreaterThanOrEqual(820 * 0.9);
    const filled = await fill(page);
    expect(filled.w).toBeGreaterThanOrEqual(0.9);
    expect(filled.h).toBeGreaterThanOrEqual(0.9);
    for (const s of await textSizes(page)) expect(s.box, s.text).toBeGreaterThanOrEqual(14);
  });
});

test('Service lines end only on the Pods their Service selects', async ({ page }) => {
  await openApp(page);
  await settled(page);
  const ends = await page.locator('.react-flow__edge.svc-edge').evaluateAll((edges) =>
    edges.map((g) => {
      const svc = g.querySelector('[data-svc]')!.getAttribute('data-svc')!.split('/')[2];
      const path = g.querySelector('path')!;
      const p = path.getPointAtLength(path.getTotalLength());
      const m = path.getScreenCTM()!;
      const pt = new DOMPoint(p.x, p.y).matrixTransform(m);
      // the card the line ends on: the one whose top edge the end point touches
      const card = [...document.querySelectorAll('[data-testid="pod-card"]')].find((c) => {
        const r = c.getBoundingClientRect();
        return pt.x >= r.left && pt.x <= r.right && pt.y >= r.top - 4 && pt.y <= r.bottom;
      });
      return { svc, on: card?.querySelector('[data-testid="pod-services"]')?.textContent ?? null };
    }),
  );
  expect(ends.length).toBe(4); // 3 frontend Pods and db
  for (const e of ends) expect(e.on, `a ${e.svc} line`).toContain(e.svc);
});

test('a replacement Pod lands among the Pods of its own Service, never between another Service’s', async ({ page }) => {
  await openApp(page);
  await settled(page);
  // Kill each frontend Pod in turn: wherever the replacement is scheduled, in every machine the Pods of
  // one Service stand together (going down a machine's column, a Service's run is never interrupted).
  for (let round = 0; round < 2; round++) {
    const victim = frontendPods(page).nth(round);
    const name = (await victim.getAttribute('data-pod'))!;
    await victim.focus();
    await page.keyboard.press('Delete');
    await expect(page.locator(`[data-testid="pod-card"][data-pod="${name}"]`)).toHaveCount(0, { timeout: 20_000 });
    await expect(
      frontendPods(page).filter({ has: page.locator('[data-testid="pod-status"]', { hasText: 'Running' }) }),
    ).toHaveCount(3, { timeout: 20_000 });
    const machines = await page.getByTestId('node-region').evaluateAll((regions) =>
      regions.map((m) => {
        const cards = [...m.closest('.react-flow')!.querySelectorAll('[data-testid="pod-card"]')];
        const box = m.getBoundingClientRect();
        return cards
          .map((c) => ({
            r: c.getBoundingClientRect(),
            s: c.querySelector('[data-testid="pod-services"]')!.textContent,
          }))
          .filter(({ r }) => r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom)
          .sort((a, b) => a.r.top - b.r.top || a.r.left - b.r.left)
          .map(({ s }) => s);
      }),
    );
    for (const order of machines) {
      const runs = order.filter((s, i) => i === 0 || order[i - 1] !== s);
      expect(new Set(runs).size, `lanes in ${order.join(' | ')}`).toBe(runs.length);
    }
  }
  await shot(page, 'classroom-replacements');
});

test('the canvas refits when it grows (kube-system shown) and when the bottom panel is resized', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await settled(page);
  const inside = async () => {
    const c = (await page.getByTestId('canvas').boundingBox())!;
    const rects = await cardRects(page);
    return rects.every(
      (r) => r.x >= c.x - 1 && r.y >= c.y - 1 && r.x + r.w <= c.x + c.width + 1 && r.y + r.h <= c.y + c.height + 1,
    );
  };
  await page.getByLabel('Show kube-system Pods').check();
  await expect(page.getByTestId('pod-card').filter({ hasText: 'coredns' })).toHaveCount(2);
  await settled(page);
  expect(await inside()).toBe(true);
  await page.getByLabel('Show kube-system Pods').uncheck();
  await settled(page);
  // a taller bottom panel leaves the canvas less room: the picture shrinks to fit it
  const sep = page.getByRole('separator');
  await sep.focus();
  await page.keyboard.press('Shift+ArrowUp');
  await settled(page);
  expect(await inside()).toBe(true);
  // a machine whose Pods are gone keeps no taller border than its content needs
  await page.getByLabel('Show kube-system Pods').check();
  await settled(page);
  await page.getByLabel('Show kube-system Pods').uncheck();
  await settled(page);
  const heights = await page
    .getByTestId('node-region')
    .evaluateAll((els) =>
      els.map((e) => [e.getBoundingClientRect().height, e.parentElement!.getBoundingClientRect().height]),
    );
  for (const [inner, wrapper] of heights) expect(Math.abs(inner - wrapper)).toBeLessThanOrEqual(1);
});

test('a phone opens a shared link and plays it: the shared cluster on a full-width canvas, a request sent by tap', async ({
  page,
  browser,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Scale frontend up' }).click();
  await expect(frontendPods(page)).toHaveCount(4);
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-url')).toHaveValue(/#s=2\./);
  const url = await page.getByTestId('share-url').inputValue();
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const p = await phone.newPage();
  await p.goto(url);
  await expect(frontendPods(p)).toHaveCount(4, { timeout: 20_000 });
  const canvas = (await p.getByTestId('canvas').boundingBox())!;
  expect(canvas.width).toBeGreaterThanOrEqual(390 * 0.9);
  // play (a shared link may open paused) and send a request by tap
  const play = p.getByRole('button', { name: 'Play' });
  if (await play.isVisible()) await play.tap();
  const verdict = p.getByTestId('verdict');
  await p.getByRole('button', { name: 'Send request' }).tap();
  await expect(verdict).toHaveAttribute('data-verdict', /delivered|refused|dropped|timed-out|no-route/);
  await p.screenshot({ path: 'test-results/screenshots/classroom-phone-shared-link.png' });
  await phone.close();
});
