/**
 * Closed forms the race's models and their tests share (plain numbers, no TF.js):
 * Gaussian log-densities, the KL divergence of a diagonal Gaussian from N(0, I) (the VAE's
 * second ELBO term), and the optimal GAN discriminator D*(x) = p_data(x) / (p_data(x) + p_g(x))
 * (Goodfellow et al., 2014, Proposition 1).
 */

const LOG_2PI = Math.log(2 * Math.PI);

/** log N(x; mean, σ² I) summed over the coordinates of one point. */
export function gaussianLogDensity(x: ArrayLike<number>, mean: ArrayLike<number>, variance: number): number {
  let q = 0;
  for (let i = 0; i < x.length; i++) q += (x[i] - mean[i]) ** 2;
  return -0.5 * (x.length * (LOG_2PI + Math.log(variance)) + q / variance);
}

/** log N(x; m, Σ) for a 2D point and a full 2×2 covariance [[a, b], [b, c]]. */
export function gaussianLogDensity2(x: readonly [number, number], m: readonly [number, number], cov: readonly [number, number, number]): number {
  const [a, b, c] = cov;
  const det = a * c - b * b;
  if (!(det > 0)) throw new RangeError('covariance must be positive definite');
  const dx = x[0] - m[0], dy = x[1] - m[1];
  const q = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
  return -LOG_2PI - 0.5 * Math.log(det) - 0.5 * q;
}

/** KL( N(μ, diag exp(logVar)) ‖ N(0, I) ) = ½ Σ (μ² + σ² − 1 − log σ²). */
export function klToStandardNormal(mu: ArrayLike<number>, logVar: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < mu.length; i++) s += mu[i] * mu[i] + Math.exp(logVar[i]) - 1 - logVar[i];
  return 0.5 * s;
}

/** The discriminator a GAN's D converges to for fixed G: p_data / (p_data + p_g) (0.5 where both vanish). */
export function optimalDiscriminator(pData: number, pG: number): number {
  const s = pData + pG;
  return s > 0 ? pData / s : 0.5;
}

/** log|det J| of a 2×2 Jacobian given row-major. */
export function logAbsDet2(j: readonly [number, number, number, number]): number {
  return Math.log(Math.abs(j[0] * j[3] - j[1] * j[2]));
}
