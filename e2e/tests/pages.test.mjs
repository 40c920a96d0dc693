import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, LANGS, SLUGS, launch, newTrackedPage, assertClean } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('language picker and both home pages load cleanly', async () => {
  for (const path of ['/', '/en/', '/zh/']) {
    const { page, context, problems } = await newTrackedPage(browser);
    await page.goto(BASE + path, { waitUntil: 'networkidle' });
    await assert.ok(await page.locator('h1').count() >= 1, `${path} has a title`);
    if (path !== '/') assert.equal(await page.locator('.chapter-card').count(), SLUGS.length, `${path} lists every chapter`);
    assertClean(assert, problems, path);
    await context.close();
  }
});

test('both teacher\'s guides load cleanly with a title, both lesson plans and the handouts', async () => {
  for (const lang of LANGS) {
    const { page, context, problems } = await newTrackedPage(browser);
    await page.goto(`${BASE}/${lang}/teach/`, { waitUntil: 'networkidle' });
    assert.equal(await page.locator('main h1').count(), 1, `/${lang}/teach/ has a title`);
    assert.equal(await page.locator('h2#lesson-45, h2#lesson-90').count(), 2, `/${lang}/teach/ has both lesson plans`);
    assert.ok(await page.locator('[data-handout]').count() >= 3, `/${lang}/teach/ has its handouts`);
    assert.equal(await page.locator('.katex-error').count(), 0, `/${lang}/teach/: no KaTeX errors`);
    assert.ok(await page.locator('[data-testid="handout-equations"] .katex .katex-mathml math').count() >= 3, `/${lang}/teach/: the key equations are typeset`);
    assert.equal(await page.locator('code.language-math').count(), 0, `/${lang}/teach/: no formula left as TeX`);
    assertClean(assert, problems, `/${lang}/teach/`);
    await context.close();
  }
});

test('both glossary pages load cleanly with a title and their entries', async () => {
  for (const lang of LANGS) {
    const { page, context, problems } = await newTrackedPage(browser);
    await page.goto(`${BASE}/${lang}/glossary/`, { waitUntil: 'networkidle' });
    assert.equal(await page.locator('main h1').count(), 1, `/${lang}/glossary/ has a title`);
    assert.ok(await page.locator('[data-term]').count() >= 40, `/${lang}/glossary/ lists its terms`);
    assert.equal(await page.locator('.katex-error').count(), 0, `/${lang}/glossary/: no KaTeX errors`);
    assertClean(assert, problems, `/${lang}/glossary/`);
    await context.close();
  }
});

test('/ preselects Chinese for a Chinese browser', async () => {
  const { page, context } = await newTrackedPage(browser, { context: { locale: 'zh-CN' } });
  await page.goto(BASE + '/', { waitUntil: 'networkidle' });
  assert.equal(await page.locator('.picker-options').getAttribute('data-preferred'), 'zh');
  await context.close();
});

for (const lang of LANGS) {
  for (const slug of SLUGS) {
    test(`/${lang}/${slug}/ loads with title, TOC and typeset math`, async () => {
      const { page, context, problems } = await newTrackedPage(browser);
      await page.goto(`${BASE}/${lang}/${slug}/`, { waitUntil: 'networkidle' });
      const h1 = (await page.locator('main h1').textContent())?.trim();
      assert.ok(h1 && h1.length > 1, 'chapter title shown');
      const tocLinks = await page.locator('[data-testid="toc"] a').count();
      assert.ok(tocLinks >= 2, `table of contents has entries (found ${tocLinks})`);
      const articleText = await page.locator('article').innerText();
      assert.ok(!articleText.includes('$$'), 'no raw $$ left in the article');
      assert.ok(!/(^|[^\\])\$[^$\s][^$]*\$/.test(articleText), 'no raw inline $…$ left');
      assert.equal(await page.locator('code.language-math').count(), 0, 'no formula left as TeX');
      const headingIds = await page.locator('article h2[id]').evaluateAll((els) => els.map((e) => e.id));
      assert.ok(headingIds.length >= 2, 'sections have ids');
      assertClean(assert, problems, `/${lang}/${slug}/`);
      await context.close();
    });
  }
}

test('theory typesets the forward step, closed form and L_simple with KaTeX', async () => {
  for (const lang of LANGS) {
    const { page, context } = await newTrackedPage(browser);
    await page.goto(`${BASE}/${lang}/theory/`, { waitUntil: 'networkidle' });
    assert.ok(await page.locator('.katex-display').count() >= 3, `${lang}: display math`);
    assert.ok(await page.locator('p .katex, li .katex').count() >= 3, `${lang}: inline math`);
    assert.equal(await page.locator('.katex-error').count(), 0, `${lang}: no KaTeX errors`);
    await context.close();
  }
});

test('formulas carry MathML, their markup is in the HTML once, and a client-side navigation typesets them', async () => {
  const html = await (await fetch(`${BASE}/en/theory/`)).text();
  const payload = [...html.matchAll(/<script>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g)].map((m) => m[1]).join('');
  assert.ok(html.includes('class="katex-mathml"'), 'the prerendered formulas have MathML for screen readers');
  assert.ok(payload.includes('tex'), 'the RSC payload carries the formulas as TeX');
  assert.ok(!payload.includes('katex-html'), 'the RSC payload does not repeat KaTeX markup');
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/intuition/`, { waitUntil: 'networkidle' });
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('a[rel="next"]').click();
  await page.waitForURL(/\/en\/theory\/$/);
  await page.locator('article .katex-display').first().waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the router rendered the chapter (no reload)');
  const empty = await page.locator('article .katex:empty, article .katex-display:empty').count();
  assert.equal(empty, 0, 'every formula is typeset after the client-side navigation');
  assert.ok(await page.locator('article .katex-display .katex-mathml math').count() >= 3, 'with MathML');
  assertClean(assert, problems, 'intuition → theory');
  await context.close();
});

test('section ids are the same in both languages', async () => {
  for (const slug of SLUGS) {
    const ids = {};
    for (const lang of LANGS) {
      const { page, context } = await newTrackedPage(browser);
      await page.goto(`${BASE}/${lang}/${slug}/`);
      ids[lang] = await page.locator('article h2[id], article h3[id]').evaluateAll((els) => els.map((e) => e.id));
      await context.close();
    }
    assert.deepEqual(ids.zh, ids.en, `${slug}: same section ids`);
  }
});

test('readable at 375 px: no horizontal scrolling', async () => {
  for (const path of ['/en/', '/zh/theory/', '/en/intuition/']) {
    const { page, context } = await newTrackedPage(browser, { viewport: { width: 375, height: 800 } });
    await page.goto(BASE + path, { waitUntil: 'networkidle' });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${path} overflows by ${overflow}px at 375px`);
    await context.close();
  }
});

test('TF.js and Observable Plot are not part of any page\'s initial JavaScript (they load when a cell or figure needs them)', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  for (const p of ['/', '/en/', '/zh/', '/en/teach/', '/zh/teach/', ...LANGS.flatMap((l) => SLUGS.map((s) => `/${l}/${s}/`))]) {
    const html = fs.readFileSync(path.join('out', p, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="(\/_next\/[^"]+\.js)"/g)].map((m) => m[1]);
    for (const src of scripts) {
      const js = fs.readFileSync(path.join('out', src), 'utf8');
      assert.ok(!js.includes('tfjs-core'), `${p}: initial script ${src} contains TF.js`);
      // Plot's generated class prefix ("plot-d6a7b5") appears only in its own bundle.
      assert.ok(!js.includes('plot-d6a7b5'), `${p}: initial script ${src} contains Observable Plot`);
    }
  }
});
