// Accessibility: axe-core on every page of the export (both languages, every route present in
// out/), with cells idle and after one run (the embed pages, one cell each, are checked by
// embed.test.mjs in the prepared state it loads anyway, and after a run on their chapters); a
// full cell run by keyboard alone; focus kept on the button that replaced the pressed one; a skip
// link; `prefers-reduced-motion: reduce` stops every autoplaying animation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, launch, newTrackedPage, readCellSpecs } from '../helpers.mjs';
import { quickQuery } from '../quickSettings.mjs';
import { seriousViolations } from '../axe.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every HTML page of the export as a URL path ('/', '/en/', '/en/theory/', …; not 404 pages). */
function exportedPages(dir = 'out', urlPath = '/') {
  const pages = [];
  if (fs.existsSync(path.join(dir, 'index.html'))) pages.push(urlPath);
  for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!d.isDirectory() || d.name.startsWith('_') || ['404', 'models', 'tfjs-wasm', 'data'].includes(d.name)) continue;
    pages.push(...exportedPages(path.join(dir, d.name), `${urlPath}${d.name}/`));
  }
  return pages;
}

/** Press Run on every cell, give each a few seconds, Stop what still runs; returns the cells run. */
async function runEveryCellOnce(page, budgetMs = 4000) {
  const ids = await page.locator('section[data-cell] button[data-action="run"]:not([disabled])').evaluateAll((bs) => bs.map((b) => b.closest('section').dataset.cell));
  for (const id of ids) await page.locator(`section[data-cell="${id}"] button[data-action="run"]`).click();
  await page.waitForFunction(() => ![...document.querySelectorAll('section[data-cell] .cell-status')].some((s) => s.dataset.status === 'running'), undefined, { timeout: budgetMs }).catch(() => {});
  const running = await page.locator('section[data-cell] button[data-action="stop"]:not([disabled])').evaluateAll((bs) => bs.map((b) => b.closest('section').dataset.cell));
  for (const id of running) {
    const stop = page.locator(`section[data-cell="${id}"] button[data-action="stop"]`);
    if (await stop.isEnabled()) await stop.click({ timeout: 5000 }).catch(() => {}); // it may have finished meanwhile
  }
  await page.waitForFunction(() => ![...document.querySelectorAll('section[data-cell] .cell-status')].some((s) => s.dataset.status === 'running'), undefined, { timeout: 15000 }).catch(() => {});
  return ids;
}

const pages = exportedPages();
const chapterPages = pages.filter((p) => !p.includes('/embed/'));

test('the export has the pages this test walks', () => {
  assert.ok(pages.length >= 17, `found ${pages.length} pages: ${pages.join(' ')}`);
});

for (const p of chapterPages) {
  test(`axe: ${p} has no serious or critical violation, idle and after one run`, async () => {
    const { page, context, problems } = await newTrackedPage(browser);
    // A page with cells opens in their short settings (the same controls, other values), so that
    // the run below finishes and its finished state is the one checked.
    const hasCells = fs.readFileSync(path.join('out', p, 'index.html'), 'utf8').includes('data-cell=');
    await page.goto(BASE + p + (hasCells ? `?${quickQuery()}` : ''), { waitUntil: 'load' });
    await readCellSpecs(page);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.locator('[data-testid="cell-notice"]').count(), 0, `${p}: the short settings are accepted`);
    const idle = await seriousViolations(page);
    let ran = [];
    let afterRun = [];
    if (await page.locator('section[data-cell]').count()) {
      ran = await runEveryCellOnce(page);
      // A run changes the cells, not the prose: the second pass looks at the cells only.
      afterRun = await seriousViolations(page, 'section[data-cell]');
    }
    assert.deepEqual({ idle, afterRun }, { idle: [], afterRun: [] }, `${p} (cells run: ${ran.join(', ') || 'none'})`);
    assert.deepEqual(problems.pageErrors, [], `${p}: page errors`);
    await context.close();
  });
}

test('skip link: the first Tab reaches it, and it leads into the main content', async () => {
  // Pages with the site header (the language picker at / is two links and needs none).
  for (const p of ['/en/theory/', '/zh/', '/zh/applications/']) {
    const { page, context } = await newTrackedPage(browser);
    await page.goto(BASE + p, { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ cls: document.activeElement?.className, href: document.activeElement?.getAttribute('href'), visible: document.activeElement?.getBoundingClientRect().left >= 0 }));
    assert.equal(first.cls, 'skip-link', `${p}: first Tab stop`);
    assert.ok(first.visible, `${p}: the skip link shows when focused`);
    assert.ok(await page.locator(first.href).count(), `${p}: its target ${first.href} exists`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate((sel) => document.querySelector(sel).contains(document.activeElement), first.href), `${p}: the next Tab lands inside ${first.href}`);
    await context.close();
  }
});

