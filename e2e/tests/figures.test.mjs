// The forward-process figures: β-schedule explorer and forward diffusion (theory), diffusing cloud
// and noisy digit (intuition), in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newTrackedPage, assertClean, waitForUrl } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const cell = (page, id) => page.locator(`[data-cell="${id}"]`);
const slider = (page, id, control) => cell(page, id).locator(`[data-control="${control}"] input[type="range"]`);

/** Set a range input as a drag would: the native value setter, then input and change events. */
async function setRange(locator, value) {
  await locator.evaluate((el, v) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, String(v));
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

async function alphaBarT(page, slot) {
  const v = await cell(page, 'schedule').locator(`[data-testid="schedule-alphabar-T-${slot}"]`).getAttribute('data-value');
  return Number(v);
}

/**
 * Every chart has its Plot frame and curves on its canvas: a canvas never sized (left at the
 * default 300 × 150) or with no painted pixel is a blank plot.
 */
async function waitForPlots(page) {
  await page.waitForFunction(() => ['beta', 'alphaBar', 'snr'].every((p) => {
    const el = document.querySelector(`[data-cell="schedule"] [data-plot="${p}"]`);
    const c = el?.querySelector('canvas');
    if (!el?.querySelector('svg') || !c || (c.width === 300 && c.height === 150)) return false;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
    return false;
  }), null, { timeout: 15000 });
}

/** What the β chart's canvas shows, as a PNG data URL (curves are drawn on a canvas over Plot's frame). */
const betaPixels = (page) => page.evaluate(() => document.querySelector('[data-cell="schedule"] [data-plot="beta"] canvas').toDataURL());

const TITLES = {
  en: { schedule: 'β-schedule explorer', forward: 'Forward diffusion in one jump', cloud: 'A data cloud diffusing to N(0, I)', digit: 'One digit, getting noisier' },
  zh: { schedule: '噪声调度探索器', forward: '一步到位的前向扩散', cloud: '数据点云扩散成 N(0, I)', digit: '一个数字，噪声越来越多' },
};

for (const lang of ['en', 'zh']) {
  test(`all four figures render in ${lang} without console errors`, async () => {
    const { page, context, problems } = await newTrackedPage(browser);
    await page.goto(`${BASE}/${lang}/theory/`, { waitUntil: 'networkidle' });
    for (const id of ['schedule', 'forward']) assert.equal(await cell(page, id).count(), 1, `${id} cell on /${lang}/theory/ (is its tag in content/${lang}/theory.mdx?)`);
    assert.match(await cell(page, 'schedule').locator('.cell-title').innerText(), new RegExp(TITLES[lang].schedule.replace(/[()]/g, '\\$&')));
    assert.match(await cell(page, 'forward').locator('.cell-title').innerText(), new RegExp(TITLES[lang].forward));
    await waitForPlots(page);
    // Two schedules (A and B) → two digit rows of six images each.
    assert.equal(await cell(page, 'schedule').locator('[data-testid^="schedule-digits-"] canvas').count(), 12);
    await page.waitForFunction(() => document.querySelector('[data-cell="forward"] [data-testid="forward-curve"]')?.dataset.ready === 'true', null, { timeout: 30000 });
    assert.equal(await cell(page, 'forward').locator('canvas[data-t]').getAttribute('data-t'), '100');
    const plotText = await cell(page, 'schedule').locator('[data-plot="snr"] [role="img"]').getAttribute('aria-label');
    assert.ok(plotText && plotText.length > 20, 'the SNR plot has a text alternative');

    await page.goto(`${BASE}/${lang}/intuition/`, { waitUntil: 'networkidle' });
    for (const id of ['cloud', 'digit']) assert.equal(await cell(page, id).count(), 1, `${id} cell on /${lang}/intuition/ (is its tag in content/${lang}/intuition.mdx?)`);
    assert.match(await cell(page, 'cloud').locator('.cell-title').innerText(), new RegExp(TITLES[lang].cloud.replace(/[()]/g, '\\$&')));
    assert.match(await cell(page, 'digit').locator('.cell-title').innerText(), new RegExp(TITLES[lang].digit));
    await page.waitForFunction(() => Number(document.querySelector('[data-cell="cloud"] canvas')?.dataset.drawn) >= 1);
    assert.match(await cell(page, 'digit').locator('[data-testid="digit-readout"]').innerText(), /t = 0/);
    assert.match(await cell(page, 'digit').locator('.cell-caption').innerText(), /CC BY-SA 3\.0/);
    assertClean(assert, problems, `figures ${lang}`);
    await context.close();
  });
}

test('schedule explorer: all three charts are drawn on load, from a copy-link, in dark mode and for print', async () => {
  // The SNR chart's curves used to appear only after a control changed (its canvas stayed 300 × 150).
  for (const scheme of ['light', 'dark']) {
    const { page, context, problems } = await newTrackedPage(browser, { context: { colorScheme: scheme } });
    await page.goto(`${BASE}/en/theory/?schedule.T=500&schedule.kindB=cosine#cell-schedule`, { waitUntil: 'networkidle' });
    await waitForPlots(page);
    await page.emulateMedia({ media: 'print' });
    await waitForPlots(page);
    assertClean(assert, problems, `schedule plots (${scheme})`);
    await context.close();
  }
});

test('schedule explorer: ᾱ_T is shown, a bad schedule warns, Reset clears the warning', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/#cell-schedule`, { waitUntil: 'networkidle' });
  await waitForPlots(page);
  const c = cell(page, 'schedule');
  // docs/sources.md §8: linear T = 1000 → ᾱ_T = 4.0358e-05; cosine with the 0.999 clip → 2.4288e-09.
  assert.ok(Math.abs(await alphaBarT(page, 'a') / 4.0358e-5 - 1) < 1e-3);
  assert.ok(Math.abs(await alphaBarT(page, 'b') / 2.4288e-9 - 1) < 1e-3);
  assert.match(await c.locator('[data-testid="schedule-summary-a"]').innerText(), /ᾱT = 4\.036e-5/);
  assert.equal(await c.locator('[data-testid^="schedule-warning-"]').count(), 0, 'no warning for the defaults');

  // β_T = 0.002 at T = 1000: ᾱ_T ≈ 0.35, far from zero.
  await setRange(slider(page, 'schedule', 'bT-a'), Math.log10(0.002));
  await c.locator('[data-testid="schedule-warning-a"]').waitFor();
  const a = await alphaBarT(page, 'a');
  assert.ok(a > 0.2 && a < 0.5, `ᾱ_T with β_T = 0.002 should be about 0.35 (got ${a})`);
  assert.match(await c.locator('[data-testid="schedule-warning-a"]').innerText(), /not close to N\(0, I\)/);
  assert.equal(await c.locator('[data-testid="schedule-warning-b"]').count(), 0);
  await waitForUrl(page, /schedule\.bT=0\.00199/);

  // An out-of-range β from the sliders: scaled-linear multiplies the endpoints by 1000/T, so with
  // β_T = 0.5 and T = 10 the last β would be 50. The core's message says why; the previous curves stay.
  const before = await betaPixels(page);
  await c.locator('[data-control="kind-a"] select').selectOption('scaled-linear');
  await c.locator('[data-testid="schedule-summary-a"]').waitFor();
  await setRange(slider(page, 'schedule', 'bT-a'), Math.log10(0.5));
  await setRange(slider(page, 'schedule', 'T-a'), 1);
  const err = c.locator('[data-testid="schedule-error-a"]');
  await err.waitFor();
  assert.match(await err.innerText(), /Scaled by 1000\/T = 100/);
  assert.match(await err.innerText(), /previous schedule/);
  const kept = await betaPixels(page);
  assert.notEqual(kept, before, 'the scaled-linear schedule at T = 1000 was drawn before T moved');
  await setRange(slider(page, 'schedule', 'T-a'), 1.1);
  await page.waitForFunction(() => document.querySelector('[data-control="T-a"] output')?.textContent === '13');
  assert.match(await err.innerText(), /Scaled by 1000\/T = 76\.9/);
  assert.equal(await betaPixels(page), kept, 'still the last valid schedule');

  await c.locator('[data-action="reset"]').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="schedule-warning-a"]'));
  assert.ok(Math.abs(await alphaBarT(page, 'a') / 4.0358e-5 - 1) < 1e-3);
  assertClean(assert, problems, 'schedule warning');
  await context.close();
});

