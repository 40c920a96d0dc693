import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

export const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';
export const LANGS = ['en', 'zh'];
export const SLUGS = ['background', 'intuition', 'theory', 'features', 'applications', 'ethics', 'references'];

export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/**
 * A page that records console errors, page errors, failed requests, Content-Security-Policy
 * violations (the export's <meta> policy, scripts/csp.mjs) and any request that tries to leave
 * 127.0.0.1 (those are aborted and counted).
 * The site's service worker is blocked unless `options.context.serviceWorkers` is 'allow'
 * (e2e/tests/offline.test.mjs): each test opens a fresh context, and letting every one of them
 * precache the whole export (~40 MB) in the background would load the 2-core machine during
 * timed checks and hide requests from `page.route`.
 */
export async function newTrackedPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, serviceWorkers: 'block', ...options.context });
  const page = await context.newPage();
  gotoWaitsForHydration(page);
  const problems = { consoleErrors: [], pageErrors: [], failedRequests: [], external: [], cspViolations: [] };
  await trackCspViolations(page, problems.cspViolations);
  await page.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    if (u.hostname !== '127.0.0.1') {
      problems.external.push(route.request().url());
      return route.abort();
    }
    return route.continue();
  });
  page.on('console', (msg) => { if (msg.type() === 'error') problems.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('requestfailed', (req) => {
    // Requests cancelled by the browser (a prefetch cut short by navigation or by closing the
    // page) are not failures of the site; missing files show up as HTTP errors below.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.failedRequests.push(`${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => { if (res.status() >= 400) problems.failedRequests.push(`${res.url()} ${res.status()}`); });
  return { page, context, problems };
}

/**
 * Makes `page.goto` with waitUntil 'load' (its default) or 'networkidle' also wait until every
 * cell on the page has hydrated. Under load the markup is there and the network idle seconds
 * before React attaches its handlers, and a value typed or a button pressed before then is lost
 * (seen at load 8: a seed typed before hydration came back as its default, a share button did
 * nothing). 'commit' and 'domcontentloaded' keep the raw timing, for tests of what works before
 * hydration (the language switch).
 */
function gotoWaitsForHydration(page) {
  const goto = page.goto.bind(page);
  page.goto = async (url, options = {}) => {
    const response = await goto(url, options);
    if (!['commit', 'domcontentloaded'].includes(options.waitUntil)) await cellsHydrated(page, 60_000);
    return response;
  };
}

/** Resolves once every `section[data-cell]` on the page carries React's fiber (it has hydrated). */
function cellsHydrated(page, timeout) {
  return page.waitForFunction(() => [...document.querySelectorAll('section[data-cell]')].every((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber$'))), undefined, { timeout });
}

/** Records every `securitypolicyviolation` event of the page's frames into `list` (directive, blocked URI, sample, source). */
async function trackCspViolations(page, list) {
  await page.exposeBinding('__reportCspViolation', ({ frame }, v) => { list.push({ ...v, frame: frame.url() }); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation({
        directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}`,
      });
    }, true);
  });
}

export function assertClean(assert, problems, where) {
  assert.deepEqual(problems.cspViolations ?? [], [], `${where}: Content-Security-Policy violations`);
  assert.deepEqual(problems.pageErrors, [], `${where}: page errors`);
  assert.deepEqual(problems.consoleErrors, [], `${where}: console errors`);
  assert.deepEqual(problems.failedRequests, [], `${where}: failed requests`);
  assert.deepEqual(problems.external, [], `${where}: requests leaving 127.0.0.1`);
}

/** Cells mirror their parameters into the address bar after a short debounce: wait for it. */
export async function waitForUrl(page, re, timeout = 5000) {
  await page.waitForFunction(([src, flags]) => new RegExp(src, flags).test(window.location.href), [re.source, re.flags], { timeout });
}

/**
 * Wait until every cell on the page has hydrated, then return each cell's parameter spec as the
 * running page holds it: the `spec` prop of the React component that rendered
 * section[data-cell] (read from React's fiber, so a test drives the real namespaces and ranges,
 * not a copy that could drift).
 */
export async function readCellSpecs(page, timeout = 15000) {
  await cellsHydrated(page, timeout);
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('section[data-cell]')) {
      const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
      let f = key ? el[key] : null;
      while (f && !(f.memoizedProps && f.memoizedProps.spec && f.memoizedProps.id === el.dataset.cell)) f = f.return;
      if (f) out[el.dataset.cell] = f.memoizedProps.spec;
    }
    return out;
  });
}

/**
 * Pages of the export that hold cells: [{ lang, path: '/en/theory/', cells: [ids] }], read from out/ (any depth).
 * The embed routes (/<lang>/embed/<id>/, one catalog cell each, the chapter's own component) are
 * left out: e2e/tests/embed.test.mjs covers them, and each would repeat its chapter's cases.
 */
export async function pagesWithCells(outDir = 'out') {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const found = [];
  const walk = (dir, urlPath, lang) => {
    const file = path.join(dir, 'index.html');
    if (fs.existsSync(file)) {
      const ids = [...new Set([...fs.readFileSync(file, 'utf8').matchAll(/data-cell="([^"]+)"/g)].map((m) => m[1]))];
      if (ids.length > 0) found.push({ lang, path: urlPath, cells: ids });
    }
    for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (d.isDirectory() && !(urlPath === `/${lang}/` && d.name === 'embed')) walk(path.join(dir, d.name), `${urlPath}${d.name}/`, lang);
    }
  };
  for (const lang of LANGS) walk(path.join(outDir, lang), `/${lang}/`, lang);
  return found;
}

/**
 * Clicks Stop in a running cell and resolves with the milliseconds until its status leaves
 * "running" (measured in the page, so the test's own round trips do not count).
 */
export const stopLatencyMs = (page, cellId) => page.evaluate((id) => new Promise((resolve, reject) => {
  const cell = document.querySelector(`[data-cell="${id}"]`);
  const status = cell.querySelector('.cell-status');
  if (status.dataset.status !== 'running') { reject(new Error(`${id} is ${status.dataset.status}, not running`)); return; }
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    if (status.dataset.status === 'running') return;
    obs.disconnect();
    resolve({ ms: performance.now() - t0, status: status.dataset.status });
  });
  obs.observe(status, { attributes: true, attributeFilter: ['data-status'] });
  cell.querySelector('[data-action="stop"]').click();
}), cellId);
