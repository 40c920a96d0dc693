// The pretrained image model in the browser: the prompt cell samples in both languages, Stop
// works and leaves the worker's tensor count at its baseline, the three repair cells agree with
// their observations, and a corrupted model file gives a clear message while the page keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BASE, launch, newTrackedPage, assertClean, waitForUrl, stopLatencyMs, readCellSpecs } from '../helpers.mjs';
import { startStaticServer } from '../../scripts/serve-static.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const LONG = 240_000;
const cellSel = (id) => `[data-cell="${id}"]`;
const statusOf = (page, id) => page.locator(`${cellSel(id)} .cell-status`).getAttribute('data-status');
const waitStatus = (page, id, wanted, timeout = LONG) => page.waitForFunction(
  ([sel, w]) => w.includes(document.querySelector(`${sel} .cell-status`)?.dataset.status),
  [cellSel(id), wanted], { timeout, polling: 250 },
);

/** Pixel spread of a canvas (0 for a blank one). */
const canvasSpread = (page, sel) => page.locator(sel).evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let lo = 255, hi = 0;
  for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) { lo = Math.min(lo, d[i + k]); hi = Math.max(hi, d[i + k]); }
  return hi - lo;
});

async function tensorsAfterRun(page, id) {
  const t = page.locator(`${cellSel(id)} [data-testid="worker-tensors"]`);
  // Behind the cell's "Technical details" disclosure: present, not necessarily shown.
  await t.waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(300); // the memory reply follows the job's end
  return { now: Number(await t.getAttribute('data-num-tensors')), baseline: Number(await t.getAttribute('data-baseline')) };
}

for (const [lang, prompt, digit, colour] of [['en', 'a blue 3', '3', 'blue'], ['zh', '绿色的三', '3', 'green']]) {
  test(`prompt cell (${lang}): "${prompt}" is understood and sampled with short settings`, async () => {
    const { page, context, problems } = await newTrackedPage(browser);
    await page.goto(`${BASE}/${lang}/applications/?prompt.count=2&prompt.steps=5#cell-prompt`, { waitUntil: 'networkidle' });
    await readCellSpecs(page, 60_000); // typed input or a Run before hydration would be lost
    const cell = page.locator(cellSel('prompt'));
    await cell.locator('input[name="prompt"]').fill(prompt);
    const parse = cell.locator('[data-testid="prompt-parse"]');
    assert.equal(await parse.getAttribute('data-digit'), digit);
    assert.equal(await parse.getAttribute('data-colour'), colour);
    const selects = cell.locator('select');
    assert.equal(await selects.nth(0).inputValue(), digit);
    assert.equal(await selects.nth(1).inputValue(), colour);
    await cell.locator('[data-action="run"]').click();
    await waitStatus(page, 'prompt', ['done', 'error']);
    assert.equal(await statusOf(page, 'prompt'), 'done', await cell.locator('.cell-error').allInnerTexts().then((t) => t.join(' ')));
    const samples = cell.locator('[data-testid="sample"]');
    assert.equal(await samples.count(), 2);
    for (let i = 0; i < 2; i++) {
      assert.equal(await samples.nth(i).getAttribute('data-state'), 'final');
      assert.equal(await samples.nth(i).getAttribute('data-requested-digit'), digit);
      assert.ok(await canvasSpread(page, `${cellSel('prompt')} [data-testid="sample"][data-index="${i}"] canvas`) > 40, 'a drawn digit, not a blank tile');
      assert.match(await samples.nth(i).getAttribute('data-verdict-digit'), /^\d$/, 'graded by the classifier');
    }
    const summary = cell.locator('[data-testid="prompt-summary"]');
    assert.equal(await summary.getAttribute('data-steps'), '5');
    assert.equal(await summary.getAttribute('data-batch'), '4', 'both guidance halves in one batch of 2N');
    assert.ok(Number(await summary.getAttribute('data-total-seconds')) > 0);
    assert.match(await cell.locator('[data-testid="cell-backend"]').innerText(), /^(wasm|webgl|webgpu|cpu)$/);
    const t = await tensorsAfterRun(page, 'prompt');
    assert.ok(t.baseline > 0);
    assert.equal(t.now, t.baseline, 'tensor count back to baseline after a run');
    assertClean(assert, problems, `prompt ${lang}`);
    await context.close();
  });
}

