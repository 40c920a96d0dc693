// Browser tests for the features chapter's race (RaceCell): GAN, VAE, flow and DDPM trained in the
// page's race worker with short settings (this machine is 2 cores without a GPU).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newTrackedPage, assertClean, readCellSpecs } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const MODELS = ['gan', 'vae', 'flow', 'ddpm'];
const cell = (page) => page.locator('[data-cell="race"]');
// The state as data (the label under it is in the page's language).
const status = (page) => page.evaluate(() => document.querySelector('[data-cell="race"] .cell-status')?.dataset.status);
const waitStatus = (page, values, timeout = 180000) => page.waitForFunction((vals) => vals.includes(document.querySelector('[data-cell="race"] .cell-status')?.dataset.status), values, { timeout, polling: 50 });

async function open(page, lang, query) {
  await page.goto(`${BASE}/${lang}/features/?${query}#cell-race`, { waitUntil: 'networkidle' });
  await readCellSpecs(page);
}

test('a short race fills both tables with finite numbers, frees its tensors and runs again', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await open(page, 'en', 'race.seconds=2&race.backend=wasm&race.dataset=moons&race.n=300');
  await cell(page).locator('[data-action="run"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="race-step-gan"]')?.textContent) > 0, null, { timeout: 60000 });
  await waitStatus(page, ['done', 'error']);
  assert.equal(await status(page), 'done', await cell(page).innerText());
  const rows = cell(page).locator('[data-testid="race-table"] tbody tr[data-model]');
  assert.equal(await rows.count(), 4, 'one row per model');
  const table = await cell(page).locator('[data-testid="race-table"]').innerText();
  assert.doesNotMatch(table, /NaN|Infinity|undefined/);
  assert.match(table, /exact/);
  assert.match(table, /ELBO/);
  assert.match(table, /variational bound/);
  const verdicts = await cell(page).locator('[data-testid="race-talk-table"] td[data-verdict]').evaluateAll((tds) => tds.map((td) => td.dataset.verdict));
  assert.equal(verdicts.length, 16);
  assert.ok(verdicts.every((v) => ['confirmed', 'contradicted', 'unmeasured'].includes(v)));
  assert.equal(await cell(page).locator('[data-testid="race-talk-table"] tr[data-model="ddpm"] td').nth(3).getAttribute('data-verdict'), 'confirmed', 'DDPM has a bound');
  const run = await page.evaluate(() => window.__race.runs.race);
  assert.equal(run.backend, 'wasm');
  for (const m of MODELS) {
    const r = run.results[m];
    assert.ok(r, `${m} result`);
    assert.equal(r.failure, null, `${m} did not fail`);
    assert.equal(r.samples.length, 4000, `${m}: 2,000 samples`);
    assert.ok(r.samples.every(Number.isFinite), `${m}: finite samples`);
    assert.ok(r.precision >= 0 && r.precision <= 1 && r.coverage >= 0 && r.coverage <= 1, `${m}: precision and coverage in [0, 1]`);
    assert.ok(r.sampleMs > 0, `${m}: sampling timed`);
    assert.equal(await cell(page).locator(`[data-model="${m}"][data-state="done"]`).count(), 1);
  }
  assert.ok(run.results.ddpm.passes === 100 && run.results.gan.passes === 1);
  const t1 = await page.evaluate(() => window.__race.workerTensors());
  assert.equal(t1.length, 1, 'one race worker');
  // Run again (all at once this time is a URL away; here the same settings): tensors back to the same count.
  await cell(page).locator('[data-action="run"]').click();
  await waitStatus(page, ['done']);
  assert.deepEqual(await page.evaluate(() => window.__race.workerTensors()), t1, 'worker tensors back to the baseline');
  assertClean(assert, problems, 'race');
  await context.close();
});

test('a drawing is raced on (none yet: a clear message); Stop ends the race within a second and leaks nothing; all at once runs four together', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await open(page, 'zh', 'race.seconds=30&race.backend=wasm&race.dataset=draw&race.n=300&race.mode=parallel');
  await cell(page).locator('[data-action="run"]').click();
  await waitStatus(page, ['error'], 10000);
  assert.match(await cell(page).innerText(), /请先在框里至少画一笔/, 'no stroke yet: the cell says so');
  const pad = cell(page).locator('[data-testid="draw-canvas"]');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.8, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.8, { steps: 8 });
  await page.mouse.up();
  await cell(page).locator('[data-action="run"]').click();
  await page.waitForFunction(() => ['gan', 'vae', 'flow', 'ddpm'].every((m) => Number(document.querySelector(`[data-testid="race-step-${m}"]`)?.textContent) > 0), null, { timeout: 90000 });
  assert.equal(await cell(page).locator('[data-state="training"]').count(), 4, 'all four train at once');
  assert.match(await cell(page).locator('[data-testid="race-preview-gan"]').getAttribute('aria-label'), /300 个训练点/, 'the 300 points drawn along the strokes');
  const t0 = Date.now();
  await cell(page).locator('[data-action="stop"]').click();
  await waitStatus(page, ['stopped'], 10000);
  const ms = Date.now() - t0;
  assert.ok(ms < 1500, `Stop took ${ms} ms`);
  assert.equal(await cell(page).locator('[data-state="stopped"]').count(), 4);
  assert.doesNotMatch(await cell(page).innerText(), /NaN/);
  assert.equal(await status(page), 'stopped');
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__race.workerTensors()), [0], 'no tensors left in the worker after Stop');
  assertClean(assert, problems, 'race stop');
  await context.close();
});
