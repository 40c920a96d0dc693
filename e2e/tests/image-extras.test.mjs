// The image-model extras: the home page's avatar strip (nothing heavy before a click), the
// real-or-generated quiz in both languages, the DDPM-1000 vs DDIM-S speed cell (one digit so the
// full 1000-step DDPM run stays short; T is never capped), and the nearest-training-image check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newTrackedPage, assertClean } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const LONG = 300_000;
const cellSel = (id) => `[data-cell="${id}"]`;
const statusOf = (page, id) => page.locator(`${cellSel(id)} .cell-status`).getAttribute('data-status');
const waitStatus = (page, id, wanted, timeout = LONG) => page.waitForFunction(
  ([sel, w]) => w.includes(document.querySelector(`${sel} .cell-status`)?.dataset.status),
  [cellSel(id), wanted], { timeout, polling: 250 },
);
const errorText = (page, id) => page.locator(`${cellSel(id)} .cell-error`).allInnerTexts().then((t) => t.join(' '));
const spread = (loc) => loc.evaluate((c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let lo = 255, hi = 0;
  for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) { lo = Math.min(lo, d[i + k]); hi = Math.max(hi, d[i + k]); }
  return hi - lo;
});

test('home page: clean, no model before a click, and the avatar strip draws 8 digits on click', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  const heavy = [];
  page.on('request', (r) => { if (/\/models\/|tfjs-wasm|\.wasm$/.test(r.url())) heavy.push(r.url()); });
  await page.goto(`${BASE}/en/`, { waitUntil: 'networkidle' });
  const strip = page.locator('[data-testid="avatar-strip"]');
  assert.equal(await strip.getAttribute('data-phase'), 'idle');
  assert.equal(await strip.locator('canvas[data-testid="avatar"]').count(), 8);
  assert.deepEqual(heavy, [], 'no model files or wasm fetched before the reader asks');
  assert.match(await strip.locator('[data-testid="avatar-caption"] a').getAttribute('href'), /^\/en\/applications\/$/);
  await strip.locator('[data-action="avatars"]').click();
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid="avatar-strip"]')?.dataset.phase), null, { timeout: LONG, polling: 250 });
  assert.equal(await strip.getAttribute('data-phase'), 'done', await strip.locator('[data-testid="avatar-status"]').innerText());
  const canvases = strip.locator('canvas[data-testid="avatar"]');
  for (let i = 0; i < 8; i++) {
    assert.equal(await canvases.nth(i).getAttribute('data-state'), 'final');
    assert.ok(await spread(canvases.nth(i)) > 40, `avatar ${i} is drawn`);
  }
  assert.match(await strip.locator('[data-testid="avatar-caption"]').innerText(), /Generated in your browser just now by the model in chapter 5 \(seed \d+/);
  assert.ok(heavy.length > 0, 'the model is fetched after the click');
  assertClean(assert, problems, 'home + avatars');
  await context.close();
});

