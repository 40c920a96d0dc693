// Browser tests for the live 2D DDPM cells (theory chapter: Train2DCell, Sample2DCell; ethics:
// MemorizationCell). Short settings throughout: this machine is 2 cores without a GPU.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, launch, newTrackedPage, assertClean } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SHORT = 'train2d.T=10&train2d.schedule=cosine&train2d.width=16&train2d.depth=2&train2d.batch=64&train2d.backend=wasm';
const tcell = (page) => page.locator('[data-cell="train2d"]');
const scell = (page) => page.locator('[data-cell="sample2d"]');
// No eval in the page: the exported site's Content-Security-Policy forbids it.
const waitStatus = (page, id, values, timeout = 90000) =>
  page.waitForFunction(([cellId, vals]) => vals.includes(document.querySelector(`[data-cell="${cellId}"] [data-testid="cell-status"]`)?.textContent),
    [id, values], { timeout, polling: 100 });
const stepNow = (page) => page.evaluate(() => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent ?? 0));

test('train briefly, save to the kernel, sample with DDIM, scrub, inspect one particle, export CSV', async () => {
  const { page, context, problems } = await newTrackedPage(browser, { context: { acceptDownloads: true } });
  await page.goto(`${BASE}/en/theory/?${SHORT}&train2d.seconds=3&train2d.dataset=moons&train2d.n=300&sample2d.sampler=ddim&sample2d.S=5&sample2d.n=500&sample2d.backend=wasm#cell-train2d`, { waitUntil: 'networkidle' });
  await tcell(page).locator('[data-action="clear-saved"]').isVisible();
  await page.evaluate(async () => { indexedDB.deleteDatabase('ddpm-explorable-train2d'); });
  await tcell(page).locator('[data-action="run"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent) > 0, null, { timeout: 60000 });
  assert.equal(await tcell(page).locator('[data-action="run"]').isDisabled(), true, 'a second Run is impossible while training');
  await waitStatus(page, 'train2d', ['done']);
  assert.equal(await tcell(page).locator('[data-testid="cell-backend"]').innerText(), 'wasm');
  // A plain sentence names the backend; the measured detail is behind a disclosure.
  assert.match(await tcell(page).locator('[data-testid="backend-note"] summary').innerText(), /Computing on wasm/);
  assert.match(await tcell(page).locator('[data-testid="backend-reason"]').textContent(), /wasm/);
  assert.match(await tcell(page).locator('[data-testid="kernel-status"]').innerText(), /Saved model: Two moons/);
  // Loss, precision/coverage and the sliced Wasserstein distance: three charts, each on its own axis.
  assert.ok(Number(await tcell(page).locator('[data-testid="loss-chart"]').getAttribute('data-n')) >= 2, 'loss curve drawn');
  assert.ok(Number(await tcell(page).locator('[data-testid="quality-chart"]').getAttribute('data-n')) >= 1, 'quality measured');
  assert.equal(await tcell(page).locator('[data-testid="swd-chart"] canvas').count(), 1, 'the distance has its own chart');
  // Plot's figures carry no <style> of their own (usePlot removes it; globals.css has its defaults):
  // each one added to the page made the browser recompute style for all of it, 50–59 ms per redraw.
  const plots = await page.evaluate(() => ({ svgs: document.querySelectorAll('main svg[class^="plot-"]').length, styles: document.querySelectorAll('main svg[class^="plot-"] style').length }));
  assert.ok(plots.svgs >= 2, `Plot figures on the page: ${plots.svgs}`);
  assert.equal(plots.styles, 0, 'style elements inside Plot figures');
  const [dl] = await Promise.all([page.waitForEvent('download'), tcell(page).locator('[data-action="export"]').click()]);
  const file = path.join(os.tmpdir(), `t2d-${process.pid}.csv`);
  await dl.saveAs(file);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'x,y');
  assert.equal(lines.length, 2001, '2,000 samples exported');
  assert.ok(lines.slice(1).every((l) => l.split(',').every((v) => Number.isFinite(Number(v)))));

  // Sampling cell uses the kernel's model.
  assert.match(await scell(page).locator('[data-testid="sample2d-model"]').innerText(), /Two moons/);
  await scell(page).locator('[data-action="run"]').click();
  await waitStatus(page, 'sample2d', ['done'], 60000);
  const frames = Number(await scell(page).locator('input[type="range"]#sample2d-scrub').getAttribute('max'));
  assert.equal(frames, 5, 'DDIM with S = 5 records 5 steps');
  assert.match(await scell(page).locator('[data-testid="sample2d-t"]').innerText(), /x₀/);
  await scell(page).locator('#sample2d-scrub').fill('2');
  assert.match(await scell(page).locator('[data-testid="sample2d-t"]').innerText(), /t = 6/);
  // locator.click scrolls the canvas into view first (a raw mouse click at its box missed it when
  // the page had scrolled) and clicks its centre; the nearest particle there is picked.
  await scell(page).locator('[data-testid="sample2d-canvas"]').click();
  const bd = scell(page).locator('[data-testid="particle-breakdown"]');
  await bd.waitFor();
  assert.match(await bd.innerText(), /t = 6 → 4/);
  assert.ok(await bd.locator('.katex').count() >= 1, 'formula rendered with KaTeX');
  assert.equal(await bd.locator('tbody tr').count(), 6, 'x_t, ε̂, x̂0, mean, σz, next');
  assert.ok(await bd.locator('tbody .katex').count() >= 6, 'each row names its quantity in typeset math');
  // Nothing in the breakdown runs past the cell's right edge (long formulas wrap or scroll inside).
  const overflow = await scell(page).evaluate((el) => {
    const right = el.getBoundingClientRect().right;
    return [...el.querySelectorAll('[data-testid="particle-breakdown"] > *')].map((c) => c.getBoundingClientRect().right - right).filter((d) => d > 1);
  });
  assert.deepEqual(overflow, [], 'breakdown inside the cell');
  assert.equal(await scell(page).locator('[data-testid="sample2d-legend"] li').count(), 4, 'legend: training points, particles, paths, picked');
  // The slider's value stands on its own line above it, not next to the particle field.
  const [label, out, range] = await Promise.all(['label[for="sample2d-scrub"]', '[data-testid="sample2d-t"]', '#sample2d-scrub'].map((q) => scell(page).locator(q).boundingBox()));
  assert.ok(Math.abs(label.y - out.y) < 4 && out.y + out.height <= range.y + 2, 'reverse-step label and value on one line, above the slider');
  assertClean(assert, problems, 'train + sample');
  await context.close();
});

