/**
 * The variational bound of DDPM, term by term (Eqs. 3 and 5), estimated by Monte Carlo for an
 * ε-model on a set of data points:
 *   L = L_T + Σ_{t=2..T} L_{t−1} + L_0,
 *   L_T     = KL(q(x_T | x_0) ‖ N(0, I))                         (closed form, no θ),
 *   L_{t−1} = KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t))     (two Gaussians: Eqs. 6–7 and 11),
 *   L_0     = −log N(x_0; μ_θ(x_1, 1), σ_1² I)                   (a Gaussian decoder at t = 1).
 * The data here are continuous points, so L_0 is the Gaussian *density* itself, with no bins
 * (DDPM's Eq. 13 integrates it over pixel bins of width 2/255 instead); the total then bounds the
 * negative log-density −log p_θ(x_0), in nats, and it can be negative.
 * All t are the paper's 1-indexed steps; tables are read at index t − 1.
 */
import type { Rng } from '../rng';
import type { ScheduleTable } from './schedule';
import { checkStep, epsilonFormMean, posteriorMeanVariance, qSample, type Vec } from './forward';

/** σ_t² = β_t ("large") or β̃_t ("small"), DDPM §3.2. */
export type ReverseVariance = 'large' | 'small';

/**
 * σ_t² of p_θ(x_{t−1} | x_t). At t = 1 (the decoder) β̃_1 = 0 would make the density infinite, so
 * "small" uses β̃_2 there, as the DDPM code's clipped log-variance does; "large" uses β_1.
 */
export function reverseVariance(table: ScheduleTable, t: number, variance: ReverseVariance): number {
  checkStep(table, t);
  if (variance === 'large') return table.beta[t - 1];
  return Math.exp(table.posteriorLogVarianceClipped[t - 1]);
}

/** KL(N(μ₁, v₁ I) ‖ N(μ₂, v₂ I)) in d dimensions, from the squared distance ‖μ₁ − μ₂‖². */
export function gaussianKL(sqDist: number, v1: number, v2: number, d: number): number {
  const r = v1 / v2;
  return 0.5 * (d * (r - 1 - Math.log(r)) + sqDist / v2);
}

/** The weight of ‖ε − ε_θ‖² in L_{t−1} (DDPM Eq. 12): β_t² / (2σ_t² α_t (1 − ᾱ_t)). */
export function epsilonWeight(table: ScheduleTable, t: number, variance: ReverseVariance): number {
  checkStep(table, t);
  const b = table.beta[t - 1];
  return (b * b) / (2 * reverseVariance(table, t, variance) * table.alpha[t - 1] * (1 - table.alphaBar[t - 1]));
}

/** L_T for one point x_0 (d coordinates from `offset`): KL(N(√ᾱ_T x_0, (1 − ᾱ_T) I) ‖ N(0, I)). */
function priorTerm(table: ScheduleTable, x0: ArrayLike<number>, offset: number, d: number): number {
  const aT = table.alphaBar[table.T - 1];
  let sq = 0;
  for (let i = 0; i < d; i++) sq += aT * x0[offset + i] * x0[offset + i];
  return gaussianKL(sq, 1 - aT, 1, d);
}

/** An ε-model: ε̂ for every point of x (flat, interleaved) at step t. */
export type EpsilonModel = (x: Float32Array, t: number) => Promise<ArrayLike<number>> | ArrayLike<number>;

export interface BoundEstimate {
  T: number;
  /** Coordinates per point. */
  d: number;
  /** Monte Carlo samples per t (points × repeats). */
  samples: number;
  /** L_T, mean per point (nats). */
  prior: number;
  /** terms[t − 1]: L_0 at t = 1, L_{t−1} for t ≥ 2 (nats per point). */
  terms: Float64Array;
  /** mse[t − 1]: mean ‖ε − ε_θ(x_t, t)‖² per point (summed over coordinates): L_simple's term at t. */
  mse: Float64Array;
  /** Standard error of the Monte Carlo estimate of each term. */
  termStdErr: Float64Array;
  /** L_T + Σ terms (nats per point) and its standard error. */
  total: number;
  totalStdErr: number;
}

/**
 * Each sample's L_{t−1} (or L_0 at t = 1), from the two Gaussians: the posterior N(μ̃_t, β̃_t I)
 * (Eqs. 6–7, `posteriorMeanCoef1/2`, `posteriorVariance`) and p_θ = N(μ_θ, σ_t² I) with μ_θ from ε̂ (Eq. 11).
 */
