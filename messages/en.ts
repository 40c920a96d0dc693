/**
 * English UI strings: the reference set. messages/zh.ts must have the type of this object, so a key
 * missing in Chinese fails the type check. No logic here beyond filling parameters; numbers go
 * through messages/format.ts. Chapter prose lives in content/<lang>/, not here.
 */

import type { BuiltinScheduleKind, ScheduleKind, ScheduleSummary } from '@/lib/diffusion/schedule';
import type { DatasetId } from '@/lib/data2d/generators';
import { compact, fixed, grouped, millis, percent, seconds, significant } from './format';

/** Credit for the MNIST digits (CC BY-SA 3.0 asks for it wherever they are shown). */
const MNIST_CREDIT = 'MNIST (LeCun, Cortes & Burges), CC BY-SA 3.0';

export const en = {
  /** BCP 47 tag for <html lang> and number formatting. */
  locale: 'en',
  mnistCredit: MNIST_CREDIT,
  /** Separator between items of an inline list. */
  listSeparator: ', ',

  siteTitle: 'DDPM Explorable',
  siteTagline: 'Denoising Diffusion Probabilistic Models, explained with cells you can run.',
  chapters: 'Chapters',
  onThisPage: 'On this page',
  previous: 'Previous',
  next: 'Next',
  home: 'Home',
  language: 'Language',
  otherLanguage: '中文',
  otherLanguageLabel: '中文: read this page in Chinese',
  theme: 'Theme',
  themeLight: 'Light',
  themeDark: 'Dark',
  themeSystem: 'System',
  copyLink: 'Copy link',
  copyLinkTo: 'Copy link to this section',
  copied: 'Link copied',
  copyFailed: 'Copy failed — the link is in the address bar',
  progress: 'read',
  notStarted: 'not started',
  skipToContent: 'Skip to content',
  run: 'Run',
  stop: 'Stop',
  rerun: 'Re-run',
  reset: 'Reset',
  showCode: 'Show code',
  hideCode: 'Hide code',
  status: 'Status',
  statusIdle: 'idle',
  statusRunning: 'running',
  statusDone: 'done',
  statusStopped: 'stopped',
  statusError: 'error',
  backend: 'compute',
  elapsed: 'elapsed',
  seed: 'Seed',
  noticeClamped: (p: string, raw: string, used: string) =>
    `URL parameter “${p}” = “${raw}” is outside its range; using ${used}.`,
  noticeInvalid: (p: string, raw: string, used: string) =>
    `URL parameter “${p}” = “${raw}” is not valid; using the default (${used}).`,
  cellCrashed: 'This cell hit an error and stopped. The rest of the page still works.',
  tryAgain: 'Reset this cell',
  copy: 'Copy',
  pickLanguage: 'Choose a language',
  minutes: 'min',
  hideControlsInLink: 'hide the controls in this link (for projecting)',
  showControls: 'Show controls',
  backendMainThread: 'JavaScript (main thread)',
  dismiss: 'dismiss',
  tableRegion: 'table',
  languageName: 'English',
  readInThisLanguage: 'Read in English',
  /** Short names of the β schedules (selects in every cell that offers one). */
  scheduleKinds: { linear: 'linear (DDPM)', 'scaled-linear': 'scaled linear', quadratic: 'quadratic', cosine: 'cosine', sigmoid: 'sigmoid' } satisfies Record<BuiltinScheduleKind, string>,
  /** The 2D data sets (lib/data2d/generators.ts). */
  datasets: {
    moons: 'Two moons', 'swiss-roll': 'Swiss roll', circles: 'Circles', 'eight-gaussians': '8 Gaussians',
    checkerboard: 'Checkerboard', 'two-spirals': 'Two spirals', dino: 'Datasaurus dino',
  } satisfies Record<DatasetId, string>,
  /** One entry per cell, keyed by the cell id (its URL namespace). */
  cells: {
    brownian: {
      title: 'Ink spreading in water: Brownian motion',
      n: 'Particles', step: 'Step size σ', steps: 'Steps', seed: 'Seed',
      stepOnce: 'Step', backwards: 'Play backwards',
      caption: 'Each particle takes a small Gaussian step every tick. Run plays forward; Stop pauses; Step advances one tick; Play backwards rewinds the recorded path.',
      stats: (k: number, m: number, e: number) => `step ${k} · mean squared displacement ${fixed(m, 4)} (theory 2kσ² = ${fixed(e, 4)})`,
      alt: (k: number, n: number) => `Scatter of ${n} ink particles after ${k} Brownian steps, spreading from a drop at the centre.`,
    },
    digit: {
      title: 'One digit, getting noisier',
      caption: `A real handwritten digit with pixels scaled to [−1, 1] (black −1, white 1), noised in one jump with x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε. Right: the histogram of its 784 pixel values; the line is the N(0, 1) density that pure noise would follow. Digit from ${MNIST_CREDIT}.`,
      digit: 'Digit', t: 'Step t', kind: 'Schedule', seed: 'Seed',
      readout: (t: number, a: number, m: number, v: number) =>
        `t = ${t} · √ᾱ_t = ${fixed(Math.sqrt(a), 4)} · √(1−ᾱ_t) = ${fixed(Math.sqrt(1 - a), 4)} · pixel mean ${fixed(m, 3)}, variance ${fixed(v, 3)}`,
      imageAlt: (d: number, t: number, T: number) => `The digit ${d} after ${t} of ${T} forward steps, enlarged 28×28 pixel image.`,
      histAlt: (t: number) => `Histogram of the 784 pixel values at t = ${t}, against the standard normal density.`,
      xLabel: 'pixel value', yLabel: 'density',
    },
    cloud: {
      title: 'A data cloud diffusing to N(0, I)',
      caption: 'Each step shrinks every point by √(1−β_t) and adds fresh Gaussian noise of variance β_t (linear schedule: β from 10⁻⁴ to 0.02 over T = 1000 steps). Run plays from the current step, Stop pauses, the slider scrubs. The grey cloud is a sample of N(0, I), where every data set ends up.',
      data: 'Data set', kind: 'Schedule', t: 'Step t', speed: 'Speed (steps per second)', reference: 'Show N(0, I) reference',
      seed: 'Seed',
      readout: (t: number, a: number, mx: number, my: number, vx: number, vy: number) =>
        `t = ${t} · ᾱ_t = ${fixed(a, 4)} · mean (${fixed(mx, 2)}, ${fixed(my, 2)}) · variance (${fixed(vx, 2)}, ${fixed(vy, 2)})`,
      alt: (name: string, t: number, T: number) => `Animated scatter plot: 2,000 points of the ${name} data set after ${t} of ${T} forward steps, over a grey sample of N(0, I).`,
    },
    forward: {
      title: 'Forward diffusion in one jump: q(x_t | x_0)',
      caption: 'Each frame is computed with the closed form x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε, with one fixed draw of ε per point; the data are standardized to mean 0 and variance 1 per axis. The bars along the top and right are the histograms of x and y; the line is the N(0, 1) density. Run measures the distance to N(0, I) at 50 values of t.',
      data: 'Data set', kind: 'Schedule', T: 'Steps T', t: 'Step t', seed: 'Seed',
      readout: (t: number, a: number) => `t = ${t} · √ᾱ_t = ${fixed(Math.sqrt(a), 4)} · √(1−ᾱ_t) = ${fixed(Math.sqrt(1 - a), 4)}`,
      distance: (d: number | null, floor: number) => `sliced Wasserstein distance to N(0, I): ${d === null ? '…' : fixed(d, 4)} (two independent N(0, I) samples: ${fixed(floor, 4)})`,
      curveY: 'distance to N(0, I)', curveX: 't', floor: 'N(0, I) vs N(0, I)',
      curvePending: 'Measuring the curve…',
      cloudAlt: (name: string, t: number) => `Scatter plot of 2,000 points of the ${name} data set after t = ${t} forward steps, with histograms of x and y against the standard normal density.`,
      curveAlt: (t: number) => `Line chart of the sliced Wasserstein distance to N(0, I) against t, falling towards the level of two N(0, I) samples; a dot marks t = ${t}.`,
      error: (m: string) => `The schedule could not be built: ${m}`,
    },
    schedule: {
      title: 'β-schedule explorer',
      caption: 'Every curve is recomputed from the schedule table as you move a control. Schedule A is drawn solid, schedule B dashed. The digit rows apply the closed form x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε with the same ε under both schedules.',
      credit: `Digit: ${MNIST_CREDIT}.`,
      slot: (s: string) => `Schedule ${s}`,
      kind: 'Kind', T: 'Steps T', b1: 'β₁', bT: 'β_T',
      kinds: {
        linear: 'linear (DDPM)', 'scaled-linear': 'scaled linear (×1000/T)', quadratic: 'quadratic', cosine: 'cosine (s = 0.008)',
        sigmoid: 'sigmoid', 'custom-beta': 'custom β(u)', 'custom-alphaBar': 'custom ᾱ(u)',
      } satisfies Record<ScheduleKind, string>,
      formulaBeta: 'β(u) =', formulaAlphaBar: 'ᾱ(u) =', apply: 'Apply',
      formulaHelp: 'u = t/T. You can also use:',
      compare: 'Compare with schedule B', logBeta: 'Log scale for β', digit: 'Digit', seed: 'Seed (noise ε)',
      loading: 'Loading the formula parser…',
      loadFailed: (m: string) => `The formula parser could not be loaded: ${m}`,
      notUpdated: (s: string, m: string) => `Schedule ${s} was not updated: ${m} The plots keep the previous schedule.`,
      summary: (s: string, sum: ScheduleSummary, T: number) =>
        `ᾱ_T = ${significant(sum.alphaBarT)} · √ᾱ_T = ${significant(sum.sqrtAlphaBarT)} · SNR_T = ${significant(sum.snrT)} · ` +
        `${sum.firstTBelowHalf === null ? 'ᾱ_t never falls below ½' : `ᾱ_t < ½ from t = ${sum.firstTBelowHalf}`} · ` +
        `${(100 * sum.shareSnrBelow01).toFixed(1)}% of the ${T} steps have SNR < 0.1`,
      warning: (s: string, sum: ScheduleSummary) =>
        `Schedule ${s}: ᾱ_T = ${significant(sum.alphaBarT)} is above 10⁻³. x_T still keeps ${(100 * sum.sqrtAlphaBarT).toFixed(1)}% of the data's amplitude (√ᾱ_T), so it is not close to N(0, I). Sampling starts from N(0, I), a distribution the model never saw at t = T, and the samples come out biased — the mistake behind the squashed samples of some popular 2D demos.`,
      betaAxis: 'β_t', alphaAxis: 'ᾱ_t (thick), √ᾱ_t (thin)', snrAxis: 'SNR_t = ᾱ_t / (1 − ᾱ_t)', tAxis: 't',
      warnLevel: 'ᾱ = 10⁻³',
      plotAlt: (what: string, a: string, b: string | null) => `Line chart of ${what} against t for schedule A (${a})${b ? ` and schedule B (${b})` : ''}.`,
      digitsAlt: (s: string, d: number) => `Digit ${d} noised under schedule ${s} at the steps shown.`,
    },
  }, // end cells
};

export type Messages = typeof en;
