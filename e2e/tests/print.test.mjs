// Print (app/print.css, components/cell/PrintSettings.tsx): a chapter printed on A4 shows no site
// chrome or controls; nothing is wider than the page or cut inside a scrolling box (math, code,
// tables); a cell that never ran prints one line, a cell that ran prints its figure with the
// settings that produced it, each written as its control shows it (label in the page's language,
// a select's option label, a slider's shown value); nothing kept unbroken is taller than half a page (the cause of nearly
// blank pages), and page.pdf() has no more pages than the printed layout needs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, LANGS, launch, newTrackedPage, assertClean, readCellSpecs } from '../helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const MM = 96 / 25.4;
/** A4 with the stylesheet's 15 mm margins, in CSS px. */
const PAGE = { width: Math.floor((210 - 30) * MM), height: Math.floor((297 - 30) * MM) };

/** Runs in the page (print media): everything the printed chapter must not have. */
function printProblems(pageHeight) {
  const W = document.documentElement.clientWidth;
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : ''}${el.closest('[data-cell]') ? ` in cell ${el.closest('[data-cell]').dataset.cell}` : ''}`;
  const wide = [];
  const clipped = [];
  const unbreakable = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    // KaTeX positions its glyph boxes with negative margins and struts; the formula's box is what counts.
    const inFormula = el.closest('.katex') && !el.classList.contains('katex');
    if (!inFormula && (r.right > W + 1 || r.left < -1)) wide.push(`${name(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${W}`);
    const cs = getComputedStyle(el);
    if (!inFormula && cs.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 2) clipped.push(`${name(el)} shows ${el.clientWidth} of ${el.scrollWidth} px`);
    if (['avoid', 'avoid-page'].includes(cs.breakInside) && r.height > pageHeight / 2) unbreakable.push(`${name(el)} ${Math.round(r.height)} px`);
  }
  const chrome = [...document.querySelectorAll('.site-header, .chapter-sidebar, [data-testid="toc"], .chapter-pager, button, input, select, textarea, .cell-actions, .cell-controls')]
    .filter(visible).map(name);
  const idleText = [...document.querySelectorAll('.cell-status')].filter((s) => visible(s) && s.dataset.status === 'idle').map((s) => s.closest('[data-cell]').dataset.cell);
  return { wide: wide.slice(0, 8), clipped: clipped.slice(0, 8), unbreakable, chrome: chrome.slice(0, 8), idleText, height: document.documentElement.scrollHeight };
}

/** Cell by cell: what prints (never-run cells that draw nothing before Run must be one short line). */
const printedCells = () => [...document.querySelectorAll('section[data-cell]')].map((c) => {
  const shown = (sel) => { const el = c.querySelector(sel); return Boolean(el && el.getClientRects().length > 0); };
  return {
    id: c.dataset.cell,
    status: c.querySelector('.cell-status')?.dataset.status,
    preview: c.hasAttribute('data-preview'),
    height: c.getBoundingClientRect().height,
    idleLine: shown('.cell-print-idle'),
    output: shown('.cell-output'),
    settings: shown('.cell-print-settings') ? c.querySelector('.cell-print-settings').textContent : null,
  };
});

/** A cell's controls as the reader sees them: label and shown value (null for a checkbox). */
const shownControls = (id) => [...document.querySelectorAll(`[data-cell="${id}"] .cell-controls .control`)].map((c) => {
  const select = c.querySelector('select');
  const number = c.querySelector('input[type="number"]');
  const value = c.querySelector('output')?.textContent ?? (select ? select.selectedOptions[0].textContent : number ? number.value : null);
  return { label: c.querySelector('label').textContent, value };
});

const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

for (const lang of LANGS) {
  test(`/${lang}/theory/ printed: figures with their settings, never-run cells in one line, nothing cut, no wasted pages`, async () => {
    const { page, context, problems } = await newTrackedPage(browser, { viewport: { width: PAGE.width, height: 1000 } });
    // The sampling cell runs on open (pretrained model, a short DDIM run); the others stay as they open.
    await page.goto(`${BASE}/${lang}/theory/?sample2d.sampler=ddim&sample2d.S=6&sample2d.n=300&sample2d.seed=9&sample2d.backend=wasm&sample2d.run=1&schedule.T=600`, { waitUntil: 'load' });
    await readCellSpecs(page, 30000);
    await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-cell="sample2d"] .cell-status')?.dataset.status), null, { timeout: 120000 });
    await page.waitForLoadState('networkidle');
    // A reader who opened a code panel prints it whole.
    await page.locator('[data-cell="sample2d"] .cell-code > button').click();
    await page.locator('[data-cell="sample2d"] .code-figure[aria-busy="false"]').first().waitFor(); // its source is fetched on open
    const controls = { sample2d: await page.evaluate(shownControls, 'sample2d'), schedule: await page.evaluate(shownControls, 'schedule') };
    const scheduleGroups = await page.locator('[data-cell="schedule"] fieldset > legend').allInnerTexts();
    await page.emulateMedia({ media: 'print' });

    const found = await page.evaluate(printProblems, PAGE.height);
    assert.deepEqual(found.wide, [], 'nothing wider than the page');
    assert.deepEqual(found.clipped, [], 'nothing cut inside a scrolling box (math, code, tables)');
    assert.deepEqual(found.chrome, [], 'no header, table of contents, controls or buttons');
    assert.deepEqual(found.idleText, [], 'no "Status: idle" printed');
    assert.deepEqual(found.unbreakable, [], 'nothing kept unbroken is taller than half a page');

    const cells = await page.evaluate(printedCells);
    const sample = cells.find((c) => c.id === 'sample2d');
    assert.equal(sample.status, 'done');
    assert.ok(sample.output, 'the run cell prints its figure');
    for (const v of ['6', '300', '9']) assert.ok(sample.settings?.includes(v), `the settings line of sample2d names ${v}: ${sample.settings}`);
    assert.ok(sample.settings?.includes('DDIM') || sample.settings?.includes('ddim'), `the sampler is named: ${sample.settings}`);
    assert.ok(await page.locator('[data-cell="sample2d"] .code-figure pre').first().isVisible(), 'the opened code panel prints');
    // Each setting is written as its control shows it: its label in the page's language, a select's option label, a slider's shown value.
    for (const [id, shown] of Object.entries(controls)) {
      const line = cells.find((c) => c.id === id).settings;
      assert.ok(shown.length >= 3, `${id} shows its controls (${shown.length})`);
      for (const { label, value } of shown) assert.ok(line?.includes(value === null ? label : `${label} ${value}`), `${id} prints "${label} ${value}": ${line}`);
      if (lang === 'zh') for (const key of ['sampler', 'backend', 'seed', 'variance', 'zeroNoise', 'auto']) assert.ok(!line.includes(key), `${id} prints no raw key or value "${key}": ${line}`);
    }
    const schedule = cells.find((c) => c.id === 'schedule');
    // Schedules A and B share their labels: each set of values is printed under its fieldset's name.
    assert.ok(scheduleGroups.length === 2, `the β-explorer shows two schedules: ${scheduleGroups}`);
    const groupAt = scheduleGroups.map((g) => schedule.settings.search(new RegExp(`${g}[:：] `)));
    assert.ok(groupAt[0] >= 0 && groupAt[1] > groupAt[0], `the settings line names each schedule before its values: ${schedule.settings}`);
    const kindLabel = controls.schedule[0].label;
    assert.ok(schedule.settings.indexOf(kindLabel, groupAt[0]) < groupAt[1] && schedule.settings.indexOf(kindLabel, groupAt[1]) > groupAt[1],
      `each schedule's "${kindLabel}" follows its name: ${schedule.settings}`);
    assert.ok(schedule.preview && schedule.output && schedule.settings?.includes('600'), `the β-explorer draws before Run: printed with its settings (${schedule.settings})`);
    const idle = cells.filter((c) => c.status === 'idle' && !c.preview);
    assert.ok(idle.length >= 1, 'some cell never ran');
    for (const c of idle) {
      assert.ok(c.idleLine && !c.output && c.settings === null, `${c.id} never ran: one line instead of its figure`);
      assert.ok(c.height < 110, `${c.id} never ran: ${Math.round(c.height)} px tall`);
    }

    const pdf = await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    const pages = pdfPages(pdf);
    const needed = Math.ceil(found.height / PAGE.height);
    assert.ok(pages >= needed - 1 && pages <= needed + 1, `${pages} PDF pages for ${found.height} px of print layout (${needed} pages' worth)`);
    assertClean(assert, problems, `/${lang}/theory/ print`);
    await context.close();
  });
}

test('every chapter prints without chrome, overflow or long unbreakable blocks', async () => {
  const failures = [];
  for (const slug of ['background', 'intuition', 'features', 'applications', 'ethics', 'references']) {
    const { page, context } = await newTrackedPage(browser, { viewport: { width: PAGE.width, height: 1000 } });
    await page.goto(`${BASE}/en/${slug}/`, { waitUntil: 'networkidle' });
    await page.emulateMedia({ media: 'print' });
    const found = await page.evaluate(printProblems, PAGE.height);
    for (const k of ['wide', 'clipped', 'chrome', 'idleText', 'unbreakable']) if (found[k].length) failures.push(`${slug} ${k}: ${found[k].join('; ')}`);
    await context.close();
  }
  assert.deepEqual(failures, [], failures.join('\n'));
});
