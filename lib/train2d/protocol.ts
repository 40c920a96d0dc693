/**
 * The typed message protocol between the page and `train2d.worker.ts`.
 * Every request carries an `id`; the worker answers with the same id. Float32Arrays travel as
 * transferables where the sender no longer needs them.
 */
import type { BackendPreference, BackendName } from '../backend/decide';
import type { PointStats } from '../data2d/standardize';
import type { NetConfig, NetWeights } from './model';
import type { TrainConfig } from './trainer';
import type { SamplerSpec } from '../diffusion/samplers';
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

export type Request =
  | { type: 'init'; id: number; backend: BackendPreference; cached?: { name: BackendName; reason: string } | null }
  | { type: 'train'; id: number; spec: TrainSpec }
  | { type: 'pause'; id: number }
  | { type: 'resume'; id: number }
  | { type: 'stop'; id: number }
  | { type: 'sample'; id: number; spec: SampleSpec }
  | { type: 'memory'; id: number };

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

export type Response =
  | { type: 'ready'; id: number; backend: BackendName; reason: string }
  | { type: 'progress'; id: number; p: ProgressMsg }
  | { type: 'quality'; id: number; q: QualityPoint; preview: Float32Array }
  | { type: 'trained'; id: number; stopped: boolean; model: SavedModel; samples: Float32Array; quality: QualityPoint; sampleMs: number }
  | { type: 'sampled'; id: number; x0: Float32Array; xT: Float32Array; frames: FrameMsg[]; ms: number }
  | { type: 'memory'; id: number; numTensors: number; numBytes: number; backend: string | null }
  | { type: 'ack'; id: number }
  | { type: 'error'; id: number; message: string };
