// The backend selector seen through the 2D cells: auto picks a measured backend and explains
// why; without WebGPU the chain falls back; each backend the machine offers runs a few training
// steps and a short sampling run (webgpu here is SwiftShader: kept to a few steps).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { BASE, launch, newTrackedPage, assertClean, stopLatencyMs, readCellSpecs } from '../helpers.mjs';
import { CHROMIUM_ARGS, findChromium } from '../chromium.mjs';

let withGpuFlag;
let withoutGpuFlag;
before(async () => {
  withGpuFlag = await launch();
  withoutGpuFlag = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? findChromium(), headless: true,
    args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'),
  });
});
after(async () => { await withGpuFlag?.close(); await withoutGpuFlag?.close(); });

const TINY = 'train2d.T=5&train2d.schedule=cosine&train2d.width=8&train2d.depth=1&train2d.batch=32&train2d.dataset=moons&train2d.n=100&sample2d.sampler=ddim&sample2d.S=2&sample2d.n=100';
/** Open a page and wait until its cells have hydrated and read their URL parameters (a Run clicked earlier runs the defaults). */
async function openHydrated(page, url) {
  await page.goto(url, { waitUntil: 'networkidle' });
  await readCellSpecs(page, 60000);
  await page.waitForTimeout(500);
}

const waitStatus = (page, id, values, timeout = 180000) => page.waitForFunction(([cellId, vals]) =>
  vals.includes(document.querySelector(`[data-cell="${cellId}"] [data-testid="cell-status"]`)?.textContent), [id, values], { timeout, polling: 200 });

async function trainAndSample(browser, backend, steps, extra = '') {
  const { page, context, problems } = await newTrackedPage(browser);
  await openHydrated(page, `${BASE}/en/theory/?${TINY}&train2d.steps=${steps}&train2d.seconds=60&train2d.backend=${backend}&sample2d.backend=${backend}${extra}#cell-train2d`);
  const t = page.locator('[data-cell="train2d"]');
  await t.locator('[data-action="run"]').click();
  await waitStatus(page, 'train2d', ['done', 'error']);
  const err = await t.locator('.cell-error').count() ? await t.locator('.cell-error').innerText() : null;
  assert.equal(err, null, `${backend}: training error`);
  const used = await t.locator('[data-testid="cell-backend"]').innerText();
  // The measured detail sits behind the cell's disclosure (closed): read its text, not its rendering.
  const reason = await t.locator('[data-testid="backend-reason"]').textContent();
  const steps2 = Number(await t.locator('[data-testid="train2d-step"]').innerText());
  const s = page.locator('[data-cell="sample2d"]');
  await s.locator('[data-action="run"]').click();
  await waitStatus(page, 'sample2d', ['done', 'error']);
  assert.equal(await s.locator('.cell-error').count(), 0, `${backend}: sampling error`);
  const sampledWith = await s.locator('[data-testid="cell-backend"]').innerText();
  return { page, context, problems, used, reason, steps: steps2, sampledWith };
}

test('auto with a software WebGPU adapter chooses wasm and says why', async () => {
  const r = await trainAndSample(withGpuFlag, 'auto', 3);
  assert.equal(r.used, 'wasm');
  assert.match(r.reason, /^Backend: wasm \d/);
  assert.match(r.reason, /webgpu is a software adapter/);
  assert.match(r.reason, /webgl is a software adapter/);
  assertClean(assert, r.problems, 'auto');
  await r.context.close();
});

test('auto without WebGPU falls through webgpu → webgl → wasm', async () => {
  const r = await trainAndSample(withoutGpuFlag, 'auto', 3);
  assert.equal(r.used, 'wasm');
  assert.match(r.reason, /webgpu unavailable/);
  assertClean(assert, r.problems, 'auto without webgpu');
  await r.context.close();
});

