/**
 * Gaussian data, the one case where everything the theory chapter estimates is known exactly.
 * Data x_0 ~ N(m, Σ) in 2D. Then x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε is Gaussian too:
 *   q_t = N(√ᾱ_t m, C_t),  C_t = ᾱ_t Σ + (1 − ᾱ_t) I,
 *   the exact score          ∇ log q_t(x) = −C_t⁻¹ (x − √ᾱ_t m),
 *   the optimal ε-model      E[ε | x_t = x] = √(1 − ᾱ_t) C_t⁻¹ (x − √ᾱ_t m),
 *   its remaining error      Cov(ε | x_t) = I − (1 − ᾱ_t) C_t⁻¹,
 * and every term of the bound (DDPM Eq. 5) for that optimal model in closed form. Points are flat,
 * interleaved arrays ([x0, y0, x1, y1, …]); t is the paper's 1-indexed step.
 */
import type { Rng } from '../rng';
import type { PointStats } from '../data2d/standardize';
import type { ScheduleTable } from './schedule';
import { checkStep } from './forward';
import { gaussianKL, reverseVariance, type ReverseVariance } from './bound';

/** A 2D Gaussian: mean (mx, my) and covariance [[sxx, sxy], [sxy, syy]]. */
export interface Gaussian2D {
  readonly mx: number;
  readonly my: number;
  readonly sxx: number;
  readonly sxy: number;
  readonly syy: number;
}

/** The cells' "Gaussian data": tilted and elongated, so that the score is not just −x. */
export const GAUSSIAN_DATA: Gaussian2D = { mx: 0.8, my: -0.4, sxx: 1.2, sxy: 0.7, syy: 0.6 };

function checkGaussian(g: Gaussian2D): void {
  const ok = [g.mx, g.my, g.sxx, g.sxy, g.syy].every(Number.isFinite) && g.sxx > 0 && g.syy > 0 && g.sxx * g.syy - g.sxy * g.sxy > 0;
  if (!ok) throw new RangeError('The covariance of the Gaussian must be positive definite (and every entry finite).');
}

/** n points of N(m, Σ) through the Cholesky factor of Σ. */
export function sampleGaussian2D(g: Gaussian2D, n: number, rng: Rng): Float32Array {
  checkGaussian(g);
  const l11 = Math.sqrt(g.sxx), l21 = g.sxy / l11, l22 = Math.sqrt(g.syy - l21 * l21);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal(), b = rng.normal();
    out[2 * i] = g.mx + l11 * a;
    out[2 * i + 1] = g.my + l21 * a + l22 * b;
  }
  return out;
}

/** The same Gaussian after (x − mean) / std per axis, as a model trained on standardized points sees it. */
export function standardizeGaussian(g: Gaussian2D, s: PointStats): Gaussian2D {
  return {
    mx: (g.mx - s.meanX) / s.stdX, my: (g.my - s.meanY) / s.stdY,
    sxx: g.sxx / (s.stdX * s.stdX), sxy: g.sxy / (s.stdX * s.stdY), syy: g.syy / (s.stdY * s.stdY),
  };
}

/** C_t⁻¹ as [a, b, c] (the symmetric [[a, b], [b, c]]) and √ᾱ_t. */
function noisyPrecision(table: ScheduleTable, t: number, g: Gaussian2D) {
  checkStep(table, t);
  checkGaussian(g);
  const ab = table.alphaBar[t - 1];
  const cxx = ab * g.sxx + 1 - ab, cxy = ab * g.sxy, cyy = ab * g.syy + 1 - ab;
  const det = cxx * cyy - cxy * cxy;
  return { a: cyy / det, b: -cxy / det, c: cxx / det, root: Math.sqrt(ab) };
}

