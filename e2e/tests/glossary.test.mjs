// Glossary: /en/glossary/ and /zh/glossary/ list at least 40 terms (data-term, #term-<id>), every
// glossary link that a chapter writes (<Term id>, a.term-link) reaches an entry of the glossary in
// the chapter's own language, and a term's definition shows on hover, on keyboard focus and on a
// first tap, without moving the text, inside the viewport and not clipped by the prose.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, LANGS, SLUGS, launch, newTrackedPage, assertClean } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const html = (p) => fs.readFileSync(path.join('out', p, 'index.html'), 'utf8').replace(/<script\b[\s\S]*?<\/script>/g, '');
const entryIds = (lang) => [...html(`/${lang}/glossary/`).matchAll(/<section id="term-([^"]+)" data-term="([^"]+)"/g)].map((m) => {
  assert.equal(m[1], m[2], `anchor and data-term agree for ${m[2]}`);
  return m[2];
});
/** The glossary links a built chapter page holds: [{ id, href }] from a.term-link. */
const termLinks = (lang, slug) => [...html(`/${lang}/${slug}/`).matchAll(/<a href="([^"]+)" class="term-link" aria-describedby="term-tip-([^"]+)"/g)]
  .map((m) => ({ href: m[1], id: m[2] }));

test('both glossary pages load cleanly and list the same 40 or more terms', async () => {
  const ids = {};
  for (const lang of LANGS) {
    const { page, context, problems } = await newTrackedPage(browser);
    await page.goto(`${BASE}/${lang}/glossary/`, { waitUntil: 'networkidle' });
    const entries = await page.locator('[data-term]').count();
    assert.ok(entries >= 40, `/${lang}/glossary/ has ${entries} data-term entries`);
    ids[lang] = entryIds(lang);
    assert.equal(ids[lang].length, entries);
    assert.equal(new Set(ids[lang]).size, entries, 'ids are unique');
    // Each entry: both names, a definition in each language, a first-use link into a chapter of this language.
    const bad = await page.locator('[data-term]').evaluateAll((els, l) => els.filter((el) => {
      const first = el.querySelector('a[data-first-use]');
      return el.querySelector('h2').textContent.trim().length < 2 || !el.querySelector('.glossary-definition')?.textContent.trim()
        || !el.querySelector('.glossary-other[lang]')?.textContent.trim() || !first || !new URL(first.href).pathname.startsWith(`/${l}/`) || !new URL(first.href).hash;
    }).map((el) => el.dataset.term), lang);
    assert.deepEqual(bad, [], `/${lang}/glossary/: incomplete entries`);
    assert.equal(await page.locator('main h1').count(), 1);
    assertClean(assert, problems, `/${lang}/glossary/`);
    await context.close();
  }
  assert.deepEqual([...ids.zh].sort(), [...ids.en].sort(), 'the same terms in both languages');
});

test('every glossary link in every chapter reaches an entry of the glossary in its own language', (t) => {
  let checked = 0;
  const broken = [];
  for (const lang of LANGS) {
    const entries = new Set(entryIds(lang));
    for (const slug of SLUGS) {
      for (const { href, id } of termLinks(lang, slug)) {
        checked++;
        const url = new URL(href, 'http://site');
        if (url.pathname !== `/${lang}/glossary/` || url.hash !== `#term-${id}` || !entries.has(id)) broken.push(`/${lang}/${slug}/: ${href} (${id})`);
      }
    }
  }
  t.diagnostic(`${checked} glossary links in the chapters`);
  assert.ok(checked >= 2 * 40, `only ${checked} glossary links in the chapters`);
  assert.deepEqual(broken, []);
  // The same terms are linked in both languages, chapter by chapter.
  for (const slug of SLUGS) assert.deepEqual(termLinks('zh', slug).map((l) => l.id).sort(), termLinks('en', slug).map((l) => l.id).sort(), slug);
});

/** Opens a chapter, waits for hydration, returns the first glossary link and its tooltip. */
async function openTerm(page, lang, slug) {
  await page.goto(`${BASE}/${lang}/${slug}/`, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => Object.keys(document.querySelector('.term') ?? {}).some((k) => k.startsWith('__reactFiber$')), undefined, { timeout: 15000 });
  const link = page.locator('a.term-link').first();
  const tipId = await link.getAttribute('aria-describedby');
  const tip = page.locator(`[id="${tipId}"]`);
  assert.equal(await tip.getAttribute('role'), 'tooltip');
  return { link, tip, id: tipId.replace(/^term-tip-/, '') };
}

