// Classroom links: a cell that needs a trained 2D model opens with the shipped pretrained one
// (public/models/2d/), `<cell>.run=1` shows the result without a click, a model goes out as a
// file and comes back with the same samples, a bad model file gets a message, and on a phone
// the table of contents folds into one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, LANGS, SLUGS, launch, newTrackedPage, assertClean } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const cell = (page, id) => page.locator(`[data-cell="${id}"]`);
const waitStatus = (page, id, values, timeout = 90000) => page.waitForFunction(([sel, vals]) =>
  vals.includes(document.querySelector(sel)?.textContent), [`[data-cell="${id}"] [data-testid="cell-status"]`, values], { timeout, polling: 100 });
/**
 * Press Run on a cell and see it start. A click that lands while the page is still hydrating can
 * be lost (seen under load), so click again until the status line has shown "running" (watched
 * with a MutationObserver: a short run may be over before a poll would see it).
 */
async function run(page, id) {
  const sel = `[data-cell="${id}"] [data-testid="cell-status"]`;
  await page.evaluate((s) => {
    window.__sawRunning = false;
    const el = document.querySelector(s);
    new MutationObserver(() => { if (el.textContent === 'running') window.__sawRunning = true; }).observe(el, { childList: true, characterData: true, subtree: true });
  }, sel);
  for (let i = 0; i < 5; i++) {
    await cell(page, id).locator('[data-action="run"]').click();
    if (await page.waitForFunction(() => window.__sawRunning, null, { timeout: 3000 }).then(() => true, () => false)) return;
  }
  throw new Error(`${id}: Run did not start`);
}
const SAMPLE = 'sample2d.sampler=ddim&sample2d.S=8&sample2d.n=300&sample2d.seed=11&sample2d.backend=wasm';

async function download(page, locator) {
  const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const file = path.join(os.tmpdir(), `classroom-${process.pid}-${Math.random().toString(36).slice(2)}-${dl.suggestedFilename()}`);
  await dl.saveAs(file);
  return file;
}
const samplesCsv = async (page) => fs.readFileSync(await download(page, cell(page, 'sample2d').locator('[data-action="export"]')), 'utf8');

test('a fresh browser opening a sampling link with run=1 sees samples from the pretrained model, no training', async () => {
  const { page, context, problems } = await newTrackedPage(browser, { context: { acceptDownloads: true } });
  await page.goto(`${BASE}/en/theory/?${SAMPLE}&sample2d.run=1#cell-sample2d`);
  await waitStatus(page, 'sample2d', ['done']);
  const note = cell(page, 'sample2d').locator('[data-testid="pretrained-note"]');
  assert.match(await note.innerText(), /pretrained for Datasaurus dino \(6,000 training steps\)/);
  assert.equal(await note.locator('a').getAttribute('href'), '#cell-train2d', 'the note points to the training cell');
  assert.equal(await cell(page, 'sample2d').locator('#sample2d-scrub').getAttribute('max'), '8', 'DDIM, 8 steps, animated');
  assert.equal(await cell(page, 'train2d').locator('[data-testid="cell-status"]').innerText(), 'idle', 'nothing was trained');
  const rows = (await samplesCsv(page)).trim().split('\n');
  assert.equal(rows.length, 301, '300 samples');
  // The training cell's data set picks the pretrained model; the Chinese page says so in Chinese.
  await page.goto(`${BASE}/zh/theory/?train2d.dataset=moons&${SAMPLE}&sample2d.run=1#cell-sample2d`);
  await waitStatus(page, 'sample2d', ['完成']);
  assert.match(await cell(page, 'sample2d').locator('[data-testid="pretrained-note"]').innerText(), /已载入一个为“双月”预训练的模型/);
  // Any cell honours run=1 (a main-thread one here).
  await page.goto(`${BASE}/en/intuition/?brownian.run=1#cell-brownian`);
  await page.waitForFunction(() => document.querySelector('[data-cell="brownian"] [data-testid="cell-status"]')?.textContent !== 'idle', null, { timeout: 30000 });
  assertClean(assert, problems, 'run=1');
  await context.close();
});