test('focus ring: at least 3:1 against the page in light and dark themes', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, context } = await newTrackedPage(browser, { context: { colorScheme: scheme } });
    await page.goto(`${BASE}/en/theory/`, { waitUntil: 'load' });
    await readCellSpecs(page);
    // Two rings: a link on the page background (the site title, second Tab stop) and a button on
    // a cell's background (the cell's copy-link button, one Tab after its title link).
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const rings = [await ringOfActive(page)];
    await page.locator('section[data-cell="train2d"] .cell-title a').focus();
    await page.keyboard.press('Tab');
    rings.push(await ringOfActive(page));
    for (const r of rings) {
      assert.notEqual(r.style, 'none', `${scheme}: ${r.what} shows an outline`);
      assert.ok(r.width >= 2, `${scheme}: ${r.what} outline ${r.width}px`);
      assert.ok(r.ratio >= 3, `${scheme}: ${r.what} ring ${r.ring} on ${r.bg} is ${r.ratio.toFixed(2)}:1`);
    }
    await context.close();
  }
});

/** The focused element's outline and its contrast with the nearest opaque background behind it. */
function ringOfActive(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const lum = (c) => {
      const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = getComputedStyle(el);
    // The ring sits outside the control (outline-offset), on the nearest opaque ancestor.
    let bg = getComputedStyle(document.body).backgroundColor;
    for (let n = el.parentElement; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) { bg = c; break; }
    }
    const a = lum(style.outlineColor), b = lum(bg);
    return {
      what: `${el.tagName.toLowerCase()}.${el.className}`, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
      width: parseFloat(style.outlineWidth), ring: style.outlineColor, bg, style: style.outlineStyle,
    };
  });
}

test('a full cell run by keyboard alone: Tab to a control, change it, Run, Stop, focus never on <body>', async () => {
  const { page, context, problems } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/theory/?train2d.seconds=60&train2d.backend=cpu#cell-train2d`, { waitUntil: 'load' });
  await readCellSpecs(page);
  const cell = page.locator('section[data-cell="train2d"]');
  // Start from the cell's title link and Tab forward to the "Hidden layers" slider.
  await cell.locator('.cell-title a').focus();
  const depth = cell.getByLabel('Hidden layers', { exact: true });
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await depth.evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, 'Tab reaches the slider');
  const before = await depth.inputValue();
  await page.keyboard.press('ArrowRight');
  const after = await depth.inputValue();
  assert.notEqual(after, before, 'the arrow key changed the slider');
  assert.equal(await depth.getAttribute('aria-valuetext'), after, 'the slider announces its value');
  // Tab on to Run.
  const run = cell.locator('button[data-action="run"]');
  reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await run.evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, 'Tab reaches Run');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('section[data-cell="train2d"] .cell-status')?.dataset.status === 'running');
  const onStop = await page.evaluate(() => document.activeElement?.dataset.action);
  assert.equal(onStop, 'stop', 'after Run, focus is on Stop (not <body>)');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent) > 0, undefined, { timeout: 60000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('section[data-cell="train2d"] .cell-status')?.dataset.status === 'stopped', undefined, { timeout: 5000 });
  const onRun = await page.evaluate(() => document.activeElement?.dataset.action);
  assert.equal(onRun, 'run', 'after Stop, focus is back on Run');
  // The URL carries the changed value: the keyboard change is a real parameter change.
  await page.waitForFunction((v) => new URLSearchParams(window.location.search).get('train2d.depth') === v, after);
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});

