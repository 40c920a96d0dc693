// `npm run bench:image -- --first-result`: how long a reader waits for the first grid of digits on
// /<lang>/applications/. The export is served as a plain static host would (no COOP/COEP headers;
// the site's service worker is allowed, as for a reader). Two visits in one browser context:
//   cold  a fresh context, nothing cached: the page loads, the reader presses Run in the
//         prompt-to-image cell (its defaults: 8 digits, DDIM-50, the model's w), and the clock runs
//         from the click until all 8 samples are final — the backend choice, the model download
//         and build and the sampling all fall inside it.
//   warm  the same context once the service worker has installed (its precache holds the model
//         and the wasm files; the page is now cross-origin isolated): a new tab, the same click.
// The click is timed inside the page (performance.now() around a MutationObserver), so the
// benchmark's own round trips do not count. Writes DIR/first-result.json.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/serve-static.mjs';
import { CHROMIUM_ARGS } from '../e2e/chromium.mjs';

const CELL = '[data-cell="prompt"]';

/** Waits until the cell's Run button is hydrated (React props with a click handler), so a click counts. */
async function waitForHydratedRun(page) {
  await page.waitForFunction((c) => {
    const b = document.querySelector(`${c} [data-action="run"]`);
    const key = b && Object.keys(b).find((k) => k.startsWith('__reactProps$'));
    return Boolean(key && typeof b[key].onClick === 'function' && !b.disabled);
  }, CELL, { timeout: 60_000, polling: 50 });
}

/** In the page: clicks Run and resolves with ms until `count` samples are final (or the cell errs). */
function clickAndTime(c) {
  return new Promise((resolve) => {
    const root = document.querySelector(c);
    const t0 = performance.now();
    const check = () => {
      const status = root.querySelector('[data-testid="cell-status"]')?.textContent;
      const figs = root.querySelectorAll('[data-testid="sample"]');
      const final = root.querySelectorAll('[data-testid="sample"][data-state="final"]').length;
      if (status === 'error') { obs.disconnect(); resolve({ ms: performance.now() - t0, error: root.querySelector('.cell-error')?.textContent ?? 'error' }); return true; }
      if (figs.length > 0 && final === figs.length && status === 'done') { obs.disconnect(); resolve({ ms: performance.now() - t0, samples: final }); return true; }
      return false;
    };
    const obs = new MutationObserver(check);
    obs.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    root.querySelector('[data-action="run"]').click();
  });
}

async function visit(context, url, label) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/favicon\.ico/.test(m.location()?.url ?? '')) errors.push(m.text()); });
  const nav0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await waitForHydratedRun(page);
  const readySeconds = (Date.now() - nav0) / 1000;
  const r = await page.evaluate(clickAndTime, CELL);
  if (r.error) throw new Error(`${label}: the cell failed: ${r.error}`);
  const line = page.locator(`${CELL} [data-testid="model-status"]`);
  const out = {
    visit: label, clickToGridSeconds: r.ms / 1000, samples: r.samples, pageReadySeconds: readySeconds,
    crossOriginIsolated: await page.evaluate(() => self.crossOriginIsolated === true),
    controlledByServiceWorker: await page.evaluate(() => Boolean(navigator.serviceWorker?.controller)),
    backend: await page.locator(`${CELL} [data-testid="cell-backend"]`).innerText().catch(() => null),
    wasmThreads: await line.getAttribute('data-wasm-threads'), threadsWhy: await line.getAttribute('data-threads-why'),
    loadSeconds: await page.locator(`${CELL} [data-testid="prompt-summary"]`).getAttribute('data-total-seconds').catch(() => null),
    errors,
    loadAverage: fs.readFileSync('/proc/loadavg', 'utf8').trim(),
  };
  // The second visit comes once the service worker has installed (its precache is then complete).
  if (label === 'cold') out.serviceWorkerReadyAfterSeconds = await page.evaluate(async () => { const t = performance.now(); await navigator.serviceWorker.ready; return (performance.now() - t) / 1000; });
  await page.close();
  return out;
}

export async function firstResult({ exe, outDir, lang, threads }) {
  const { url: base, close } = await startStaticServer('out', 0);
  const url = `${base}/${lang}/applications/${threads ? `?wasm-threads=${threads}` : ''}#cell-prompt`;
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'allow' });
    const cold = await visit(context, url, 'cold');
    const warm = await visit(context, url, 'warm');
    const report = { command: `npm run bench:image -- ${process.argv.slice(2).join(' ')}`, date: new Date().toISOString(), page: url.replace(base, ''), targets: { coldSeconds: 8, warmSeconds: 5 }, cold, warm };
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'first-result.json'), JSON.stringify(report, null, 1));
    for (const v of [cold, warm]) {
      console.log(`${v.visit}: Run → grid of ${v.samples} in ${v.clickToGridSeconds.toFixed(2)} s (page ready after ${v.pageReadySeconds.toFixed(2)} s; isolated ${v.crossOriginIsolated}, service worker ${v.controlledByServiceWorker}, ${v.backend}, ${v.wasmThreads ?? '—'} thread(s) ${v.threadsWhy ?? ''}) · load ${v.loadAverage}`);
      if (v.errors.length) console.error(`${v.visit} errors:`, v.errors);
    }
    console.log(`targets: cold ≤ 8 s, warm ≤ 5 s · wrote ${path.join(outDir, 'first-result.json')}`);
  } finally {
    await browser.close();
    await close();
  }
}
