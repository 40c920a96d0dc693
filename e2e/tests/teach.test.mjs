// The teacher's guide (/<lang>/teach/): reached from the header and the home page; every link of
// its lesson plans opens its section or its cell, and a cell in exactly the prepared state (its
// offered link carries the values, no notice of an invalid parameter, run=1 starts it); the
// handouts hold every exercise of every chapter without the answers, and the chapter's figures as
// last drawn in this browser (or one line saying none has run here); printed, each handout is one
// page (A4 and Letter) and the whole guide has no page to spare.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, LANGS, SLUGS, launch, newTrackedPage, assertClean, readCellSpecs } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Printable height and width of a page with 15 mm margins, in CSS px (96 per inch). */
const MM = 96 / 25.4;
const PAPER = { A4: { width: (210 - 30) * MM, height: (297 - 30) * MM }, Letter: { width: (215.9 - 30) * MM, height: (279.4 - 30) * MM } };

const guideLinks = (page) => page.locator('article.teach-guide a[href^="/"]').evaluateAll((as) => as.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));

for (const lang of LANGS) {
  test(`/${lang}/teach/: linked from the header and the home page; lesson plans, questions and a handout per chapter`, async () => {
    const { page, context, problems } = await newTrackedPage(browser);
    await page.goto(`${BASE}/${lang}/`, { waitUntil: 'networkidle' });
    await Promise.all([page.waitForURL(`${BASE}/${lang}/teach/`), page.locator('[data-testid="home-teach-link"]').click()]);
    await page.goto(`${BASE}/${lang}/theory/`, { waitUntil: 'load' });
    await Promise.all([page.waitForURL(`${BASE}/${lang}/teach/`), page.locator('[data-testid="teach-link"]').click()]);
    for (const id of ['lesson-45', 'lesson-90', 'discussion-questions']) assert.equal(await page.locator(`h2#${id}`).count(), 1, `section ${id}`);
    const handoutText = await page.locator('.teach-handouts').innerText();
    // Every exercise of every chapter, read from the chapter pages as they are built now.
    for (const slug of SLUGS) {
      const chapter = await context.newPage();
      await chapter.goto(`${BASE}/${lang}/${slug}/`, { waitUntil: 'load' });
      const exercises = await chapter.locator('[data-exercise]').evaluateAll((els) => els.map((e) => ({
        id: e.dataset.exercise,
        answers: [...e.querySelectorAll('[data-exercise-answer]')].map((d) => d.textContent.replace(/\s+/g, ' ').trim()),
      })));
      const hasRecap = await chapter.locator('article h2#recap').count() === 1;
      await chapter.close();
      const inHandout = await page.locator(`[data-handout="${slug}"] [data-handout-exercise]`).evaluateAll((els) => els.map((e) => e.dataset.handoutExercise));
      assert.deepEqual(inHandout, exercises.map((e) => e.id), `${slug}: the handout lists the chapter's exercises`);
      for (const e of exercises) {
        for (const a of e.answers) {
          const body = a.replace(/^(Answer|答案)\s*/, '').slice(0, 60);
          assert.ok(body.length > 10 && !handoutText.replace(/\s+/g, ' ').includes(body), `${slug}/${e.id}: the answer is not in the handout (${body})`);
        }
      }
      if (hasRecap) {
        const equations = page.locator(`[data-handout="${slug}"] [data-testid="handout-equations"]`);
        assert.equal(await equations.count(), 1, `${slug}: the handout has the recap's key equations`);
        assert.ok((await equations.innerText()).trim().length > 20, `${slug}: key equations are not empty`);
      }
    }
    assert.equal(await page.locator('.teach-handouts [data-exercise-answer], .teach-handouts [data-exercise-hint]').count(), 0, 'no answers or hints');
    assertClean(assert, problems, `/${lang}/teach/`);
    await context.close();
  });

  test(`/${lang}/teach/: every link opens its section or its cell in the prepared state`, async () => {
    const { page: guide, context: gctx } = await newTrackedPage(browser);
    await guide.goto(`${BASE}/${lang}/teach/`, { waitUntil: 'load' });
    const links = await guideLinks(guide);
    await gctx.close();
    assert.ok(links.filter((l) => l.href.includes('?')).length >= 15, `prepared states: ${links.length} links`);
    const failures = [];
    for (const { href } of links) {
      const u = new URL(href, BASE);
      const { page, context, problems } = await newTrackedPage(browser);
      await page.goto(u.href, { waitUntil: 'load' });
      const specs = await readCellSpecs(page, 30000);
      const target = page.locator(`[id="${decodeURIComponent(u.hash.slice(1))}"]`);
      if (await target.count() !== 1) { failures.push(`${href}: no ${u.hash}`); await context.close(); continue; }
      const inView = await page.waitForFunction((id) => {
        const r = document.getElementById(id)?.getBoundingClientRect();
        return r && r.top < window.innerHeight && r.bottom > 0;
      }, decodeURIComponent(u.hash.slice(1)), { timeout: 15000 }).then(() => true, () => false);
      if (!inView) failures.push(`${href}: ${u.hash} not scrolled into view`);
      const cells = [...new Set([...u.searchParams.keys()].map((k) => k.split('.')[0]))];
      for (const id of cells) {
        const cell = page.locator(`section[data-cell="${id}"]`);
        if (!specs[id]) { failures.push(`${href}: no cell ${id}`); continue; }
        if (await cell.locator('[data-testid="cell-notice"]').count()) failures.push(`${href}: notice ${await cell.locator('[data-testid="cell-notice"]').innerText()}`);
        await cell.locator('[data-testid="cell-copy-link"]').click();
        const offered = new URL(await cell.locator('.cell-share-url').inputValue()).searchParams;
        for (const [k, v] of u.searchParams) {
          if (!k.startsWith(`${id}.`) || k.endsWith('.run') || k.endsWith('.hide')) continue;
          if (offered.get(k) !== v) failures.push(`${href}: ${k} is ${offered.get(k)}, not ${v}`);
        }
        if (u.searchParams.get(`${id}.run`) === '1') {
          const started = await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.status !== 'idle',
            `section[data-cell="${id}"] .cell-status`, { timeout: 30000 }).then(() => true, () => false);
          if (!started) failures.push(`${href}: run=1 did not start ${id}`);
        }
      }
      if (problems.pageErrors.length || problems.consoleErrors.length) failures.push(`${href}: ${[...problems.pageErrors, ...problems.consoleErrors].join(' | ')}`);
      await context.close();
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  test(`/${lang}/teach/: a handout shows its chapter's figures as last drawn in this browser, with their settings`, async () => {
    const { page, context, problems } = await newTrackedPage(browser, { viewport: { width: Math.floor(PAPER.A4.width), height: 900 } });
    // The β-schedule explorer draws before Run: opening it in a state is enough to keep its figure.
    await page.goto(`${BASE}/${lang}/theory/?schedule.T=600`, { waitUntil: 'load' });
    await page.waitForFunction((key) => Boolean(localStorage.getItem(key)), `ddpm-figure:${lang}:theory:schedule`, { timeout: 20000 });
    const theoryCells = await page.locator('section[data-cell]').evaluateAll((ss) => ss.map((s) => s.dataset.cell));
    await page.goto(`${BASE}/${lang}/teach/`, { waitUntil: 'networkidle' });
    const figure = page.locator('[data-handout="theory"] [data-handout-figure="schedule"]');
    await figure.waitFor({ timeout: 10000 });
    assert.ok(await figure.locator('img').evaluate((img) => img.naturalWidth > 100 && img.naturalHeight > 50), 'the figure is a picture');
    const caption = await page.locator('[data-handout="theory"] [data-handout-settings="schedule"]').innerText();
    assert.ok(caption.includes('600'), `the figure's settings line has the settings that drew it: ${caption}`);
    assert.equal(await page.locator('[data-handout="intuition"] [data-testid="handout-figures-none"]').count(), 1, 'a chapter with no figure run here says so in one line');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await figure.locator('img').isVisible(), 'the figure prints');
    const height = await page.locator('[data-handout="theory"]').evaluate((h) => h.getBoundingClientRect().height);
    assert.ok(height <= PAPER.A4.height, `the theory handout with its figure is ${Math.round(height)} px tall, a page holds ${Math.round(PAPER.A4.height)}`);
    // Every figure of the chapter stored (as after a lesson): pictures of the sizes cells draw (up to
    // 560 px square), each with the β-explorer's long settings line; still one sheet on A4 and Letter.
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(({ lang, cells }) => {
      const schedule = JSON.parse(localStorage.getItem(`ddpm-figure:${lang}:theory:schedule`));
      cells.forEach((cell, order) => {
        const canvas = document.createElement('canvas');
        canvas.width = 560;
        canvas.height = order % 2 ? 560 : 300;
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.fillStyle = '#36c'; ctx.fillRect(20, 20, canvas.width - 40, canvas.height - 40);
        const snap = cell === 'schedule' ? schedule : { ...schedule, cell, title: `${cell} figure`, src: canvas.toDataURL('image/png'), order };
        localStorage.setItem(`ddpm-figure:${lang}:theory:${cell}`, JSON.stringify(snap));
      });
      window.dispatchEvent(new Event('storage'));
    }, { lang, cells: theoryCells });
    const handout = page.locator('[data-handout="theory"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-handout="theory"] [data-handout-figure]').length === n, theoryCells.length);
    assert.ok(theoryCells.length >= 4, `theory has ${theoryCells.length} cells`);
    const settings = await handout.locator('[data-handout-settings]').allInnerTexts();
    assert.equal(settings.length, theoryCells.length, 'one settings line per figure');
    assert.ok(settings.every((line) => line.includes('600')), `each figure's settings are printed: ${settings.join(' | ')}`);
    for (const [paper, size] of Object.entries(PAPER)) {
      await page.setViewportSize({ width: Math.floor(size.width), height: 900 });
      await page.emulateMedia({ media: 'print' });
      const all = await handout.evaluate((h) => ({
        height: h.getBoundingClientRect().height,
        shown: [...h.querySelectorAll('[data-handout-figure] img')].filter((img) => img.getBoundingClientRect().height > 40).length,
      }));
      assert.equal(all.shown, theoryCells.length, `${paper}: all ${theoryCells.length} figures print`);
      assert.ok(all.height <= size.height, `${paper}: the theory handout with ${theoryCells.length} figures is ${Math.round(all.height)} px tall, a page holds ${Math.round(size.height)}`);
    }
    assertClean(assert, problems, `/${lang}/teach/ figures`);
    await context.close();
  });

  test(`/${lang}/teach/ printed: each handout fits one A4 and one Letter page, no page to spare`, async () => {
    for (const [paper, size] of Object.entries(PAPER)) {
      const { page, context } = await newTrackedPage(browser, { viewport: { width: Math.floor(size.width), height: 900 } });
      await page.goto(`${BASE}/${lang}/teach/`, { waitUntil: 'networkidle' });
      await page.emulateMedia({ media: 'print' });
      const layout = await page.evaluate(() => ({
        width: document.documentElement.clientWidth,
        handouts: [...document.querySelectorAll('[data-handout]')].map((h) => ({ slug: h.dataset.handout, top: h.getBoundingClientRect().top + window.scrollY, height: h.getBoundingClientRect().height })),
        wide: [...document.querySelectorAll('main *')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !(el.closest('.katex') && !el.classList.contains('katex'))).map((el) => el.tagName + '.' + el.className).slice(0, 5),
        chrome: [...document.querySelectorAll('.site-header, button, .sidebar-home')].filter((el) => el.getClientRects().length > 0).length,
      }));
      assert.ok(layout.handouts.length >= 3, `${paper}: handouts (${layout.handouts.length})`);
      assert.deepEqual(layout.wide, [], `${paper}: nothing wider than the page`);
      assert.equal(layout.chrome, 0, `${paper}: no header, buttons or navigation printed`);
      for (const h of layout.handouts) assert.ok(h.height <= size.height, `${paper}: the ${h.slug} handout is ${Math.round(h.height)} px tall, a page holds ${Math.round(size.height)}`);
      const pdf = await page.pdf({ format: paper, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' }, printBackground: false });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
      const guidePages = Math.ceil(layout.handouts[0].top / size.height) + 1; // + the page the handouts' heading may share
      assert.ok(pages <= guidePages + layout.handouts.length && pages >= layout.handouts.length + 1,
        `${paper}: ${pages} pages for the guide (${guidePages} at most) and ${layout.handouts.length} handouts`);
      await context.close();
    }
  });
}
