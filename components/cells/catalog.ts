/**
 * THE cell catalog: every interactive figure is declared here once — its id (the URL namespace
 * `?<id>.<param>=…` and the anchor `#cell-<id>`), the MDX tag chapters write, its client
 * component (loaded lazily, as a chunk of its own), the functions its "show code" panel prints
 * (read from the module at build time by `readFunctionSource`) and its parameter spec.
 *
 * The MDX registry (components/mdx/registry.tsx) and the lazy loader (./LazyCell.tsx) read this
 * list; nothing else registers a cell. This module is plain data: a server page, a test or
 * another cell can import it without loading any cell's client code (`load` is only called by
 * LazyCell). A cell that reads another cell's parameters goes through that cell's `spec` and
 * `id` here, never through raw query-string names.
 */
import type { ComponentType } from 'react';
import { backendParam, guidanceParam, seedParam, stepsParam, type ParamSpecs } from '@/lib/urlState';
import { BUILTIN_SCHEDULE_KINDS, SCHEDULE_KINDS } from '@/lib/diffusion/schedule';
import { DEFAULT_ALPHABAR_FORMULA, DEFAULT_BETA_FORMULA, FORMULA_MAX_LENGTH } from '@/lib/plotting/scheduleParams';
import { DATASETS } from '@/lib/data2d/generators';
import { TRAIN2D_DEFAULTS } from '@/lib/train2d/defaults';
import { COLOUR_NAMES } from '@/lib/imageSampling/prompt';
import { MASK_PRESETS } from '@/lib/imageSampling/maskPresets';
import type { BuildTimeModelFacts } from '../imageModel/manifestAtBuild';
import type { CodeRef } from '../cell/Cell';

/** A function shown in a cell's code panel: `name` exported (or declared) in `file`. */
interface CodeName {
  file: string;
  name: string;
}

/** What every cell client gets: its catalog id (URL namespace and anchor) and its code panel. */
export interface CellClientProps {
  id: string;
  code: CodeRef[];
}

/** Any cell client; LazyCell gives it `CellClientProps` plus whatever the entry's `props` add. */
type CellClient = ComponentType<never>;

export interface CellEntry {
  id: string;
  tag: string;
  /** The client component, as a lazily loaded chunk. Annotated: the client imports this file. */
  load: () => Promise<CellClient>;
  code: readonly CodeName[];
  /** The parameters; cells driven by the pretrained model take its default guidance w. */
  spec: ParamSpecs | ((defaultGuidance: number) => ParamSpecs);
  /** Build-time props besides `code` (read on the server, e.g. from the model's manifest). */
  props?: (facts: BuildTimeModelFacts) => Record<string, unknown>;
}

const fns = (file: string, ...names: string[]): CodeName[] => names.map((name) => ({ file, name }));

// ---- parameter specs (exported for the clients and for cells that read each other) ----

const DATA_IDS = DATASETS.map((d) => d.id);
const D = TRAIN2D_DEFAULTS;

export const BROWNIAN_SPEC = {
  n: { kind: 'number', default: 800, min: 10, max: 3000, integer: true },
  step: { kind: 'number', default: 0.02, min: 0.001, max: 0.2 },
  steps: { kind: 'number', default: 300, min: 10, max: 1000, integer: true },
  seed: seedParam(1),
} as const satisfies ParamSpecs;

export const CLOUD_T = 1000;
export const CLOUD_SPEC = {
  data: { kind: 'enum', default: 'dino', values: DATA_IDS },
  kind: { kind: 'enum', default: 'linear', values: BUILTIN_SCHEDULE_KINDS },
  t: { kind: 'number', default: 0, min: 0, max: CLOUD_T, integer: true },
  speed: { kind: 'number', default: 150, min: 10, max: 1000, integer: true },
  reference: { kind: 'boolean', default: true },
  seed: seedParam(1),
} as const satisfies ParamSpecs;

