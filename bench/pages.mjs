// Page budgets, for every page in both languages, served locally from the export in headless
// Chromium: HTML bytes (raw and gzipped, and the share that is the RSC flight payload, the
// `self.__next_f.push` scripts), JavaScript the HTML asks for before first paint (gzipped), all
// JavaScript fetched until the network is idle, Largest Contentful Paint, and Cumulative Layout
// Shift — on a plain load and, for each chapter with cells, on a deep link to its last cell
// (`#cell-<id>`: cells hydrating above the target are what move it). Prints a table, writes JSON.
// Usage: npm run bench:pages [-- --out DIR] [--runs N] [--dir out] [--only /en/theory/] [--verbose]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/serve-static.mjs';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const outDir = opt('out', 'bench-results');
const siteDir = opt('dir', 'out');
const runs = Number(opt('runs', 3));
const only = opt('only', null);
const verbose = args.includes('--verbose');
const BUDGET_KB = 200;
const CLS_AIM = 0.1;
/** After the network is idle: time for the last chunks to hydrate and the first plots to draw. */
const SETTLE_MS = 1500;

if (!fs.existsSync(path.join(siteDir, 'index.html'))) { console.error(`No ${siteDir}/: run \`npm run build\` first.`); process.exit(1); }
const exe = findChromium();
if (!exe) { console.error('No Chromium found (apt-get install -y chromium).'); process.exit(1); }

const SLUGS = ['background', 'intuition', 'theory', 'features', 'applications', 'ethics', 'references'];
const allPages = ['/', '/en/', '/zh/', ...['en', 'zh'].flatMap((l) => [...SLUGS, 'glossary', 'teach'].map((s) => `/${l}/${s}/`))];
const pages = only ? allPages.filter((p) => p === only) : allPages;
const gzipLength = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const gz = (file) => gzipLength(fs.readFileSync(file));
const fileFor = (urlPath) => path.join(siteDir, decodeURIComponent(urlPath));
const kb = (bytes) => +(bytes / 1024).toFixed(1);

/** The HTML's own weight: raw, gzipped, and the bytes of the inline RSC payload scripts. */
function htmlBytes(html) {
  const buf = Buffer.from(html, 'utf8');
  const flight = [...html.matchAll(/<script>self\.__next_f\.push\([\s\S]*?\)<\/script>/g)]
    .reduce((sum, m) => sum + Buffer.byteLength(m[0], 'utf8'), 0);
  return { htmlKB: kb(buf.length), htmlGzipKB: kb(gzipLength(buf)), flightKB: kb(flight), flightShare: +(flight / buf.length).toFixed(2) };
}

