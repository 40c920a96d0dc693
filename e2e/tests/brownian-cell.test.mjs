import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newTrackedPage, assertClean } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const cell = (page) => page.locator('[data-cell="brownian"]');
const status = (page) => cell(page).locator('[data-testid="cell-status"]');

test('the Brownian cell runs, stops, resets and shows its real code', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/intuition/#cell-brownian`, { waitUntil: 'networkidle' });
  await cell(page).locator('[data-action="run"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-cell="brownian"] canvas')?.dataset.frame) > 5);
  assert.equal(await status(page).innerText(), 'running');
  await cell(page).locator('[data-action="stop"]').click();
  await page.waitForFunction(() => document.querySelector('[data-cell="brownian"] [data-testid="cell-status"]')?.textContent === 'stopped');
  const stoppedAt = Number(await cell(page).locator('canvas').getAttribute('data-frame'));
  await page.waitForTimeout(200);
  assert.equal(Number(await cell(page).locator('canvas').getAttribute('data-frame')), stoppedAt, 'stopped means stopped');

  await cell(page).locator('[data-action="step"]').click();
  assert.equal(Number(await cell(page).locator('canvas').getAttribute('data-frame')), stoppedAt + 1, 'single step');

  await cell(page).locator('[data-action="backwards"]').click();
  await page.waitForFunction(() => document.querySelector('[data-cell="brownian"] [data-testid="cell-status"]')?.textContent === 'done', null, { timeout: 20000 });
  assert.equal(Number(await cell(page).locator('canvas').getAttribute('data-frame')), 0, 'played back to the drop');

  await cell(page).locator('[data-action="reset"]').click();
  assert.equal(await status(page).innerText(), 'idle');

  await cell(page).getByRole('button', { name: 'Show code' }).click();
  await cell(page).locator('.code-figure[aria-busy="false"]').first().waitFor(); // fetched on open
  const code = await cell(page).locator('.code-figure pre').first().innerText();
  assert.match(code, /export function createInkDrop/);
  assertClean(assert, problems, 'brownian');
  await context.close();
});

test('a short run finishes with status done and a measured displacement', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/zh/intuition/?brownian.steps=20&brownian.n=200#cell-brownian`, { waitUntil: 'networkidle' });
  await cell(page).locator('[data-action="run"]').click();
  await page.waitForFunction(() => document.querySelector('[data-cell="brownian"]')?.querySelector('[data-testid="cell-status"]')?.textContent === '完成', null, { timeout: 20000 });
  assert.equal(Number(await cell(page).locator('canvas').getAttribute('data-frame')), 20);
  assert.match(await cell(page).locator('[data-testid="brownian-stats"]').innerText(), /第 20 步/);
  assertClean(assert, problems, 'short run');
  await context.close();
});

test("a cell's copy-link URL, opened fresh, restores its parameters", async () => {
  const { page, context } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/intuition/`, { waitUntil: 'networkidle' });
  const seed = cell(page).locator('input[name="seed"]');
  await seed.fill('4242');
  const nSlider = cell(page).locator('input[type="range"]').first();
  await nSlider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  const n = await cell(page).locator('.control-slider output').first().innerText();
  await cell(page).locator('[data-testid="cell-copy-link"]').click();
  const shared = await cell(page).locator('.cell-share-url').inputValue();
  assert.match(shared, /brownian\.seed=4242/);
  assert.match(shared, /#cell-brownian$/);
  await context.close();

  const fresh = await newTrackedPage(browser);
  await fresh.page.goto(shared, { waitUntil: 'networkidle' });
  assert.equal(await cell(fresh.page).locator('input[name="seed"]').inputValue(), '4242');
  assert.equal(await cell(fresh.page).locator('.control-slider output').first().innerText(), n);
  assert.equal(await cell(fresh.page).locator('[data-testid="cell-notice"]').count(), 0);
  assertClean(assert, fresh.problems, 'shared link');
  await fresh.context.close();
});

test('out-of-range and garbage URL parameters show a notice and safe values, with no console error', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/intuition/?brownian.n=99999999&brownian.step=banana&brownian.seed=-5&brownian.evil=%3Cscript%3E#cell-brownian`, { waitUntil: 'networkidle' });
  const notice = cell(page).locator('[data-testid="cell-notice"]');
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /brownian\.n/);
  assert.match(text, /brownian\.step/);
  assert.match(text, /brownian\.seed/);
  assert.match(text, /brownian\.evil/);
  const outputs = await cell(page).locator('.control-slider output').allInnerTexts();
  assert.equal(outputs[0], '3000', 'n clamped to its maximum');
  assert.equal(outputs[1], '0.020', 'step falls back to its default');
  assert.equal(await cell(page).locator('input[name="seed"]').inputValue(), '0', 'seed clamped to 0');
  await cell(page).locator('[data-action="run"]').click();
  await page.waitForTimeout(300);
  await cell(page).locator('[data-action="stop"]').click();
  assertClean(assert, problems, 'bad params');
  await context.close();
});

test('a teacher link can hide the controls but keep Run', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/intuition/`, { waitUntil: 'networkidle' });
  await cell(page).locator('[data-testid="cell-copy-link"]').click();
  await cell(page).locator('[data-testid="cell-share-hide"]').check();
  const shared = await cell(page).locator('.cell-share-url').inputValue();
  assert.match(shared, /brownian\.hide=controls/);
  await page.goto(shared.replace('brownian.steps=300', 'brownian.steps=15'), { waitUntil: 'networkidle' });
  assert.equal(await cell(page).locator('input[type="range"]').count(), 0, 'sliders hidden');
  assert.equal(await cell(page).locator('[data-testid="cell-notice"]').count(), 0, 'hide is not an unknown parameter');
  await cell(page).locator('[data-action="run"]').click();
  await page.waitForFunction(() => document.querySelector('[data-cell="brownian"] [data-testid="cell-status"]')?.textContent === 'done', null, { timeout: 20000 });
  await cell(page).locator('[data-action="show-controls"]').click();
  assert.ok(await cell(page).locator('input[type="range"]').count() >= 3, 'controls revealed');
  assertClean(assert, problems, 'hide controls');
  await context.close();
});
