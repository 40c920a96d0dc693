// Page budgets: JavaScript the HTML asks for before first paint (gzipped bytes), all JavaScript
// fetched until the network is idle, and Largest Contentful Paint, for every page in both
// languages, served locally from out/ in headless Chromium. Prints a table and writes JSON.
// Usage: npm run bench:pages [-- --out DIR] [--runs N]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/serve-static.mjs';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const outDir = opt('out', 'bench-results');
const runs = Number(opt('runs', 3));
const BUDGET_KB = 200;

if (!fs.existsSync('out/index.html')) { console.error('No out/: run `npm run build` first.'); process.exit(1); }
const exe = findChromium();
if (!exe) { console.error('No Chromium found (apt-get install -y chromium).'); process.exit(1); }

const SLUGS = ['background', 'intuition', 'theory', 'features', 'applications', 'ethics', 'references'];
const pages = ['/', '/en/', '/zh/', ...['en', 'zh'].flatMap((l) => SLUGS.map((s) => `/${l}/${s}/`))];
const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const fileFor = (urlPath) => path.join('out', decodeURIComponent(urlPath));

const { url: base, close } = await startStaticServer('out', 0);
const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
const rows = [];
for (const p of pages) {
  const html = fs.readFileSync(path.join('out', p, 'index.html'), 'utf8');
  // Scripts the document itself references (src= and preloads): what loads before first paint.
  // noModule scripts are legacy polyfills that modern browsers never fetch.
  const initial = new Set(
    [...html.matchAll(/<(?:script|link)\b([^>]*?)(?:src|href)="(\/_next\/[^"]+\.js)"([^>]*)>/g)]
      .filter((m) => !/nomodule/i.test(m[1] + m[3]))
      .map((m) => m[2]),
  );
  const initialGzip = [...initial].reduce((sum, u) => sum + (fs.existsSync(fileFor(u)) ? gz(fileFor(u)) : 0), 0);
  const lcps = [];
  let allJsGzip = 0;
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const jsSeen = new Set();
    page.on('request', (req) => { const u = new URL(req.url()); if (u.pathname.endsWith('.js')) jsSeen.add(u.pathname); });
    await page.addInitScript(() => {
      window.__lcp = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
        .observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(base + p, { waitUntil: 'networkidle' });
    await page.waitForTimeout(200);
    lcps.push(await page.evaluate(() => window.__lcp));
    allJsGzip = [...jsSeen].reduce((sum, u) => sum + (fs.existsSync(fileFor(u)) ? gz(fileFor(u)) : 0), 0);
    await context.close();
  }
  lcps.sort((a, b) => a - b);
  rows.push({
    page: p,
    initialJsGzipKB: +(initialGzip / 1024).toFixed(1),
    allJsGzipKB: +(allJsGzip / 1024).toFixed(1),
    lcpMsMedian: Math.round(lcps[Math.floor(lcps.length / 2)]),
    withinJsBudget: initialGzip / 1024 <= BUDGET_KB,
  });
}
await browser.close();
await close();

console.log('page'.padEnd(22), 'JS before paint (gz KB)'.padStart(24), 'all JS (gz KB)'.padStart(15), 'LCP median (ms)'.padStart(16));
for (const r of rows) {
  console.log(r.page.padEnd(22), String(r.initialJsGzipKB).padStart(24), String(r.allJsGzipKB).padStart(15), String(r.lcpMsMedian).padStart(16));
}
fs.mkdirSync(outDir, { recursive: true });
const report = { measuredAt: new Date().toISOString(), runsPerPage: runs, budgetKB: BUDGET_KB, lcpAimMs: 1000, rows };
fs.writeFileSync(path.join(outDir, 'pages.json'), JSON.stringify(report, null, 2));
console.log(`\nwrote ${path.join(outDir, 'pages.json')}`);
