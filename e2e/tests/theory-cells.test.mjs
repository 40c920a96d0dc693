// Browser tests for the theory chapter's two analysis cells on the 2D model: the bound term by
// term (BoundCell, bound2d) and the score field (ScoreFieldCell, score2d). Short settings on wasm;
// the kernel is emptied first, so both use the model pretrained for the training cell's data set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newTrackedPage, assertClean } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SHORT = 'bound2d.repeats=1&bound2d.backend=wasm&score2d.backend=wasm&score2d.particles=150&score2d.grid=12';
const cell = (page, id) => page.locator(`section[data-cell="${id}"]`);
const status = (page, id) => cell(page, id).locator('.cell-status').getAttribute('data-status');
const waitStatus = (page, id, values, timeout = 90000) => page.waitForFunction(([sel, vals]) =>
  vals.includes(document.querySelector(`${sel} .cell-status`)?.dataset.status), [`section[data-cell="${id}"]`, values], { timeout, polling: 100 });
const label = (page, testId) => page.locator(`[data-testid="${testId}"]`).getAttribute('aria-label');

/** Opaque pixels of a canvas (the curves' layer of a chart, or the score plot). */
const inkOf = (page, selector) => page.evaluate((sel) => {
  const c = document.querySelector(sel);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
}, selector);

async function openEmptyKernel(page, lang, query, hash) {
  await page.goto(`${BASE}/${lang}/theory/`, { waitUntil: 'load' });
  await page.evaluate(() => new Promise((r) => { const q = indexedDB.deleteDatabase('ddpm-explorable-train2d'); q.onsuccess = q.onerror = q.onblocked = () => r(); }));
  await page.goto(`${BASE}/${lang}/theory/?${query}${hash}`, { waitUntil: 'networkidle' });
  await cell(page, 'bound2d').locator('[data-testid="pretrained-note"][data-state="ready"]').waitFor({ timeout: 20000 });
}

test('bound cell: terms, weight and eps-MSE charts drawn, table and bits filled, text alternatives updated, Stop, no leaked tensors', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await openEmptyKernel(page, 'en', SHORT, '#cell-bound2d');
  const b = cell(page, 'bound2d');
  assert.match(await b.locator('[data-testid="pretrained-note"]').innerText(), /pretrained for/);
  assert.match(await label(page, 'bound2d-terms'), /Empty chart/);
  assert.match(await label(page, 'bound2d-mse'), /Empty chart/);
  await b.locator('[data-action="run"]').click();
  await waitStatus(page, 'bound2d', ['done', 'error']);
  assert.equal(await status(page, 'bound2d'), 'done', await b.locator('.cell-status').innerText());
  assert.equal(await b.locator('[data-testid="cell-backend"]').innerText(), 'wasm');
  const terms = await label(page, 'bound2d-terms');
  assert.match(terms, /^Bound terms Lₜ₋₁ for t = 2 to \d+ on a log scale: largest [\d.e+-]+ nats at t = \d+/);
  const mse = await label(page, 'bound2d-mse');
  const [first, mid, last] = [...mse.matchAll(/(\d+\.\d+) in the/g)].map((m) => Number(m[1]));
  assert.ok(first > 4 * last && mid > last, `eps-MSE is high at small and middle t and falls towards t = T: ${mse}`);
  assert.ok(await inkOf(page, '[data-testid="bound2d-terms"] canvas') > 200, 'terms and weight curves drawn');
  assert.ok(await inkOf(page, '[data-testid="bound2d-mse"] canvas') > 200, 'eps-MSE curve drawn');
  const rows = await b.locator('[data-testid="bound2d-table"] tbody tr').allInnerTexts();
  assert.equal(rows.length, 4, 'L_T, sum of L_{t-1}, L_0, total');
  for (const r of rows) assert.ok(r.split('\t').slice(-2).every((v) => Number.isFinite(Number(v))), `finite numbers: ${r}`);
  assert.match(await b.locator('[data-testid="bound2d-bits"]').innerText(), /bits per coordinate/);
  const baseWorker = await page.evaluate(() => window.__train2d.workerTensors());
  assert.equal(baseWorker.length, 1, 'one worker');

  // Stop mid-run (the moons model's 1,000 points with 16 draws each is many seconds of work), then run to the end again.
  await page.goto(`${BASE}/en/theory/?${SHORT.replace('repeats=1', 'repeats=16')}&train2d.dataset=moons#cell-bound2d`, { waitUntil: 'networkidle' });
  await b.locator('[data-testid="pretrained-note"][data-state="ready"]').waitFor();
  await b.locator('[data-action="run"]').click();
  await page.waitForFunction(() => Number(document.querySelector('section[data-cell="bound2d"] progress')?.value ?? 0) > 0.02, null, { timeout: 60000 });
  assert.equal(await status(page, 'bound2d'), 'running');
  const t0 = Date.now();
  await b.locator('[data-action="stop"]').click();
  await waitStatus(page, 'bound2d', ['stopped'], 5000);
  assert.ok(Date.now() - t0 < 3000, `Stop took ${Date.now() - t0} ms`);
  assert.match(await label(page, 'bound2d-terms'), /Empty chart/, 'a stopped run shows nothing half-done');
  const w1 = await page.evaluate(() => window.__train2d.workerTensors());
  await b.locator('input[type="range"][name="repeats"]').first().fill('1');
  await b.locator('[data-action="run"]').click();
  await waitStatus(page, 'bound2d', ['done']);
  assert.match(await b.locator('[data-testid="bound2d-model"]').innerText(), /Two moons.*1000 training points/);
  const w2 = await page.evaluate(() => window.__train2d.workerTensors());
  assert.deepEqual(w2, w1, 'worker tensors back to the baseline after a stopped and a finished run');
  assert.equal(await page.evaluate(() => window.__train2d.pageTensors()), null, 'the page itself never loads TF.js');
  assertClean(assert, problems, 'bound cell');
  await context.close();
});