test('the status line announces state changes only, not the ticking elapsed time', async () => {
  const { page, context } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/intuition/`, { waitUntil: 'load' });
  await readCellSpecs(page);
  const live = await page.evaluate(() => [...document.querySelectorAll('section[data-cell] .cell-status [aria-live], section[data-cell] .cell-status[aria-live], section[data-cell] .cell-status [role="status"]')]
    .map((el) => el.textContent));
  assert.ok(live.length > 0, 'each cell has a live status');
  for (const text of live) assert.doesNotMatch(text, /\d+\.\d s/, `live region holds no elapsed time: ${text}`);
  await context.close();
});

test('the applications page has one live region per cell status, none repeating the model status', async () => {
  const { page, context } = await newTrackedPage(browser);
  await page.goto(`${BASE}/en/applications/`, { waitUntil: 'load' });
  await readCellSpecs(page);
  const liveModel = await page.locator('[data-testid="model-status"][aria-live], [aria-live] [data-testid="model-status"], [role="status"] [data-testid="model-status"], [data-testid="model-status"][role="status"]').count();
  assert.equal(liveModel, 0);
  await context.close();
});

test('prefers-reduced-motion: reduce stops every autoplaying animation', async () => {
  const moving = [];
  // Pages that can animate: the home pages (strip of generated digits) and every page with cells.
  const animated = pages.filter((p) => !p.includes('/embed/') && (/^\/(en|zh)\/$/.test(p) || fs.readFileSync(path.join('out', p, 'index.html'), 'utf8').includes('data-cell=')));
  const check = async (p) => {
    const { page, context } = await newTrackedPage(browser, { context: { reducedMotion: 'reduce' } });
    await page.goto(BASE + p, { waitUntil: 'load' });
    await readCellSpecs(page);
    await page.waitForTimeout(1500);
    const snap = () => page.evaluate(() => ({
      canvases: [...document.querySelectorAll('canvas')].map((c) => { try { const d = c.toDataURL(); return d.length + ':' + d.slice(-64); } catch { return 'x'; } }),
      animations: document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations === Infinity).length,
    }));
    // An animation changes a canvas again and again; a figure finishing its first drawing late
    // changes it once. Three snapshots 1 s apart: moving means changed in both intervals.
    const a = await snap();
    await page.waitForTimeout(1000);
    const b = await snap();
    await page.waitForTimeout(1000);
    const c = await snap();
    const changed = a.canvases.map((x, i) => (x !== b.canvases[i] && b.canvases[i] !== c.canvases[i] ? i : -1)).filter((i) => i >= 0);
    if (changed.length) moving.push(`${p}: canvas ${changed.join(', ')} keeps changing with no input`);
    if (c.animations) moving.push(`${p}: ${c.animations} infinite CSS animation(s) running`);
    await context.close();
  };
  for (let i = 0; i < animated.length; i += 3) await Promise.all(animated.slice(i, i + 3).map(check));
  assert.ok(animated.length >= 14, `${animated.length} pages checked`);
  assert.deepEqual(moving, []);
});

test('prefers-reduced-motion: reduce turns a Run\'s animation into a few still steps', async () => {
  const framesIn1500ms = async (motion, id) => {
    const { page, context } = await newTrackedPage(browser, { context: { reducedMotion: motion } });
    await page.goto(`${BASE}/en/intuition/`, { waitUntil: 'load' });
    await readCellSpecs(page);
    await page.locator(`section[data-cell="${id}"] button[data-action="run"]`).click();
    // Sampled in the page, every 100 ms of wall time for 1.5 s.
    const count = await page.locator(`section[data-cell="${id}"] canvas`).first().evaluate((c) => new Promise((resolve) => {
      const seen = new Set();
      const t0 = performance.now();
      const sample = () => {
        seen.add(c.toDataURL());
        if (performance.now() - t0 < 1500) setTimeout(sample, 100); else resolve(seen.size);
      };
      sample();
    }));
    await context.close();
    return count;
  };
  for (const id of ['cloud', 'brownian']) {
    const reduced = await framesIn1500ms('reduce', id);
    assert.ok(reduced <= 4, `${id}: ${reduced} distinct frames in 1.5 s under reduced motion`);
  }
  // The same sampling does see motion when motion is allowed (the check can fail).
  assert.ok(await framesIn1500ms('no-preference', 'cloud') > 4, 'cloud animates smoothly by default');
});

test('at 375 px no page scrolls sideways (wide tables, plots and equations scroll in their own box)', async () => {
  const wide = [];
  const check = async (p) => {
    const { page, context } = await newTrackedPage(browser, { viewport: { width: 375, height: 800 }, context: { isMobile: true, hasTouch: true } });
    await page.goto(BASE + p, { waitUntil: 'load' });
    await readCellSpecs(page);
    await page.waitForTimeout(500);
    const r = await page.evaluate(() => {
      const over = document.documentElement.scrollWidth - document.documentElement.clientWidth;
      // Name the widest culprits: elements whose right edge passes the viewport, outside any scroller.
      const culprits = [];
      if (over > 1) {
        for (const el of document.querySelectorAll('main *')) {
          const rect = el.getBoundingClientRect();
          if (rect.right <= window.innerWidth + 1) continue;
          let clipped = false;
          for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
            const ox = getComputedStyle(n).overflowX;
            if (ox !== 'visible' && n.getBoundingClientRect().right <= window.innerWidth + 1) { clipped = true; break; }
          }
          if (!clipped) culprits.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} (${Math.round(rect.right)}px)`);
          if (culprits.length >= 3) break;
        }
      }
      return { over, culprits };
    });
    if (r.over > 1) wide.push(`${p}: ${r.over}px too wide: ${r.culprits.join(', ')}`);
    await context.close();
  };
  for (let i = 0; i < pages.length; i += 3) await Promise.all(pages.slice(i, i + 3).map(check));
  assert.deepEqual(wide, []);
});