test('schedule explorer: the warning also comes from a shared link, and T changes ᾱ_T', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/zh/theory/?schedule.bT=0.002&schedule.compare=0#cell-schedule`, { waitUntil: 'networkidle' });
  await waitForPlots(page);
  const c = cell(page, 'schedule');
  await c.locator('[data-testid="schedule-warning-a"]').waitFor();
  assert.match(await c.locator('[data-testid="schedule-warning-a"]').innerText(), /高于 10⁻³/);
  assert.equal(await c.locator('[data-testid="schedule-summary-b"]').count(), 0, 'B hidden when compare=0');
  const before = await alphaBarT(page, 'a');
  await setRange(slider(page, 'schedule', 'T-a'), Math.log10(4000));
  await page.waitForFunction((b) => Number(document.querySelector('[data-testid="schedule-alphabar-T-a"]')?.dataset.value) < b / 10, before);
  assertClean(assert, problems, 'schedule link');
  await context.close();
});

test('schedule explorer: an invalid custom formula shows where, and the previous plot stays', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  const scripts = [];
  page.on('response', async (res) => {
    if (res.url().endsWith('.js')) scripts.push({ url: res.url(), body: await res.text().catch(() => '') });
  });
  await page.goto(`${BASE}/en/theory/#cell-schedule`, { waitUntil: 'networkidle' });
  await waitForPlots(page);
  const c = cell(page, 'schedule');
  // mathjs (here recognised by the parser module's list of disabled functions) is not loaded up front.
  const hasParser = () => scripts.some((s) => s.body.includes('simplifyConstant'));
  assert.equal(hasParser(), false, 'the formula parser is not in the initial bundle');

  await c.locator('[data-control="kind-a"] select').selectOption('custom-beta');
  const input = c.locator('input[name="formula-a"]');
  await input.waitFor();
  // The figure's own "loading the formula parser" line (the cell's status line is a status region too).
  await page.waitForFunction(() => document.querySelector('[data-testid="schedule-summary-a"]') && !document.querySelector('[data-testid="schedule-figure"] [role="status"]'));
  await page.waitForTimeout(100);
  assert.equal(hasParser(), true, 'the formula parser was fetched once a custom formula was chosen');
  // The default β(u) formula is DDPM's linear ramp: ᾱ_T close to the linear schedule's.
  const good = await alphaBarT(page, 'a');
  assert.ok(good > 3e-5 && good < 5e-5, `default formula ᾱ_T ${good}`);
  const pathBefore = await betaPixels(page);

  await input.fill('0.0001 + * u');
  await c.locator('[data-action="apply-formula-a"]').click();
  const err = c.locator('[data-testid="schedule-error-a"]');
  await err.waitFor();
  assert.match(await err.innerText(), /character \d+/);
  assert.equal(await betaPixels(page), pathBefore, 'plot unchanged');
  assert.equal(await alphaBarT(page, 'a'), good, 'ᾱ_T unchanged');

  // A formula that parses but leaves (0, 1): the message names the step.
  await input.fill('2 * u');
  await c.locator('[data-action="apply-formula-a"]').click();
  await page.waitForFunction(() => /t = \d+/.test(document.querySelector('[data-testid="schedule-error-a"]')?.textContent ?? ''));
  assert.equal(await betaPixels(page), pathBefore);

  // Reaching for globals is refused before evaluation.
  await input.fill('u.constructor');
  await c.locator('[data-action="apply-formula-a"]').click();
  await page.waitForFunction(() => /not allowed/.test(document.querySelector('[data-testid="schedule-error-a"]')?.textContent ?? ''));

  // A valid formula replaces the plot and clears the message.
  await input.fill('0.0001 + (0.05 - 0.0001) * u^2');
  await c.locator('[data-action="apply-formula-a"]').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="schedule-error-a"]'));
  assert.notEqual(await betaPixels(page), pathBefore);
  assert.notEqual(await alphaBarT(page, 'a'), good);
  assertClean(assert, problems, 'custom formula');
  await context.close();
});

