// Image-model benchmark: drives the REAL applications page (the prompt-to-image cell, set up
// through its URL parameters) in headless Chromium, served locally from out/, and writes
//   DIR/<run>/samples/000.png …  each sample, 28×28 RGB, read back from the cell's canvases
//   DIR/<run>/samples.json       the requested digit and colour of each sample
//   DIR/report.json         backend, totalSeconds of the sampling job, perStepMs, the evaluation
//                           classifier's verdicts and agreement rates, and — where PyTorch is
//                           installed — the same job timed with PyTorch on the CPU and the ratio.
//
// Usage: npm run bench:image -- --sampler ddim|ddpm --steps S --count N --digit D|all|none
//          --colour C|all|none --guidance W --backend auto|webgpu|webgl|wasm|cpu --out DIR
//          [--eta 0] [--seed 1] [--lang en] [--torch-threads 1,2] [--no-torch] [--timeout-min 60]
//          [--threads single,auto,2]   browser runs, side by side, one fresh browser each:
//                                      single = served WITHOUT cross-origin isolation (the page's
//                                      fallback: one thread); auto = served isolated (COOP/COEP
//                                      headers, as the site's service worker adds them), the page
//                                      measures and picks its thread count; N = isolated, N wasm
//                                      threads forced (?wasm-threads=N). Default: single,auto.
//          [--repeat R]                the runs take turns R times; each reports its median job time
//          [--model-dir DIR]           serve a candidate export (DIR/colour-mnist-unet/…, e.g. from
//                                      export_tfjs.py --models-dir DIR) in place of out/models/
//        npm run bench:image -- --first-result [--out DIR] [--threads auto]
//                                      the applications page as a reader meets it: a fresh browser
//                                      context with nothing cached (service worker allowed), Run
//                                      pressed in the prompt-to-image cell at its defaults, timed
//                                      until the grid of 8 is final (cold); then a second visit in
//                                      the same context, the model cached, timed the same (warm).
// Samples of each browser run go to DIR/<run>/samples/ (report.json lists every run).
import fs from 'node:fs';
import path from 'node:path';
import { encodePng } from '../scripts/png.mjs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/serve-static.mjs';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';
import { firstResult } from './imageFirstResult.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback; };
const flag = (name) => args.includes(`--${name}`);

const COLOURS = ['red', 'orange', 'yellow', 'green', 'cyan', 'blue', 'purple', 'pink', 'white'];
const sampler = opt('sampler', 'ddim');
const steps = Number(opt('steps', 50));
const count = Number(opt('count', 16));
const digit = String(opt('digit', 'all'));
const colour = String(opt('colour', 'all'));
const guidance = opt('guidance', null); // null: the page's default (the model manifest's tuned w)
const eta = Number(opt('eta', 0));
const seed = Number(opt('seed', 1));
const backend = opt('backend', 'auto');
const lang = opt('lang', 'en');
const outDir = opt('out', 'bench-results/image');
const timeoutMs = Number(opt('timeout-min', 60)) * 60_000;
const torchThreads = String(opt('torch-threads', '1,2')).split(',').map(Number).filter((n) => n > 0);
const runs = String(opt('threads', 'single,auto')).split(',').filter(Boolean);

