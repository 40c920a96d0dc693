// Stability: every cell run 20 times in a row (short settings, e2e/quickSettings.mjs) leaves the
// TF.js tensor count of every worker on the page where it was after the first run, and the page's
// JS heap, measured after a forced garbage collection, within 10 % of its size after the first run
// (the heap without V8's compiled code, which grows as hot functions are optimised; both are printed).
// Worker tensors are read from TF.js's engine inside each worker (Playwright evaluates in the
// worker itself, so the site needs no debug hook); the heap from the DevTools protocol.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, newTrackedPage, assertClean, pagesWithCells, readCellSpecs } from '../helpers.mjs';
import { QUICK, quickQuery } from '../quickSettings.mjs';

const RUNS = 20;
const HEAP_GROWTH = 0.10;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** numTensors of TF.js in each of the page's workers that has loaded it, in a stable order. */
async function workerTensors(page) {
  const out = [];
  for (const w of page.workers()) {
    const n = await w.evaluate(() => globalThis._tfengine?.state?.numTensors ?? null).catch(() => null);
    if (n !== null) out.push(`${new URL(w.url()).pathname.split('/').pop()}: ${n}`);
  }
  return out.sort();
}

/**
 * The page's JS heap after a forced GC: all of it (Runtime.getHeapUsage), and that less the
 * compiled code (the `code` nodes of a heap snapshot). V8 keeps optimising functions that run again and
 * again, so its code space grows over the first runs of any cell (measured: ~0.4 MB of
 * InstructionStream over 20 runs of memorize2d, flat after ~30); that is not data kept alive.
 */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const chunks = [];
  const onChunk = (p) => chunks.push(p.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join(''));
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const iType = fields.indexOf('type');
  const iSize = fields.indexOf('self_size');
  let code = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    if (types[snap.nodes[i + iType]] === 'code') code += snap.nodes[i + iSize];
  }
  return { used: usedSize, data: usedSize - code };
}

/**
 * Press Run and wait for that run to end: "running" is watched with a MutationObserver, since a fast run may be over before a poll sees it.
 * The button is found, scrolled to and read in the page's own world and pressed with the mouse: a
 * Playwright locator action left a wrapper for every node of the page in Playwright's utility world
 * (measured on /en/theory/: 24,479 spans, kept through that world's wrapper map), and these come
 * and go with the garbage collector, swinging the heap reading by up to ~0.8 MB: the harness, not the page.
 */
async function runOnce(page, id) {
  const sel = `section.cell[data-cell="${id}"] .cell-status`;
  const box = await page.evaluate(([s, cellId]) => {
    const el = document.querySelector(s);
    window.__stabilityRan = false;
    window.__stabilityObserver?.disconnect();
    window.__stabilityObserver = new MutationObserver(() => { if (el.dataset.status === 'running') window.__stabilityRan = true; });
    window.__stabilityObserver.observe(el, { attributes: true, attributeFilter: ['data-status'] });
    const button = document.querySelector(`section.cell[data-cell="${cellId}"] [data-action="run"]`);
    if (!button || button.disabled) return { problem: 'no enabled Run button' };
    button.scrollIntoView({ block: 'center', behavior: 'instant' });
    const r = button.getBoundingClientRect();
    const x = r.x + r.width / 2;
    const y = r.y + r.height / 2;
    const hit = document.elementFromPoint(x, y);
    return button.contains(hit) ? { x, y } : { problem: `the Run button is covered by ${hit?.outerHTML.slice(0, 80)}` };
  }, [sel, id]);
  assert.ok(!box.problem, `${id}: ${box.problem}`);
  await page.mouse.click(box.x, box.y);
  await page.waitForFunction((s) => window.__stabilityRan && ['done', 'error', 'stopped'].includes(document.querySelector(s)?.dataset.status),
    sel, { timeout: 240_000, polling: 100 });
  const status = await page.evaluate((s) => document.querySelector(s).dataset.status, sel);
  if (status !== 'done') {
    const error = await page.evaluate((i) => document.querySelector(`section.cell[data-cell="${i}"] .cell-error`)?.textContent ?? '', id);
    throw new Error(`${id}: run ended "${status}" ${error}`);
  }
}

/** A cell that runs by itself on load (the forward curve) has its Run button disabled until it ends. */
async function waitUntilIdle(page, id) {
  await page.waitForFunction((i) => {
    const b = document.querySelector(`section.cell[data-cell="${i}"] [data-action="run"]`);
    return b && !b.disabled;
  }, id, { timeout: 120_000, polling: 100 });
}

const pages = (await pagesWithCells()).filter((p) => p.lang === 'en');

test('every cell on the pages has short settings for the repeated runs', () => {
  const missing = [...new Set(pages.flatMap((p) => p.cells))].filter((id) => !(id in QUICK));
  assert.deepEqual(missing, [], `add short settings for these cells to e2e/quickSettings.mjs: ${missing.join(', ')}`);
});

for (const { path, cells } of pages) {
  test(`${path}: each cell run ${RUNS} times leaves worker tensors at their level and the heap within ${HEAP_GROWTH * 100} %`, async () => {
    const { page, context, problems } = await newTrackedPage(browser);
    await page.goto(`${BASE}${path}?${quickQuery(cells)}`, { waitUntil: 'networkidle' });
    await readCellSpecs(page, 60_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const report = [];
    for (const id of cells) {
      const started = Date.now();
      await waitUntilIdle(page, id);
      await runOnce(page, id);
      await page.waitForTimeout(300); // a worker's last reply (memory, previews) follows the run's end
      const tensors0 = await workerTensors(page);
      const heap0 = await heapAfterGc(cdp);
      for (let i = 1; i < RUNS; i++) await runOnce(page, id);
      await page.waitForTimeout(300);
      const tensors1 = await workerTensors(page);
      const heap1 = await heapAfterGc(cdp);
      const mb = (x) => (x / 1e6).toFixed(2);
      report.push(`${id} (${((Date.now() - started) / 1000).toFixed(1)} s): heap ${mb(heap0.used)} → ${mb(heap1.used)} MB (without compiled code ${mb(heap0.data)} → ${mb(heap1.data)}), workers [${tensors1.join('; ')}]`);
      assert.deepEqual(tensors1, tensors0, `${id}: worker tensors after run 1 vs run ${RUNS}`);
      assert.ok(heap1.data <= heap0.data * (1 + HEAP_GROWTH),
        `${id}: the heap without compiled code grew from ${heap0.data} to ${heap1.data} bytes over ${RUNS - 1} more runs`);
    }
    console.log(`${path}\n  ${report.join('\n  ')}`);
    assertClean(assert, problems, path);
    await context.close();
  });
}