test('a forced webgpu override without WebGPU falls back to webgl, visibly', async () => {
  const r = await trainAndSample(withoutGpuFlag, 'webgpu', 2);
  assert.equal(r.used, 'webgl');
  assert.match(r.reason, /override webgpu failed.*fell back/);
  assertClean(assert, r.problems, 'webgpu fallback');
  await r.context.close();
});

for (const [backend, steps] of [['webgpu', 2], ['webgl', 4], ['wasm', 10], ['cpu', 4]]) {
  test(`forced ${backend}: a few training steps and a short sampling run`, async () => {
    const r = await trainAndSample(withGpuFlag, backend, steps);
    assert.equal(r.used, backend);
    assert.equal(r.sampledWith, backend);
    assert.equal(r.steps, steps);
    assert.match(r.reason, new RegExp(`${backend} \\(chosen in the override\\)`));
    assertClean(assert, r.problems, backend);
    await r.context.close();
  });
}

for (const backend of ['wasm', 'cpu', 'webgl', 'webgpu']) {
  test(`${backend}: Stop during training takes effect within 0.5 s and keeps the model so far`, async () => {
    const { page, context, problems } = await newTrackedPage(withGpuFlag);
    await openHydrated(page, `${BASE}/en/theory/?${TINY}&train2d.seconds=120&train2d.backend=${backend}#cell-train2d`);
    const t = page.locator('[data-cell="train2d"]');
    await t.locator('[data-action="run"]').click();
    // Past the first quality draw (every 4 s), so a Stop may also land inside one.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent) > 3, null, { timeout: 120000, polling: 100 });
    await page.waitForTimeout(backend === 'webgpu' ? 1000 : 4500);
    const r = await stopLatencyMs(page, 'train2d');
    const steps = Number(await t.locator('[data-testid="train2d-step"]').innerText());
    console.log(`# ${backend}: Stop took ${r.ms.toFixed(0)} ms after ${steps} steps`);
    assert.equal(r.status, 'stopped');
    assert.ok(r.ms < 500, `${backend}: Stop took ${r.ms.toFixed(0)} ms`);
    assert.match(await t.locator('[data-testid="kernel-status"]').innerText(), /Saved model/, 'a stopped run keeps its model');
    assertClean(assert, problems, `stop ${backend}`);
    await context.close();
  });
}

test('a crashed 2D worker: the cell says so, and Run starts a fresh worker that trains', async () => {
  const { page, context, problems } = await newTrackedPage(withGpuFlag);
  await openHydrated(page, `${BASE}/en/theory/?${TINY}&train2d.seconds=60&train2d.backend=wasm#cell-train2d`);
  const t = page.locator('[data-cell="train2d"]');
  await t.locator('[data-action="run"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent) > 3, null, { timeout: 60000 });
  await page.evaluate(() => window.__ddpmWorkers.crash('2D model worker'));
  await waitStatus(page, 'train2d', ['error', 'done', 'stopped'], 30000);
  assert.equal(await t.locator('.cell-status').getAttribute('data-status'), 'error');
  assert.match(await t.locator('.cell-error').innerText(), /The 2D model worker stopped unexpectedly \(.*crash requested by a test.*\)\. Press Run to start it again\./);
  assert.deepEqual(await page.evaluate(() => window.__ddpmWorkers.labels()), [], 'the dead worker is gone');
  // Run again on the same page: a fresh worker (the page's backend decision reused) trains.
  await t.locator('[data-action="run"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent) > 3
    && document.querySelector('[data-cell="train2d"] .cell-status')?.dataset.status === 'running', null, { timeout: 60000 });
  assert.deepEqual(await page.evaluate(() => window.__ddpmWorkers.labels()), ['2D model worker']);
  const r = await stopLatencyMs(page, 'train2d');
  assert.equal(r.status, 'stopped');
  assert.equal(await t.locator('.cell-error').count(), 0);
  // The uncaught error the test asked the worker to throw is the only console error.
  problems.consoleErrors = problems.consoleErrors.filter((m) => !/crash requested by a test/.test(m));
  assertClean(assert, problems, 'crash');
  await context.close();
});
