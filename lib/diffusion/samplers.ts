/**
 * Reverse-process samplers behind one small interface (in the spirit of diffusers'
 * schedulers): the model predicts ε̂ = ε_θ(x_t, t); `sampler.step(ε̂, t, x_t, rng)` returns
 * x_{t_prev} together with the parts the page draws for one particle: x̂_0, the mean, σ and
 * the noise term σ z. Swapping DDPM for DDIM changes no model code. The loop that drives
 * `step` is `sampleLoop` in reverseProcess.ts.
 *
 * Steps are the paper's 1-indexed t. `timesteps` lists the steps to visit, from the T side
 * down (strictly decreasing); after the last one the result's `tPrev` is 0 and `prev` is x_0.
 *
 * Randomness comes only from the `rng` argument; a step whose σ is 0 draws nothing from it.
 *
 * Clipping x̂_0 (`clipX0`): off by default, because 2D data sets are standardized, not bounded.
 * For images in [−1, 1] pass `clipX0: 1`; DDPM then uses μ̃_t(x_t, clipped x̂_0) instead of the
 * ε-form mean, and DDIM recomputes ε̂ from the clipped x̂_0 (both as the reference codes do).
 */
import type { Rng } from '../rng';
import type { ScheduleTable } from './schedule';
import { checkStep, type Vec } from './forward';

export interface SamplerStepResult {
  /** x_{tPrev} = mean + σ z */
  prev: Float32Array;
  /** The step this result belongs to (0 after the last step: prev is x_0). */
  tPrev: number;
  /** x̂_0 (Eq. 15), clipped when the sampler clips */
  x0Hat: Float32Array;
  /** Deterministic part of the update: μ_θ for DDPM (Eq. 11), √ᾱ_prev x̂_0 + √(1−ᾱ_prev−σ²) ε̂ for DDIM */
  mean: Float32Array;
  /** σ_t actually applied at this step (0 at t = 1 for DDPM, 0 for DDIM with η = 0) */
  sigma: number;
  /** σ_t z */
  noise: Float32Array;
}

/** Reusable output buffers for `step`, so a long loop does not allocate. */
export interface SamplerBuffers {
  prev: Float32Array;
  x0Hat: Float32Array;
  mean: Float32Array;
  noise: Float32Array;
}

export function makeStepBuffers(n: number): SamplerBuffers {
  return { prev: new Float32Array(n), x0Hat: new Float32Array(n), mean: new Float32Array(n), noise: new Float32Array(n) };
}

export interface Sampler {
  readonly kind: 'ddpm' | 'ddim';
  readonly table: ScheduleTable;
  /** Steps to visit, strictly decreasing, first ≤ T, last ≥ 1. */
  readonly timesteps: readonly number[];
  /** The step reached after stepping from t (0 after the last). */
  prevTimestep(t: number): number;
  /** σ_t this sampler uses at step t (before the t = 1 rule for DDPM). */
  sigmaAt(t: number): number;
  step(epsilonHat: Vec, t: number, x: Vec, rng: Rng, out?: SamplerBuffers): SamplerStepResult;
}

export type DdpmVariance = 'large' | 'small';

export interface DdpmOptions {
  /** σ_t² = β_t ("large", the DDPM CIFAR10 default) or β̃_t ("small"); DDPM §3.2. */
  variance?: DdpmVariance;
  /** Clip x̂_0 to [−c, c]; false (default) for no clipping. */
  clipX0?: number | false;
  /**
   * z = 0 at every step, not only at t = 1 (Algorithm 2, line 3): x_{t−1} = μ_θ(x_t, t), the
   * prediction with no fresh noise. Not a sampler of p_θ; shows what the mean alone does.
   */
  zeroNoise?: boolean;
}

export type TimestepSpacing = 'uniform' | 'quadratic';

export interface DdimOptions {
  /** Number of sampling steps S (1..T); default T. */
  steps?: number;
  /** η ≥ 0 (DDIM Eq. 16): 0 deterministic DDIM, 1 DDPM-like; default 0. */
  eta?: number;
  spacing?: TimestepSpacing;
  clipX0?: number | false;
}

function checkLengths(eps: Vec, x: Vec): void {
  if (eps.length !== x.length) throw new RangeError(`ε̂ and x have different lengths (${eps.length} vs ${x.length}).`);
}

function buffersFor(n: number, out?: SamplerBuffers): SamplerBuffers {
  if (out && out.prev.length === n && out.x0Hat.length === n && out.mean.length === n && out.noise.length === n) return out;
  if (out) throw new RangeError(`Output buffers have the wrong length (need ${n}).`);
  return makeStepBuffers(n);
}