/** Runs the prompt cell at `url` (short settings) and returns its model line facts and sample pixels. */
async function promptPixels(url, options) {
  const { page, context, problems } = await newTrackedPage(browser, options);
  await page.goto(url, { waitUntil: 'networkidle' });
  await readCellSpecs(page, 60_000);
  const cell = page.locator(cellSel('prompt'));
  await cell.locator('[data-action="run"]').click();
  await waitStatus(page, 'prompt', ['done', 'error']);
  assert.equal(await statusOf(page, 'prompt'), 'done', await cell.locator('.cell-error').allInnerTexts().then((t) => t.join(' ')));
  const line = cell.locator('[data-testid="model-status"]');
  const out = {
    isolated: await page.evaluate(() => self.crossOriginIsolated === true),
    threads: await line.getAttribute('data-wasm-threads'), why: await line.getAttribute('data-threads-why'), text: await line.innerText(),
    backend: await cell.locator('[data-testid="cell-backend"]').innerText(),
    pixels: await cell.locator('[data-testid="sample"] canvas').evaluateAll((cs) => cs.map((c) => [...c.getContext('2d').getImageData(0, 0, c.width, c.height).data])),
    tensors: await tensorsAfterRun(page, 'prompt'),
  };
  assertClean(assert, problems, url);
  await context.close();
  return out;
}

test('threaded wasm: served cross-origin isolated with 2 threads forced, the model runs on 2 threads and draws the same digits as one thread', async () => {
  const q = 'prompt.count=2&prompt.steps=5&prompt.backend=wasm';
  const one = await promptPixels(`${BASE}/en/applications/?${q}#cell-prompt`);
  assert.equal(one.isolated, false);
  assert.deepEqual([one.threads, one.why], ['1', 'not-isolated']);
  assert.match(one.text, /one thread: this page is not cross-origin isolated/);
  const server = await startStaticServer('out', 0, { isolate: true });
  try {
    const two = await promptPixels(`${server.url}/en/applications/?${q}&wasm-threads=2#cell-prompt`);
    assert.equal(two.isolated, true);
    assert.equal(two.backend, 'wasm');
    assert.deepEqual([two.threads, two.why], ['2', 'forced'], two.text);
    assert.equal(two.tensors.now, two.tensors.baseline, 'tensor count back to baseline on the threaded build');
    assert.equal(two.pixels.length, one.pixels.length);
    let maxDiff = 0;
    two.pixels.forEach((px, i) => px.forEach((v, k) => { maxDiff = Math.max(maxDiff, Math.abs(v - one.pixels[i][k])); }));
    // Threads only reorder float sums inside a convolution: the same seed draws the same digits.
    assert.ok(maxDiff <= 8, `threaded and single-threaded samples differ by up to ${maxDiff}/255`);
  } finally {
    await server.close();
  }
});

test('prompt cell: nonsense and conflicts are explained, and Stop leaves no tensors behind', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/applications/?prompt.count=4&prompt.steps=400#cell-prompt`, { waitUntil: 'networkidle' });
  await readCellSpecs(page, 60_000); // typed input or a Run before hydration would be lost
  const cell = page.locator(cellSel('prompt'));
  await cell.locator('input[name="prompt"]').fill('a happy cat');
  assert.equal(await cell.locator('[data-testid="prompt-problem"]').getAttribute('data-kind'), 'nothing-understood');
  await cell.locator('input[name="prompt"]').fill('a red 3 and a 7');
  assert.equal(await cell.locator('[data-testid="prompt-problem"]').getAttribute('data-kind'), 'two-digits');
  assert.equal(await cell.locator('select').nth(0).inputValue(), '3');

  await cell.locator('[data-action="run"]').click();
  // Stop in the middle of sampling (once a preview has been drawn).
  await page.waitForFunction((sel) => document.querySelector(`${sel} [data-testid="sample"][data-state="preview"]`), cellSel('prompt'), { timeout: LONG });
  const stop = await stopLatencyMs(page, 'prompt');
  console.log(`# image sampling: Stop took ${stop.ms.toFixed(0)} ms`);
  assert.equal(stop.status, 'stopped');
  assert.ok(stop.ms < 500, `Stop took ${stop.ms.toFixed(0)} ms`);
  const stopped = await tensorsAfterRun(page, 'prompt');
  assert.equal(stopped.now, stopped.baseline, 'tensor count back to baseline after a Stop');

  // And it runs again afterwards.
  await cell.locator('input[name="count"]').fill('1');
  await cell.locator('input[type="range"]').first().focus();
  await page.keyboard.press('Home'); // S = 1 step
  await cell.locator('[data-action="run"]').click();
  await waitStatus(page, 'prompt', ['done', 'error']);
  assert.equal(await statusOf(page, 'prompt'), 'done');
  const again = await tensorsAfterRun(page, 'prompt');
  assert.equal(again.now, again.baseline);
  assertClean(assert, problems, 'stop');
  await context.close();
});

