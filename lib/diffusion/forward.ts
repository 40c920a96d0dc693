/**
 * The forward process and the closed forms derived from it (DDPM §2–3), on flat arrays of
 * any length (2D points interleaved as [x0, y0, x1, y1, …], or image pixels).
 * All t are the paper's 1-indexed steps (1..T); tables are read at index t − 1.
 * Every function takes an optional `out` (may alias an input) so loops can avoid allocation;
 * without it a new array of the same type as the first array argument is returned.
 */
import type { ScheduleTable } from './schedule';

export type Vec = Float32Array | Float64Array;

export function checkStep(table: ScheduleTable, t: number): void {
  if (!Number.isInteger(t) || t < 1 || t > table.T) {
    throw new RangeError(`t must be a whole number from 1 to T = ${table.T} (got ${t}).`);
  }
}

function sameLength(a: Vec, b: Vec, what: string): void {
  if (a.length !== b.length) throw new RangeError(`${what}: lengths differ (${a.length} vs ${b.length}).`);
}

/** A new zeroed array of the same type as `like`. */
function allocLike(like: Vec, n = like.length): Vec {
  return like instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
}

/** One forward step q(x_t | x_{t−1}) (Eq. 2): x_t = √(1 − β_t) x_{t−1} + √β_t ε. */
export function qStep(table: ScheduleTable, xPrev: Vec, t: number, eps: Vec, out?: Vec): Vec {
  checkStep(table, t);
  sameLength(xPrev, eps, 'qStep');
  const o = out ?? allocLike(xPrev);
  const a = Math.sqrt(table.alpha[t - 1]);
  const s = Math.sqrt(table.beta[t - 1]);
  for (let i = 0; i < xPrev.length; i++) o[i] = a * xPrev[i] + s * eps[i];
  return o;
}

/** Closed form q(x_t | x_0) (Eq. 4): x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε. */
export function qSample(table: ScheduleTable, x0: Vec, t: number, eps: Vec, out?: Vec): Vec {
  checkStep(table, t);
  sameLength(x0, eps, 'qSample');
  const o = out ?? allocLike(x0);
  const a = table.sqrtAlphaBar[t - 1];
  const s = table.sqrtOneMinusAlphaBar[t - 1];
  for (let i = 0; i < x0.length; i++) o[i] = a * x0[i] + s * eps[i];
  return o;
}

/**
 * q(x_t | x_s) for 0 ≤ s < t, several forward steps at once: x_t = √(ᾱ_t/ᾱ_s) x_s + √(1 − ᾱ_t/ᾱ_s) ε
 * (Eq. 2 composed; ᾱ_0 = 1, so s = 0 is Eq. 4). RePaint's resampling jumps back from a DDIM
 * step's result with it.
 */
export function qJump(table: ScheduleTable, xs: Vec, s: number, t: number, eps: Vec, out?: Vec): Vec {
  checkStep(table, t);
  if (s !== 0) checkStep(table, s);
  if (s >= t) throw new RangeError(`qJump goes forward: need s < t (got s = ${s}, t = ${t}).`);
  sameLength(xs, eps, 'qJump');
  const o = out ?? allocLike(xs);
  const ratio = table.alphaBar[t - 1] / (s === 0 ? 1 : table.alphaBar[s - 1]); // ᾱ_t / ᾱ_s
  const a = Math.sqrt(ratio);
  const b = Math.sqrt(1 - ratio);
  for (let i = 0; i < xs.length; i++) o[i] = a * xs[i] + b * eps[i];
  return o;
}

/** Posterior q(x_{t−1} | x_t, x_0) = N(μ̃_t, β̃_t I) (Eqs. 6–7). */
export function posteriorMeanVariance(
  table: ScheduleTable, x0: Vec, xt: Vec, t: number, out?: Vec,
): { mean: Vec; variance: number; logVarianceClipped: number } {
  checkStep(table, t);
  sameLength(x0, xt, 'posteriorMeanVariance');
  const o = out ?? allocLike(xt);
  const c1 = table.posteriorMeanCoef1[t - 1];
  const c2 = table.posteriorMeanCoef2[t - 1];
  for (let i = 0; i < xt.length; i++) o[i] = c1 * x0[i] + c2 * xt[i];
  return { mean: o, variance: table.posteriorVariance[t - 1], logVarianceClipped: table.posteriorLogVarianceClipped[t - 1] };
}

/** x̂_0 from a noise prediction (Eq. 15): x̂_0 = (x_t − √(1 − ᾱ_t) ε) / √ᾱ_t. */
export function predictX0FromEps(table: ScheduleTable, xt: Vec, t: number, eps: Vec, out?: Vec): Vec {
  checkStep(table, t);
  sameLength(xt, eps, 'predictX0FromEps');
  const o = out ?? allocLike(xt);
  const inv = 1 / table.sqrtAlphaBar[t - 1];
  const s = table.sqrtOneMinusAlphaBar[t - 1];
  for (let i = 0; i < xt.length; i++) o[i] = (xt[i] - s * eps[i]) * inv;
  return o;
}

/** The noise implied by x_t and an x_0 estimate: ε = (x_t − √ᾱ_t x_0) / √(1 − ᾱ_t) (Eq. 15 solved for ε). */
export function predictEpsFromX0(table: ScheduleTable, xt: Vec, t: number, x0: Vec, out?: Vec): Vec {
  checkStep(table, t);
  sameLength(xt, x0, 'predictEpsFromX0');
  const o = out ?? allocLike(xt);
  const a = table.sqrtAlphaBar[t - 1];
  const inv = 1 / table.sqrtOneMinusAlphaBar[t - 1];
  for (let i = 0; i < xt.length; i++) o[i] = (xt[i] - a * x0[i]) * inv;
  return o;
}

/** ε-form mean (Eq. 11): μ_θ(x_t, t) = (1/√α_t)(x_t − β_t/√(1 − ᾱ_t) · ε_θ). */
export function epsilonFormMean(table: ScheduleTable, xt: Vec, t: number, eps: Vec, out?: Vec): Vec {
  checkStep(table, t);
  sameLength(xt, eps, 'epsilonFormMean');
  const o = out ?? allocLike(xt);
  const inv = 1 / Math.sqrt(table.alpha[t - 1]);
  const k = table.beta[t - 1] / table.sqrtOneMinusAlphaBar[t - 1];
  for (let i = 0; i < xt.length; i++) o[i] = inv * (xt[i] - k * eps[i]);
  return o;
}