function clipInPlace(a: Float32Array, c: number | false | undefined): void {
  if (c === false || c === undefined) return;
  for (let i = 0; i < a.length; i++) a[i] = a[i] > c ? c : a[i] < -c ? -c : a[i];
}

function checkClip(c: number | false | undefined): void {
  if (c !== false && c !== undefined && !(c > 0 && Number.isFinite(c))) throw new RangeError(`clipX0 must be false or a positive number (got ${c}).`);
}

/** z ~ N(0, I) scaled by σ into `noise`; draws nothing when σ = 0. */
function fillNoise(noise: Float32Array, sigma: number, rng: Rng): void {
  if (sigma === 0) { noise.fill(0); return; }
  rng.fillNormal(noise);
  for (let i = 0; i < noise.length; i++) noise[i] *= sigma;
}

/** DDPM ancestral sampling (Algorithm 2) on the full sequence T..1. */
export function makeDdpmSampler(table: ScheduleTable, options: DdpmOptions = {}): Sampler {
  const variance = options.variance ?? 'large';
  const clip = options.clipX0 ?? false;
  const zeroNoise = options.zeroNoise ?? false;
  checkClip(clip);
  if (variance !== 'large' && variance !== 'small') throw new RangeError(`variance must be "large" or "small".`);
  const T = table.T;
  const timesteps = Array.from({ length: T }, (_, i) => T - i);
  const sigmaAt = (t: number) => {
    checkStep(table, t);
    return Math.sqrt(variance === 'large' ? table.beta[t - 1] : table.posteriorVariance[t - 1]);
  };
  return {
    kind: 'ddpm',
    table,
    timesteps,
    prevTimestep: (t) => { checkStep(table, t); return t - 1; },
    sigmaAt,
    step(epsilonHat, t, x, rng, out) {
      checkStep(table, t);
      checkLengths(epsilonHat, x);
      const b = buffersFor(x.length, out);
      const i = t - 1;
      // x̂_0 (Eq. 15)
      const invSqrtAb = 1 / table.sqrtAlphaBar[i];
      const s1mab = table.sqrtOneMinusAlphaBar[i];
      for (let k = 0; k < x.length; k++) b.x0Hat[k] = (x[k] - s1mab * epsilonHat[k]) * invSqrtAb;
      if (clip === false) {
        // Algorithm 2, line 4: (1/√α_t)(x_t − β_t/√(1−ᾱ_t) ε̂)
        const inv = 1 / Math.sqrt(table.alpha[i]);
        const kEps = table.beta[i] / s1mab;
        for (let k = 0; k < x.length; k++) b.mean[k] = inv * (x[k] - kEps * epsilonHat[k]);
      } else {
        clipInPlace(b.x0Hat, clip);
        const c1 = table.posteriorMeanCoef1[i];
        const c2 = table.posteriorMeanCoef2[i];
        for (let k = 0; k < x.length; k++) b.mean[k] = c1 * b.x0Hat[k] + c2 * x[k];
      }
      // z = 0 at t = 1 (Algorithm 2, line 3): the last step returns the mean (every step with zeroNoise).
      const sigma = t > 1 && !zeroNoise ? sigmaAt(t) : 0;
      fillNoise(b.noise, sigma, rng);
      for (let k = 0; k < x.length; k++) b.prev[k] = b.mean[k] + b.noise[k];
      return { prev: b.prev, tPrev: t - 1, x0Hat: b.x0Hat, mean: b.mean, sigma, noise: b.noise };
    },
  };
}

/**
 * The DDIM sub-sequence τ_1 < … < τ_S = T, returned from the T side down (descending).
 * uniform: τ_i = round(i·T/S). quadratic: τ_i = round(T·(i/S)²), pushed up where rounding
 * would repeat a step (dense steps near t = 1, where detail is decided).
 */
export function ddimTimesteps(T: number, S: number, spacing: TimestepSpacing = 'uniform'): number[] {
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`T must be a positive whole number (got ${T}).`);
  if (!Number.isInteger(S) || S < 1 || S > T) throw new RangeError(`The number of steps S must be a whole number from 1 to T = ${T} (got ${S}).`);
  const tau: number[] = [];
  let last = 0;
  for (let i = 1; i <= S; i++) {
    const q = spacing === 'quadratic' ? Math.round(T * (i / S) * (i / S)) : Math.round((i * T) / S);
    const v = Math.max(q, last + 1);
    tau.push(v);
    last = v;
  }
  // By construction τ_S = T (see the convexity argument in README); keep the guard honest.
  if (tau[S - 1] !== T) throw new Error(`internal: DDIM sub-sequence ends at ${tau[S - 1]}, not T = ${T}`);
  return tau.reverse();
}