/** Each figure in the cells (canvas, Plot svg) with the text alternative that describes it. */
function figureAlternatives(page) {
  return page.evaluate(() => [...document.querySelectorAll('section[data-cell] canvas, section[data-cell] .cell-output svg')]
    .filter((el) => !el.closest('svg svg, [aria-hidden="true"]') || el.matches('canvas'))
    .filter((el) => el.getBoundingClientRect().width > 0)
    .map((el) => {
      const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      const own = el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') ? byIds(el.getAttribute('aria-labelledby')) : '');
      const holder = el.parentElement?.closest('[role="img"][aria-label], [role="img"][aria-labelledby], figure');
      const held = holder ? (holder.getAttribute('aria-label') || (holder.getAttribute('aria-labelledby') ? byIds(holder.getAttribute('aria-labelledby')) : '') || holder.querySelector('figcaption')?.textContent || '') : '';
      const pixels = el.tagName === 'CANVAS' ? (() => { try { const d = el.toDataURL(); return d.length + d.slice(-48); } catch { return ''; } })() : el.outerHTML.length;
      return { cell: el.closest('section').dataset.cell, tag: el.tagName.toLowerCase(), alt: (own || held).trim(), pixels };
    }));
}

test('every plot and canvas in a cell has a text alternative, and a run that changes it updates it', async (t) => {
  const missing = [];
  const checkedCells = [];
  const stale = [];
  for (const p of pages.filter((x) => x.startsWith('/en/') && !x.includes('/embed/') && fs.readFileSync(path.join('out', x, 'index.html'), 'utf8').includes('data-cell='))) {
    const { page, context } = await newTrackedPage(browser);
    // Short settings, so that the runs finish (and can be compared) on a loaded machine too.
    await page.goto(`${BASE}${p}?${quickQuery()}`, { waitUntil: 'load' });
    await readCellSpecs(page);
    await page.waitForTimeout(800);
    const before = await figureAlternatives(page);
    for (const f of before) if (!f.alt) missing.push(`${p} ${f.cell}: a ${f.tag} with no text alternative`);
    await runEveryCellOnce(page, 20000);
    await page.waitForTimeout(500);
    const after = await figureAlternatives(page);
    // Per cell that finished its run: if its figures now show something else, their descriptions
    // must say something else. (A run stopped early may only have redrawn its axes.)
    const done = new Set(await page.locator('section[data-cell] .cell-status[data-status="done"]').evaluateAll((els) => els.map((e) => e.closest('section').dataset.cell)));
    for (const cell of new Set(after.map((f) => f.cell).filter((c) => done.has(c)))) {
      const b = before.filter((f) => f.cell === cell), a = after.filter((f) => f.cell === cell);
      const drawn = JSON.stringify(a.map((f) => f.pixels)) !== JSON.stringify(b.map((f) => f.pixels));
      const said = JSON.stringify(a.map((f) => f.alt)) !== JSON.stringify(b.map((f) => f.alt));
      if (drawn && !said) stale.push(`${p} ${cell}: the figure changed after Run, its text alternative did not ("${a[0]?.alt.slice(0, 80)}")`);
    }
    for (const f of after) if (!f.alt) missing.push(`${p} ${f.cell}: after Run, a ${f.tag} with no text alternative`);
    checkedCells.push(...done);
    await context.close();
  }
  t.diagnostic(`runs compared: ${checkedCells.join(', ')}`);
  assert.ok(checkedCells.length >= 4, 'some runs finished to compare');
  assert.deepEqual({ missing: [...new Set(missing)], stale }, { missing: [], stale: [] });
});