test('a killed image-model worker: the cell says so, and Run loads the model again and samples', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/applications/?prompt.count=2&prompt.steps=400#cell-prompt`, { waitUntil: 'networkidle' });
  await readCellSpecs(page, 60_000); // typed input or a Run before hydration would be lost
  const cell = page.locator(cellSel('prompt'));
  await cell.locator('[data-action="run"]').click();
  await page.waitForFunction((sel) => document.querySelector(`${sel} [data-testid="sample"][data-state="preview"]`), cellSel('prompt'), { timeout: LONG });
  await page.evaluate(() => window.__ddpmWorkers.terminate('image-model worker'));
  await waitStatus(page, 'prompt', ['error', 'stopped', 'done'], 30_000);
  assert.equal(await statusOf(page, 'prompt'), 'error');
  assert.match(await cell.locator('.cell-error').innerText(), /The image-model worker was terminated\. Press Run to start it again\./);
  assert.equal(await cell.locator('[data-testid="model-status"]').getAttribute('data-state'), 'error');
  // Run again: a fresh worker loads the model and samples (one DDIM step).
  await cell.locator('input[name="count"]').fill('1');
  await cell.locator('input[type="range"]').first().focus();
  await page.keyboard.press('Home');
  await cell.locator('[data-action="run"]').click();
  await waitStatus(page, 'prompt', ['done', 'error']);
  assert.equal(await statusOf(page, 'prompt'), 'done', await cell.locator('.cell-error').allInnerTexts().then((t) => t.join(' ')));
  assert.equal(await cell.locator('[data-testid="model-status"]').getAttribute('data-state'), 'ready');
  const t = await tensorsAfterRun(page, 'prompt');
  assert.equal(t.now, t.baseline);
  assertClean(assert, problems, 'killed worker');
  await context.close();
});

