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
 * A page that records console errors, page errors, failed requests and any request that
 * tries to leave 127.0.0.1 (those are aborted and counted).
 */
export async function newTrackedPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, ...options.context });
  const page = await context.newPage();
  const problems = { consoleErrors: [], pageErrors: [], failedRequests: [], external: [] };
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

export function assertClean(assert, problems, where) {
  assert.deepEqual(problems.pageErrors, [], `${where}: page errors`);
  assert.deepEqual(problems.consoleErrors, [], `${where}: console errors`);
  assert.deepEqual(problems.failedRequests, [], `${where}: failed requests`);
  assert.deepEqual(problems.external, [], `${where}: requests leaving 127.0.0.1`);
}

/** Cells mirror their parameters into the address bar after a short debounce: wait for it. */
export async function waitForUrl(page, re, timeout = 5000) {
  await page.waitForFunction(([src, flags]) => new RegExp(src, flags).test(window.location.href), [re.source, re.flags], { timeout });
}
