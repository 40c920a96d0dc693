// UI responsiveness of the forward-process figures, in headless Chromium on the built export.
//  1. β-schedule explorer at T = 1000: change the β_T slider N times; for each change measure
//     (a) input → redraw done, as recorded by the component (markInput → reportRender: the
//         schedule table recomputed, React committed, the three Plot charts and the digit rows
//         rebuilt in the DOM), and
//     (b) input → DOM updated plus a forced style/layout pass, measured from the page.
//     Target: ≤ 16 ms (median and p95 reported).
//  2. Forward-diffusion cell: the same for the t slider (qSample on 2,000 points, histograms,
//     canvas); and t driven once per animation frame for ~5 s → frames per second.
//  3. Diffusing-cloud animation (2,000 points + 2,000 reference points, step-by-step chain):
//     frames actually drawn per second over ~5 s while playing. Target: ≥ 50 fps.
// Prints a table and writes bench-results/ui.json.
// Usage: npm run bench:ui [-- --changes 60] [--seconds 5] [--out DIR]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/serve-static.mjs';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const CHANGES = Number(opt('changes', 60));
const SECONDS = Number(opt('seconds', 5));
const outDir = opt('out', 'bench-results');

if (!fs.existsSync('out/index.html')) { console.error('No out/: run `npm run build` first.'); process.exit(1); }
const exe = findChromium();
if (!exe) { console.error('No Chromium found (apt-get install -y chromium).'); process.exit(1); }

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
};
const summary = (xs) => ({
  n: xs.length,
  medianMs: +quantile(xs, 0.5).toFixed(2),
  p95Ms: +quantile(xs, 0.95).toFixed(2),
  maxMs: +Math.max(...xs).toFixed(2),
});

const { url: base, close } = await startStaticServer('out', 0);
const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });

async function openPage(urlPath) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.addInitScript(() => { window.__ddpmUiTimings = []; });
  await page.goto(base + urlPath, { waitUntil: 'networkidle' });
  const id = new URL(base + urlPath).hash.replace('#cell-', '');
  if (id && (await page.locator(`[data-cell="${id}"]`).count()) === 0) {
    console.error(`No [data-cell="${id}"] on ${urlPath}: is the cell's tag in the chapter's MDX (content/en/…)?`);
    process.exit(1);
  }
  return { page, context, errors };
}

/**
 * Set a range input N times (values from `values`), each in its own task, and measure both the
 * component's own redraw time and input → DOM + forced layout from the page.
 */
async function sliderRun(page, { selector, timingName, figureSelector, values }) {
  return page.evaluate(async ({ selector, timingName, figureSelector, values }) => {
    const el = document.querySelector(selector);
    const fig = document.querySelector(figureSelector);
    if (!el || !fig) throw new Error(`missing ${selector} or ${figureSelector}`);
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const component = [];
    const withLayout = [];
    const timings = window.__ddpmUiTimings;
    for (const v of values) {
      // Let the previous change paint and any deferred work run first.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const before = timings.length;
      const t0 = performance.now();
      setter.call(el, String(v));
      el.dispatchEvent(new Event('input', { bubbles: true }));
      // React commits a discrete update synchronously or in a microtask; wait for the report.
      let spins = 0;
      while (!timings.slice(before).some((x) => x.name === timingName) && spins < 1000) {
        spins++;
        await (spins < 50 ? Promise.resolve() : new Promise((r) => setTimeout(r, 0)));
      }
      void fig.getBoundingClientRect().height; // force style + layout of the new content
      withLayout.push(performance.now() - t0);
      const entry = timings.slice(before).find((x) => x.name === timingName);
      if (entry) component.push(entry.ms);
    }
    return { component, withLayout };
  }, { selector, timingName, figureSelector, values });
}

const results = { measuredAt: new Date().toISOString(), machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)) }, chromium: browser.version() };

