// The features chapter's race, benchmarked in the REAL page: serves the built export, opens the
// features chapter in headless Chromium, uploads FILE into the race cell (or picks a built-in set),
// trains GAN, VAE, flow and DDPM for S seconds each with the cell's own settings, and writes
// DIR/<model>/samples.csv (the 2,000 timed samples, x,y in the input's coordinates) and
// DIR/report.json (per model: steps, steps/s, precision@0.1, coverage@0.1, sampling ms per
// 2,000, network passes, likelihood where defined, failure; plus the page's main thread while
// training: animation frame rate, long tasks (PerformanceObserver 'longtask', the longest listed
// with their time after Run), the same over an idle baseline before Run, and the load average).
// --profile also records a CPU profile of the page's main thread during the race
// (DIR/main-thread.cpuprofile, for Chromium's DevTools) with its heaviest functions, and a trace
// whose thread times give each long task's CPU time and the main thread's CPU in all.
//
// Usage: npm run bench:race -- --points FILE | --dataset NAME  [--seconds 30] [--mode sequential|parallel]
//        [--backend auto|webgpu|webgl|wasm|cpu] [--out DIR] [--root out] [--seed 1] [--baseline 5] [--profile]
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/serve-static.mjs';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback; };
const pointsFile = opt('points', null);
const dataset = opt('dataset', pointsFile ? null : 'dino');
const seconds = Number(opt('seconds', 30));
const backend = opt('backend', 'auto');
const mode = opt('mode', 'sequential');
const seed = opt('seed', '1');
const outDir = opt('out', 'bench-results/race');
const root = opt('root', 'out');
const baselineSeconds = Number(opt('baseline', 5));
const profile = args.includes('--profile');
const fail = (m) => { console.error(m); process.exit(1); };
if (!['auto', 'webgpu', 'webgl', 'wasm', 'cpu'].includes(backend)) fail(`--backend must be auto, webgpu, webgl, wasm or cpu (got ${backend}).`);
if (!['sequential', 'parallel'].includes(mode)) fail('--mode must be sequential or parallel.');
if (!(seconds >= 1 && seconds <= 300)) fail('--seconds must be from 1 to 300.');
if (!(baselineSeconds >= 0 && baselineSeconds <= 60)) fail('--baseline must be from 0 to 60 seconds.');
if (pointsFile && !fs.existsSync(pointsFile)) fail(`No such file: ${pointsFile}`);
if (!fs.existsSync(path.join(root, 'index.html'))) fail(`No ${root}/: run \`npm run build\` first.`);
const exe = findChromium();
if (!exe) fail('No Chromium found (apt-get install -y chromium).');

const { url: base, close } = await startStaticServer(root, 0);
const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));
await page.addInitScript(() => {
  window.__bench = { longTasks: [], frames: [] };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* no longtask support */ }
  const tick = (t) => { window.__bench.frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
const params = new URLSearchParams({ 'race.seconds': String(seconds), 'race.backend': backend, 'race.mode': mode, 'race.seed': seed, 'race.dataset': pointsFile ? 'upload' : dataset });
await page.goto(`${base}/en/features/?${params}#cell-race`, { waitUntil: 'networkidle' });
const cell = page.locator('[data-cell="race"]');
await cell.waitFor();
await page.waitForFunction(() => { const el = document.querySelector('section[data-cell="race"]'); return el && Object.keys(el).some((k) => k.startsWith('__reactFiber$')); });
// A parameter the page rejected (an unknown data set, a budget out of range) would race the
// defaults instead: stop with the page's own notice rather than report the wrong run.
const notices = await cell.locator('[data-testid="cell-notice"] li').allTextContents();
if (notices.length) fail(`The page did not take these parameters: ${notices.join(' | ')}`);
if (pointsFile) {
  await cell.locator('input[type="file"]').setInputFiles(pointsFile);
  await cell.locator('[data-testid="upload-ok"], [data-testid="upload-message"]').first().waitFor();
  if (await cell.locator('[data-testid="upload-message"]').count()) fail(`The page rejected the file: ${await cell.locator('[data-testid="upload-message"]').innerText()}`);
}
// The idle baseline: the same page, nothing running (on a loaded machine it is far from 60 fps).
const tBase = await page.evaluate(() => performance.now());
await page.waitForTimeout(1000 * baselineSeconds);
const cdp = profile ? await page.context().newCDPSession(page) : null;
if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 500 }); await cdp.send('Profiler.start'); }
if (profile) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
const tClick = await page.evaluate(() => performance.now());
await cell.locator('[data-action="run"]').click();
await page.waitForFunction(() => document.querySelector('[data-cell="race"] .cell-status')?.dataset.status !== 'running', null, { timeout: (4 * seconds + 300) * 1000, polling: 250 });
const tDone = await page.evaluate(() => performance.now());
const cpuProfile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
const trace = profile ? JSON.parse((await browser.stopTracing()).toString('utf8')) : null;
const status = await page.evaluate(() => document.querySelector('[data-cell="race"] .cell-status')?.dataset.status);
if (status !== 'done') fail(`The race ended as ${status}: ${await cell.innerText()}`);
const run = await page.evaluate(() => window.__race.runs.race);
const bench = await page.evaluate(() => window.__bench);
const workerTensors = await page.evaluate(() => window.__race.workerTensors());
await browser.close();
await close();