/** DDIM (Song et al. Eq. 12) on a sub-sequence of S steps, with σ from Eq. 16. */
export function makeDdimSampler(table: ScheduleTable, options: DdimOptions = {}): Sampler {
  const T = table.T;
  const S = options.steps ?? T;
  const eta = options.eta ?? 0;
  const clip = options.clipX0 ?? false;
  checkClip(clip);
  if (!(eta >= 0 && Number.isFinite(eta))) throw new RangeError(`η must be a finite number ≥ 0 (got ${eta}).`);
  const timesteps = ddimTimesteps(T, S, options.spacing ?? 'uniform');
  const prevOf = new Map<number, number>();
  for (let k = 0; k < timesteps.length; k++) prevOf.set(timesteps[k], k + 1 < timesteps.length ? timesteps[k + 1] : 0);
  const prevTimestep = (t: number) => {
    const p = prevOf.get(t);
    if (p === undefined) throw new RangeError(`t = ${t} is not one of this sampler's ${S} timesteps.`);
    return p;
  };
  const alphaBarAt = (t: number) => (t === 0 ? 1 : table.alphaBar[t - 1]);
  const sigmaAt = (t: number) => {
    const p = prevTimestep(t);
    const ab = alphaBarAt(t);
    const abPrev = alphaBarAt(p);
    // Eq. 16: η √((1−ᾱ_prev)/(1−ᾱ_t)) √(1 − ᾱ_t/ᾱ_prev)
    return eta * Math.sqrt((1 - abPrev) / (1 - ab)) * Math.sqrt(1 - ab / abPrev);
  };
  return {
    kind: 'ddim',
    table,
    timesteps,
    prevTimestep,
    sigmaAt,
    step(epsilonHat, t, x, rng, out) {
      checkLengths(epsilonHat, x);
      const p = prevTimestep(t);
      const b = buffersFor(x.length, out);
      const ab = alphaBarAt(t);
      const abPrev = alphaBarAt(p);
      const sqrtAb = Math.sqrt(ab);
      const s1mab = Math.sqrt(1 - ab);
      for (let k = 0; k < x.length; k++) b.x0Hat[k] = (x[k] - s1mab * epsilonHat[k]) / sqrtAb;
      const sigma = sigmaAt(t);
      // "direction pointing to x_t": √(1 − ᾱ_prev − σ²); max(0, ·) guards rounding when η > 1.
      const dirCoef = Math.sqrt(Math.max(0, 1 - abPrev - sigma * sigma));
      const sqrtAbPrev = Math.sqrt(abPrev);
      if (clip === false) {
        for (let k = 0; k < x.length; k++) b.mean[k] = sqrtAbPrev * b.x0Hat[k] + dirCoef * epsilonHat[k];
      } else {
        clipInPlace(b.x0Hat, clip);
        for (let k = 0; k < x.length; k++) {
          const epsClipped = (x[k] - sqrtAb * b.x0Hat[k]) / s1mab;
          b.mean[k] = sqrtAbPrev * b.x0Hat[k] + dirCoef * epsClipped;
        }
      }
      fillNoise(b.noise, sigma, rng);
      for (let k = 0; k < x.length; k++) b.prev[k] = b.mean[k] + b.noise[k];
      return { prev: b.prev, tPrev: p, x0Hat: b.x0Hat, mean: b.mean, sigma, noise: b.noise };
    },
  };
}

/**
 * Which sampler to run, as plain data: the one type that travels from a cell's URL parameters
 * through the worker messages to `makeSampler` (2D cells and image cells alike).
 */
export type SamplerSpec =
  | ({ kind: 'ddpm' } & DdpmOptions)
  | ({ kind: 'ddim' } & DdimOptions);

/** The one function that turns a `SamplerSpec` into a sampler. */
export function makeSampler(table: ScheduleTable, spec: SamplerSpec): Sampler {
  if (spec.kind === 'ddpm') return makeDdpmSampler(table, spec);
  if (spec.kind === 'ddim') return makeDdimSampler(table, spec);
  throw new RangeError(`Unknown sampler ${JSON.stringify((spec as { kind?: unknown }).kind)} (use "ddpm" or "ddim").`);
}

/** Classifier-free guidance (Ho & Salimans Eq. 6): ε̃ = (1 + w) ε_c − w ε_∅. w = 0 is the plain conditional model. */
export function guidedEpsilon(epsCond: Vec, epsUncond: Vec, w: number, out?: Float32Array): Float32Array {
  if (epsCond.length !== epsUncond.length) throw new RangeError('guidedEpsilon: lengths differ.');
  const o = out ?? new Float32Array(epsCond.length);
  for (let i = 0; i < o.length; i++) o[i] = (1 + w) * epsCond[i] - w * epsUncond[i];
  return o;
}
