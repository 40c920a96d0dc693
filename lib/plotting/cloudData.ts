/**
 * The point clouds the forward-process figures draw, all from one visible seed: the data set
 * (standardized to mean 0 and std 1 per axis, so "variance stays one" can be read off the
 * figure), a fixed noise draw ε for the closed form, and two independent N(0, I) reference
 * samples (one to measure against, one to show the distance two N(0, I) samples have by chance).
 * Pure: no DOM, no React.
 */
import { makeRng } from '../rng';
import { makeDataset, standardize, type DatasetId } from '../data2d';
import { slicedWasserstein } from '../metrics2d';

export const CLOUD_POINTS = 2000;
/** Random projections for the sliced Wasserstein distance. */
const SW_PROJECTIONS = 24;

export interface CloudData {
  /** x_0, standardized, flat [x0, y0, …]. */
  x0: Float32Array;
  /** ε for the closed form x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε. */
  eps: Float32Array;
  /** A sample of N(0, I) to measure against. */
  reference: Float32Array;
  /** A second, independent sample of N(0, I). */
  reference2: Float32Array;
  seed: number;
}

export function prepareCloud(id: DatasetId, seed: number, n = CLOUD_POINTS): CloudData {
  const rng = makeRng(seed);
  const dataRng = rng.fork();
  const epsRng = rng.fork();
  const refRng = rng.fork();
  const ref2Rng = rng.fork();
  const x0 = standardize(makeDataset(id, n, dataRng)).points;
  const eps = new Float32Array(2 * n);
  epsRng.fillNormal(eps);
  const reference = new Float32Array(2 * n);
  refRng.fillNormal(reference);
  const reference2 = new Float32Array(2 * n);
  ref2Rng.fillNormal(reference2);
  return { x0, eps, reference, reference2, seed };
}

/**
 * Sliced Wasserstein distance from `points` to the reference N(0, I) sample. The projection
 * directions are drawn from a stream fixed by the seed, so every t is measured along the same
 * directions and the curve over t is smooth.
 */
export function distanceToNormal(points: ArrayLike<number>, cloud: CloudData): number {
  return slicedWasserstein(points, cloud.reference, makeRng((cloud.seed ^ 0x5eed1e55) >>> 0), SW_PROJECTIONS);
}

/** About `count` steps spread evenly over 0..T, both ends included, no repeats. */
export function curveSteps(T: number, count = 50): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const t = Math.round((k * T) / (count - 1));
    if (out[out.length - 1] !== t) out.push(t);
  }
  return out;
}
