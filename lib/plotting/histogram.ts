/**
 * Small pure helpers for the figures: fixed-range histograms (as densities, so they can be drawn
 * against a probability density) and the standard normal density they are compared with.
 * No DOM, no React.
 */

export interface Histogram {
  /** Left edge of the first bin. */
  lo: number;
  /** Right edge of the last bin. */
  hi: number;
  /** Width of every bin. */
  width: number;
  /** Raw counts per bin. */
  counts: Float64Array;
  /** counts / (n · width): integrates to the share of values inside [lo, hi). */
  density: Float64Array;
  /** Values below lo / at or above hi / not finite (counted in n, not in any bin). */
  below: number;
  above: number;
  invalid: number;
  /** Number of values looked at. */
  n: number;
}

/**
 * Histogram of `values[offset], values[offset + stride], …` over [lo, hi) in `bins` equal bins.
 * The stride lets one call bin the x (offset 0) or y (offset 1) column of a flat
 * [x0, y0, x1, y1, …] point array without copying it. `out` (length ≥ bins) is reused when given.
 */
export function histogram(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  bins: number,
  options: { stride?: number; offset?: number; out?: { counts: Float64Array; density: Float64Array } } = {},
): Histogram {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new RangeError(`histogram range must satisfy lo < hi (got ${lo}, ${hi}).`);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive whole number (got ${bins}).`);
  const stride = options.stride ?? 1;
  const offset = options.offset ?? 0;
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`stride must be a positive whole number (got ${stride}).`);
  const counts = options.out && options.out.counts.length >= bins ? options.out.counts : new Float64Array(bins);
  const density = options.out && options.out.density.length >= bins ? options.out.density : new Float64Array(bins);
  counts.fill(0, 0, bins);
  const width = (hi - lo) / bins;
  const scale = bins / (hi - lo);
  let below = 0, above = 0, invalid = 0, n = 0;
  for (let i = offset; i < values.length; i += stride) {
    const v = values[i];
    n++;
    if (!Number.isFinite(v)) { invalid++; continue; }
    if (v < lo) { below++; continue; }
    if (v >= hi) { above++; continue; }
    // Guard the rounding edge where (v − lo)·scale lands exactly on `bins`.
    const k = Math.min(bins - 1, Math.floor((v - lo) * scale));
    counts[k]++;
  }
  const norm = n > 0 ? 1 / (n * width) : 0;
  for (let k = 0; k < bins; k++) density[k] = counts[k] * norm;
  return { lo, hi, width, counts, density, below, above, invalid, n };
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Density of N(mean, sd²) at x. */
export function normalPdf(x: number, mean = 0, sd = 1): number {
  if (!(sd > 0)) throw new RangeError(`sd must be positive (got ${sd}).`);
  const z = (x - mean) / sd;
  return (INV_SQRT_2PI / sd) * Math.exp(-0.5 * z * z);
}

/** `n` evenly spaced points (x, φ(x)) of the N(mean, sd²) density over [lo, hi], ends included. */
export function normalCurve(lo: number, hi: number, n: number, mean = 0, sd = 1): { x: Float64Array; y: Float64Array } {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n must be a whole number ≥ 2 (got ${n}).`);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = lo + ((hi - lo) * i) / (n - 1);
    y[i] = normalPdf(x[i], mean, sd);
  }
  return { x, y };
}

/** Mean and (population) variance of values[offset], values[offset + stride], … (finite values only). */
export function meanVariance(values: ArrayLike<number>, stride = 1, offset = 0): { mean: number; variance: number; n: number } {
  let n = 0, mean = 0, m2 = 0;
  for (let i = offset; i < values.length; i += stride) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  return { mean: n > 0 ? mean : NaN, variance: n > 0 ? m2 / n : NaN, n };
}