async function definitionOnGlossary(browserPage, lang, id) {
  await browserPage.goto(`${BASE}/${lang}/glossary/#term-${id}`, { waitUntil: 'networkidle' });
  return (await browserPage.locator(`[data-term="${id}"] .glossary-definition`).textContent()).trim();
}

for (const lang of LANGS) {
  test(`/${lang}/: hover and keyboard focus show the definition without moving the text; Escape hides it`, async () => {
    const { page, context, problems } = await newTrackedPage(browser);
    const { link, tip, id } = await openTerm(page, lang, 'theory');
    assert.equal(await tip.isVisible(), false, 'hidden until asked');
    // The paragraph holding the term (above every cell of the chapter, so cells loading below do
    // not move it): its box and the term's place in it stay the same when the tooltip opens.
    const layout = () => link.evaluate((el) => {
      const p = el.closest('p, li').getBoundingClientRect();
      const a = el.getBoundingClientRect();
      return [p.top, p.height, p.width, a.left - p.left, a.top - p.top, a.width, a.height].map((v) => Math.round(v * 10) / 10);
    });
    await link.scrollIntoViewIfNeeded();
    const before = await layout();
    await link.hover();
    await tip.waitFor({ state: 'visible', timeout: 3000 });
    assert.deepEqual(await layout(), before, 'no layout shift: the paragraph and the term stay where they were');
    const tipText = (await tip.textContent()).trim();
    // In the viewport, and on top: the point at its centre belongs to the tooltip.
    const onTop = await tip.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return r.left >= 0 && r.right <= window.innerWidth && r.top >= 0 && r.bottom <= window.innerHeight && el.contains(hit);
    });
    assert.ok(onTop, 'tooltip inside the viewport and not covered');
    await page.mouse.move(5, 5);
    await tip.waitFor({ state: 'hidden', timeout: 3000 });

    await link.focus();
    await tip.waitFor({ state: 'visible', timeout: 3000 });
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden', timeout: 3000 });
    assert.equal(await link.evaluate((el) => document.activeElement === el), true, 'focus stays on the term');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await tip.waitFor({ state: 'visible', timeout: 3000 });

    // After a cell has run, prose paragraphs get content-visibility (paint containment): the
    // tooltip must still show in full, not clipped to its paragraph.
    await page.keyboard.press('Escape');
    await page.evaluate(() => { document.documentElement.dataset.cellRan = ''; });
    await link.hover();
    await tip.waitFor({ state: 'visible', timeout: 3000 });
    assert.ok(await tip.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return el.contains(document.elementFromPoint(r.left + r.width / 2, r.bottom - 4));
    }), 'tooltip not clipped under content-visibility');

    const definition = await definitionOnGlossary(page, lang, id);
    assert.ok(definition.length > 20 && tipText.endsWith(definition), `tooltip shows the glossary definition of ${id}: ${tipText}`);
    assertClean(assert, problems, `/${lang}/theory/ terms`);
    await context.close();
  });

  test(`/${lang}/: on a touch screen the first tap shows the definition, the second opens the glossary entry`, async () => {
    const { page, context } = await newTrackedPage(browser, { viewport: { width: 375, height: 800 }, context: { hasTouch: true, isMobile: true } });
    const { link, tip, id } = await openTerm(page, lang, 'background');
    await link.scrollIntoViewIfNeeded();
    await link.tap();
    await tip.waitFor({ state: 'visible', timeout: 3000 });
    assert.equal(new URL(page.url()).pathname, `/${lang}/background/`, 'first tap stays on the page');
    const fits = await tip.evaluate((el) => { const r = el.getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth; });
    assert.ok(fits, 'tooltip fits a 375 px screen');
    await link.tap();
    await page.waitForURL((u) => u.pathname === `/${lang}/glossary/` && u.hash === `#term-${id}`, { timeout: 15000 });
    assert.equal(await page.locator(`#term-${id}`).getAttribute('data-term'), id);
    await context.close();
  });
}

test('the glossary is linked from the header of every page and the language switch keeps it', async () => {
  for (const p of ['/en/', '/zh/', '/en/theory/', '/zh/ethics/', '/en/glossary/']) {
    const lang = p.split('/')[1];
    assert.match(html(p), new RegExp(`<a [^>]*href="/${lang}/glossary/"`), `${p} links its glossary`);
  }
  const { page, context } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/glossary/#term-alpha-bar`, { waitUntil: 'networkidle' });
  await page.locator('[data-testid="language-switch"]').click();
  await page.waitForURL((u) => u.pathname === '/zh/glossary/', { timeout: 30000 });
  await page.waitForFunction(() => window.location.hash === '#term-alpha-bar', undefined, { timeout: 15000 });
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await context.close();
});