function sampleTerms(table: ScheduleTable, t: number, x0: Vec, xt: Vec, epsHat: Vec, d: number, variance: ReverseVariance): Float64Array {
  const sigma2 = reverseVariance(table, t, variance);
  const mu = epsilonFormMean(table, xt, t, epsHat, new Float64Array(xt.length));
  const post = t === 1 ? null : posteriorMeanVariance(table, x0, xt, t, new Float64Array(xt.length));
  const target = post ? post.mean : x0;
  const out = new Float64Array(xt.length / d);
  for (let j = 0; j < out.length; j++) {
    let sq = 0;
    for (let i = j * d; i < (j + 1) * d; i++) sq += (target[i] - mu[i]) ** 2;
    out[j] = post ? gaussianKL(sq, post.variance, sigma2, d) : 0.5 * d * Math.log(2 * Math.PI * sigma2) + sq / (2 * sigma2);
  }
  return out;
}

/** x_t for every sample (repeats copies of the points), its noise ε and the repeated x_0. */
function noisySamples(table: ScheduleTable, x0: Vec, repeats: number, t: number, rng: Rng) {
  const m = x0.length * repeats;
  const x0r = new Float64Array(m);
  for (let r = 0; r < repeats; r++) x0r.set(x0, r * x0.length);
  const eps = new Float64Array(m);
  rng.fillNormal(eps);
  const xt = Float32Array.from(qSample(table, x0r, t, eps));
  return { x0r, eps, xt };
}

/** Mean and standard error of the term, and the mean ‖ε − ε̂‖², at step t. */
async function termsAt(table: ScheduleTable, t: number, x0: Vec, d: number, model: EpsilonModel, rng: Rng, repeats: number, variance: ReverseVariance) {
  const { x0r, eps, xt } = noisySamples(table, x0, repeats, t, rng);
  const out = await model(xt, t);
  if (out.length !== xt.length) throw new RangeError(`The ε-model returned ${out.length} values for ${xt.length}.`);
  const epsHat = out instanceof Float32Array || out instanceof Float64Array ? out : Float64Array.from(out);
  const v = sampleTerms(table, t, x0r, xt, epsHat, d, variance);
  let sum = 0, sum2 = 0, mse = 0;
  for (const a of v) { sum += a; sum2 += a * a; }
  for (let i = 0; i < eps.length; i++) mse += (eps[i] - epsHat[i]) ** 2;
  const n = v.length, mean = sum / n;
  const varOfMean = n > 1 ? Math.max(0, sum2 / n - mean * mean) / (n - 1) : 0;
  return { mean, stdErr: Math.sqrt(varOfMean), mse: mse / n };
}

export interface BoundOptions {
  variance: ReverseVariance;
  /** Noise draws per point and t (default 1). */
  repeats?: number;
  /** Checked before every t; once aborted the estimate throws the AbortError. */
  signal?: { readonly aborted: boolean };
  /** Called after every t (awaited: a worker yields there so that a Stop can arrive). */
  onStep?: (done: number, total: number) => unknown;
}

/** The bound (Eq. 5) by Monte Carlo over the points x_0 (flat, d coordinates each): every t from 1 to T. */
export async function estimateBound(table: ScheduleTable, x0: Vec, d: number, model: EpsilonModel, rng: Rng, options: BoundOptions): Promise<BoundEstimate> {
  const repeats = Math.max(1, Math.floor(options.repeats ?? 1));
  if (!(d >= 1) || x0.length === 0 || x0.length % d !== 0) throw new RangeError(`Need at least one point of ${d} coordinates.`);
  const T = table.T, n = x0.length / d;
  let prior = 0;
  for (let j = 0; j < n; j++) prior += priorTerm(table, x0, j * d, d);
  prior /= n;
  const terms = new Float64Array(T), mse = new Float64Array(T), termStdErr = new Float64Array(T);
  let total = prior, var2 = 0;
  for (let t = 1; t <= T; t++) {
    if (options.signal?.aborted) throw new DOMException('The bound estimate was stopped.', 'AbortError');
    const r = await termsAt(table, t, x0, d, model, rng, repeats, options.variance);
    terms[t - 1] = r.mean; termStdErr[t - 1] = r.stdErr; mse[t - 1] = r.mse;
    total += r.mean; var2 += r.stdErr * r.stdErr;
    await options.onStep?.(t, T);
  }
  return { T, d, samples: n * repeats, prior, terms, mse, termStdErr, total, totalStdErr: Math.sqrt(var2) };
}

/** Averages of values[t − 1] over `bins` equal ranges of t (for a chart of T values): bin centres and means. */
export function binByStep(values: ArrayLike<number>, bins: number): { t: Float64Array; mean: Float64Array } {
  const T = values.length;
  const k = Math.max(1, Math.min(T, Math.floor(bins)));
  const t = new Float64Array(k), mean = new Float64Array(k);
  for (let b = 0; b < k; b++) {
    const lo = Math.floor((b * T) / k), hi = Math.floor(((b + 1) * T) / k);
    let s = 0;
    for (let i = lo; i < hi; i++) s += values[i];
    mean[b] = s / (hi - lo);
    t[b] = (lo + 1 + hi) / 2; // mean of the steps lo+1 .. hi
  }
  return { t, mean };
}