test('zh home page shows the strip in Chinese and stays clean', async () => {
  const { page, context, problems } = await newTrackedPage(browser, { viewport: { width: 375, height: 800 } });
  await page.goto(`${BASE}/zh/`, { waitUntil: 'networkidle' });
  assert.equal(await page.locator('#avatar-strip-title').innerText(), '奇怪的头像');
  assert.match(await page.locator('[data-testid="avatar-caption"] a').getAttribute('href'), /^\/zh\/applications\/$/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scrolling at 375 px (${overflow})`);
  assertClean(assert, problems, 'zh home');
  await context.close();
});

for (const [lang, real, reveal] of [['en', 'Real', /labelled 2 of 4 correctly/], ['zh', '真实', /答对了 2 \/ 4/]]) {
  test(`quiz (${lang}): four tiles, answer "real" for all, reveal gives exactly the real half`, async () => {
    const { page, context, problems } = await newTrackedPage(browser);
    await page.goto(`${BASE}/${lang}/background/?quiz.rounds=4&quiz.steps=3&quiz.seed=7#cell-quiz`, { waitUntil: 'networkidle' });
    const cell = page.locator(cellSel('quiz'));
    await cell.locator('[data-action="run"]').click();
    await waitStatus(page, 'quiz', ['done', 'error']);
    assert.equal(await statusOf(page, 'quiz'), 'done', await errorText(page, 'quiz'));
    const tiles = cell.locator('[data-testid="quiz-tile"]');
    assert.equal(await tiles.count(), 4);
    assert.equal(await tiles.first().getAttribute('data-kind'), null, 'the truth is not in the page before Reveal');
    for (let i = 0; i < 4; i++) {
      assert.ok(await spread(tiles.nth(i).locator('canvas')) > 40, `tile ${i} drawn`);
      await tiles.nth(i).getByRole('button', { name: real }).click();
      assert.equal(await tiles.nth(i).getAttribute('data-guess'), 'real');
    }
    await cell.locator('[data-action="reveal"]').click();
    const score = cell.locator('[data-testid="quiz-score"]');
    assert.equal(await score.getAttribute('data-total'), '4');
    assert.equal(await score.getAttribute('data-answered'), '4');
    assert.equal(await score.getAttribute('data-correct'), '2');
    assert.match(await score.innerText(), reveal);
    const kinds = await tiles.evaluateAll((els) => els.map((e) => e.dataset.kind));
    assert.deepEqual([...kinds].sort(), ['generated', 'generated', 'real', 'real']);
    for (let i = 0; i < 4; i++) assert.match(await tiles.nth(i).getAttribute('data-verdict-digit'), /^\d$/, 'every tile graded by the classifier');
    await page.waitForFunction(() => new URL(window.location.href).searchParams.get('quiz.rounds') === '4', null, { timeout: 5000 });
    assertClean(assert, problems, `quiz ${lang}`);
    await context.close();
  });
}

test('speed cell: DDPM\'s first 200 steps projected, then all 1000 vs DDIM S=5 on one digit, both timed; changing S reuses DDPM; Stop works', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/features/?speed.count=1&speed.steps=5&speed.seed=3#cell-speed`, { waitUntil: 'networkidle' });
  const cell = page.locator(cellSel('speed'));
  const ddpm = cell.locator('[data-testid="speed-ddpm"]');
  const ddim = cell.locator('[data-testid="speed-ddim"]');
  // Default: DDPM stops on purpose after its first 200 steps and projects the time of all 1000.
  await cell.locator('[data-action="run"]').click();
  await waitStatus(page, 'speed', ['done', 'error']);
  assert.equal(await statusOf(page, 'speed'), 'done', await errorText(page, 'speed'));
  assert.equal(await ddpm.getAttribute('data-state'), 'partial');
  const projection = cell.locator('[data-testid="speed-projection"]');
  const stepsDone = Number(await projection.getAttribute('data-steps-done'));
  assert.ok(stepsDone >= 200 && stepsDone < 1000, `stopped after the first 200 steps (${stepsDone})`);
  assert.ok(Number(await projection.getAttribute('data-projected-seconds')) > 0);
  assert.equal(await cell.locator('[data-testid="speed-ratio"]').getAttribute('data-projected'), 'true');
  // One click for the full comparison.
  await cell.locator('[data-action="speed-run-full"]').click();
  await page.waitForFunction((sel) => document.querySelector(`${sel} [data-testid="speed-ddpm"]`)?.dataset.state === 'done', cellSel('speed'), { timeout: LONG });
  await waitStatus(page, 'speed', ['done', 'error']);
  assert.equal(await statusOf(page, 'speed'), 'done', await errorText(page, 'speed'));
  assert.match(page.url(), /speed\.ddpmRun=full/, 'the full run is in the link');
  assert.equal(await ddpm.getAttribute('data-steps'), '1000');
  assert.equal(await ddim.getAttribute('data-steps'), '5');
  const tP = Number(await ddpm.getAttribute('data-total-seconds'));
  const tI = Number(await ddim.getAttribute('data-total-seconds'));
  const msP = Number(await ddpm.getAttribute('data-per-step-ms'));
  const msI = Number(await ddim.getAttribute('data-per-step-ms'));
  assert.ok(tP > 0 && tI > 0 && msP > 0 && msI > 0);
  const ratio = cell.locator('[data-testid="speed-ratio"]');
  assert.equal(Number(await ratio.getAttribute('data-step-ratio')), 200);
  assert.ok(Number(await ratio.getAttribute('data-time-ratio')) > 20, `DDPM-1000 takes far longer than DDIM-5 (${tP} s vs ${tI} s)`);
  assert.match(await ddpm.getAttribute('data-agreement'), /^(0|1|0\.\d+)$/, 'graded');
  console.log(`# speed (${await cell.locator('[data-testid="cell-backend"]').innerText()}): DDPM-1000 ${tP.toFixed(2)} s, ${msP.toFixed(1)} ms/step; DDIM-5 ${tI.toFixed(3)} s, ${msI.toFixed(1)} ms/step`);

  // Change only S: DDIM re-runs, DDPM is reused.
  await cell.locator('input[type="range"]').first().focus();
  await page.keyboard.press('Home'); // S = 1
  await cell.locator('[data-action="run"]').click();
  await waitStatus(page, 'speed', ['done', 'error']);
  assert.equal(await statusOf(page, 'speed'), 'done');
  assert.equal(await ddim.getAttribute('data-steps'), '1');
  assert.equal(await ddpm.getAttribute('data-reused'), 'true');
  assert.equal(Number(await ddpm.getAttribute('data-total-seconds')), tP);

  // A new seed needs a new DDPM run; Stop it midway.
  await cell.locator('input[name="seed"]').fill('4');
  await cell.locator('[data-action="run"]').click();
  await page.waitForFunction((sel) => document.querySelector(`${sel} [data-testid="speed-ddpm"]`)?.dataset.state === 'running', cellSel('speed'), { timeout: LONG });
  await cell.locator('[data-action="stop"]').click();
  await waitStatus(page, 'speed', ['stopped', 'done', 'error'], 60_000);
  assert.equal(await statusOf(page, 'speed'), 'stopped');
  assert.equal(await ddpm.getAttribute('data-state'), 'stopped');
  assert.equal(await ddim.getAttribute('data-state'), 'done', 'the finished DDIM side stays');
  assertClean(assert, problems, 'speed');
  await context.close();
});