/** −k C_t⁻¹ (x − √ᾱ_t m) for every point of x. */
function precisionTimes(table: ScheduleTable, t: number, g: Gaussian2D, x: ArrayLike<number>, k: number, out: Float32Array): Float32Array {
  if (out.length !== x.length) throw new RangeError(`Lengths differ (${x.length} vs ${out.length}).`);
  const p = noisyPrecision(table, t, g);
  const cx = p.root * g.mx, cy = p.root * g.my;
  for (let i = 0; i + 1 < x.length; i += 2) {
    const dx = x[i] - cx, dy = x[i + 1] - cy;
    out[i] = -k * (p.a * dx + p.b * dy);
    out[i + 1] = -k * (p.b * dx + p.c * dy);
  }
  return out;
}

/** The exact score ∇_x log q_t(x) = −C_t⁻¹ (x − √ᾱ_t m) at every point of x. */
export function gaussianScore(table: ScheduleTable, t: number, g: Gaussian2D, x: ArrayLike<number>, out?: Float32Array): Float32Array {
  return precisionTimes(table, t, g, x, 1, out ?? new Float32Array(x.length));
}

/** The optimal ε-model E[ε | x_t = x] = √(1 − ᾱ_t) C_t⁻¹ (x − √ᾱ_t m) (what L_simple's minimizer predicts). */
export function gaussianOptimalEps(table: ScheduleTable, t: number, g: Gaussian2D, x: ArrayLike<number>, out?: Float32Array): Float32Array {
  checkStep(table, t);
  return precisionTimes(table, t, g, x, -table.sqrtOneMinusAlphaBar[t - 1], out ?? new Float32Array(x.length));
}

/** E‖ε − E[ε | x_t]‖² = tr Cov(ε | x_t) = 2 − (1 − ᾱ_t) tr C_t⁻¹: the least ε-MSE any model can reach at t. */
export function gaussianMinEpsMse(table: ScheduleTable, t: number, g: Gaussian2D): number {
  const p = noisyPrecision(table, t, g);
  return 2 - (1 - table.alphaBar[t - 1]) * (p.a + p.c);
}

export interface GaussianBound {
  /** L_T, expected over x_0 ~ N(m, Σ) (nats per point). */
  prior: number;
  /** terms[t − 1]: L_0 at t = 1, L_{t−1} for t ≥ 2, expected over the data and the noise. */
  terms: Float64Array;
  /** L_T + Σ terms. */
  total: number;
}

/**
 * The bound (Eq. 5) of the optimal ε-model on Gaussian data, exactly. With ε̂ = E[ε | x_t], μ_θ is
 * E[μ̃_t | x_t], so E‖μ̃_t − μ_θ‖² = β_t² / (α_t (1 − ᾱ_t)) · tr Cov(ε | x_t); each L_{t−1} is then
 * the KL of two isotropic Gaussians with that expected squared distance, and L_0 the expected
 * −log N(x_0; μ_θ(x_1, 1), σ_1² I), whose squared error has the same form at t = 1.
 */
export function gaussianBound(table: ScheduleTable, g: Gaussian2D, variance: ReverseVariance): GaussianBound {
  checkGaussian(g);
  const d = 2, T = table.T, aT = table.alphaBar[T - 1];
  const prior = gaussianKL(aT * (g.mx * g.mx + g.my * g.my + g.sxx + g.syy), 1 - aT, 1, d);
  const terms = new Float64Array(T);
  let total = prior;
  for (let t = 1; t <= T; t++) {
    const b = table.beta[t - 1];
    const sq = ((b * b) / (table.alpha[t - 1] * (1 - table.alphaBar[t - 1]))) * gaussianMinEpsMse(table, t, g);
    const sigma2 = reverseVariance(table, t, variance);
    terms[t - 1] = t === 1
      ? 0.5 * d * Math.log(2 * Math.PI * sigma2) + sq / (2 * sigma2)
      : gaussianKL(sq, table.posteriorVariance[t - 1], sigma2, d);
    total += terms[t - 1];
  }
  return { prior, terms, total };
}

/** The data's own entropy H = E[−log N(x_0; m, Σ)] in nats: no model's bound can go below it. */
export function gaussianEntropy(g: Gaussian2D): number {
  checkGaussian(g);
  return 1 + Math.log(2 * Math.PI) + 0.5 * Math.log(g.sxx * g.syy - g.sxy * g.sxy);
}