function fail(msg) { console.error(`bench:image: ${msg}`); process.exit(1); }
if (!['ddim', 'ddpm'].includes(sampler)) fail('--sampler must be ddim or ddpm');
if (!(Number.isInteger(steps) && steps >= 1 && steps <= 1000)) fail('--steps must be a whole number 1..1000');
if (!(Number.isInteger(count) && count >= 1 && count <= 500)) fail('--count must be a whole number 1..500 (the cell\'s limit)');
if (!(/^[0-9]$/.test(digit) || digit === 'all' || digit === 'none')) fail('--digit must be 0..9, all or none');
if (!(COLOURS.includes(colour) || colour === 'all' || colour === 'none')) fail(`--colour must be one of ${COLOURS.join(', ')}, all or none`);
if (guidance !== null && !(Number(guidance) >= 0 && Number(guidance) <= 10)) fail('--guidance must be a number in 0..10');
if (!['auto', 'webgpu', 'webgl', 'wasm', 'cpu'].includes(backend)) fail('--backend must be auto, webgpu, webgl, wasm or cpu');
for (const r of runs) if (!(r === 'single' || r === 'auto' || /^[1-8]$/.test(r))) fail('--threads takes single, auto or 1..8, comma-separated');
if (!fs.existsSync('out/index.html')) fail('No out/: run `npm run build` first.');
const exe = findChromium();
if (!exe) fail('No Chromium found (apt-get install -y chromium).');

if (flag('first-result')) {
  await firstResult({ exe, outDir, lang, threads: runs.find((r) => /^[1-8]$/.test(r)) ?? null });
  process.exit(0);
}

// ---- drive the page ---------------------------------------------------------------------------
const params = new URLSearchParams({
  'prompt.sampler': sampler, 'prompt.steps': String(steps), 'prompt.eta': String(eta), 'prompt.count': String(count),
  'prompt.digit': digit, 'prompt.colour': colour, 'prompt.seed': String(seed), 'prompt.backend': backend,
});
if (guidance !== null) params.set('prompt.w', String(guidance));
// A candidate export can be benchmarked before it is published, by serving its files instead.
const modelDir = opt('model-dir', null);
const overrides = {};
if (modelDir) {
  for (const name of ['colour-mnist-unet', 'colour-mnist-classifier']) {
    const dir = path.join(modelDir, name);
    if (!fs.existsSync(path.join(dir, 'model.json'))) continue;
    for (const f of fs.readdirSync(dir)) overrides[`/models/${name}/${f}`] = fs.readFileSync(path.join(dir, f));
  }
  if (Object.keys(overrides).length === 0) fail(`--model-dir ${modelDir} holds no colour-mnist-unet/model.json`);
}
const cell = '[data-cell="prompt"]';

/** Runs the cell once in a fresh browser; `run` is single | auto | N (see Usage). */
async function browserRun(run) {
  const isolate = run !== 'single';
  const { url: base, close } = await startStaticServer('out', 0, { overrides, isolate });
  const q = new URLSearchParams(params);
  if (/^\d$/.test(run)) q.set('wasm-threads', run);
  const pageUrl = `${base}/${lang}/applications/?${q}#cell-prompt`;
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  // The service worker stays out: the server's headers decide isolation, and its background
  // precache of the whole export would compete with the timed job.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const consoleErrors = [];
  // The site has no favicon; the browser's automatic request for one is not an error of this page.
  page.on('console', (m) => { if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location()?.url ?? '')) consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const wall0 = Date.now();
  try {
    await page.goto(pageUrl, { waitUntil: 'networkidle' });
    const result = await runCell(page, wall0, run);
    return { ...result, run, page: pageUrl.replace(base, ''), consoleErrors, wallSecondsIncludingPageAndModelLoad: (Date.now() - wall0) / 1000 };
  } finally {
    await browser.close();
    await close();
  }
}