test('nearest cell: each generated digit gets three nearest training digits and a reference line; the held-out control runs', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/zh/ethics/?nearest.count=2&nearest.steps=5&nearest.digit=3#cell-nearest`, { waitUntil: 'networkidle' });
  const cell = page.locator(cellSel('nearest'));
  await cell.locator('[data-action="run"]').click();
  await waitStatus(page, 'nearest', ['done', 'error']);
  assert.equal(await statusOf(page, 'nearest'), 'done', await errorText(page, 'nearest'));
  const rows = cell.locator('[data-testid="nearest-row"]');
  assert.equal(await rows.count(), 2);
  for (let i = 0; i < 2; i++) {
    const nbs = rows.nth(i).locator('[data-testid="nearest-neighbour"]');
    assert.equal(await nbs.count(), 3);
    const d = await nbs.evaluateAll((els) => els.map((e) => Number(e.dataset.distance)));
    assert.ok(d[0] > 0 && d[0] <= d[1] && d[1] <= d[2], `distances ascending: ${d}`);
    assert.equal(Number(await rows.nth(i).getAttribute('data-distance')), d[0]);
    assert.ok(Number(await rows.nth(i).getAttribute('data-line')) > 0);
    assert.ok(await spread(nbs.nth(0).locator('canvas')) > 40, 'neighbour drawn');
  }
  await cell.locator('[data-action="control"]').click();
  await waitStatus(page, 'nearest', ['done', 'error']);
  const control = cell.locator('[data-testid="nearest-control"]');
  assert.equal(await control.getAttribute('data-n'), '30');
  const below = Number(await control.getAttribute('data-below'));
  assert.ok(below >= 3 && below <= 27, `held-out real digits below the median line: ${below} of 30 (about half by construction)`);
  console.log(`# nearest: generated below line ${await cell.locator('[data-testid="nearest-summary"]').getAttribute('data-below')}/2; held-out control ${below}/30`);
  assertClean(assert, problems, 'nearest');
  await context.close();
});
