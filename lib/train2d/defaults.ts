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
  // t − 1 = ⌊T·u²⌋: small t drawn more often than Algorithm 1's uniform t (L_simple down-weights the
  // small-t terms, which decide how sharp the samples are). Same steps/s; in Node (training/recipes2d,
  // wasm, 1 thread) the dino's precision@0.1 after 1,500 steps went from 0.72–0.75 (uniform t) to
  // 0.92–0.94 (3 seeds), and every other built-in set improved too (0.88–0.98 → 0.96–0.99).
  tPower: 2,
  /** Seconds between quality measurements while training. */
  qualityEvery: 4,
  qualitySamples: 500,
};

/** The sampler the training cell uses for its preview and its final 2,000 samples. */
export const FINAL_SAMPLER: SamplerSpec = { kind: 'ddpm', variance: 'small' };

/** The defaults' shape (the training cell states the fixed parts of its recipe from it). */
export type Train2DRecipe = typeof TRAIN2D_DEFAULTS;