/** Presses Run, waits for the job and reads back the samples, timings and the model line. */
async function runCell(page, wall0, run) {
  const notices = await page.locator(`${cell} [data-testid="cell-notice"]`).count();
  if (notices > 0) throw new Error(`the cell rejected a URL parameter: ${await page.locator(`${cell} [data-testid="cell-notice"]`).innerText()}`);
  const usedW = Number(await page.locator(`${cell} [data-testid="prompt-conditioning"]`).getAttribute('data-w'));
  await page.locator(`${cell} [data-action="run"]`).click();
  const ticker = setInterval(async () => {
    try {
      const s = await page.evaluate((c) => {
        const root = document.querySelector(c);
        const p = root?.querySelector('progress');
        return `${root?.querySelector('[data-testid="cell-status"]')?.textContent} ${p ? Math.round(Number(p.value) * 100) + '%' : ''}`;
      }, cell);
      process.stdout.write(`\r  [${run}] ${((Date.now() - wall0) / 1000).toFixed(0)} s: ${s.slice(0, 60).padEnd(60)}`);
    } catch { /* page busy */ }
  }, 2000);
  try {
    await page.waitForFunction((c) => {
      const s = document.querySelector(c)?.querySelector('[data-testid="cell-status"]')?.textContent;
      return s === 'done' || s === 'error' || s === 'stopped';
    }, cell, { timeout: timeoutMs, polling: 500 });
  } finally {
    clearInterval(ticker);
    process.stdout.write('\n');
  }
  const status = await page.locator(`${cell} [data-testid="cell-status"]`).innerText();
  if (status !== 'done') {
    const err = await page.locator(`${cell} .cell-error`).allInnerTexts();
    throw new Error(`the cell ended with status ${status}: ${err.join(' ')}`);
  }
  // Wait for the tensor count line (it follows the result).
  await page.locator(`${cell} [data-testid="worker-tensors"]`).waitFor({ state: 'attached', timeout: 30_000 });
  const result = await page.evaluate(readCell, cell);
  return { ...result, usedGuidance: usedW };
}

/** In the page: the cell's samples (pixels, requested and graded labels), timings and model line. */
function readCell(c) {
  const root = document.querySelector(c);
  const s = root.querySelector('[data-testid="prompt-summary"]');
  const figs = [...root.querySelectorAll('[data-testid="sample"]')];
  const samples = figs.map((f) => {
    const canvas = f.querySelector('canvas');
    const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const rgb = [];
    for (let i = 0; i < px.length; i += 4) rgb.push(px[i], px[i + 1], px[i + 2]);
    const num = (k) => (f.dataset[k] === '' || f.dataset[k] === 'none' ? null : Number(f.dataset[k]));
    return {
      state: f.dataset.state, width: canvas.width, height: canvas.height, rgb,
      requestedDigit: num('requestedDigit'), requestedColour: num('requestedColour'),
      verdictDigit: num('verdictDigit'), verdictColour: num('verdictColour'),
      verdictDigitProb: num('verdictDigitProb'), verdictColourProb: num('verdictColourProb'),
    };
  });
  const t = root.querySelector('[data-testid="worker-tensors"]');
  const line = root.querySelector('[data-testid="model-status"]');
  return {
    timing: { ...s.dataset },
    samples,
    tensors: t ? { now: Number(t.dataset.numTensors), baseline: Number(t.dataset.baseline) } : null,
    modelStatus: line?.getAttribute('title') ?? '',
    modelLine: line?.textContent ?? '',
    wasmThreads: line?.dataset.wasmThreads ? Number(line.dataset.wasmThreads) : null,
    threadsWhy: line?.dataset.threadsWhy ?? null,
    cellBackend: root.querySelector('[data-testid="cell-backend"]')?.textContent ?? null,
    crossOriginIsolated: self.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency,
    userAgent: navigator.userAgent,
  };
}

const COLOUR_NAME = (i) => (i === null ? null : COLOURS[i] ?? String(i));

