/**
 * What the page and `race.worker.ts` exchange: the generative-model race of the features
 * chapter (GAN, VAE, RealNVP flow and the theory chapter's DDPM on the same 2D points). Served
 * by the site's one worker layer (lib/worker); the page calls it through ./client.ts.
 */
import type { BackendPreference } from '../backend/decide';
import type { BackendChoice, MemoryReport } from '../backend/session';
import type { RemoteCallback, WorkerControl } from '../worker/host';
import type { QualityPoint } from '../train2d/protocol';

export const RACE_MODELS = ['gan', 'vae', 'flow', 'ddpm'] as const;
export type RaceModelId = (typeof RACE_MODELS)[number];

export interface RaceSpec {
  model: RaceModelId;
  /** Training points in their own coordinates (flat x, y). */
  points: Float32Array;
  dataLabel: string;
  /** Wall-clock budget of the training, seconds (quality measurements included, as in the theory chapter). */
  seconds: number;
  seed: number;
  /** GAN: discriminator steps per generator step. */
  dSteps: number;
  /** GAN: Adam's learning rate (too high a value makes it diverge: caught and reported). */
  ganLr: number;
  /** Seconds between quality measurements while training. */
  qualityEvery: number;
  qualitySamples: number;
  /** Points drawn (and timed) when training ends. */
  finalSamples: number;
}

export interface RaceProgress {
  model: RaceModelId;
  step: number;
  /** The loss minimised (GAN: the generator's; VAE: −ELBO; flow: −log p; DDPM: L_simple). */
  loss: number;
  /** GAN: [discriminator loss]; VAE: [−E log p(x|z), KL]; others: []. */
  parts: number[];
  seconds: number;
  stepsPerSecond: number;
  /** Share of the budget spent, 0..1. */
  progress: number;
}

/** Why a run ended early with no model worth sampling. */
export interface RaceFailure {
  kind: 'nan' | 'diverged';
  step: number;
}

/**
 * Log-likelihood per point in nats, on the standardized points: exact for the flow, the ELBO
 * (a lower bound) for the VAE, the variational bound −L (Eq. 5, lib/diffusion/bound.ts) for DDPM;
 * none for the GAN. `value` is null when it could not be measured (a stopped run).
 */
export interface RaceLikelihood {
  kind: 'exact' | 'elbo' | 'bound' | 'none';
  value: number | null;
}

export interface RaceResult {
  model: RaceModelId;
  stopped: boolean;
  failure: RaceFailure | null;
  steps: number;
  seconds: number;
  /** The timed final draw in the points' own coordinates (after Stop: the last preview, or empty). */
  samples: Float32Array;
  /** Milliseconds to draw `finalSamples` points (0 when none were drawn). */
  sampleMs: number;
  /** Network passes per sample (T for DDPM, 1 for the others). */
  passes: number;
  quality: QualityPoint | null;
  likelihood: RaceLikelihood;
}

export type RaceEvent =
  | { type: 'progress'; p: RaceProgress }
  | { type: 'quality'; model: RaceModelId; q: QualityPoint; preview: Float32Array };

/** The race worker's calls (plus stop / crashForTests from lib/worker). One worker per page. */
export interface RaceWorkerApi extends WorkerControl {
  useBackend(preference: BackendPreference, cached: BackendChoice | null): Promise<BackendChoice>;
  /** Trains one model on `backend` for its budget (several may run at once); Stop ends it with what it has. */
  train(jobId: number, backend: BackendChoice, spec: RaceSpec, events?: RemoteCallback<RaceEvent>): Promise<RaceResult>;
  /** tf.memory() in the worker. */
  memory(): MemoryReport;
}