export const FORWARD_SPEC = {
  data: { kind: 'enum', default: 'moons', values: DATA_IDS },
  kind: { kind: 'enum', default: 'linear', values: BUILTIN_SCHEDULE_KINDS },
  T: { kind: 'number', default: 1000, min: 10, max: 4000, integer: true },
  t: { kind: 'number', default: 100, min: 0, max: 4000, integer: true },
  seed: seedParam(1),
} as const satisfies ParamSpecs;

export const DIGIT_T = 1000;
export const NOISY_DIGIT_SPEC = {
  digit: { kind: 'number', default: 3, min: 0, max: 9, integer: true },
  t: { kind: 'number', default: 0, min: 0, max: DIGIT_T, integer: true },
  kind: { kind: 'enum', default: 'linear', values: BUILTIN_SCHEDULE_KINDS },
  seed: seedParam(1),
  /** Run's playback, steps per second: the default plays 0 → T in 4 s. */
  speed: { kind: 'number', default: 250, min: 10, max: 1000, integer: true },
} as const satisfies ParamSpecs;

const scheduleSlot = (kind: 'linear' | 'cosine') => ({
  kind: { kind: 'enum', default: kind, values: SCHEDULE_KINDS },
  T: { kind: 'number', default: 1000, min: 10, max: 4000, integer: true },
  b1: { kind: 'number', default: 0.0001, min: 0.000001, max: 0.5 },
  bT: { kind: 'number', default: 0.02, min: 0.00001, max: 0.999 },
  fb: { kind: 'string', default: DEFAULT_BETA_FORMULA, maxLength: FORMULA_MAX_LENGTH },
  fa: { kind: 'string', default: DEFAULT_ALPHABAR_FORMULA, maxLength: FORMULA_MAX_LENGTH },
} as const);
const slotA = scheduleSlot('linear');
const slotB = scheduleSlot('cosine');
/** The β-explorer's id: the 2D trainer offers the explorer's choice, read through this and its spec. */
export const SCHEDULE_CELL_ID = 'schedule';
export const SCHEDULE_SPEC = {
  ...slotA,
  compare: { kind: 'boolean', default: true },
  kindB: slotB.kind, TB: slotB.T, b1B: slotB.b1, bTB: slotB.bT, fbB: slotB.fb, faB: slotB.fa,
  logBeta: { kind: 'boolean', default: true },
  digit: { kind: 'number', default: 3, min: 0, max: 9, integer: true },
  seed: seedParam(1),
} as const satisfies ParamSpecs;

const TRAIN2D_DATA_IDS = [...DATA_IDS, 'upload', 'draw'] as const;
export const TRAIN2D_SPEC = {
  dataset: { kind: 'enum', default: 'dino', values: TRAIN2D_DATA_IDS },
  n: { kind: 'number', default: 1000, min: 20, max: 5000, integer: true },
  schedule: { kind: 'enum', default: D.schedule, values: BUILTIN_SCHEDULE_KINDS },
  T: { kind: 'number', default: D.T, min: 2, max: 1000, integer: true },
  width: { kind: 'number', default: D.width, min: 8, max: 256, integer: true },
  depth: { kind: 'number', default: D.depth, min: 1, max: 6, integer: true },
  lr: { kind: 'number', default: D.lr, min: 1e-4, max: 0.05 },
  batch: { kind: 'number', default: D.batch, min: 16, max: 2048, integer: true },
  steps: { kind: 'number', default: D.steps, min: 1, max: 100000, integer: true },
  seconds: { kind: 'number', default: D.seconds, min: 1, max: 600, integer: true },
  seed: seedParam(1),
  backend: backendParam(),
} as const satisfies ParamSpecs;

/** The features chapter's race (GAN, VAE, flow, DDPM on the same points): lib/race. */
export const RACE_SPEC = {
  dataset: { kind: 'enum', default: 'dino', values: TRAIN2D_DATA_IDS },
  n: { kind: 'number', default: 1000, min: 20, max: 5000, integer: true },
  seconds: { kind: 'number', default: 30, min: 1, max: 300, integer: true },
  mode: { kind: 'enum', default: 'sequential', values: ['sequential', 'parallel'] },
  dSteps: { kind: 'number', default: 1, min: 1, max: 10, integer: true },
  ganLr: { kind: 'number', default: 1e-3, min: 1e-4, max: 0.5 },
  seed: seedParam(1),
  backend: backendParam(),
} as const satisfies ParamSpecs;

