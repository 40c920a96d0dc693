// Live 2D DDPM benchmark: serves the built export, drives the REAL theory page in headless
// Chromium, trains the training cell for S seconds of wall time with its default settings
// (only data, time budget and backend are set), draws 2,000 samples (the cell does this when
// training ends), and writes DIR/samples.csv (x,y in the input file's coordinates) and
// DIR/report.json (backend and why, steps, steps/s, loss and quality over time, main-thread
// long tasks and animation frame rate during training).
//
// Usage: npm run bench:train2d -- --points FILE | --dataset NAME  [--seconds 30]
//        [--backend auto|webgpu|webgl|wasm|cpu] [--out DIR] [--root out] [--no-webgpu-flag]
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/serve-static.mjs';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback; };
const flag = (name) => args.includes(`--${name}`);
const pointsFile = opt('points', null);
const dataset = opt('dataset', pointsFile ? null : 'dino');
const seconds = Number(opt('seconds', 30));
const backend = opt('backend', 'auto');
const outDir = opt('out', 'bench-results/train2d');
const root = opt('root', 'out');
const lang = opt('lang', 'en');
// --param k=v (repeatable): extra training-cell URL parameters, for experiments only. The
// reported numbers for the issue use none (the cell's defaults).
const extraParams = args.flatMap((a, i) => (a === '--param' && args[i + 1] ? [args[i + 1]] : []));

const fail = (m) => { console.error(m); process.exit(1); };
if (!['auto', 'webgpu', 'webgl', 'wasm', 'cpu'].includes(backend)) fail(`--backend must be auto, webgpu, webgl, wasm or cpu (got ${backend}).`);
if (!(seconds >= 1 && seconds <= 600)) fail('--seconds must be from 1 to 600.');
if (pointsFile && !fs.existsSync(pointsFile)) fail(`No such file: ${pointsFile}`);
if (!fs.existsSync(path.join(root, 'index.html'))) fail(`No ${root}/: run \`npm run build\` first.`);
const exe = findChromium();
if (!exe) fail('No Chromium found (apt-get install -y chromium).');

