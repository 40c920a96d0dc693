/**
 * The training cell's defaults (also what the benchmark runs: no benchmark-only model).
 * Chosen by measurement on the Datasaurus dino (see bench/train2d.mjs and the README notes).
 */
import type { Schedule2DKind } from './protocol';
import type { SamplerSpec } from '../diffusion/samplers';

export const TRAIN2D_DEFAULTS = {
  schedule: 'scaled-linear' as Schedule2DKind,
  // T = 100 over T = 50: finer last steps give sharper samples (bench:train2d, dino, 30 s: precision@0.1
  // 0.877 / 0.887 / 0.884 vs 0.832–0.862 at T = 50, at the same ~110 steps/s).
  T: 100,
  width: 64,
  depth: 3,
  fourier: 16,
  fourierScale: 1,
  timeDim: 16,
  lr: 0.01,
  batch: 512,
  steps: 100000,
  seconds: 30,
  warmupFrac: 0.03,
  minLrFrac: 0.02,
  emaDecay: 0.995,
  /** Seconds between quality measurements while training. */
  qualityEvery: 4,
  qualitySamples: 500,
};

/** The sampler the training cell uses for its preview and its final 2,000 samples. */
export const FINAL_SAMPLER: SamplerSpec = { kind: 'ddpm', variance: 'small' };