test('schedule explorer: garbage schedule.* URL parameters show a notice and safe defaults', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  const long = 'u'.repeat(400);
  await page.goto(`${BASE}/en/theory/?schedule.kind=banana&schedule.T=abc&schedule.bT=7&schedule.fb=${long}&schedule.evil=%3Cscript%3E#cell-schedule`, { waitUntil: 'networkidle' });
  const notice = cell(page, 'schedule').locator('[data-testid="cell-notice"]');
  await notice.waitFor();
  const text = await notice.innerText();
  for (const p of ['schedule.kind', 'schedule.T', 'schedule.bT', 'schedule.fb', 'schedule.evil']) assert.match(text, new RegExp(p.replace('.', '\\.')));
  await waitForPlots(page);
  // bT clamps to its maximum 0.999; the rest fall back to defaults (linear, T = 1000).
  assert.match(await slider(page, 'schedule', 'bT-a').locator('xpath=..').locator('output').innerText(), /0\.999/);
  assert.equal(await cell(page, 'schedule').locator('[data-control="kind-a"] select').inputValue(), 'linear');
  assert.equal(await cell(page, 'schedule').locator('[data-testid="schedule-warning-a"]').count(), 0);
  assertClean(assert, problems, 'garbage params');
  await context.close();
});

test('forward diffusion: scrubbing t changes the measured distance to N(0, I)', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?forward.data=eight-gaussians#cell-forward`, { waitUntil: 'networkidle' });
  const dist = () => page.evaluate(() => document.querySelector('[data-testid="forward-distance"]')?.getAttribute('data-value') ?? '');
  await page.waitForFunction(() => document.querySelector('[data-testid="forward-distance"]')?.getAttribute('data-value'));
  const d100 = Number(await dist());
  await setRange(slider(page, 'forward', 't'), 0);
  await page.waitForFunction(() => document.querySelector('[data-cell="forward"] canvas[data-t]')?.dataset.t === '0');
  await page.waitForFunction((d) => { const v = document.querySelector('[data-testid="forward-distance"]')?.getAttribute('data-value'); return v && Number(v) !== d; }, d100);
  const d0 = Number(await dist());
  await setRange(slider(page, 'forward', 't'), 900);
  await page.waitForFunction(() => document.querySelector('[data-cell="forward"] canvas[data-t]')?.dataset.t === '900');
  await page.waitForFunction((d) => { const v = document.querySelector('[data-testid="forward-distance"]')?.getAttribute('data-value'); return v && Number(v) !== d; }, d0);
  const d900 = Number(await dist());
  assert.ok(d0 > d100 && d100 > d900, `distance should fall with t: t=0 ${d0}, t=100 ${d100}, t=900 ${d900}`);
  await waitForUrl(page, /forward\.t=900/);
  // The precomputed curve finished and the figure has a marker at the current t.
  await page.waitForFunction(() => document.querySelector('[data-testid="forward-curve"]')?.dataset.ready === 'true', null, { timeout: 30000 });
  assert.equal(await cell(page, 'forward').locator('[data-testid="cell-status"]').innerText(), 'done');
  assertClean(assert, problems, 'forward scrub');
  await context.close();
});

