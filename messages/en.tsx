/**
 * English UI strings: the reference set. messages/zh.ts must have the type of this object, so a key
 * missing in Chinese fails the type check. No logic here beyond filling parameters; numbers go
 * through messages/format.ts. Chapter prose lives in content/<lang>/, not here.
 */

import type { BuiltinScheduleKind, ScheduleKind, ScheduleSummary } from '@/lib/diffusion/schedule';
import type { DatasetId } from '@/lib/data2d/generators';
import type { BackendPreference } from '@/lib/backend/decide';
import type { ColourName } from '@/lib/imageSampling/prompt';
import type { JobTiming } from '@/lib/imageSampling/protocol';
import type { Agreement } from '@/lib/imageExtras/speed';
import { compact, fixed, precise, scientific, grouped, millis, percent, seconds, significant } from './format';

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
  /** Choices of the compute-backend select (backend ids stay as TF.js names them). */
  backendChoices: { auto: 'automatic', webgpu: 'webgpu', webgl: 'webgl', wasm: 'wasm', cpu: 'cpu' } satisfies Record<BackendPreference, string>,
  drawnData: 'your drawing',
  uploadedData: (file: string) => `uploaded file ${file}`,
  /** The 2D data sets (lib/data2d/generators.ts). */
  datasets: {
    moons: 'Two moons', 'swiss-roll': 'Swiss roll', circles: 'Circles', 'eight-gaussians': '8 Gaussians',
    checkerboard: 'Checkerboard', 'two-spirals': 'Two spirals', dino: 'Datasaurus dino',
  } satisfies Record<DatasetId, string>,
  /** The nine colours the image model was trained on (lib/imageSampling/prompt.ts#COLOUR_NAMES). */
  colours: {
    red: 'red', orange: 'orange', yellow: 'yellow', green: 'green', cyan: 'cyan', blue: 'blue', purple: 'purple', pink: 'pink', white: 'white',
  } satisfies Record<ColourName, string>,
  anyColour: 'any colour',
  anyDigit: 'any digit',
  /** The evaluation classifier's verdict under a generated image. */
  verdict: {
    short: (digit: number, colour: string) => `${digit} · ${colour}`,
    title: (digit: number, digitProb: number, colour: string, colourProb: number) =>
      `classifier: digit ${digit} (${percent(digitProb)}), colour ${colour} (${percent(colourProb)})`,
  },
  /** What the prompt parser (lib/imageSampling/prompt.ts) could not use, by problem kind. */
  promptProblems: {
    nothingUnderstood: 'No digit and none of the nine colours found in this text; the selects below say "any", which samples unconditionally.',
    twoDigits: (digits: string, used: string) => `More than one digit (${digits}): the model draws one digit per image, so ${used} is used.`,
    twoColours: (colours: string, used: string) => `More than one colour (${colours}): ${used} is used.`,
    notADigit: (text: string) => `"${text}" is not a single digit (0–9) and is ignored.`,
    unknownColour: (text: string, colours: string) => `"${text}" is not one of the nine colours the model learned (${colours}) and is ignored.`,
    tooLong: (max: number) => `Only the first ${max} characters are read.`,
  },
  /** One entry per cell, keyed by the cell id (its URL namespace), and per shared cell part (inverse, modelStatus). */
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
        `${percent(sum.shareSnrBelow01, 1)} of the ${T} steps have SNR < 0.1`,
      warning: (s: string, sum: ScheduleSummary) =>
        `Schedule ${s}: ᾱ_T = ${significant(sum.alphaBarT)} is above 10⁻³. x_T still keeps ${percent(sum.sqrtAlphaBarT, 1)} of the data's amplitude (√ᾱ_T), so it is not close to N(0, I). Sampling starts from N(0, I), a distribution the model never saw at t = T, and the samples come out biased — the mistake behind the squashed samples of some popular 2D demos.`,
      betaAxis: 'β_t', alphaAxis: 'ᾱ_t (thick), √ᾱ_t (thin)', snrAxis: 'SNR_t = ᾱ_t / (1 − ᾱ_t)', tAxis: 't',
      warnLevel: 'ᾱ = 10⁻³',
      plotAlt: (what: string, a: string, b: string | null) => `Line chart of ${what} against t for schedule A (${a})${b ? ` and schedule B (${b})` : ''}.`,
      digitsAlt: (s: string, d: number) => `Digit ${d} noised under schedule ${s} at the steps shown.`,
    },
    train2d: {
      title: 'Train a diffusion model on 2D points, live in your browser',
      dataset: 'Data', n: 'Points', schedule: 'β schedule', T: 'Steps T', width: 'Width', depth: 'Hidden layers',
      lr: 'Learning rate', batch: 'Batch', steps: 'Max training steps', seconds: 'Time budget (s)', seed: 'Seed', backend: 'Backend',
      upload: 'Upload', draw: 'Draw', uploadLabel: 'Points file (CSV or TSV with columns x and y)',
      drawHint: 'Draw strokes in the box; the points are spread along them.', clearDrawing: 'Clear drawing',
      noUpload: 'Choose a points file first (CSV or TSV with a header line naming x and y).',
      noDrawing: 'Draw at least one stroke in the box first.',
      pause: 'Pause', resume: 'Resume', exportCsv: 'Export samples (CSV)', clearSaved: 'Clear saved model',
      step: 'step', loss: 'loss (smoothed)', sps: 'steps/s', lrNow: 'lr', paused: 'paused', elapsed: 'training time',
      preview: (n: number) => `Samples from the current model (${n} points, orange) over the training points (grey).`,
      previewAlt: (n: number, k: number) => `Scatter plot: ${k} training points and ${n} samples from the model being trained.`,
      quality: { title: 'Quality', precision: 'precision@0.1', coverage: 'coverage@0.1', swd: 'sliced Wasserstein', seconds: 's',
        alt: 'Line chart of precision, coverage and sliced Wasserstein distance against training time.' },
      saved: (label: string, steps: number) => `Saved model: ${label}, ${steps} steps (kept in this browser until cleared).`,
      restored: 'restored from an earlier visit', noneSaved: 'No saved model yet.',
      alphaWarn: (alphaBarT: number) => `Warning: ᾱ_T = ${precise(alphaBarT, 3)} is not close to 0, so x_T is not pure noise; sampling from N(0, I) will miss the data. Use a larger T or another schedule.`,
      params: (p: number) => `${grouped('en', p)} parameters`,
      useExplorer: (k: string, T: number) => `Use the β explorer's choice (${k}, T = ${T})`,
      badSchedule: 'This schedule cannot be built for this T (for example, scaled-linear needs T > 20 so that β_T stays below 1). Choose a larger T or another schedule.',
      caption: <>
        <p>The network ε<sub>θ</sub>(x<sub>t</sub>, t) is a small multilayer perceptron. The point x<sub>t</sub> enters through random Fourier features [x, sin 2πxB, cos 2πxB] (they let a small network draw sharp curves), the step t through a sinusoidal embedding; then <i>depth</i> ReLU layers of <i>width</i> units and a linear layer output ε̂. Training is Algorithm 1: pick x<sub>0</sub>, t and ε, form x<sub>t</sub> = √ᾱ<sub>t</sub> x<sub>0</sub> + √(1−ᾱ<sub>t</sub>) ε, and step Adam on ‖ε − ε̂‖². The learning rate warms up, then follows a cosine down to a small value over the run (the step limit or the time budget, whichever ends first); samples use an exponential moving average of the weights.</p>
        <p>Quality is measured on standardized points: <b>precision@0.1</b> is the share of samples within 0.1 of some training point, <b>coverage@0.1</b> the share of training points within 0.1 of some sample.</p>
      </>,
      datasetLabels: { upload: 'Upload a file…', draw: 'Draw…' },
    },
    sample2d: {
      title: 'Sampling: watch the reverse process',
      sampler: 'Sampler', variance: 'DDPM variance σ_t²', eta: 'DDIM η', S: 'DDIM steps S', n: 'Points', seed: 'Seed', backend: 'Backend',
      labels: { ddpm: 'DDPM (ancestral)', ddim: 'DDIM', beta: 'σ² = β_t', betaTilde: 'σ² = β̃_t' },
      noModel: 'No trained model yet: press Run in the training cell above first.',
      model: (label: string, steps: number, T: number) => `Model: ${label}, ${steps} training steps, T = ${T}.`,
      play: 'Play', pause: 'Pause', exportCsv: 'Export samples (CSV)', clearSaved: 'Clear saved model',
      scrub: 'Reverse step', at: (t: number, last: boolean) => (last ? 'x₀ (done)' : `t = ${t}`),
      alt: (n: number, t: string, tracked: number) => `${n} points at ${t} of the reverse process, with trajectories of ${tracked} particles. Click a point to inspect its step.`,
      pick: 'Click a point in the plot (or type a particle number) to see its step broken down.',
      pickNumber: 'Particle #',
      particle: (i: number) => `Particle #${i}`,
      quantity: 'quantity', value: 'value (x, y)',
      rows: { xt: 'x_t', eps: 'ε̂ = ε_θ(x_t, t)', x0: 'x̂₀', mean: 'mean (μ̃ / DDIM direction)', noise: 'σ_t z', next: 'x_{t−1} = mean + σ_t z' },
      took: (ms: number, steps: number) => `${steps} network evaluations in ${seconds(ms, 2)}.`,
    },
    memorize2d: {
      title: 'Memorization: train on 20 points',
      points: 'Training points', dataset: 'Drawn from', seconds: 'Time budget (s)', steps: 'Max steps', seed: 'Seed', backend: 'Backend',
      caption: 'With very few training points, a diffusion model can learn to reproduce them instead of the shape they came from. Here the network of the training cell learns from a handful of points; its samples (orange) pile up on the training points (rings). The histogram shows each sample\u2019s distance to its nearest training point.',
      alt: (n: number, k: number) => `${k} training points shown as rings and ${n} samples from the model trained on them.`,
      copies: (share: number, r: number) => `${percent(share, 1)} of samples lie within ${r} (standardized units) of a training point.`,
      median: (d: number) => `Median distance to the nearest training point: ${fixed(d, 3)}.`,
      hist: (max: number) => `Distances to the nearest training point (0 to ${max})`,
      step: (s: number) => `step ${s}`,
    },
    inverse: {
      input: 'Input', heldout: 'a held-out MNIST digit', drawn: 'my own drawing', draw: 'Draw a digit here (mouse, pen or finger)', clearDrawing: 'Clear drawing',
      source: 'Held-out digit', paint: 'Stroke colour of the input', grey: 'Stroke brightness of the grey input',
      digit: 'Digit condition', colour: 'Colour condition', any: 'none (unconditional)', w: 'Guidance w (when a condition is set)',
      steps: 'DDIM steps S', eta: 'DDIM η', count: 'Results', seed: 'Seed',
      sampleName: (i: number, digit: number, mnistIndex: number) => `#${i + 1}: a ${digit} (MNIST ${mnistIndex})`,
      original: 'Held-out original x', observed: 'Observation y = A x', pinv: 'A⁺y (naive answer)', results: 'Diffusion results (DDNM)',
      consistency: (e: number) => `Every result agrees with the observation: max |A x₀ − y| = ${scientific(e)}.`,
      slotLabel: (i: number) => `Result ${i + 1}`,
      timing: (s: number, b: string) => `Sampled in ${fixed(s, 1)} s on ${b}.`,
      heldoutNote: 'The inputs are MNIST digits from the 10% held out of training, so the model has never seen them.',
      heldoutLoading: 'The held-out digits are still loading; try again in a moment.',
      badMask: 'The mask in this link could not be read; the top-half mask is used instead. Draw a new one or pick a preset.',
    },
    superres: {
      title: 'Super-resolution: refine a blocky digit',
      caption: 'A averages f×f blocks; A⁺ copies each average back into its block. Pick a held-out digit and a factor, then Run: every result keeps the block averages of y exactly and the model invents the detail inside the blocks — different seeds invent different detail.',
      extra: { factor: 'Downsampling factor f', f2: '2× (14×14)', f4: '4× (7×7)' },
    },
    inpaint: {
      title: 'Inpainting: draw a hole, let the model fill it',
      caption: 'Paint over the digit with a mouse, pen or finger to cut a hole (or pick a preset mask with the keyboard). A keeps the pixels outside the hole; the projection keeps them exactly while the model fills the hole. Resampling (RePaint-style) walks each step back and forth to blend the two regions.',
      extra: { preset: 'Mask', custom: 'drawn by hand', clear: 'Clear mask', top: 'top half', bottom: 'bottom half', left: 'left half', right: 'right half', centre: 'centre square', ring: 'ring', resample: 'Resampling r (RePaint-style)', painter: 'Digit with the hole to fill (draw on it)' },
    },
    colorize: {
      title: 'Colorization: a grey digit gets a colour',
      caption: 'A averages the three colour channels; A⁺ copies the grey value into all three. The projection keeps every pixel\'s brightness and the model chooses the colour. Set a colour condition to ask for one; change the stroke brightness to see the model compromise when no training colour has that brightness.',
      extra: {},
    },
    modelStatus: {
      idle: 'The pretrained model (about 2 MB) downloads when you press Run, once per visit.',
      backend: 'Choosing a compute backend…',
      unet: (p: number) => `Downloading the diffusion model… ${p}%`,
      classifier: (p: number) => `Downloading the evaluation classifier… ${p}%`,
      ready: (params: number, backend: string) => `Model loaded: ${grouped('en', params)} parameters, running on ${backend} in a background worker.`,
      noClassifier: (m: string) => ` The evaluation classifier is not available (${m}), so samples are not graded.`,
      error: (m: string) => `The model could not be loaded: ${m}`,
    },
    prompt: {
      title: 'Prompt to image: a coloured digit from a few words',
      prompt: 'Prompt (English or Chinese)',
      placeholder: 'a red 7 · seven in blue · 绿色的三',
      understood: 'Understood: ', ignored: 'ignored: ', nothing: 'nothing yet', sep: ', ',
      digit: 'Digit', colour: 'Colour', sampler: 'Sampler', steps: 'DDIM steps S', eta: 'DDIM η', w: 'Guidance w',
      count: 'How many', seed: 'Seed', backend: 'Compute backend',
      any: 'any (no condition)', all: 'all, in turn',
      ddpm: 'DDPM (all 1000 steps)', ddim: 'DDIM (S steps)',
      auto: 'auto (measured)',
      conditioning: (d: string, c: string, w: number, s: string) => `Sampling: digit ${d}, colour ${c}, guidance w = ${w}, ${s}.`,
      samplerDdpm: 'DDPM ancestral sampling over all 1000 steps',
      samplerDdim: (steps: number, eta: number) => `DDIM with ${steps} steps, η = ${eta}`,
      caption: 'Type a prompt: the page reads a digit and a colour from it and fills in the two selects (you can also set them by hand). Run samples the pretrained model in a background worker with classifier-free guidance, showing the running estimate x̂₀ as it denoises. Under each image, an independent classifier says which digit and colour it sees.',
      slotLabel: (i: number, d: string, c: string) => `Sample ${i + 1}: asked for digit ${d}, colour ${c}`,
      summary: (t: JobTiming, n: number) => `${n} images in ${fixed(t.totalSeconds, 1)} s on ${t.backend}: ${t.steps} steps × ${t.chunks} batch${t.chunks > 1 ? 'es' : ''} of ${t.batch} network inputs, ${fixed(t.perStepMs, 0)} ms per step.`,
      agreement: (d: string, c: string) => `The classifier agrees with the requested digit for ${d} and with the colour for ${c}.`,
      tensors: (n: number) => `TF.js tensors held by the worker: ${n} (the model's weights; the same number before and after every run).`,
      gridLabel: 'Generated digits',
    },
    speed: {
      title: 'Speed against quality: DDPM with 1000 steps vs DDIM with S steps',
      steps: 'DDIM steps S', eta: 'DDIM η (0 = deterministic, 1 = DDPM-like noise)', count: 'Digits per sampler', digit: 'Digit', colour: 'Colour',
      w: 'Guidance w', seed: 'Seed', random: 'random (from the seed)',
      caption: 'Run samples the same digits twice with the pretrained model, in a background worker of this page: first DDIM with S steps, then DDPM over all T steps, starting from the same noise x_T. Each side shows its own wall time, milliseconds per step and how often the evaluation classifier sees the digit and colour that were asked for. The DDPM result is kept while you change only S or η, so you can explore S quickly.',
      ddpm: (T: number) => `DDPM, all ${T} steps`,
      ddim: (S: number, eta: number) => `DDIM, S = ${S} steps, η = ${fixed(eta, 2)}`,
      waiting: 'waiting for DDIM to finish…', stopped: 'stopped before it finished', running: 'sampling…',
      timing: (t: JobTiming) => `${fixed(t.totalSeconds, 2)} s wall time · ${fixed(t.perStepMs, 1)} ms per step · ${t.steps} steps · ${t.backend}`,
      quality: (a: Agreement) => `Classifier agrees with digit and colour: ${Math.round(a.both * a.n)} of ${a.n} (${percent(a.both)}) — digit ${percent(a.digit)}, colour ${percent(a.colour)}`,
      noClassifier: 'The evaluation classifier is not loaded, so samples are not graded.',
      reused: 'Reused from the previous run (same digits, colours, seed and w).',
      ratio: (time: number, steps: number, perStep: number) => `DDPM took ${fixed(time, 1)}× as long as DDIM; the step ratio T/S is ${fixed(steps, 1)}×. A DDIM step cost ${fixed(perStep, 2)}× a DDPM step. Both make the same network call per step, so the saving comes from doing fewer steps; a per-step ratio far from 1 means the computer was busier during one of the two runs.`,
      history: 'This visit’s runs',
      hS: 'S', hEta: 'η', hTime: 'DDIM time', hPer: 'ms/step', hQ: 'agreement',
      slot: (i: number, d: string, c: string, who: string) => `${who} sample ${i + 1}: asked for digit ${d}, colour ${c}`,
    },
  }, // end cells
  /** Classroom: presenter view, pretrained 2D models, model files (components/presenter/, components/model2d/). */
  classroom: {
    present: 'Present',
    presentTitle: 'Present this chapter: one section per screen (arrow keys, space or swipe to move, Esc to leave)',
    presenterNav: 'Presenter controls',
    previousSection: 'Previous section',
    nextSection: 'Next section',
    leave: 'Leave',
    leaveTitle: 'Leave the presenter view (Esc)',
    counter: (i: number, n: number) => `Section ${i} of ${n}`,
    pretrainedNote: (name: string, steps: number) => `A model pretrained for ${name} (${grouped('en', steps)} training steps) is loaded —`,
    trainOwn: 'train your own in the training cell.',
    pretrainedLoading: 'Loading the pretrained model…',
    pretrainedFailed: 'The pretrained model could not be loaded; train one in the training cell.',
    memorizePretrained: (name: string, k: number, steps: number) =>
      `Shown: a model pretrained on ${k} points of ${name} (${grouped('en', steps)} training steps). Press Run to train your own.`,
    downloadModel: 'Download model',
    loadModel: 'Load model…',
    loadModelLabel: 'Load a model file (.json) saved from this site',
    modelLoaded: (label: string) => `Loaded the model “${label}” from the file.`,
    modelError: {
      tooLarge: (kb: number) => `This file is ${grouped('en', kb)} KB, too large to be a 2D model from this site.`,
      unreadable: 'The file could not be read.',
      notJson: 'This is not a model file: it is not valid JSON.',
      notModel: 'This JSON file is not a 2D model saved from this site.',
      version: (found: string) => `This model file has version ${found}; this page reads version 1.`,
      checksum: 'This model file is damaged or was edited: its checksum does not match.',
      shape: (detail: string) => `This model file does not fit together (${detail}).`,
      notFinite: (where: string) => `This model file contains values that are not numbers (${where}).`,
    },
  },
};

export type Messages = typeof en;
