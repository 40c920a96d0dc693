// Offline, installable, isolated, under a strict policy: the export's service worker
// (scripts/service-worker/) precaches every file, and after one visit the whole site works with the
// network off — every page, a 2D cell and the image model — cross-origin isolated (COOP/COEP added
// by the worker) and without a Content-Security-Policy violation (scripts/csp.mjs). An embedded
// cell still works inside a cross-origin iframe and inside a frame of an isolated page. A new
// deploy waits until the reader presses Reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, LANGS, launch, newTrackedPage, assertClean } from '../helpers.mjs';
import { inlineScripts, sha256Source } from '../../scripts/csp.mjs';
import { startStaticServer } from '../../scripts/serve-static.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const LONG = 240_000;
const cellSel = (id) => `[data-cell="${id}"]`;
const waitStatus = (page, id, wanted, timeout = LONG) => page.waitForFunction(
  ([sel, w]) => w.includes(document.querySelector(`${sel} .cell-status`)?.dataset.status),
  [cellSel(id), wanted], { timeout, polling: 250 },
);
const statusOf = (page, id) => page.locator(`${cellSel(id)} .cell-status`).getAttribute('data-status');

/** Every exported file, relative to out/ (as the precache names them). */
function exportedFiles(dir = 'out', rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const r = rel ? `${rel}/${d.name}` : d.name;
    return d.isDirectory() ? exportedFiles(dir, r) : [r];
  });
}

/** Every page of the export (any route), as a URL path: /en/theory/, /zh/glossary/, … */
const pagePaths = () => exportedFiles().filter((f) => f.endsWith('index.html')).map((f) => `/${f.slice(0, -'index.html'.length)}`);

/** The precache list written into out/sw.js. */
function precacheUrls() {
  const sw = fs.readFileSync('out/sw.js', 'utf8');
  return [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
}

test('the export: each page carries a script policy that hashes each of its inline scripts; the worker precaches every file', () => {
  const files = exportedFiles();
  let scripts = 0;
  for (const f of files.filter((x) => x.endsWith('.html'))) {
    const html = fs.readFileSync(path.join('out', f), 'utf8');
    const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"\/>/.exec(html);
    assert.ok(m, `${f}: has a policy`);
    assert.ok(m.index < html.indexOf('<script'), `${f}: the policy comes before the first script`);
    const scriptSrc = m[1].split('; ').find((d) => d.startsWith('script-src '));
    assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'|\*/, `${f}: script-src`);
    assert.match(scriptSrc, /'wasm-unsafe-eval'/);
    for (const s of inlineScripts(html.replace(m[0], ''))) {
      scripts++;
      assert.ok(scriptSrc.includes(sha256Source(s)), `${f}: an inline script is not hashed: ${s.slice(0, 60)}`);
    }
  }
  assert.ok(scripts > 100, `inline scripts checked: ${scripts}`);
  const urls = new Set(precacheUrls());
  const missing = files.filter((f) => !urls.has(f) && f !== 'sw.js' && !f.startsWith('workbox-v') && !f.endsWith('.map'));
  assert.deepEqual(missing, [], 'files of the export left out of the precache');
  for (const need of ['models/colour-mnist-unet/group1-shard1of1.bin', 'models/2d/dino.json', 'tfjs-wasm/tfjs-backend-wasm-simd.wasm', 'tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm', 'tfjs-wasm/tfjs-backend-wasm-threaded-simd.js', 'en/theory/index.html', 'zh/index.html']) {
    assert.ok(urls.has(need), `precached: ${need}`);
  }
});

/** A context with the service worker allowed, after one visit: installed, controlling, isolated on the next load. */
async function installedPage() {
  const tracked = await newTrackedPage(browser, { context: { serviceWorkers: 'allow' } });
  const { page } = tracked;
  await page.goto(`${BASE}/en/`, { waitUntil: 'load' });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: LONG });
  return tracked;
}

// The browser fetches a page's favicon itself, never through a service worker (so offline it fails
// quietly); every other request must be answered.
const notFavicon = (r) => !/\/icon\.svg /.test(r);