const models = {};
for (const [m, r] of Object.entries(run.results)) {
  fs.mkdirSync(path.join(outDir, m), { recursive: true });
  const rows = ['x,y'];
  for (let i = 0; i + 1 < r.samples.length; i += 2) rows.push(`${r.samples[i]},${r.samples[i + 1]}`);
  fs.writeFileSync(path.join(outDir, m, 'samples.csv'), rows.join('\n') + '\n');
  const { samples, ...rest } = r;
  models[m] = { ...rest, samples: samples.length / 2, stepsPerSecond: +r.stepsPerSecond.toFixed(1) };
}
/** Frame rate and long tasks of the main thread from t0 to t1 (page milliseconds). */
function mainThread(t0, t1) {
  const tasks = bench.longTasks.filter((x) => x.start >= t0 && x.start <= t1);
  const frames = bench.frames.filter((t) => t >= t0 && t <= t1);
  const fps = frames.length > 1 ? (1000 * (frames.length - 1)) / (frames[frames.length - 1] - frames[0]) : 0;
  const longest = [...tasks].sort((a, b) => b.duration - a.duration).slice(0, 8).map((x) => ({ atSeconds: +((x.start - t0) / 1000).toFixed(2), ms: Math.round(x.duration) }));
  return { fps: +fps.toFixed(1), longTasks: tasks.length, longestTaskMs: Math.round(tasks.reduce((a, t) => Math.max(a, t.duration), 0)), longest };
}

/**
 * The page's long tasks in a Chromium trace: each top-level task of the renderer's main thread
 * over 50 ms, with the time its direct children took by kind (Layout, UpdateLayoutTree, Paint,
 * FunctionCall, …) and its CPU time (thread time: on a loaded machine much of a long task's wall
 * time is spent waiting for a core), so a long task says what it was.
 */
function longTaskKinds(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur > 0);
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').filter((e) => e.dur > 50000);
  const seen = new Set();
  const distinct = tasks.filter((t) => { const k = `${t.ts}:${t.dur}`; if (seen.has(k)) return false; seen.add(k); return true; });
  return distinct.sort((a, b) => b.dur - a.dur).slice(0, 8).map((t) => {
    const kinds = {};
    for (const e of onMain) {
      if (e === t || e.ts < t.ts || e.ts + e.dur > t.ts + t.dur || e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      kinds[e.name] = (kinds[e.name] ?? 0) + e.dur / 1000;
    }
    const top = Object.entries(kinds).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, ms]) => `${k} ${Math.round(ms)}`);
    return { ms: Math.round(t.dur / 1000), cpuMs: t.tdur === undefined ? null : Math.round(t.tdur / 1000), inside: top.join(', ') };
  });
}

/**
 * The main thread's CPU time from the same trace: total, the longest task by CPU time and how many
 * tasks used over 50 ms of it. On a loaded machine a task waits for a core mid-way and its wall time
 * (what 'longtask' reports) grows; its CPU time is what the page itself spent.
 */
function mainThreadCpu(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return null;
  const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.tdur !== undefined);
  const cpu = tasks.reduce((a, e) => a + e.tdur, 0) / 1000;
  return {
    tasks: tasks.length, cpuSeconds: +(cpu / 1000).toFixed(2), longestTaskCpuMs: Math.round(tasks.reduce((a, e) => Math.max(a, e.tdur), 0) / 1000),
    tasksOver50msCpu: tasks.filter((e) => e.tdur > 50000).length, tasksOver50msWall: tasks.filter((e) => e.dur > 50000).length,
  };
}

/** The heaviest functions of a CPU profile by self time (ms). */
function heaviest(p, top = 15) {
  const dt = new Map();
  for (let i = 1; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  const rows = new Map();
  for (const n of p.nodes) {
    const f = n.callFrame, key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}` : ''}`.trim();
    rows.set(key, (rows.get(key) ?? 0) + (dt.get(n.id) ?? 0));
  }
  return [...rows].sort((a, b) => b[1] - a[1]).slice(0, top).map(([fn, ms]) => ({ fn, ms: Math.round(ms) }));
}
const report = {
  input: pointsFile ? path.resolve(pointsFile) : `dataset:${dataset}`, secondsPerModel: seconds, mode, seed: Number(seed),
  backend: run.backend, backendReason: run.reason, models,
  ddpmSamplingRatio: models.ddpm && models.gan ? +(models.ddpm.sampleMs / Math.min(...['gan', 'vae', 'flow'].map((m) => models[m]?.sampleMs ?? Infinity))).toFixed(1) : null,
  mainThread: mainThread(tClick, tDone),
  idleBaseline: { seconds: baselineSeconds, ...mainThread(tBase, tClick) },
  ...(cpuProfile ? { mainThreadProfile: heaviest(cpuProfile) } : {}),
  ...(trace ? { longTaskTrace: longTaskKinds(trace.traceEvents ?? trace), mainThreadCpu: mainThreadCpu(trace.traceEvents ?? trace) } : {}),
  wallSeconds: +((tDone - tClick) / 1000).toFixed(1), workerTensorsAfter: workerTensors, consoleErrors,
  machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)), chromium: exe },
};
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2));
if (cpuProfile) fs.writeFileSync(path.join(outDir, 'main-thread.cpuprofile'), JSON.stringify(cpuProfile));
console.log(JSON.stringify({ ...report, models: Object.fromEntries(Object.entries(models).map(([m, r]) => [m, { steps: r.steps, precision: r.precision, coverage: r.coverage, sampleMs: r.sampleMs, likelihood: r.likelihood, failure: r.failure }])) }, null, 2));
console.log(`wrote ${outDir}/<model>/samples.csv and ${path.join(outDir, 'report.json')}`);