test('diffusing cloud: plays, pauses and scrubs', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/intuition/?cloud.speed=300#cell-cloud`, { waitUntil: 'networkidle' });
  const canvas = cell(page, 'cloud').locator('canvas');
  // Drawn by a layout effect: the cell is hydrated and its Run button live.
  await page.waitForFunction(() => Number(document.querySelector('[data-cell="cloud"] canvas')?.dataset.drawn) >= 1);
  await cell(page, 'cloud').locator('[data-action="run"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-cell="cloud"] canvas')?.dataset.t) > 60);
  await cell(page, 'cloud').locator('[data-action="stop"]').click();
  await page.waitForFunction(() => document.querySelector('[data-cell="cloud"] [data-testid="cell-status"]')?.textContent === 'stopped');
  const stoppedAt = Number(await canvas.getAttribute('data-t'));
  await page.waitForTimeout(250);
  assert.equal(Number(await canvas.getAttribute('data-t')), stoppedAt, 'paused means paused');
  await waitForUrl(page, new RegExp(`cloud\\.t=${stoppedAt}`));
  await setRange(slider(page, 'cloud', 't'), 1000);
  await page.waitForFunction(() => document.querySelector('[data-cell="cloud"] canvas')?.dataset.t === '1000');
  // At t = T the standardized cloud has become N(0, I): mean ≈ 0 and variance ≈ 1 on both axes.
  const readout = await cell(page, 'cloud').locator('[data-testid="cloud-readout"]').innerText();
  const m = readout.match(/mean \(([-\d.]+), ([-\d.]+)\) · variance \(([-\d.]+), ([-\d.]+)\)/);
  assert.ok(m, readout);
  assert.ok(Math.abs(Number(m[1])) < 0.1 && Math.abs(Number(m[2])) < 0.1, readout);
  assert.ok(Math.abs(Number(m[3]) - 1) < 0.12 && Math.abs(Number(m[4]) - 1) < 0.12, readout);
  assertClean(assert, problems, 'cloud');
  await context.close();
});