test('score field: arrows and particles drawn, playback ends at the chosen t, the slider moves the field, no leaked tensors', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await openEmptyKernel(page, 'en', `${SHORT}&score2d.t=30`, '#cell-score2d');
  const s = cell(page, 'score2d');
  assert.match(await label(page, 'score2d-canvas'), /Empty plot/);
  const idleInk = await inkOf(page, '[data-testid="score2d-canvas"]');
  // Record every step the canvas shows during the playback.
  await page.evaluate(() => {
    window.__steps = [];
    const c = document.querySelector('[data-testid="score2d-canvas"]');
    new MutationObserver(() => window.__steps.push(c.dataset.step)).observe(c, { attributes: true, attributeFilter: ['data-step'] });
  });
  await s.locator('[data-action="run"]').click();
  await waitStatus(page, 'score2d', ['done', 'error']);
  assert.equal(await status(page, 'score2d'), 'done', await s.locator('.cell-status').innerText());
  await page.waitForFunction(() => document.querySelector('[data-testid="score2d-canvas"]').dataset.step === '30', null, { timeout: 20000 });
  const steps = await page.evaluate(() => window.__steps.filter(Boolean).map(Number));
  assert.ok(steps.length > 5 && steps[0] > 30 && steps.at(-1) === 30, `played from t = T down to 30: ${steps.slice(0, 5)} … ${steps.at(-1)}`);
  assert.ok(steps.every((v, i) => i === 0 || v <= steps[i - 1]), 'the playback runs downwards in t');
  assert.match(await label(page, 'score2d-canvas'), /^Arrows of the estimated score .* at t = 30 on a 12 by 12 grid .* with 150 particles/);
  assert.ok(await inkOf(page, '[data-testid="score2d-canvas"]') > idleInk + 300, 'arrows and particles drawn over the training points');
  assert.match(await s.locator('[data-testid="score2d-t"]').innerText(), /Showing t = 30 of T = \d+/);
  // The slider shows another step at once, without a new run.
  await s.locator('input[type="range"][name="t"]').fill('80');
  await page.waitForFunction(() => document.querySelector('[data-testid="score2d-canvas"]').dataset.step === '80');
  assert.match(await label(page, 'score2d-canvas'), /at t = 80 /);
  assert.equal(await status(page, 'score2d'), 'done');
  const w1 = await page.evaluate(() => window.__train2d.workerTensors());
  await s.locator('[data-action="rerun"]').click();
  await waitStatus(page, 'score2d', ['done']);
  assert.deepEqual(await page.evaluate(() => window.__train2d.workerTensors()), w1, 'worker tensors back to baseline');
  assertClean(assert, problems, 'score cell');
  await context.close();
});