export const SAMPLE2D_SPEC = {
  sampler: { kind: 'enum', default: 'ddpm', values: ['ddpm', 'ddim'] },
  variance: { kind: 'enum', default: 'betaTilde', values: ['beta', 'betaTilde'] },
  /** DDPM with z = 0 at every step: each particle follows the predicted mean μ_θ (theory text: "set z = 0"). */
  zeroNoise: { kind: 'boolean', default: false },
  eta: { kind: 'number', default: 0, min: 0, max: 1 },
  S: { kind: 'number', default: 20, min: 1, max: 1000, integer: true },
  n: { kind: 'number', default: 2000, min: 100, max: 5000, integer: true },
  seed: seedParam(3),
  backend: backendParam(),
} as const satisfies ParamSpecs;

export const BOUND2D_SPEC = {
  data: { kind: 'enum', default: 'model', values: ['model', 'gaussian'] },
  variance: { kind: 'enum', default: 'beta', values: ['beta', 'betaTilde'] },
  repeats: { kind: 'number', default: 2, min: 1, max: 16, integer: true },
  seed: seedParam(1),
  backend: backendParam(),
} as const satisfies ParamSpecs;

export const SCORE2D_SPEC = {
  data: { kind: 'enum', default: 'model', values: ['model', 'gaussian'] },
  t: { kind: 'number', default: 10, min: 1, max: 1000, integer: true },
  grid: { kind: 'number', default: 20, min: 6, max: 40, integer: true },
  particles: { kind: 'number', default: 400, min: 20, max: 3000, integer: true },
  seed: seedParam(4),
  backend: backendParam(),
} as const satisfies ParamSpecs;

export const MEMO_SPEC = {
  points: { kind: 'number', default: 20, min: 3, max: 500, integer: true },
  dataset: { kind: 'enum', default: 'moons', values: ['moons', 'swiss-roll', 'circles', 'eight-gaussians', 'two-spirals', 'dino'] },
  seconds: { kind: 'number', default: 15, min: 1, max: 300, integer: true },
  steps: { kind: 'number', default: 100000, min: 10, max: 100000, integer: true },
  seed: seedParam(2),
  backend: backendParam(),
} as const satisfies ParamSpecs;

/** Digit / colour choices of the image cells: a fixed one, none (unconditional), all, or random. */
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export const PROMPT_DIGITS = ['none', ...DIGITS, 'all'] as const;
export const PROMPT_COLOURS = ['none', ...COLOUR_NAMES, 'all'] as const;
export const RANDOM_DIGITS = ['random', ...DIGITS] as const;
export const RANDOM_COLOURS = ['random', ...COLOUR_NAMES] as const;
export const ANY_DIGITS = ['none', ...DIGITS] as const;
export const ANY_COLOURS = ['none', ...COLOUR_NAMES] as const;

/** `defaultText` is the page language's example prompt (messages: cells.prompt.defaultText); both mean a red 7. */
export function promptSpec(defaultGuidance: number, defaultText = 'a red 7') {
  return {
    text: { kind: 'string', default: defaultText, maxLength: 200 },
    digit: { kind: 'enum', default: '7', values: PROMPT_DIGITS },
    colour: { kind: 'enum', default: 'red', values: PROMPT_COLOURS },
    sampler: { kind: 'enum', default: 'ddim', values: ['ddim', 'ddpm'] },
    steps: stepsParam(1000),
    eta: { kind: 'number', default: 0, min: 0, max: 1 },
    w: guidanceParam(defaultGuidance),
    count: { kind: 'number', default: 8, min: 1, max: 500, integer: true },
    seed: seedParam(1),
    backend: backendParam(),
  } as const satisfies ParamSpecs;
}

/** DDPM steps the speed cell runs by default before projecting the time of all T (a point made in seconds, not a minute). */
export const SPEED_PREVIEW_STEPS = 200;

