// Presenter view (components/presenter/): ?present on a chapter shows one H2 section per screen;
// keys, the bar's buttons and a swipe move; the hash follows, so a reload resumes; Esc leaves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newTrackedPage, assertClean } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The article's H2 ids, and which of them the reader can see right now. */
const headings = (page) => page.evaluate(() => [...document.querySelectorAll('main article > h2[id]')].map((h) => ({
  id: h.id, visible: h.getBoundingClientRect().height > 0,
})));
const counter = (page) => page.locator('[data-testid="presenter-counter"]');

async function expectSection(page, ids, i) {
  await page.waitForFunction(([n]) => document.querySelector('[data-testid="presenter-counter"]')?.dataset.index === String(n), [i + 1]);
  const hs = await headings(page);
  assert.deepEqual(hs.filter((h) => h.visible).map((h) => h.id), [ids[i]], `only section ${i + 1} is on screen`);
  assert.equal(new URL(page.url()).hash, `#${ids[i]}`, 'the hash follows the section');
  assert.ok(new URL(page.url()).searchParams.has('present'));
}

test('presenter view: every section of theory by keyboard, resume from the URL, Esc leaves', async () => {
  const { page, context, problems } = await newTrackedPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.goto(`${BASE}/en/theory/?present&schedule.T=500&sample2d.sampler=ddim&sample2d.S=5&sample2d.n=200&sample2d.backend=wasm`, { waitUntil: 'networkidle' });
  await counter(page).waitFor();
  const ids = (await headings(page)).map((h) => h.id);
  assert.ok(ids.length >= 5, `theory has its sections (${ids.length})`);
  assert.equal(await counter(page).getAttribute('data-count'), String(ids.length));
  assert.equal(await page.locator('main h1').isVisible(), true, 'the title is on the first screen');
  await expectSection(page, ids, 0);
  const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(fontSize >= 18, `large type (${fontSize}px)`);
  assert.equal(await page.locator('.chapter-sidebar').isVisible(), false, 'no sidebar');
  for (let i = 1; i < ids.length; i++) {
    await page.keyboard.press(i % 2 ? 'ArrowRight' : 'Space');
    await expectSection(page, ids, i);
  }
  assert.equal(await page.locator('main h1').isVisible(), false, 'the title only opens the first section');
  // The sampling and training cells' sections: the cells are live and take the full width.
  // The section holding the sampling cell (the H2 before it).
  const cellSection = await page.evaluate((all) => {
    let n = document.getElementById('cell-sample2d');
    while (n && !(n.tagName === 'H2' && n.id)) n = n.previousElementSibling;
    return n ? all.indexOf(n.id) : -1;
  }, ids);
  assert.ok(cellSection >= 0, 'theory has the sampling cell');
  {
    await page.keyboard.press('Home');
    for (let i = 0; i < cellSection; i++) await page.keyboard.press('PageDown');
    await expectSection(page, ids, cellSection);
    const w = await page.evaluate(() => document.getElementById('cell-sample2d').getBoundingClientRect().width);
    assert.ok(w > 900, `the cell is full width (${w}px)`);
    // Live: it runs here (the pretrained model, a few DDIM steps).
    await page.locator('#cell-sample2d [data-action="run"]').click();
    await page.waitForFunction(() => document.querySelector('#cell-sample2d [data-testid="cell-status"]')?.textContent === 'done', null, { timeout: 90000 });
  }
  await page.keyboard.press('End');
  await expectSection(page, ids, ids.length - 1);
  await page.keyboard.press('ArrowLeft');
  await expectSection(page, ids, ids.length - 2);
  // Reload: the same section; the cells' parameters are still in the URL.
  await page.reload({ waitUntil: 'networkidle' });
  await expectSection(page, ids, ids.length - 2);
  assert.equal(new URL(page.url()).searchParams.get('schedule.T'), '500');
  // The bar's buttons move too.
  await page.locator('[data-action="presenter-prev"]').click();
  await expectSection(page, ids, ids.length - 3);
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="presenter-bar"]').waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).searchParams.has('present'), false, 'leaving drops ?present');
  assert.equal(new URL(page.url()).hash, `#${ids[ids.length - 3]}`, 'and keeps the section');
  assert.ok((await headings(page)).every((h) => h.visible), 'the whole chapter is back');
  assert.equal(await page.locator('.chapter-sidebar').isVisible(), true);
  assertClean(assert, problems, 'presenter');
  await context.close();
});

test('presenter view in Chinese: the header button, a linked section, a swipe', async () => {
  const { page, context, problems } = await newTrackedPage(browser, { viewport: { width: 1024, height: 768 }, context: { hasTouch: true } });
  await page.goto(`${BASE}/zh/intuition/`, { waitUntil: 'networkidle' });
  const button = page.locator('[data-testid="present-button"]');
  assert.equal(await button.innerText(), '演示');
  await button.click();
  await counter(page).waitFor();
  const ids = (await headings(page)).map((h) => h.id);
  await expectSection(page, ids, 0);
  assert.match(await counter(page).getAttribute('aria-label'), /^第 1 节，共 \d+ 节$/);
  assert.equal(await page.locator('[data-action="presenter-leave"]').innerText(), '退出');
  // A swipe to the left is "next".
  await page.evaluate(() => {
    const touch = (x) => new Touch({ identifier: 1, target: document.body, clientX: x, clientY: 400 });
    document.body.dispatchEvent(new TouchEvent('touchstart', { touches: [touch(700)], changedTouches: [touch(700)], bubbles: true }));
    document.body.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [touch(300)], bubbles: true }));
  });
  await expectSection(page, ids, 1);
  // A shared link to a later section opens there.
  await page.goto(`${BASE}/zh/intuition/?present#${ids[ids.length - 1]}`, { waitUntil: 'networkidle' });
  await expectSection(page, ids, ids.length - 1);
  assert.equal(await page.locator('[data-action="presenter-next"]').isDisabled(), true);
  assertClean(assert, problems, 'presenter zh');
  await context.close();
});
