/**
 * What the page and `train2d.worker.ts` exchange: the data types, and the worker's API as the
 * site's one worker layer (lib/worker, comlink) serves it. The page calls it through ./client.ts.
 * Float32Arrays travel as transferables where the sender no longer needs them.
 */
import type { BackendPreference } from '../backend/decide';
import type { BackendChoice, MemoryReport } from '../backend/session';
import type { RemoteCallback, WorkerControl } from '../worker/host';
import type { PointStats } from '../data2d/standardize';
import type { NetConfig, NetWeights } from './model';
import type { TrainConfig } from './trainer';
import type { SamplerSpec } from '../diffusion/samplers';
import type { BoundEstimate, ReverseVariance } from '../diffusion/bound';
import type { GridBounds } from '../diffusion/score';
import { BUILTIN_SCHEDULE_KINDS, type BuiltinScheduleKind } from '../diffusion/schedule';

/** Schedules the 2D trainer offers: the core's built-in kinds (T comes from the net config). */
export type Schedule2DKind = BuiltinScheduleKind;
export const SCHEDULE_2D_KINDS: readonly Schedule2DKind[] = BUILTIN_SCHEDULE_KINDS;

/** A trained model as stored in IndexedDB and handed between cells. */
export interface SavedModel {
  version: 1;
  weights: NetWeights;
  schedule: { kind: Schedule2DKind; T: number };
  /** Mean / std used to standardize the training points (samples are mapped back with it). */
  stats: PointStats;
  /** The training points in their own coordinates. */
  points: Float32Array;
  /** What the points were (data set id, "upload: name.csv", "drawing"). */
  dataLabel: string;
  steps: number;
  backend: string;
  savedAt: number;
  /** Last measured quality. */
  quality?: QualityPoint;
}

export interface QualityPoint {
  step: number;
  /** Seconds of training so far. */
  seconds: number;
  precision: number;
  coverage: number;
  swd: number;
}

export interface TrainSpec {
  points: Float32Array;
  dataLabel: string;
  schedule: Schedule2DKind;
  net: Omit<NetConfig, 'seed'>;
  train: TrainConfig;
  /** Seconds between quality measurements (0: none). */
  qualityEvery: number;
  /** Points drawn for each quality measurement / preview. */
  qualitySamples: number;
  /** Points drawn from the final model. */
  finalSamples: number;
  sampler: SamplerSpec;
}

export interface SampleSpec {
  model: SavedModel;
  sampler: SamplerSpec;
  n: number;
  seed: number;
  /** Frames to record for the animation (0: none). */
  maxFrames: number;
}

export interface ProgressMsg {
  step: number;
  loss: number;
  stepsPerSecond: number;
  lr: number;
  seconds: number;
  progress: number;
  paused: boolean;
}

export interface FrameMsg {
  t: number; tPrev: number; sigma: number;
  xt: Float32Array; epsHat: Float32Array; x0Hat: Float32Array; mean: Float32Array; noise: Float32Array;
}

/** A finished (or stopped) training run. */
export interface Trained {
  /** Stop came before the budget was spent: `samples` and `quality` are then the last preview's (or empty / null). */
  stopped: boolean;
  model: SavedModel;
  /** Samples in the points' own coordinates: the final draw, or after Stop the last preview. */
  samples: Float32Array;
  quality: QualityPoint | null;
  /** Milliseconds of the final draw (0 when stopped). */
  sampleMs: number;
}

/** Noisy samples per step that one bound request may use (points × draws per point). */
export const MAX_BOUND_SAMPLES = 40000;

/** The bound cell's request: the variational bound of `model` over its own training points. */
export interface BoundSpec {
  model: SavedModel;
  /** σ_t² = β_t ("large") or β̃_t ("small") in p_θ(x_{t−1} | x_t). */
  variance: ReverseVariance;
  /** Noise draws per training point and t. */
  repeats: number;
  seed: number;
}

/** lib/diffusion/bound's estimate, plus the Eq. 12 weight per t (weight[t − 1]). */
export interface BoundResult extends BoundEstimate {
  weight: Float64Array;
  points: number;
  ms: number;
}

/** The score cell's request: particles and the field −ε̂/√(1 − ᾱ_t) on a grid (standardized coordinates). */
export interface ScoreFieldSpec {
  model: SavedModel;
  particles: number;
  gridSize: number;
  bounds: GridBounds;
  seed: number;
}

export interface ScoreFieldResult {
  T: number;
  /** The recorded steps, from T down (steps[i] is the t of fields[i] and clouds[i]). */
  steps: number[];
  /** Grid points, flat [x, y, …]. */
  grid: Float32Array;
  /** The estimated score at every grid point, per recorded step. */
  fields: Float32Array[];
  /** The particles' x_t, per recorded step. */
  clouds: Float32Array[];
  x0: Float32Array;
}

export interface Sampled { x0: Float32Array; xT: Float32Array; frames: FrameMsg[]; ms: number }

/** What a training run streams to the page while it trains. */
export type TrainEvent =
  | { type: 'progress'; p: ProgressMsg }
  | { type: 'quality'; q: QualityPoint; preview: Float32Array };

/** The 2D model worker's calls (plus stop / crashForTests from lib/worker). One worker per page. */
export interface Train2DWorkerApi extends WorkerControl {
  /** Select the backend for a preference ("auto" reuses `cached`, the page's decision, when given). */
  useBackend(preference: BackendPreference, cached: BackendChoice | null): Promise<BackendChoice>;
  /** One training run on `backend`; Stop (job `jobId`) ends it early with the model so far. */
  train(jobId: number, backend: BackendChoice, spec: TrainSpec, events?: RemoteCallback<TrainEvent>): Promise<Trained>;
  /** Draw points from a saved model; Stop rejects with the AbortError. */
  sample(jobId: number, backend: BackendChoice, spec: SampleSpec): Promise<Sampled>;
  /** The variational bound term by term (lib/train2d/analysis); Stop rejects with the AbortError. */
  bound(jobId: number, backend: BackendChoice, spec: BoundSpec, progress?: RemoteCallback<number>): Promise<BoundResult>;
  /** The score field with sampled particles; Stop rejects with the AbortError. */
  scoreField(jobId: number, backend: BackendChoice, spec: ScoreFieldSpec, progress?: RemoteCallback<number>): Promise<ScoreFieldResult>;
  /** Pause / resume the running training (no-op when none runs). */
  pause(): void;
  resume(): void;
  /** tf.memory() in the worker (a model kept for sampling is freed first, so the count is the baseline). */
  memory(): MemoryReport;
}