/** Writes one run's samples and returns its summary (timings, threads, agreement). */
function summarise(r) {
  const dir = path.join(outDir, r.run);
  fs.mkdirSync(path.join(dir, 'samples'), { recursive: true });
  for (const f of fs.readdirSync(path.join(dir, 'samples'))) if (/^\d+\.png$/.test(f)) fs.unlinkSync(path.join(dir, 'samples', f));
  r.samples.forEach((s, i) => {
    if (s.state !== 'final') throw new Error(`[${r.run}] sample ${i} is not final (${s.state})`);
    fs.writeFileSync(path.join(dir, 'samples', `${String(i).padStart(3, '0')}.png`), encodePng(s.width, s.height, Buffer.from(s.rgb)));
  });
  fs.writeFileSync(path.join(dir, 'samples.json'), JSON.stringify(r.samples.map((s, i) => ({
    file: `samples/${String(i).padStart(3, '0')}.png`, digit: s.requestedDigit, colour: COLOUR_NAME(s.requestedColour),
  })), null, 1));
  const graded = r.samples.filter((s) => s.verdictDigit !== null);
  const rate = (pick) => {
    const rel = graded.filter((s) => pick(s).req !== null);
    return rel.length ? rel.filter((s) => pick(s).req === pick(s).got).length / rel.length : null;
  };
  const T = r.timing;
  return {
    run: r.run, page: r.page, backend: T.backend, backendReason: r.modelStatus, modelLine: r.modelLine,
    crossOriginIsolated: r.crossOriginIsolated, hardwareConcurrency: r.hardwareConcurrency,
    wasmThreads: r.wasmThreads, threadsWhy: r.threadsWhy,
    totalSeconds: Number(T.totalSeconds), perStepMs: Number(T.perStepMs), networkSeconds: Number(T.networkSeconds),
    stepsPerChunk: Number(T.steps), chunks: Number(T.chunks), networkBatch: Number(T.batch),
    wallSecondsIncludingPageAndModelLoad: r.wallSecondsIncludingPageAndModelLoad,
    workerTensors: r.tensors, usedGuidance: r.usedGuidance,
    classifier: {
      graded: graded.length,
      digitAgreement: rate((s) => ({ req: s.requestedDigit, got: s.verdictDigit })),
      colourAgreement: rate((s) => ({ req: s.requestedColour, got: s.verdictColour })),
      verdicts: r.samples.map((s) => ({
        requestedDigit: s.requestedDigit, requestedColour: COLOUR_NAME(s.requestedColour),
        digit: s.verdictDigit, digitProb: s.verdictDigitProb, colour: COLOUR_NAME(s.verdictColour), colourProb: s.verdictColourProb,
      })),
    },
    consoleErrors: r.consoleErrors,
    pixels: r.samples.map((s) => s.rgb),
  };
}