test('download the trained model, load it back in a fresh page: the same seed gives the same samples', async () => {
  const { page, context, problems } = await newTrackedPage(browser, { context: { acceptDownloads: true } });
  const short = 'train2d.T=10&train2d.schedule=cosine&train2d.width=16&train2d.depth=2&train2d.batch=64&train2d.backend=wasm&train2d.seconds=3&train2d.dataset=circles&train2d.n=200';
  await page.goto(`${BASE}/en/theory/?${short}&${SAMPLE}#cell-train2d`, { waitUntil: 'networkidle' });
  await run(page, 'train2d');
  await waitStatus(page, 'train2d', ['done', 'error']);
  assert.equal(await cell(page, 'train2d').locator('.cell-error').count(), 0, 'training ran');
  await run(page, 'sample2d');
  await waitStatus(page, 'sample2d', ['done']);
  const before = await samplesCsv(page);
  const modelFile = await download(page, cell(page, 'sample2d').locator('[data-action="download-model"]'));
  const saved = JSON.parse(fs.readFileSync(modelFile, 'utf8'));
  assert.equal(saved.version, 1);
  assert.match(saved.checksum, /^[0-9a-f]{8}$/);
  // Forget it: the page falls back to the pretrained dino, which samples something else.
  await cell(page, 'sample2d').locator('[data-action="clear-saved"]').click();
  await page.reload({ waitUntil: 'networkidle' });
  await cell(page, 'sample2d').locator('[data-testid="pretrained-note"][data-state="ready"]').waitFor();
  await run(page, 'sample2d');
  await waitStatus(page, 'sample2d', ['done']);
  assert.notEqual(await samplesCsv(page), before, 'the pretrained model is a different model');
  await cell(page, 'sample2d').locator('[data-testid="sample2d-model-file"]').setInputFiles(modelFile);
  assert.match(await cell(page, 'sample2d').locator('[data-testid="model-file-message"]').innerText(), /Loaded the model/);
  assert.equal(await cell(page, 'sample2d').locator('[data-testid="pretrained-note"]').count(), 0, 'the note goes with the pretrained model');
  await run(page, 'sample2d');
  await waitStatus(page, 'sample2d', ['done']);
  assert.equal(await samplesCsv(page), before, 'same model file, same seed: the same samples');
  assertClean(assert, problems, 'round trip');
  await context.close();
});

/** FNV-1a, as the model file's checksum: lets the test write files that are damaged inside but sealed. */
function fnv1a32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return h.toString(16).padStart(8, '0');
}
function reseal(file, change) {
  const { checksum: _c, ...body } = JSON.parse(JSON.stringify(file));
  change(body);
  return JSON.stringify({ ...body, checksum: fnv1a32(JSON.stringify(body)) });
}

test('a wrong or corrupt model file shows a message and changes nothing', async () => {
  const { page, context, problems } = await newTrackedPage(browser, { context: { acceptDownloads: true } });
  await page.goto(`${BASE}/en/theory/?${SAMPLE}#cell-sample2d`, { waitUntil: 'networkidle' });
  await cell(page, 'sample2d').locator('[data-testid="pretrained-note"][data-state="ready"]').waitFor();
  const good = JSON.parse(fs.readFileSync(await download(page, cell(page, 'sample2d').locator('[data-action="download-model"]')), 'utf8'));
  const nan = Buffer.from(new Float32Array([NaN, ...new Float32Array(good.layers[0].bias.n - 1)]).buffer).toString('base64');
  const cases = [
    ['notes.json', 'this is { not json', /not valid JSON/],
    ['other.json', JSON.stringify({ hello: 'world' }), /not a 2D model saved from this site/],
    ['future.json', reseal(good, (b) => { b.version = 7; }), /version 7/],
    ['edited.json', JSON.stringify({ ...good, steps: good.steps + 1 }), /damaged or was edited/],
    ['shapes.json', reseal(good, (b) => { b.layers.pop(); }), /does not fit together/],
    ['nan.json', reseal(good, (b) => { b.layers[0].bias = { enc: 'f32', n: b.layers[0].bias.n, data: nan }; }), /not numbers/],
    ['huge.json', ' '.repeat(5_000_000), /too large/],
  ];
  const input = cell(page, 'sample2d').locator('[data-testid="sample2d-model-file"]');
  const message = cell(page, 'sample2d').locator('[data-testid="model-file-message"]');
  for (const [name, text, re] of cases) {
    await input.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction(([src]) => new RegExp(src).test(document.querySelector('[data-testid="model-file-message"]')?.textContent ?? ''), [re.source], { timeout: 10000 });
    assert.equal(await message.getAttribute('role'), 'alert', name);
  }
  assert.equal(await cell(page, 'sample2d').locator('[data-testid="pretrained-note"][data-state="ready"]').count(), 1, 'still the pretrained model');
  await run(page, 'sample2d');
  await waitStatus(page, 'sample2d', ['done']);
  assertClean(assert, problems, 'corrupt files');
  await context.close();
});