export function speedSpec(defaultGuidance: number) {
  return {
    steps: stepsParam(200),
    eta: { kind: 'number', default: 0, min: 0, max: 1 },
    /** DDPM's side: its first SPEED_PREVIEW_STEPS steps timed and projected to T (seconds), or all T steps (about a minute on a laptop CPU). */
    ddpmRun: { kind: 'enum', default: 'preview', values: ['preview', 'full'] },
    count: { kind: 'number', default: 4, min: 1, max: 16, integer: true },
    digit: { kind: 'enum', default: 'random', values: RANDOM_DIGITS },
    colour: { kind: 'enum', default: 'random', values: RANDOM_COLOURS },
    w: guidanceParam(defaultGuidance),
    seed: seedParam(1),
  } as const satisfies ParamSpecs;
}

export function nearestSpec(defaultGuidance: number) {
  return {
    digit: { kind: 'enum', default: 'random', values: RANDOM_DIGITS },
    colour: { kind: 'enum', default: 'random', values: RANDOM_COLOURS },
    count: { kind: 'number', default: 4, min: 1, max: 8, integer: true },
    metric: { kind: 'enum', default: 'pixels', values: ['pixels', 'stroke'] },
    steps: stepsParam(200),
    w: guidanceParam(defaultGuidance),
    seed: seedParam(1),
  } as const satisfies ParamSpecs;
}

export function quizSpec(defaultGuidance: number) {
  return {
    rounds: { kind: 'number', default: 8, min: 2, max: 16, integer: true },
    seed: seedParam(1),
    steps: stepsParam(200),
    w: guidanceParam(defaultGuidance),
  } as const satisfies ParamSpecs;
}

export type InverseTask = 'superres' | 'inpaint' | 'colorize';
/** bench/heldout_digits.py --per-class 3 */
const HELDOUT_COUNT = 30;

export function inverseSpec(task: InverseTask, defaultGuidance: number) {
  return {
    source: { kind: 'enum', default: 'heldout', values: ['heldout', 'drawn'] },
    strokes: { kind: 'string', default: '', maxLength: 200 },
    sample: { kind: 'number', default: task === 'superres' ? 21 : task === 'inpaint' ? 27 : 9, min: 0, max: HELDOUT_COUNT - 1, integer: true },
    paint: { kind: 'enum', default: task === 'superres' ? 'cyan' : 'orange', values: COLOUR_NAMES },
    grey: { kind: 'number', default: 0.55, min: 0.1, max: 1 },
    // 2× (14×14 → 28×28) by default: the refined strokes are clearly sharper than A⁺y's blocks; at 4× (7×7) the
    // observation is often ambiguous and the model may draw another digit (the prose's experiment).
    factor: { kind: 'enum', default: '2', values: ['2', '4'] },
    preset: { kind: 'enum', default: 'top', values: [...MASK_PRESETS, 'custom'] },
    mask: { kind: 'string', default: '', maxLength: 200 },
    resample: { kind: 'number', default: 0, min: 0, max: 10, integer: true },
    digit: { kind: 'enum', default: 'none', values: ANY_DIGITS },
    colour: { kind: 'enum', default: 'none', values: ANY_COLOURS },
    w: guidanceParam(defaultGuidance),
    steps: stepsParam(250, { min: 2 }),
    eta: { kind: 'number', default: 0, min: 0, max: 1 },
    count: { kind: 'number', default: 4, min: 1, max: 8, integer: true },
    seed: seedParam(1),
  } as const satisfies ParamSpecs;
}

const inverseCell = (id: InverseTask, tag: string, operator: string): CellEntry => ({
  id, tag,
  load: (): Promise<CellClient> => import('../imageModel/InverseCellClient').then((m) => m.InverseCellClient),
  code: [
    ...fns('lib/imageSampling/operators.ts', operator, 'ddnmProject'),
    ...fns('lib/imageSampling/sampleImages.ts', 'projectedEpsilon', 'sampleImages'),
    ...fns('lib/diffusion/reverseProcess.ts', 'sampleLoop'),
  ],
  spec: (w) => inverseSpec(id, w),
  props: (facts) => ({ task: id, facts }),
});