test('repair cells: super-resolution, inpainting (drawn mask) and colorization agree with their observations', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/applications/?superres.steps=5&superres.count=2&inpaint.steps=5&inpaint.count=1&inpaint.resample=1&colorize.steps=5&colorize.count=1&colorize.colour=red&colorize.w=2#cell-superres`, { waitUntil: 'networkidle' });
  // Draw on the inpainting mask with the pointer: the mask becomes "custom" and goes into the URL.
  const painter = page.locator(`${cellSel('inpaint')} [data-testid="mask-painter"]`);
  await painter.scrollIntoViewIfNeeded();
  await page.waitForFunction((sel) => document.querySelector(`${sel} select[name="sample"] option`)?.textContent !== '…', cellSel('inpaint'));
  const box = await painter.boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.8);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.8, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => /inpaint\.mask=[A-Za-z0-9_-]{100,}/.test(location.search), null, { timeout: 5000 });
  await waitForUrl(page, /inpaint\.preset=custom/);

  // Super-resolution from a digit drawn by hand.
  const sr = page.locator(cellSel('superres'));
  await sr.getByLabel('Input', { exact: true }).selectOption('drawn');
  const canvas = sr.locator('[data-testid="stroke-painter"]');
  await canvas.scrollIntoViewIfNeeded();
  const b2 = await canvas.boundingBox();
  await page.mouse.move(b2.x + b2.width * 0.5, b2.y + b2.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(b2.x + b2.width * 0.5, b2.y + b2.height * 0.85, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(() => /superres\.strokes=[A-Za-z0-9_-]{100,}/.test(location.search), null, { timeout: 5000 });
  assert.ok(await canvasSpread(page, `${cellSel('superres')} [data-testid="inverse-observed"]`) > 40, 'the drawing shows up in y');

  for (const id of ['superres', 'inpaint', 'colorize']) {
    const cell = page.locator(cellSel(id));
    await cell.scrollIntoViewIfNeeded();
    await cell.locator('[data-action="run"]').click();
    await waitStatus(page, id, ['done', 'error']);
    assert.equal(await statusOf(page, id), 'done', `${id}: ${await cell.locator('.cell-error').allInnerTexts()}`);
    const dev = Number(await cell.locator('[data-testid="inverse-consistency"]').getAttribute('data-max-deviation'));
    assert.ok(dev < 1e-4, `${id}: A x0 = y (max deviation ${dev})`);
    const finals = cell.locator('[data-testid="sample"][data-state="final"]');
    assert.ok(await finals.count() >= 1);
    assert.ok(await canvasSpread(page, `${cellSel(id)} [data-testid="sample"][data-index="0"] canvas`) > 40);
  }
  assertClean(assert, problems, 'repair cells');
  await context.close();
});

test('an invalid mask in a link falls back to a preset with a notice', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/zh/applications/?inpaint.preset=custom&inpaint.mask=%21%21bad#cell-inpaint`, { waitUntil: 'networkidle' });
  await page.locator(`${cellSel('inpaint')} [data-testid="mask-problem"]`).waitFor();
  assertClean(assert, problems, 'bad mask');
  await context.close();
});

for (const [what, overrides, message] of [
  ['a corrupt model.json', () => ({ '/models/colour-mnist-unet/model.json': '{not json' }), /model\.json is not valid JSON/],
  ['a truncated weight shard', () => {
    const shard = fs.readFileSync('out/models/colour-mnist-unet/group1-shard1of1.bin');
    return { '/models/colour-mnist-unet/group1-shard1of1.bin': shard.subarray(0, Math.floor(shard.length / 2)) };
  }, /group1-shard1of1\.bin is \d+ bytes, expected \d+ — the download is incomplete or corrupt/],
]) {
  test(`${what} gives a clear message in the cell and the page keeps working`, async () => {
    const server = await startStaticServer('out', 0, { overrides: overrides() });
    try {
      const { page, context, problems } = await newTrackedPage(browser);
      await page.goto(`${server.url}/en/applications/?prompt.count=1&prompt.steps=3#cell-prompt`, { waitUntil: 'networkidle' });
      const cell = page.locator(cellSel('prompt'));
      await cell.locator('[data-action="run"]').click();
      await waitStatus(page, 'prompt', ['error', 'done']);
      assert.equal(await statusOf(page, 'prompt'), 'error');
      assert.match(await cell.locator('.cell-error').innerText(), message);
      assert.equal(await cell.locator('[data-testid="model-status"]').getAttribute('data-state'), 'error');
      // The rest of the page works: another cell's controls, show code, and a retry that fails the same clear way.
      await cell.getByRole('button', { name: 'Show code' }).click();
      // The source is fetched when the panel opens (components/cell/codeSource.ts).
      await cell.locator('.code-figure[aria-busy="false"]').first().waitFor();
      assert.match(await cell.locator('.code-figure pre').first().innerText(), /export async function sampleImages/);
      const sr = page.locator(cellSel('superres'));
      await sr.getByLabel('Downsampling factor f').selectOption('4');
      await waitForUrl(page, /superres\.factor=4/);
      assert.equal(await canvasSpread(page, `${cellSel('superres')} [data-testid="inverse-pinv"]`) > 40, true);
      await cell.locator('[data-action="rerun"]').click();
      await waitStatus(page, 'prompt', ['error', 'done']);
      assert.match(await cell.locator('.cell-error').innerText(), message);
      assertClean(assert, problems, what);
      await context.close();
    } finally {
      await server.close();
    }
  });
}