test('sampling with z = 0 at every step: no fresh noise in any step', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?sample2d.zeroNoise=1&sample2d.n=300&sample2d.backend=wasm#cell-sample2d`, { waitUntil: 'networkidle' });
  const zBox = scell(page).getByLabel('z = 0 at every step (no fresh noise)');
  for (let i = 0; i < 100 && !(await zBox.isChecked()); i++) await page.waitForTimeout(100); // until hydrated from the URL
  assert.equal(await zBox.isChecked(), true, 'sample2d.zeroNoise=1 ticks the box');
  await scell(page).locator('[data-action="run"]').click();
  await waitStatus(page, 'sample2d', ['done'], 90000);
  await scell(page).locator('[data-testid="sample2d-zero-noise"]').waitFor();
  await scell(page).locator('#sample2d-scrub').fill('10');
  await scell(page).locator('#sample2d-particle').fill('5');
  const bd = scell(page).locator('[data-testid="particle-breakdown"]');
  await bd.waitFor();
  assert.equal(await bd.locator('tbody tr').nth(4).locator('td').nth(1).innerText(), '(0.000, 0.000)', 'σ_t z = (0, 0) at an intermediate step');
  assert.equal(await bd.locator('tbody tr').nth(5).locator('td').nth(1).innerText(), await bd.locator('tbody tr').nth(3).locator('td').nth(1).innerText(), 'next position = the mean');
  assertClean(assert, problems, 'z = 0');
  await context.close();
});

test('the saved model survives a reload until it is cleared', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?${SHORT}&train2d.seconds=2&train2d.dataset=circles&train2d.n=200#cell-train2d`, { waitUntil: 'networkidle' });
  await tcell(page).locator('[data-action="run"]').click();
  await waitStatus(page, 'train2d', ['done']);
  // The model is written to IndexedDB after the run ends (the run does not wait for the disk).
  await page.waitForFunction(() => new Promise((resolve) => {
    const open = indexedDB.open('ddpm-explorable-train2d');
    open.onupgradeneeded = () => open.transaction.abort(); // not there yet: do not create it
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('models')) { db.close(); resolve(false); return; }
      const get = db.transaction('models').objectStore('models').get('theory-2d');
      get.onsuccess = () => { db.close(); resolve(!!get.result); };
      get.onerror = () => { db.close(); resolve(false); };
    };
  }), null, { polling: 100 });
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForFunction(() => /restored/.test(document.querySelector('[data-testid="kernel-status"]')?.textContent ?? ''));
  assert.match(await scell(page).locator('[data-testid="sample2d-model"]').innerText(), /Circles/);
  await tcell(page).locator('[data-action="clear-saved"]').click();
  await page.waitForFunction(() => /No saved model/.test(document.querySelector('[data-testid="kernel-status"]')?.textContent ?? ''));
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  assert.match(await tcell(page).locator('[data-testid="kernel-status"]').innerText(), /No saved model/);
  // Without a model of the reader's own, sampling uses the one pretrained for the selected data set, and says so.
  await scell(page).locator('[data-testid="pretrained-note"][data-state="ready"]').waitFor();
  assert.match(await scell(page).locator('[data-testid="pretrained-note"]').innerText(), /pretrained for Circles/);
  assertClean(assert, problems, 'reload');
  await context.close();
});