// ---- 1. schedule slider at T = 1000 ----------------------------------------------------------
{
  const { page, context, errors } = await openPage('/en/theory/?schedule.T=1000#cell-schedule');
  await page.waitForFunction(() => ['beta', 'alphaBar', 'snr'].every((p) => document.querySelector(`[data-plot="${p}"] canvas`)?.width > 0));
  // The forward cell on the same page measures its distance curve after load: let it finish first.
  await page.waitForFunction(() => document.querySelector('[data-testid="forward-curve"]')?.dataset.ready === 'true', null, { timeout: 60000 });
  // β_T on its log slider: sweep down and back up between 0.02 and 0.002, never repeating a value twice in a row.
  const values = Array.from({ length: CHANGES }, (_, i) => {
    const k = i % 40;
    const step = k < 20 ? k : 40 - k;
    return +(Math.log10(0.02) - 0.05 * (step + 1)).toFixed(2);
  });
  // Warm-up (JIT, Plot's first-use costs), not counted.
  await sliderRun(page, { selector: '[data-cell="schedule"] [data-control="bT-a"] input', timingName: 'schedule', figureSelector: '[data-testid="schedule-figure"]', values: [-2, -1.9, -1.8] });
  const r = await sliderRun(page, { selector: '[data-cell="schedule"] [data-control="bT-a"] input', timingName: 'schedule', figureSelector: '[data-testid="schedule-figure"]', values });
  const T = await page.evaluate(() => document.querySelector('[data-control="T-a"] output')?.textContent);
  results.scheduleSlider = { T: Number(T), changes: values.length, component: summary(r.component), inputToLayout: summary(r.withLayout), targetMs: 16, errors };
  await context.close();
}