const { url: base, close } = await startStaticServer(root, 0);
const chromeArgs = flag('no-webgpu-flag') ? CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') : CHROMIUM_ARGS;
const browser = await chromium.launch({ executablePath: exe, headless: true, args: chromeArgs });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const page = await context.newPage();
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));
page.on('response', (r) => { if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`); });

// Long tasks and animation frames on the main thread, recorded from page start.
await page.addInitScript(() => {
  window.__bench = { longTasks: [], frames: [] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no longtask support */ }
  const tick = (t) => { window.__bench.frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});

const params = new URLSearchParams({ 'train2d.seconds': String(seconds), 'train2d.backend': backend });
params.set('train2d.dataset', pointsFile ? 'upload' : dataset);
for (const kv of extraParams) {
  const [k, v] = kv.split('=');
  if (!k || v === undefined) fail(`--param expects k=v (got ${kv}).`);
  params.set(`train2d.${k}`, v);
}
await page.goto(`${base}/${lang}/theory/?${params}#cell-train2d`, { waitUntil: 'networkidle' });
const cell = page.locator('[data-cell="train2d"]');
await cell.waitFor();
if (pointsFile) {
  await cell.locator('input[type="file"]').setInputFiles(pointsFile);
  const ok = cell.locator('[data-testid="upload-ok"], [data-testid="upload-message"]');
  await ok.first().waitFor();
  const msg = await cell.locator('[data-testid="upload-message"]').count();
  if (msg) fail(`The page rejected the file: ${await cell.locator('[data-testid="upload-message"]').innerText()}`);
}
// An animation runs on the page while training (the Brownian-style test load for fps): a
// CSS-independent rAF loop drawing to a canvas.
await page.evaluate(() => {
  const c = document.createElement('canvas');
  c.width = 200; c.height = 200; c.style.position = 'fixed'; c.style.right = '0'; c.style.bottom = '0';
  document.body.appendChild(c);
  const g = c.getContext('2d');
  let a = 0;
  const loop = () => { a += 0.05; g.clearRect(0, 0, 200, 200); for (let i = 0; i < 500; i++) g.fillRect(100 + 80 * Math.cos(a + i), 100 + 80 * Math.sin(a * 1.3 + i), 2, 2); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
});

// Idle baseline: the same page and animation for a few seconds before training, so long tasks
// that this (shared, possibly busy) machine causes anyway can be told apart from training.
const baselineMs = 5000;
const tBase = await page.evaluate(() => performance.now());
await page.waitForTimeout(baselineMs);
const tClick = await page.evaluate(() => performance.now());
await cell.locator('[data-action="run"]').click();
// Training starts once the worker has chosen its backend; the cell then reports progress.
await page.waitForFunction(() => Number(document.querySelector('[data-testid="train2d-step"]')?.textContent) > 0, null, { timeout: 120000 });
const tTrain = await page.evaluate(() => performance.now());
await page.waitForFunction(() => {
  const s = document.querySelector('[data-cell="train2d"] [data-testid="cell-status"]')?.textContent;
  return s && !['running', '运行中'].includes(s);
}, null, { timeout: (seconds + 180) * 1000, polling: 250 });
const tDone = await page.evaluate(() => performance.now());
const status = await cell.locator('[data-testid="cell-status"]').innerText();
if (await cell.locator('.cell-error').count()) fail(`Training failed: ${await cell.locator('.cell-error').innerText()}`);

fs.mkdirSync(outDir, { recursive: true });
const [download] = await Promise.all([page.waitForEvent('download'), cell.locator('[data-action="export"]').click()]);
const csvPath = path.join(outDir, 'samples.csv');
await download.saveAs(csvPath);

const run = await page.evaluate(() => window.__train2d?.runs?.train2d ?? null);
const bench = await page.evaluate(() => window.__bench);
const workerTensors = await page.evaluate(() => window.__train2d?.workerTensors());
await browser.close();
await close();

const trainStart = tTrain, trainEnd = tDone;
const during = (x) => x.start >= trainStart && x.start <= trainEnd;
const longTasks = bench.longTasks.filter(during);
const frames = bench.frames.filter((t) => t >= trainStart && t <= trainEnd);
const gaps = frames.slice(1).map((t, i) => t - frames[i]);
const fps = frames.length > 1 ? (1000 * (frames.length - 1)) / (frames[frames.length - 1] - frames[0]) : 0;
const sortedGaps = [...gaps].sort((a, b) => a - b);
const idleTasks = bench.longTasks.filter((x) => x.start >= tBase && x.start < tClick);
const idleFrames = bench.frames.filter((t) => t >= tBase && t < tClick);
const idleFps = idleFrames.length > 1 ? (1000 * (idleFrames.length - 1)) / (idleFrames[idleFrames.length - 1] - idleFrames[0]) : 0;
const last = run?.progress?.[run.progress.length - 1];
const report = {
  input: pointsFile ? path.resolve(pointsFile) : `dataset:${dataset}`,
  secondsBudget: seconds,
  status,
  backend: run?.backend,
  backendReason: run?.reason,
  steps: run?.steps,
  stepsPerSecond: run?.steps && last ? +(run.steps / last.t).toFixed(1) : null,
  trainingWallSeconds: +((tDone - tTrain) / 1000).toFixed(2),
  clickToDoneSeconds: +((tDone - tClick) / 1000).toFixed(2),
  finalSamplingMs: run?.sampleMs,
  final: run?.final,
  quality: run?.quality,
  loss: run?.progress?.filter((_, i, a) => i % Math.max(1, Math.floor(a.length / 200)) === 0),
  mainThread: {
    longTasksDuringTraining: longTasks.length,
    longestTaskMs: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
    longTasks: longTasks.map((x) => ({ ...x, secondsAfterTrainingStart: +((x.start - trainStart) / 1000).toFixed(2) })),
    trainingStartedAtMs: +trainStart.toFixed(0),
    fps: +fps.toFixed(1),
    p95FrameGapMs: sortedGaps.length ? +sortedGaps[Math.floor(0.95 * (sortedGaps.length - 1))].toFixed(1) : null,
    maxFrameGapMs: sortedGaps.length ? +sortedGaps[sortedGaps.length - 1].toFixed(1) : null,
    idleBaseline: { seconds: baselineMs / 1000, longTasks: idleTasks.length, longestTaskMs: idleTasks.reduce((m, t) => Math.max(m, t.duration), 0), fps: +idleFps.toFixed(1) },
  },
  extraParams,
  workerTensorsAfter: workerTensors,
  consoleErrors,
  machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)), chromium: exe },
};
fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2));
console.log(JSON.stringify({
  backend: report.backend, reason: report.backendReason, steps: report.steps, stepsPerSecond: report.stepsPerSecond,
  precision: report.final?.precision, coverage: report.final?.coverage, swd: report.final?.swd,
  longTasks: report.mainThread.longTasksDuringTraining, longestTaskMs: report.mainThread.longestTaskMs, fps: report.mainThread.fps,
  idleBaseline: report.mainThread.idleBaseline,
  loadavg: report.machine.loadavg,
}, null, 2));
console.log(`wrote ${csvPath} and ${path.join(outDir, 'report.json')}`);