test('Gaussian data: the bound agrees with its closed form, the score field with the exact score', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?${SHORT}&bound2d.data=gaussian&score2d.data=gaussian&score2d.t=10#cell-bound2d`, { waitUntil: 'networkidle' });
  const b = cell(page, 'bound2d');
  await b.locator('[data-testid="bound2d-model"]').filter({ hasText: 'Gaussian' }).waitFor({ timeout: 20000 });
  assert.match(await b.locator('[data-testid="bound2d-model"]').innerText(), /Gaussian data: 1,000 points/);
  await b.locator('[data-action="run"]').click();
  await waitStatus(page, 'bound2d', ['done', 'error'], 30000);
  assert.equal(await status(page, 'bound2d'), 'done', await b.locator('.cell-status').innerText());
  const z = Number(await b.locator('[data-testid="bound2d-gauss"]').getAttribute('data-z'));
  assert.ok(z < 4, `Monte Carlo total within 4 standard errors of the closed form (${z})`);
  assert.match(await b.locator('[data-testid="bound2d-gauss"]').innerText(), /closed form -?\d/);
  const rows = await b.locator('[data-testid="bound2d-table"] tbody tr').allInnerTexts();
  for (const r of rows) {
    const [mc, , exact] = r.split('\t').slice(-3).map(Number);
    assert.ok(Number.isFinite(exact) && Math.abs(mc - exact) < 0.05 * Math.abs(exact) + 0.05, `row within 5 %: ${r}`);
  }
  assert.ok(await inkOf(page, '[data-testid="bound2d-terms"] canvas') > 200);

  const s = cell(page, 'score2d');
  await s.scrollIntoViewIfNeeded();
  await s.locator('[data-action="run"]').click();
  await waitStatus(page, 'score2d', ['done', 'error'], 90000);
  assert.equal(await status(page, 'score2d'), 'done', await s.locator('.cell-status').innerText());
  await page.waitForFunction(() => document.querySelector('[data-testid="score2d-canvas"]').dataset.step === '10', null, { timeout: 20000 });
  const agreement = s.locator('[data-testid="score2d-agreement"]');
  const cos10 = Number(await agreement.getAttribute('data-cosine'));
  assert.ok(cos10 > 0.9, `the briefly trained network's arrows point where the exact score does at t = 10 (mean cosine ${cos10})`);
  assert.match(await agreement.innerText(), /^Agreement at t = 10: the mean cosine .* is 0\.9\d\d/);
  const note = await s.locator('[data-testid="score2d-model"]').innerText();
  assert.match(note, /trained here for [\d,]+ steps on 1,000 points/);
  // Printed on purpose: the report quotes these figures.
  console.log(`Gaussian data: bound |MC − closed form| = ${z} standard errors; score mean cosine at t = 10: ${cos10} (${/for ([\d,]+) steps/.exec(note)[1]} training steps)`);
  assert.equal(await s.locator('li').filter({ hasText: 'exact score' }).count(), 1, 'the exact score has its legend entry');
  assertClean(assert, problems, 'Gaussian data');
  await context.close();
});

test('reduced motion: the score field jumps to the chosen t without playing; zh text alternatives', async () => {
  const { page, context, problems } = await newTrackedPage(browser, { context: { reducedMotion: 'reduce' } });
  await openEmptyKernel(page, 'zh', `${SHORT}&score2d.t=20`, '#cell-score2d');
  await page.evaluate(() => {
    window.__steps = [];
    const c = document.querySelector('[data-testid="score2d-canvas"]');
    new MutationObserver(() => window.__steps.push(c.dataset.step)).observe(c, { attributes: true, attributeFilter: ['data-step'] });
  });
  await cell(page, 'score2d').locator('[data-action="run"]').click();
  await waitStatus(page, 'score2d', ['done']);
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.__steps.filter(Boolean)), ['20'], 'one frame: the chosen step');
  assert.match(await label(page, 'score2d-canvas'), /^t = 20 时估计的分数/);
  await cell(page, 'bound2d').locator('[data-action="run"]').click();
  await waitStatus(page, 'bound2d', ['done']);
  assert.match(await label(page, 'bound2d-terms'), /^对数坐标下 t = 2 到 \d+ 的各项/);
  assert.match(await label(page, 'bound2d-mse'), /^把 t 分成 \d+ 段/);
  assertClean(assert, problems, 'zh, reduced motion');
  await context.close();
});
