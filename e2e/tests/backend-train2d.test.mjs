// The backend selector seen through the 2D cells: auto picks a measured backend and explains
// why; without WebGPU the chain falls back; each backend the machine offers runs a few training
// steps and a short sampling run (webgpu here is SwiftShader: kept to a few steps).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { BASE, launch, newTrackedPage, assertClean } from '../helpers.mjs';
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
const waitStatus = (page, id, values, timeout = 180000) => page.waitForFunction(([cellId, vals]) =>
  vals.includes(document.querySelector(`[data-cell="${cellId}"] [data-testid="cell-status"]`)?.textContent), [id, values], { timeout, polling: 200 });

async function trainAndSample(browser, backend, steps, extra = '') {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?${TINY}&train2d.steps=${steps}&train2d.seconds=60&train2d.backend=${backend}&sample2d.backend=${backend}${extra}#cell-train2d`, { waitUntil: 'networkidle' });
  const t = page.locator('[data-cell="train2d"]');
  await t.locator('[data-action="run"]').click();
  await waitStatus(page, 'train2d', ['done', 'error']);
  const err = await t.locator('.cell-error').count() ? await t.locator('.cell-error').innerText() : null;
  assert.equal(err, null, `${backend}: training error`);
  const used = await t.locator('[data-testid="cell-backend"]').innerText();
  const reason = await t.locator('[data-testid="backend-reason"]').innerText();
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