const loadAt = () => (fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').trim() : null);
// --repeat R: the runs take turns R times (a loaded machine drifts; turns spread the drift over
// every run alike), and each reports the median of its job times beside all of them.
const repeat = Number(opt('repeat', 1));
if (!(Number.isInteger(repeat) && repeat >= 1 && repeat <= 20)) fail('--repeat must be a whole number 1..20');
const browserRuns = [];
for (let k = 0; k < repeat; k++) {
  for (const [i, run] of runs.entries()) {
    const load = loadAt();
    const r = { ...summarise(await browserRun(run)), loadAverageAtStart: load };
    if (k === 0) browserRuns[i] = { ...r, jobSecondsEach: [r.totalSeconds] };
    else browserRuns[i].jobSecondsEach.push(r.totalSeconds);
  }
}
for (const r of browserRuns) {
  const t = [...r.jobSecondsEach].sort((a, b) => a - b);
  r.totalSeconds = t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
}
const usedGuidance = browserRuns[0].usedGuidance;
// Same seed, same job: the runs should draw the same images (threads change only the order of
// float additions inside a convolution). The largest pixel difference to the first run says so.
for (const r of browserRuns) {
  let max = 0;
  r.pixels.forEach((px, i) => px.forEach((v, k) => { max = Math.max(max, Math.abs(v - browserRuns[0].pixels[i][k])); }));
  r.maxPixelDifferenceToFirstRun = max;
}
for (const r of browserRuns) delete r.pixels;

// ---- the same job with PyTorch on the CPU -----------------------------------------------------
const torchRuns = [];
let torchNote = null;
if (flag('no-torch')) torchNote = 'skipped (--no-torch)';
else if (spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) torchNote = 'PyTorch is not installed for /usr/bin/python3';
else {
  for (const threads of torchThreads) {
    const r = spawnSync('/usr/bin/python3', ['bench/torch_sampling.py', ...(modelDir ? ['--model', path.join(modelDir, 'colour-mnist-unet')] : ['--model', 'out/models/colour-mnist-unet']), '--sampler', sampler, '--steps', String(steps), '--eta', String(eta),
      '--count', String(count), '--chunk', '16', '--guidance', String(usedGuidance), '--threads', String(threads), '--seed', String(seed)],
    { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) { torchNote = `PyTorch run failed: ${r.stderr.slice(-500)}`; break; }
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    torchRuns.push(j);
  }
}

const torchBest = torchRuns.length ? torchRuns.reduce((a, b) => (b.totalSeconds < a.totalSeconds ? b : a)) : null;
for (const r of browserRuns) r.ratioToPytorchBest = torchBest ? r.totalSeconds / torchBest.totalSeconds : null;
const report = {
  command: `npm run bench:image -- ${args.join(' ')}`,
  date: new Date().toISOString(),
  job: { sampler, steps, eta, count, digit, colour, guidance: usedGuidance, seed, backendRequested: backend },
  modelFiles: modelDir ? `${modelDir} (candidate export)` : 'out/models (the built site)',
  modelManifest: (() => {
    try {
      const m = JSON.parse(fs.readFileSync(path.join(modelDir ?? 'out/models', 'colour-mnist-unet', 'manifest.json'), 'utf8'));
      return { exportedAt: m.exportedAt, epochsDone: m.training?.epochsDone, defaultGuidance: m.sampling?.defaultGuidance };
    } catch { return null; }
  })(),
  browser: browserRuns,
  pytorch: torchRuns.length ? torchRuns : null,
  pytorchBest: torchBest ? { threads: torchBest.threads, totalSeconds: torchBest.totalSeconds } : null,
  pytorchNote: torchNote,
  loadAverage: loadAt(),
  cpus: (await import('node:os')).cpus().length,
};
fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 1));

const pct = (x) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
console.log(`${count} samples · ${sampler.toUpperCase()} ${steps} steps · w = ${usedGuidance} · ${report.cpus} CPUs`);
console.log('run      isolated  backend  threads (why)           job s   ms/step  ratio   digit   colour  max Δpx  load at start');
for (const r of browserRuns) {
  console.log([
    r.run.padEnd(8), String(r.crossOriginIsolated).padEnd(9), String(r.backend).padEnd(8),
    `${r.wasmThreads ?? '—'} (${r.threadsWhy ?? '—'})`.padEnd(23), r.totalSeconds.toFixed(2).padStart(6), r.perStepMs.toFixed(1).padStart(8),
    (r.ratioToPytorchBest === null ? '—' : r.ratioToPytorchBest.toFixed(2)).padStart(6), pct(r.classifier.digitAgreement).padStart(7),
    pct(r.classifier.colourAgreement).padStart(7), String(r.maxPixelDifferenceToFirstRun).padStart(8), `  ${r.loadAverageAtStart}`,
  ].join(' '));
}
if (repeat > 1) for (const r of browserRuns) console.log(`${r.run}: job seconds ${r.jobSecondsEach.map((x) => x.toFixed(2)).join(', ')} (median ${r.totalSeconds.toFixed(2)})`);
for (const r of torchRuns) console.log(`PyTorch CPU (${r.threads} thread${r.threads > 1 ? 's' : ''}) ${r.totalSeconds.toFixed(2)} s${r === torchBest ? ' (best)' : ''}`);
if (torchNote) console.log(`PyTorch: ${torchNote}`);
console.log(`load average at the end ${report.loadAverage}`);
console.log(`wrote ${outDir}/report.json and ${outDir}/<run>/samples`);
const errors = browserRuns.flatMap((r) => r.consoleErrors.map((e) => `[${r.run}] ${e}`));
if (errors.length) { console.error('console errors:', errors); process.exitCode = 1; }