test('noisy digit: clean at t = 0, pure noise at t = T', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/zh/intuition/?digit.digit=7#cell-digit`, { waitUntil: 'networkidle' });
  const c = cell(page, 'digit');
  const stats = async () => {
    const text = await c.locator('[data-testid="digit-readout"]').innerText();
    const m = text.match(/像素均值 ([-\d.]+)，方差 ([-\d.]+)/);
    assert.ok(m, text);
    return { mean: Number(m[1]), variance: Number(m[2]) };
  };
  // Canvas pixels: at t = 0 nearly all pixels are pure black (background) — a clean digit.
  const darkShare = () => page.evaluate(() => {
    const cv = document.querySelector('[data-cell="digit"] canvas');
    const d = cv.getContext('2d').getImageData(0, 0, 28, 28).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 0) dark++;
    return dark / 784;
  });
  assert.equal(await c.locator('canvas').getAttribute('data-t'), '0');
  const s0 = await stats();
  assert.ok(s0.mean < -0.5, `a digit is mostly background (−1): mean ${s0.mean}`);
  assert.ok(await darkShare() > 0.7);

  await setRange(slider(page, 'digit', 't'), 1000);
  await page.waitForFunction(() => document.querySelector('[data-cell="digit"] canvas')?.dataset.t === '1000');
  const sT = await stats();
  assert.ok(Math.abs(sT.mean) < 0.15, `mean at t = T ${sT.mean}`);
  assert.ok(Math.abs(sT.variance - 1) < 0.2, `variance at t = T ${sT.variance}`);
  assert.ok(await darkShare() < 0.4, 'noise covers the image');
  assert.match(await c.locator('.cell-caption').innerText(), /MNIST/);
  assertClean(assert, problems, 'digit');
  await context.close();
});

test('noisy digit: ?digit.speed sets the playback in steps per second', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/intuition/?digit.speed=20#cell-digit`, { waitUntil: 'networkidle' });
  const c = cell(page, 'digit');
  const started = await page.evaluate(() => performance.now());
  await c.locator('[data-action="run"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-cell="digit"] canvas')?.dataset.t) > 0, null, { timeout: 10000 });
  await page.waitForTimeout(1000);
  const { t, elapsed } = await page.evaluate((t0) => ({ t: Number(document.querySelector('[data-cell="digit"] canvas').dataset.t), elapsed: (performance.now() - t0) / 1000 }), started);
  assert.ok(t > 0 && t <= 20 * elapsed + 1, `at 20 steps per second, t = ${t} after ${elapsed.toFixed(2)} s`);
  await c.locator('[data-action="stop"]').click();
  assertClean(assert, problems, 'digit speed');
  await context.close();
});

test('noisy digit: Run at the default t = 0 plays the noise in, up to T, and leaves the slider there', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/intuition/#cell-digit`, { waitUntil: 'networkidle' });
  const c = cell(page, 'digit');
  assert.equal(await c.locator('canvas').getAttribute('data-t'), '0');
  await c.locator('[data-action="run"]').click();
  // Part way: the image shows an intermediate step (the animation runs about 4 s).
  await page.waitForFunction(() => { const t = Number(document.querySelector('[data-cell="digit"] canvas')?.dataset.t); return t > 0 && t < 1000; }, null, { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector('[data-cell="digit"] canvas')?.dataset.t === '1000', null, { timeout: 15000 });
  await waitForUrl(page, /digit\.t=1000/);
  assert.equal(await slider(page, 'digit', 't').inputValue(), '1000');
  assert.match(await c.locator('[data-testid="digit-readout"]').innerText(), /t = 1000/);
  assertClean(assert, problems, 'digit run');
  await context.close();
});