test('pause, resume and stop', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?${SHORT}&train2d.seconds=60&train2d.dataset=moons&train2d.n=200#cell-train2d`, { waitUntil: 'networkidle' });
  await tcell(page).locator('[data-action="run"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent) > 5, null, { timeout: 60000 });
  await tcell(page).locator('[data-action="pause"]').click();
  await tcell(page).locator('[data-testid="train2d-paused"]').waitFor();
  await page.waitForTimeout(400);
  const a = await stepNow(page);
  await page.waitForTimeout(800);
  assert.equal(await stepNow(page), a, 'paused means no steps');
  await tcell(page).locator('[data-action="pause"]').click(); // resume
  await page.waitForFunction((s) => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent) > s, a, { timeout: 30000 });
  await tcell(page).locator('[data-action="stop"]').click();
  await waitStatus(page, 'train2d', ['stopped']);
  assert.match(await tcell(page).locator('[data-testid="kernel-status"]').innerText(), /Saved model/, 'a stopped run keeps its model');
  assertClean(assert, problems, 'pause');
  await context.close();
});

test('a bad upload shows the parser message; bad URL params show a notice', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?train2d.dataset=upload&train2d.T=banana&train2d.width=99999&train2d.backend=tpu&train2d.lr=-1#cell-train2d`, { waitUntil: 'networkidle' });
  const notice = tcell(page).locator('[data-testid="cell-notice"]');
  await notice.waitFor();
  const n = await notice.innerText();
  for (const p of ['T', 'width', 'backend', 'lr']) assert.match(n, new RegExp(`train2d\\.${p}|${p}`));
  assert.equal(await tcell(page).locator('select').filter({ has: page.locator('option[value="webgpu"]') }).inputValue(), 'auto');
  await tcell(page).locator('input[type="file"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n3,4\n') });
  const msg = tcell(page).locator('[data-testid="upload-message"]');
  await msg.waitFor();
  assert.match(await msg.innerText(), /expected a header with columns x and y/);
  await tcell(page).locator('input[type="file"]').setInputFiles({ name: 'bad2.csv', mimeType: 'text/csv', buffer: Buffer.from('x,y\n1,2\n3,oops\n') });
  await page.waitForFunction(() => /Line 3/.test(document.querySelector('[data-testid="upload-message"]')?.textContent ?? ''));
  // Run with no valid file: a clear message, no crash.
  await tcell(page).locator('[data-action="run"]').click();
  await waitStatus(page, 'train2d', ['error']);
  assert.match(await tcell(page).locator('.cell-error').innerText(), /Line 3/);
  await tcell(page).locator('input[type="file"]').setInputFiles({ name: 'ok.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from('x\ty\n1\t2\n3\t4\n5\t1\n') });
  await tcell(page).locator('[data-testid="upload-ok"]').waitFor();
  assert.match(await tcell(page).locator('[data-testid="upload-ok"]').innerText(), /3 points/);
  assertClean(assert, problems, 'bad input');
  await context.close();
});

test('20 train/stop cycles leave the tensor count at baseline in the page and in the worker', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?${SHORT}&train2d.seconds=60&train2d.dataset=moons&train2d.n=200#cell-train2d`, { waitUntil: 'networkidle' });
  const cycle = async () => {
    await tcell(page).locator('[data-action="run"]').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent) > 0
      && document.querySelector('[data-cell="train2d"] [data-testid="cell-status"]')?.textContent === 'running', null, { timeout: 60000 });
    await tcell(page).locator('[data-action="stop"]').click();
    await waitStatus(page, 'train2d', ['stopped', 'done']);
  };
  await cycle();
  const baseWorker = await page.evaluate(() => window.__train2d.workerTensors());
  const basePage = await page.evaluate(() => window.__train2d.pageTensors());
  assert.equal(baseWorker.length, 1, 'one worker');
  for (let i = 0; i < 20; i++) await cycle();
  const afterWorker = await page.evaluate(() => window.__train2d.workerTensors());
  const afterPage = await page.evaluate(() => window.__train2d.pageTensors());
  assert.deepEqual(afterWorker, baseWorker, 'worker tensors back to baseline');
  assert.equal(afterPage, basePage, 'page tensors unchanged (the page itself loads no TF.js)');
  assertClean(assert, problems, 'cycles');
  await context.close();
});

test('memorization: samples collapse onto 20 training points', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  // A step budget, not a time budget: on a loaded machine 6 s gave too few steps to memorise
  // (median distance 0.56 at load 8), and the claim is about the trained model, not the clock.
  await page.goto(`${BASE}/en/ethics/?memorize2d.steps=3000&memorize2d.seconds=300&memorize2d.backend=wasm#cell-memorize2d`, { waitUntil: 'networkidle' });
  const cell = page.locator('[data-cell="memorize2d"]');
  await cell.locator('[data-action="run"]').click();
  await waitStatus(page, 'memorize2d', ['done'], 120000);
  const share = Number(await cell.locator('[data-testid="memo-copies"]').getAttribute('data-share'));
  const median = Number(await cell.locator('[data-testid="memo-median"]').getAttribute('data-median'));
  assert.ok(Number.isFinite(share) && share >= 0 && share <= 1);
  assert.ok(median < 0.3, `samples sit near the 20 training points (median distance ${median})`);
  assertClean(assert, problems, 'memorization');
  await context.close();
});
