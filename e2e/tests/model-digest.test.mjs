// A weight file of the right size but the wrong content (served through page.route) is caught by
// the SHA-256 digest its manifest records: every image cell's model line says the file is
// damaged (not eight black digits and "done"), the other cells keep working, and once the file is
// right again the next Run loads it (the damaged copy was not kept for the visit).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { BASE, launch, newTrackedPage, assertClean, waitForUrl } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SHARD = '/models/colour-mnist-unet/group1-shard1of1.bin';
const cellSel = (id) => `[data-cell="${id}"]`;
const statusOf = (page, id) => page.locator(`${cellSel(id)} .cell-status`).getAttribute('data-status');
const waitStatus = (page, id, wanted, timeout = 240_000) => page.waitForFunction(
  ([sel, w]) => w.includes(document.querySelector(`${sel} .cell-status`)?.dataset.status),
  [cellSel(id), wanted], { timeout, polling: 250 },
);

test('a damaged weight shard: a clear message in each image cell, other cells unaffected, a good file loads on the next Run', async () => {
  const good = fs.readFileSync(`out${SHARD}`);
  const damaged = Buffer.from(good);
  for (let i = 1000; i < damaged.length; i += 4096) damaged[i] ^= 0x5a; // same size, other bytes
  const { page, context, problems } = await newTrackedPage(browser);
  let served = 0;
  const serveDamaged = (route) => { served++; return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: damaged }); };
  await page.route(`**${SHARD}`, serveDamaged);
  await page.goto(`${BASE}/en/applications/?prompt.count=1&prompt.steps=3#cell-prompt`, { waitUntil: 'networkidle' });
  const prompt = page.locator(cellSel('prompt'));
  await prompt.locator('[data-action="run"]').click();
  await waitStatus(page, 'prompt', ['error', 'done']);
  assert.equal(await statusOf(page, 'prompt'), 'error', 'the run fails instead of drawing from damaged weights');
  assert.match(await prompt.locator('.cell-error').innerText(), /group1-shard1of1\.bin is damaged: its SHA-256 digest does not match/);
  assert.equal(served, 2, 'downloaded once more past the caches before giving up');
  const lines = page.locator('[data-testid="model-status"]');
  const n = await lines.count();
  assert.ok(n >= 3, `every image cell shows the model line (${n})`);
  for (let i = 0; i < n; i++) {
    assert.equal(await lines.nth(i).getAttribute('data-state'), 'error');
    assert.match(await lines.nth(i).innerText(), /The model file is damaged: .* Press Run to download it again\./);
  }
  // A cell that needs no model still works.
  const sr = page.locator(cellSel('superres'));
  await sr.getByLabel('Downsampling factor f').selectOption('4'); // 2 is the default, which the link leaves out
  await waitForUrl(page, /superres\.factor=4/);
  // The file is right again: the next Run downloads it and samples.
  await page.unroute(`**${SHARD}`, serveDamaged);
  await prompt.locator('[data-action="rerun"]').click();
  await waitStatus(page, 'prompt', ['error', 'done']);
  assert.equal(await statusOf(page, 'prompt'), 'done', await prompt.locator('.cell-error').allInnerTexts().then(String));
  assert.equal(await lines.first().getAttribute('data-state'), 'ready');
  assertClean(assert, problems, 'damaged shard');
  await context.close();
});