// ---- 2. forward-diffusion t slider, and t driven every frame ---------------------------------
{
  const { page, context, errors } = await openPage('/en/theory/?forward.data=moons#cell-forward');
  await page.waitForFunction(() => document.querySelector('[data-testid="forward-curve"]')?.dataset.ready === 'true', null, { timeout: 60000 });
  const sel = '[data-cell="forward"] [data-control="t"] input';
  const values = Array.from({ length: CHANGES }, (_, i) => 10 + ((i * 97) % 990));
  await sliderRun(page, { selector: sel, timingName: 'forward', figureSelector: '[data-testid="forward-figure"]', values: [5, 6, 7] });
  const r = await sliderRun(page, { selector: sel, timingName: 'forward', figureSelector: '[data-testid="forward-figure"]', values });
  // Scrub animation: one new t per animation frame for SECONDS seconds.
  const anim = await page.evaluate(async ({ sel, seconds }) => {
    const el = document.querySelector(sel);
    const canvas = document.querySelector('[data-cell="forward"] canvas[data-t]');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    let t = 0, frames = 0, shown = 0;
    const stamps = [];
    await new Promise((resolve) => {
      const start = performance.now();
      const tick = (now) => {
        if (String(t) === canvas.dataset.t) shown++;
        stamps.push(now);
        if (now - start >= seconds * 1000) { resolve(); return; }
        t = (t + 3) % 1000;
        setter.call(el, String(t));
        el.dispatchEvent(new Event('input', { bubbles: true }));
        frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const gaps = stamps.slice(1).map((s, i) => s - stamps[i]);
    return { frames, shown, elapsed: stamps[stamps.length - 1] - stamps[0], gaps };
  }, { sel, seconds: SECONDS });
  results.forwardSlider = {
    changes: values.length, component: summary(r.component), inputToLayout: summary(r.withLayout), errors,
    scrubAnimation: {
      seconds: +(anim.elapsed / 1000).toFixed(2),
      fps: +(anim.frames / (anim.elapsed / 1000)).toFixed(1),
      framesShowingTheRequestedT: anim.shown,
      frameIntervalMedianMs: +quantile(anim.gaps, 0.5).toFixed(2),
      frameIntervalP95Ms: +quantile(anim.gaps, 0.95).toFixed(2),
    },
  };
  await context.close();
}

// ---- 3. diffusing-cloud animation --------------------------------------------------------------
{
  // 100 steps per second: the 1000-step animation lasts 10 s, longer than the measuring window.
  const { page, context, errors } = await openPage('/en/intuition/?cloud.speed=100#cell-cloud');
  await page.waitForFunction(() => Number(document.querySelector('[data-cell="cloud"] canvas')?.dataset.drawn) >= 1);
  // Baseline: the frame rate this machine gives an idle page right now (on a busy machine it is
  // below 60 before the figure does any work).
  const idleRafFps = await page.evaluate(async (seconds) => {
    const stamps = [];
    await new Promise((resolve) => {
      const tick = (now) => { stamps.push(now); if (now - stamps[0] >= seconds * 1000) resolve(); else requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    return (stamps.length - 1) / ((stamps[stamps.length - 1] - stamps[0]) / 1000);
  }, Math.min(3, SECONDS));
  await page.locator('[data-cell="cloud"] [data-action="run"]').click();
  await page.waitForTimeout(500); // warm-up
  const anim = await page.evaluate(async (seconds) => {
    const canvas = document.querySelector('[data-cell="cloud"] canvas');
    const timings = window.__ddpmUiTimings;
    const firstTiming = timings.length;
    const drawn0 = Number(canvas.dataset.drawn);
    const t0 = Number(canvas.dataset.t);
    const stamps = [];
    await new Promise((resolve) => {
      const start = performance.now();
      const tick = (now) => {
        stamps.push(now);
        if (now - start >= seconds * 1000) resolve(); else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const elapsed = stamps[stamps.length - 1] - stamps[0];
    const drawMs = timings.slice(firstTiming).filter((x) => x.name === 'cloud-frame').map((x) => x.ms);
    const gaps = stamps.slice(1).map((s, i) => s - stamps[i]);
    return {
      elapsed, drawn: Number(canvas.dataset.drawn) - drawn0, rafFrames: stamps.length - 1,
      steps: Number(canvas.dataset.t) - t0, drawMs, gaps,
      points: 2000,
    };
  }, SECONDS);
  await page.locator('[data-cell="cloud"] [data-action="stop"]').click();
  results.cloudAnimation = {
    seconds: +(anim.elapsed / 1000).toFixed(2),
    fps: +(anim.drawn / (anim.elapsed / 1000)).toFixed(1),
    rafFps: +(anim.rafFrames / (anim.elapsed / 1000)).toFixed(1),
    idleRafFps: +idleRafFps.toFixed(1),
    stepsAdvanced: anim.steps,
    points: anim.points,
    drawMedianMs: +quantile(anim.drawMs, 0.5).toFixed(2),
    drawP95Ms: +quantile(anim.drawMs, 0.95).toFixed(2),
    frameIntervalMedianMs: +quantile(anim.gaps, 0.5).toFixed(2),
    frameIntervalP95Ms: +quantile(anim.gaps, 0.95).toFixed(2),
    targetFps: 50,
    errors,
  };
  await context.close();
}

await browser.close();
await close();
results.machine.loadavgAfter = os.loadavg().map((x) => +x.toFixed(2));

const s = results.scheduleSlider, f = results.forwardSlider, c = results.cloudAnimation;
const row = (a, b, cc, d) => console.log(a.padEnd(52), String(b).padStart(10), String(cc).padStart(10), String(d).padStart(10));
console.log(`\nUI benchmark · Chromium ${results.chromium} · ${results.machine.cpus} CPUs · load average ${results.machine.loadavg.join(' ')} (before) / ${results.machine.loadavgAfter.join(' ')} (after)\n`);
row('measurement', 'median', 'p95', 'target');
row(`schedule β_T slider, T = ${s.T}: component redraw (ms)`, s.component.medianMs, s.component.p95Ms, '≤ 16');
row('schedule β_T slider: input → DOM + layout (ms)', s.inputToLayout.medianMs, s.inputToLayout.p95Ms, '≤ 16');
row('forward t slider: component redraw (ms)', f.component.medianMs, f.component.p95Ms, '');
row('forward t slider: input → DOM + layout (ms)', f.inputToLayout.medianMs, f.inputToLayout.p95Ms, '');
row('forward t scrubbed every frame (fps)', f.scrubAnimation.fps, '', '≥ 50');
row(`diffusing cloud animation, ${c.points} pts (fps drawn)`, c.fps, '', '≥ 50');
row('same page idle, before playing (rAF fps)', c.idleRafFps, '', '');
row('diffusing cloud: draw per frame (ms)', c.drawMedianMs, c.drawP95Ms, '');
row('diffusing cloud: frame interval (ms)', c.frameIntervalMedianMs, c.frameIntervalP95Ms, '');
const errs = [...s.errors, ...f.errors, ...c.errors];
if (errs.length) console.log('\npage errors:', errs);
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'ui.json'), JSON.stringify(results, null, 2));
console.log(`\nwrote ${path.join(outDir, 'ui.json')}`);