/** Observers installed before any script of the page: LCP and every layout shift (with its sources). */
function installObservers() {
  window.__lcp = 0;
  window.__shifts = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
    .observe({ type: 'largest-contentful-paint', buffered: true });
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return node ? node.nodeName : '?';
    const cell = node.closest('[data-cell]');
    const cls = typeof node.className === 'string' ? node.className.split(' ').slice(0, 2).join('.') : '';
    return `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${cls ? `.${cls}` : ''}${cell ? ` in cell ${cell.getAttribute('data-cell')}` : ''}`;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      // Shifts within 500 ms of a tap or key press are expected by the reader and do not count.
      if (e.hadRecentInput) continue;
      const move = (s) => `${describe(s.node)} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} h ${Math.round(s.previousRect.height)}→${Math.round(s.currentRect.height)}`;
      window.__shifts.push({ t: e.startTime, value: e.value, sources: (e.sources ?? []).map(move) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** CLS as Chrome reports it: the largest session window (gaps under 1 s, at most 5 s long). */
function cumulativeLayoutShift(shifts) {
  let best = 0;
  let current = 0;
  let start = -Infinity;
  let last = -Infinity;
  for (const s of shifts) {
    if (s.t - last >= 1000 || s.t - start >= 5000) { current = 0; start = s.t; }
    current += s.value;
    last = s.t;
    best = Math.max(best, current);
  }
  return best;
}

/** Loads `url` once in a fresh context; returns LCP, CLS, the shifts and the JavaScript fetched. */
async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const jsSeen = new Set();
  page.on('request', (req) => { const u = new URL(req.url()); if (u.pathname.endsWith('.js')) jsSeen.add(u.pathname); });
  await page.addInitScript(installObservers);
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(SETTLE_MS);
  const { lcp, shifts } = await page.evaluate(() => ({ lcp: window.__lcp, shifts: window.__shifts }));
  await context.close();
  return { lcp, shifts, cls: cumulativeLayoutShift(shifts), jsSeen };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round3 = (x) => +x.toFixed(3);

/** The worst shifts of the worst run, for finding their cause (--verbose). */
function worstShifts(results) {
  const worst = results.reduce((a, b) => (b.cls > a.cls ? b : a));
  return [...worst.shifts].sort((a, b) => b.value - a.value).slice(0, 4)
    .map((s) => ({ t: Math.round(s.t), value: round3(s.value), sources: s.sources.slice(0, 3) }));
}

const { url: base, close } = await startStaticServer(siteDir, 0);
const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
const rows = [];
for (const p of pages) {
  const html = fs.readFileSync(path.join(siteDir, p, 'index.html'), 'utf8');
  // Scripts the document itself references (src= and preloads): what loads before first paint.
  // noModule scripts are legacy polyfills that modern browsers never fetch.
  const initial = new Set(
    [...html.matchAll(/<(?:script|link)\b([^>]*?)(?:src|href)="(\/_next\/[^"]+\.js)"([^>]*)>/g)]
      .filter((m) => !/nomodule/i.test(m[1] + m[3]))
      .map((m) => m[2]),
  );
  const initialGzip = [...initial].reduce((sum, u) => sum + (fs.existsSync(fileFor(u)) ? gz(fileFor(u)) : 0), 0);
  // The last cell on the page (document order): the deep link with the most cells above it.
  const lastCell = SLUGS.some((s) => p.endsWith(`/${s}/`)) ? [...html.matchAll(/data-cell="([^"]+)"/g)].at(-1)?.[1] : undefined;
  const plain = [];
  const deep = [];
  for (let r = 0; r < runs; r++) {
    plain.push(await load(browser, base + p));
    if (lastCell) deep.push(await load(browser, `${base}${p}#cell-${lastCell}`));
  }
  const allJsGzip = [...plain.at(-1).jsSeen].reduce((sum, u) => sum + (fs.existsSync(fileFor(u)) ? gz(fileFor(u)) : 0), 0);
  const row = {
    page: p,
    ...htmlBytes(html),
    initialJsGzipKB: kb(initialGzip),
    allJsGzipKB: kb(allJsGzip),
    lcpMsMedian: Math.round(median(plain.map((x) => x.lcp))),
    clsMedian: round3(median(plain.map((x) => x.cls))),
    clsMax: round3(Math.max(...plain.map((x) => x.cls))),
    deepLink: lastCell ? `#cell-${lastCell}` : null,
    deepLinkClsMedian: lastCell ? round3(median(deep.map((x) => x.cls))) : null,
    deepLinkClsMax: lastCell ? round3(Math.max(...deep.map((x) => x.cls))) : null,
    withinJsBudget: initialGzip / 1024 <= BUDGET_KB,
  };
  row.withinClsAim = row.clsMax <= CLS_AIM && (row.deepLinkClsMax ?? 0) <= CLS_AIM;
  if (verbose) row.worstShifts = { load: worstShifts(plain), ...(lastCell ? { deepLink: worstShifts(deep) } : {}) };
  rows.push(row);
}
await browser.close();
await close();

const cols = [
  ['page', 22, (r) => r.page],
  ['HTML KB', 9, (r) => r.htmlKB], ['gz KB', 7, (r) => r.htmlGzipKB], ['flight', 7, (r) => `${Math.round(r.flightShare * 100)}%`],
  ['JS paint gz', 12, (r) => r.initialJsGzipKB], ['all JS gz', 10, (r) => r.allJsGzipKB], ['LCP ms', 7, (r) => r.lcpMsMedian],
  ['CLS max', 8, (r) => r.clsMax], ['deep-link CLS max', 18, (r) => r.deepLinkClsMax ?? '–'],
];
console.log(cols.map(([h, w], i) => (i === 0 ? h.padEnd(w) : h.padStart(w))).join(' '));
for (const r of rows) {
  console.log(cols.map(([, w, f], i) => (i === 0 ? String(f(r)).padEnd(w) : String(f(r)).padStart(w))).join(' '));
  if (verbose && r.worstShifts) console.log('   ', JSON.stringify(r.worstShifts));
}
const load1 = os.loadavg()[0].toFixed(2);
console.log(`\nload average (1 min) at the end: ${load1}; CLS aim ≤ ${CLS_AIM} (largest session window, shifts after input ignored)`);
fs.mkdirSync(outDir, { recursive: true });
const report = {
  measuredAt: new Date().toISOString(), site: siteDir, runsPerPage: runs, loadAverage: os.loadavg(),
  budgetKB: BUDGET_KB, lcpAimMs: 1000, clsAim: CLS_AIM, viewport: '1280×900', rows,
};
fs.writeFileSync(path.join(outDir, 'pages.json'), JSON.stringify(report, null, 2));
console.log(`wrote ${path.join(outDir, 'pages.json')}`);
