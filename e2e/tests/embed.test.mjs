// One cell embedded (/<lang>/embed/<cellId>/): every catalog cell renders alone in both languages
// with no console error and no site chrome, restores the parameters its link carries (seen in
// its controls and in the link its share panel offers), the QR code of that link decodes back to
// the link (decoded here with jsqr), axe finds no serious or critical violation on it, and the
// link back opens the cell in its chapter, in the same state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { BASE, LANGS, SLUGS, launch, newTrackedPage, assertClean, readCellSpecs, waitForUrl } from '../helpers.mjs';
import { seriousViolations } from '../axe.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const specs = new Map();

/** The embed routes in the export: one folder per catalog cell (the same ids in both languages). */
const embedIds = (lang) => fs.readdirSync(path.join('out', lang, 'embed'), { withFileTypes: true })
  .filter((d) => d.isDirectory()).map((d) => d.name).sort();
/** The chapter whose exported page holds the cell (reading order): where the link back must lead. */
const chapterOf = (lang, id) => SLUGS.find((s) => fs.readFileSync(path.join('out', lang, s, 'index.html'), 'utf8').includes(`data-cell="${id}"`));

/** Values a prepared link sets: the seed, one other number, one choice and a switch, each off its default. */
function preparedState(spec) {
  const state = {};
  const entries = Object.entries(spec).filter(([name]) => name !== 'backend');
  const num = (name, s) => {
    if (s.integer) return s.default + 1 <= s.max ? s.default + 1 : s.default - 1;
    return Number((s.default + (s.max - s.default) * 0.01).toPrecision(3));
  };
  if (spec.seed) state.seed = spec.seed.default + 5;
  const n = entries.find(([name, s]) => s.kind === 'number' && name !== 'seed');
  if (n) state[n[0]] = num(...n);
  // Choices that need more than a value (an uploaded or drawn data set, a drawn mask) are left out.
  const e = entries.find(([, s]) => s.kind === 'enum' && s.values.some((v) => v !== s.default && !['upload', 'draw', 'drawn', 'custom'].includes(v)));
  if (e) state[e[0]] = e[1].values.find((v) => v !== e[1].default && !['upload', 'draw', 'drawn', 'custom'].includes(v));
  const b = entries.find(([, s]) => s.kind === 'boolean');
  if (b) state[b[0]] = !b[1].default;
  return state;
}
const asParam = (v) => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
const queryOf = (id, state) => Object.entries(state).map(([k, v]) => `${id}.${k}=${encodeURIComponent(asParam(v))}`).join('&');

/** The cell's values as its share panel puts them in the link it offers (and the QR code of it). */
async function offeredLink(page, id) {
  const cell = page.locator(`[data-cell="${id}"]`);
  await cell.locator('[data-testid="cell-copy-link"]').click();
  const link = await cell.locator('.cell-share-url').inputValue();
  return link;
}

function assertState(link, id, state, where) {
  const params = new URL(link).searchParams;
  for (const [k, v] of Object.entries(state)) {
    assert.equal(params.get(`${id}.${k}`), asParam(v), `${where}: ${id}.${k} in the offered link ${link}`);
  }
}

/** Reads the QR canvas once it shows `link` (it redraws when the link changes) and decodes it. */
async function decodeQr(page, id, link) {
  const canvas = page.locator(`[data-cell="${id}"] [data-testid="cell-qr"]`);
  await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.dataset.qrText === text,
    [`[data-cell="${id}"] [data-testid="cell-qr"]`, link], { timeout: 10000 });
  const img = await canvas.evaluate((c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    return { width: c.width, height: c.height, data: Array.from(d.data) };
  });
  const code = jsQR(Uint8ClampedArray.from(img.data), img.width, img.height);
  return code?.data ?? null;
}

for (const lang of LANGS) {
  for (const id of embedIds(lang)) {
    test(`/${lang}/embed/${id}/: renders alone, restores its link's state, QR decodes to the link, link back reaches the chapter`, async () => {
      const { page, context, problems } = await newTrackedPage(browser);
      // The catalog is one for both languages: the spec read on the English page serves the Chinese.
      if (!specs.has(id)) {
        await page.goto(`${BASE}/${lang}/embed/${id}/`, { waitUntil: 'load' });
        specs.set(id, (await readCellSpecs(page))[id]);
      }
      const spec = specs.get(id);
      assert.ok(spec, `the page renders cell ${id}`);
      const state = preparedState(spec);
      assert.ok(Object.keys(state).length >= 2, `${id}: a prepared state to restore (${JSON.stringify(state)})`);

      await page.goto(`${BASE}/${lang}/embed/${id}/?${queryOf(id, state)}`, { waitUntil: 'load' });
      await readCellSpecs(page);
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('section[data-cell]').count(), 1, 'one cell');
      assert.equal(await page.locator('.site-header, .chapter-sidebar, [data-testid="toc"]').count(), 0, 'no site chrome');
      assert.equal(await page.locator(`[data-cell="${id}"] [data-testid="cell-notice"]`).count(), 0, 'the prepared state is accepted');
      // The controls that show a prepared value show it.
      for (const [k, v] of Object.entries(state)) {
        const control = page.locator(`[data-cell="${id}"] :is(select, input[type="number"], input[type="checkbox"])[name="${k}"]`);
        if (await control.count() !== 1) continue;
        if (typeof v === 'boolean') assert.equal(await control.isChecked(), v, `${id}.${k} checkbox`);
        else assert.equal(await control.inputValue(), asParam(v), `${id}.${k} control`);
      }
      const link = await offeredLink(page, id);
      assertState(link, id, state, 'embed');
      assert.equal(new URL(link).pathname, `/${lang}/embed/${id}/`, 'the embed page shares itself');
      const snippet = await page.locator(`[data-cell="${id}"] [data-testid="cell-embed-snippet"]`).inputValue();
      assert.ok(snippet.includes(`src="${new URL(link).origin}/${lang}/embed/${id}/${new URL(link).search.replace(/&/g, '&amp;')}"`), `iframe snippet: ${snippet}`);
      assert.equal(await decodeQr(page, id, link), link, 'the QR code decodes to the link');
      // Accessibility of the embed page, share panel open (its state after a run: a11y.test.mjs, on
      // the chapter).
      assert.deepEqual(await seriousViolations(page), [], `/${lang}/embed/${id}/: axe, serious or critical`);

      const slug = chapterOf(lang, id);
      assert.ok(slug, `${id} sits in a chapter`);
      const back = page.locator('[data-testid="embed-back"]');
      await Promise.all([page.waitForURL(new RegExp(`/${lang}/${slug}/\\?`), { timeout: 30000 }), back.click()]);
      assert.equal(new URL(page.url()).hash, `#cell-${id}`);
      await readCellSpecs(page, 30000);
      await waitForUrl(page, new RegExp(`#cell-${id}$`));
      const target = page.locator(`#cell-${id}`);
      assert.equal(await target.count(), 1, 'the chapter holds the cell');
      await page.waitForFunction((sel) => {
        const r = document.querySelector(sel).getBoundingClientRect();
        return r.top < window.innerHeight && r.bottom > 0;
      }, `#cell-${id}`, { timeout: 15000 });
      assert.equal(await target.locator('[data-testid="cell-notice"]').count(), 0, 'no notice in the chapter');
      const chapterLink = await offeredLink(page, id);
      assertState(chapterLink, id, state, `chapter ${slug}`);
      assertClean(assert, problems, `/${lang}/embed/${id}/`);
      await context.close();
    });
  }
}