test('after one visit the whole site works offline, cross-origin isolated, with no policy violation', async () => {
  const { page, context, problems } = await installedPage();
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // A test browser's context is incognito, where Chromium never offers an install; nothing else may stand in the way.
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), [], 'installable (manifest, icons, service worker)');
  const { errors: manifestErrors, url: manifestUrl } = await cdp.send('Page.getAppManifest');
  assert.equal(manifestUrl, `${BASE}/manifest.webmanifest`);
  assert.deepEqual(manifestErrors, [], 'the manifest parses without errors');
  await context.setOffline(true);
  const pages = pagePaths();
  assert.ok(pages.length >= 30, `pages: ${pages.length}`);
  for (const p of pages) {
    const res = await page.goto(`${BASE}${p}`, { waitUntil: 'load' });
    assert.equal(res.status(), 200, p);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true, `${p}: cross-origin isolated`);
    assert.ok((await page.title()).length > 0, `${p}: has a title`);
  }
  // A link click (client-side navigation) offline.
  await page.goto(`${BASE}/en/`, { waitUntil: 'load' });
  await page.locator('main a[href="/en/intuition/"]').first().click();
  await page.waitForURL(`${BASE}/en/intuition/`);
  await page.locator('h1').first().waitFor();
  // A 2D cell with its shipped model, and the image model, with the network off.
  await page.goto(`${BASE}/en/theory/?sample2d.sampler=ddim&sample2d.S=8&sample2d.n=300&sample2d.seed=11&sample2d.backend=wasm&sample2d.run=1#cell-sample2d`, { waitUntil: 'load' });
  await waitStatus(page, 'sample2d', ['done', 'error']);
  assert.equal(await statusOf(page, 'sample2d'), 'done', String(await page.locator(`${cellSel('sample2d')} .cell-error`).allInnerTexts()));
  // The image model on TF.js's threaded build (2 threads forced: this machine's cores − 1 is one):
  // its pthread workers load the prebuilt glue from the precache too.
  await page.goto(`${BASE}/en/applications/?prompt.count=2&prompt.steps=3&prompt.backend=wasm&wasm-threads=2#cell-prompt`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('[data-cell="prompt"] [data-action="run"]') && Object.keys(document.querySelector('[data-cell="prompt"]')).some((k) => k.startsWith('__reactFiber$')));
  await page.locator(`${cellSel('prompt')} [data-action="run"]`).click();
  await waitStatus(page, 'prompt', ['done', 'error']);
  assert.equal(await statusOf(page, 'prompt'), 'done', String(await page.locator(`${cellSel('prompt')} .cell-error`).allInnerTexts()));
  assert.equal(await page.locator(`${cellSel('prompt')} [data-testid="model-status"]`).getAttribute('data-wasm-threads'), '2', 'threaded wasm offline');
  problems.failedRequests = problems.failedRequests.filter(notFavicon);
  assertClean(assert, problems, 'offline');
  await context.close();
});

test('an embedded cell runs in a frame of an isolated page and in a cross-origin iframe (which installs no worker)', async () => {
  // Same origin, inside an isolated page: the frame comes from the worker with the same headers.
  const { page, context, problems } = await installedPage();
  await page.reload({ waitUntil: 'load' });
  assert.equal(await page.evaluate(() => crossOriginIsolated), true);
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    f.style.cssText = 'width:900px;height:900px';
    document.body.append(f);
  }, `${BASE}/en/embed/forward/?forward.t=400&forward.run=1`);
  const frame = page.frameLocator('iframe');
  await frame.locator(`${cellSel('forward')} .cell-status[data-status="done"]`).waitFor({ timeout: LONG });
  assertClean(assert, problems, 'same-origin frame');
  await context.close();

  // Cross-origin host page (a course page elsewhere; localhost:9, served by the test), first visit.
  // The site is on 127.0.0.1, which Chromium's local-network-access checks shield from other hosts;
  // a deployed site is public.
  const lnaOff = await launch(['--disable-features=LocalNetworkAccessChecks']);
  const host = await newTrackedPage(lnaOff, { context: { serviceWorkers: 'allow' } });
  await host.page.route('http://localhost:9/**', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><title>course</title><iframe src="${BASE}/en/embed/sample2d/?sample2d.S=8&sample2d.n=200&sample2d.backend=wasm&sample2d.run=1" width="900" height="900"></iframe>`,
  }));
  await host.page.goto('http://localhost:9/lesson', { waitUntil: 'load' });
  const f2 = host.page.frameLocator('iframe');
  await f2.locator(`${cellSel('sample2d')} .cell-status[data-status="done"]`).waitFor({ timeout: LONG });
  const regs = await host.page.frames()[1].evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length));
  assert.equal(regs, 0, 'no service worker installed from inside an iframe');
  assertClean(assert, host.problems, 'cross-origin iframe');
  await lnaOff.close();
});

test('a new deploy installs beside the old one and takes over only when the reader presses Reload', async () => {
  const overrides = {};
  const server = await startStaticServer('out', 0, { overrides });
  try {
    const { page, context, problems } = await newTrackedPage(browser, { context: { serviceWorkers: 'allow' } });
    await page.goto(`${server.url}/${LANGS[1]}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: LONG });
    const first = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
    // "Deploy" a new version: a different sw.js (a new revision for one page).
    overrides['/sw.js'] = fs.readFileSync('out/sw.js', 'utf8').replace(/("revision":")[0-9a-f]+(","url":"zh\/index\.html")/, '$1new-deploy$2');
    assert.notEqual(overrides['/sw.js'], fs.readFileSync('out/sw.js', 'utf8'));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const notice = page.locator('[data-testid="sw-update"]');
    await notice.waitFor({ timeout: LONG });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => Boolean(r.waiting))), true, 'the new worker waits');
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL), first, 'the old worker still serves this tab');
    assert.match(await notice.innerText(), /本站已有新版本。/);
    await Promise.all([page.waitForEvent('load', { timeout: LONG }), notice.getByRole('button').click()]);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.waiting === null && r.active !== null)), true, 'the new worker took over');
    assert.equal(await notice.count(), 0);
    assertClean(assert, problems, 'update');
    await context.close();
  } finally {
    await server.close();
  }
});