const guidanceProps = (facts: BuildTimeModelFacts) => ({ defaultGuidance: facts.defaultGuidance });

// ---- the catalog ----

export const CELLS: readonly CellEntry[] = [
  {
    id: 'brownian', tag: 'BrownianCell',
    load: (): Promise<CellClient> => import('./BrownianCellClient').then((m) => m.BrownianCellClient),
    code: fns('lib/brownian.ts', 'createInkDrop', 'brownianStep', 'meanSquaredDisplacement'),
    spec: BROWNIAN_SPEC,
  },
  {
    id: 'cloud', tag: 'DiffusingCloudCell',
    load: (): Promise<CellClient> => import('./DiffusingCloudCellClient').then((m) => m.DiffusingCloudCellClient),
    code: [...fns('lib/diffusion/forward.ts', 'qStep'), ...fns('lib/plotting/chain.ts', 'ForwardChain')],
    spec: CLOUD_SPEC,
  },
  {
    id: 'digit', tag: 'NoisyDigitCell',
    load: (): Promise<CellClient> => import('./NoisyDigitCellClient').then((m) => m.NoisyDigitCellClient),
    code: [...fns('lib/diffusion/forward.ts', 'qSample'), ...fns('lib/data/mnistSamples.ts', 'mnistDigitSigned')],
    spec: NOISY_DIGIT_SPEC,
  },
  {
    id: 'forward', tag: 'ForwardDiffusionCell',
    load: (): Promise<CellClient> => import('./ForwardDiffusionCellClient').then((m) => m.ForwardDiffusionCellClient),
    code: [
      ...fns('lib/diffusion/forward.ts', 'qSample'),
      ...fns('lib/metrics2d.ts', 'slicedWasserstein'),
      ...fns('lib/plotting/cloudData.ts', 'distanceToNormal', 'prepareCloud'),
    ],
    spec: FORWARD_SPEC,
  },
  {
    id: SCHEDULE_CELL_ID, tag: 'ScheduleExplorerCell',
    load: (): Promise<CellClient> => import('./ScheduleExplorerCellClient').then((m) => m.ScheduleExplorerCellClient),
    code: [
      ...fns('lib/diffusion/schedule.ts', 'makeSchedule', 'tableFromBetas', 'scheduleSummary'),
      ...fns('lib/diffusion/formula.ts', 'parseScheduleFormula'),
      ...fns('lib/diffusion/forward.ts', 'qSample'),
    ],
    spec: SCHEDULE_SPEC,
  },
  {
    id: 'train2d', tag: 'Train2DCell',
    load: (): Promise<CellClient> => import('./Train2DCellClient').then((m) => m.Train2DCellClient),
    code: [
      ...fns('lib/train2d/model.ts', 'initWeights', 'Net'),
      ...fns('lib/train2d/trainer.ts', 'drawBatch', 'learningRateAt', 'Trainer'),
    ],
    spec: TRAIN2D_SPEC,
  },
  {
    id: 'sample2d', tag: 'Sample2DCell',
    load: (): Promise<CellClient> => import('./Sample2DCellClient').then((m) => m.Sample2DCellClient),
    code: [
      ...fns('lib/diffusion/samplers.ts', 'makeDdpmSampler', 'makeDdimSampler'),
      ...fns('lib/train2d/sample.ts', 'samplePoints'),
      ...fns('lib/diffusion/reverseProcess.ts', 'sampleLoop'),
    ],
    spec: SAMPLE2D_SPEC,
  },
  {
    id: 'bound2d', tag: 'BoundCell',
    load: (): Promise<CellClient> => import('./BoundCellClient').then((m) => m.BoundCellClient),
    code: [...fns('lib/diffusion/bound.ts', 'sampleTerms', 'estimateBound', 'epsilonWeight'), ...fns('lib/train2d/analysis.ts', 'runBound')],
    spec: BOUND2D_SPEC,
  },
  {
    id: 'score2d', tag: 'ScoreFieldCell',
    load: (): Promise<CellClient> => import('./ScoreFieldCellClient').then((m) => m.ScoreFieldCellClient),
    code: [...fns('lib/diffusion/score.ts', 'scoreFromEps'), ...fns('lib/train2d/analysis.ts', 'runScoreField')],
    spec: SCORE2D_SPEC,
  },
  {
    id: 'memorize2d', tag: 'MemorizationCell',
    load: (): Promise<CellClient> => import('./MemorizationCellClient').then((m) => m.MemorizationCellClient),
    code: [...fns('lib/metrics2d.ts', 'nearestDistances'), ...fns('lib/train2d/engine.ts', 'runTraining')],
    spec: MEMO_SPEC,
  },
  {
    id: 'quiz', tag: 'RealOrGeneratedQuiz',
    load: (): Promise<CellClient> => import('./RealOrGeneratedQuizClient').then((m) => m.RealOrGeneratedQuizClient),
    code: [
      ...fns('lib/imageExtras/quiz.ts', 'planQuiz', 'scoreQuiz'),
      ...fns('lib/imageExtras/colouring.ts', 'colouriseDigit', 'jitteredStroke'),
    ],
    spec: quizSpec,
    props: guidanceProps,
  },
  {
    id: 'speed', tag: 'SpeedQualityCell',
    load: (): Promise<CellClient> => import('./SpeedQualityCellClient').then((m) => m.SpeedQualityCellClient),
    code: [
      ...fns('lib/diffusion/samplers.ts', 'makeDdpmSampler', 'makeDdimSampler', 'ddimTimesteps'),
      ...fns('lib/imageSampling/sampleImages.ts', 'sampleImages'),
      ...fns('lib/diffusion/reverseProcess.ts', 'sampleLoop'),
      ...fns('lib/imageExtras/speed.ts', 'agreement', 'compareRuns'),
    ],
    spec: speedSpec,
    props: guidanceProps,
  },
  {
    id: 'race', tag: 'RaceCell',
    load: (): Promise<CellClient> => import('./RaceCellClient').then((m) => m.RaceCellClient),
    code: [
      ...fns('lib/race/gan.ts', 'Gan'),
      ...fns('lib/race/vae.ts', 'Vae'),
      ...fns('lib/race/flow.ts', 'RealNvp'),
      ...fns('lib/race/loop.ts', 'trainRaceNet'),
    ],
    spec: RACE_SPEC,
  },
  {
    id: 'prompt', tag: 'PromptToImageCell',
    load: (): Promise<CellClient> => import('./PromptToImageCellClient').then((m) => m.PromptToImageCellClient),
    code: [
      ...fns('lib/imageSampling/sampleImages.ts', 'sampleImages', 'guidedBatchEpsilon'),
      ...fns('lib/diffusion/reverseProcess.ts', 'sampleLoop'),
      ...fns('lib/diffusion/samplers.ts', 'guidedEpsilon'),
      ...fns('lib/imageSampling/prompt.ts', 'parsePrompt'),
    ],
    spec: promptSpec,
    props: guidanceProps,
  },
  inverseCell('superres', 'SuperResolutionCell', 'superResolutionOperator'),
  inverseCell('inpaint', 'InpaintingCell', 'inpaintingOperator'),
  inverseCell('colorize', 'ColorizationCell', 'colorizationOperator'),
  {
    id: 'nearest', tag: 'NearestTrainingImageCell',
    load: (): Promise<CellClient> => import('./NearestTrainingImageCellClient').then((m) => m.NearestTrainingImageCellClient),
    code: fns('lib/imageExtras/nearest.ts', 'makeQuery', 'distanceTo', 'nearestTraining', 'sameClassNearestDistances', 'referenceLine'),
    spec: nearestSpec,
    props: guidanceProps,
  },
];

/** The spec of an entry, with the model's default guidance where the spec depends on it. */
export function specOf(entry: CellEntry, defaultGuidance: number): ParamSpecs {
  return typeof entry.spec === 'function' ? entry.spec(defaultGuidance) : entry.spec;
}