test('the memorization cell opens with a pretrained 20-point model', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/ethics/?memorize2d.backend=wasm#cell-memorize2d`, { waitUntil: 'networkidle' });
  const note = cell(page, 'memorize2d').locator('[data-testid="pretrained-note"][data-state="ready"]');
  await note.waitFor({ timeout: 60000 });
  assert.match(await note.innerText(), /pretrained on 20 points of Two moons \(3,000 training steps\)/);
  const share = Number(await cell(page, 'memorize2d').locator('[data-testid="memo-copies"]').getAttribute('data-share'));
  assert.ok(share > 0.2, `samples pile up on the 20 points (${share})`);
  await cell(page, 'memorize2d').locator('select').filter({ has: page.locator('option[value="circles"]') }).selectOption('circles');
  await page.waitForFunction(() => /Circles/.test(document.querySelector('[data-cell="memorize2d"] [data-testid="pretrained-note"]')?.textContent ?? ''), null, { timeout: 60000 });
  assertClean(assert, problems, 'memorization');
  await context.close();
});

test('phones (375 px): the contents fold into one line; title and first paragraph on the first screen', async () => {
  const { page, context, problems } = await newTrackedPage(browser, { viewport: { width: 375, height: 667 }, context: { isMobile: true, hasTouch: true } });
  for (const lang of LANGS) {
    for (const slug of SLUGS) {
      await page.goto(`${BASE}/${lang}/${slug}/`, { waitUntil: 'domcontentloaded' });
      const m = await page.evaluate(() => {
        const rect = (el) => el?.getBoundingClientRect();
        const firstP = [...document.querySelectorAll('main article > p')].find((p) => p.textContent.trim().length > 0);
        return {
          h1: rect(document.querySelector('main h1'))?.bottom, lede: rect(document.querySelector('main .lede'))?.bottom,
          firstP: rect(firstP)?.top, list: rect(document.querySelector('nav.toc ol'))?.height,
          toggle: rect(document.querySelector('[data-testid="toc-toggle"]'))?.height,
        };
      });
      const where = `${lang}/${slug}`;
      assert.equal(m.list, 0, `${where}: the list is folded`);
      assert.ok(m.toggle > 0 && m.toggle < 60, `${where}: one "On this page" line (${m.toggle}px)`);
      assert.ok(m.h1 <= 667 && m.lede <= 667, `${where}: title and summary on the first screen (${m.h1}, ${m.lede})`);
      assert.ok(m.firstP === undefined || m.firstP < 667, `${where}: the first paragraph starts on the first screen (${m.firstP})`);
    }
  }
  await page.goto(`${BASE}/en/theory/`, { waitUntil: 'networkidle' });
  const toggle = page.locator('[data-testid="toc-toggle"]');
  assert.match(await toggle.innerText(), /On this page/);
  // Hydrated: the current section's name is filled in by an effect, after React has committed.
  await page.locator('[data-testid="toc-toggle"] .toc-toggle-current').waitFor();
  await toggle.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="toc-toggle"]').getAttribute('aria-expanded') === 'true', null, { timeout: 5000 });
  const second = page.locator('nav.toc ol a').nth(1);
  const target = (await second.getAttribute('href')).slice(1);
  await second.click();
  await page.waitForFunction((id) => window.location.hash === `#${id}`, target);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'a pick folds it again');
  assertClean(assert, problems, 'phones');
  await context.close();
});
