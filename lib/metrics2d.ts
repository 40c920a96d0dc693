/**
 * Quality measures for 2D samples against training points (flat [x0, y0, x1, y1, …] arrays).
 *
 * - precision@r / coverage@r: in the space standardized by the *training* points' mean and std,
 *   precision = share of samples within r of some training point (are samples on the data?),
 *   coverage = share of training points within r of some sample (is all of the data produced?).
 * - Sliced Wasserstein distance (seeded random projections).
 * - Two-sample tests: Kolmogorov–Smirnov along several directions (with a p-value), and the
 *   energy distance.
 * - Nearest-training-point distances (memorization figure).
 *
 * Neighbour queries use a uniform grid of buckets, so 2,000 × 2,000 runs in a few ms instead of
 * 4 million distance evaluations.
 */
import type { Rng } from './rng';
import { computeStats, applyStandardize } from './data2d/standardize';

type Pts = ArrayLike<number>;

// Local bindings: global lookups are slow inside Jest's sandbox (≈15× on Math.* here), and free elsewhere.
const { floor, sqrt, max, abs, cos, sin, exp, min, PI } = Math;

const count = (p: Pts) => floor(p.length / 2);

/** Most cells per axis; beyond the points' box (or this size) cell indices are clamped to the border. */
const MAX_CELLS_PER_AXIS = 1024;

/**
 * Points bucketed on a dense square grid of cell size h over their bounding box, stored
 * cell by cell (CSR layout) for locality. Cell indices are clamped to the grid; clamping never
 * increases the index distance between two points, so "within one cell of each other" and the
 * ring bound used by `nearest` both stay valid for outliers and for queries outside the box.
 */
export class PointGrid {
  readonly h: number;
  private readonly n: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly nx: number;
  private readonly ny: number;
  /** cellStart[c]..cellStart[c+1] index into xs/ys/ids */
  private readonly cellStart: Int32Array;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly ids: Int32Array;

  constructor(points: Pts, h: number) {
    if (!(h > 0 && Number.isFinite(h))) throw new RangeError(`grid cell size must be positive (got ${h}).`);
    this.h = h;
    const total = count(points);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, n = 0;
    for (let i = 0; i < total; i++) {
      const x = points[2 * i], y = points[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      n++;
      if (x < minX) minX = x; if (x > maxX) maxX = x;
      if (y < minY) minY = y; if (y > maxY) maxY = y;
    }
    if (n === 0) { minX = minY = maxX = maxY = 0; }
    this.n = n;
    this.minX = minX;
    this.minY = minY;
    this.nx = min(MAX_CELLS_PER_AXIS, floor((maxX - minX) / h) + 1);
    this.ny = min(MAX_CELLS_PER_AXIS, floor((maxY - minY) / h) + 1);
    const cells = this.nx * this.ny;
    const cellOf = new Int32Array(total).fill(-1);
    const counts = new Int32Array(cells + 1);
    for (let i = 0; i < total; i++) {
      const x = points[2 * i], y = points[2 * i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const c = this.cx(x) * this.ny + this.cy(y);
      cellOf[i] = c;
      counts[c + 1]++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1] += counts[c];
    this.cellStart = counts.slice();
    const fill = counts; // reused as the write cursor per cell
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.ids = new Int32Array(n);
    for (let i = 0; i < total; i++) {
      const c = cellOf[i];
      if (c < 0) continue;
      const k = fill[c]++;
      this.xs[k] = points[2 * i];
      this.ys[k] = points[2 * i + 1];
      this.ids[k] = i;
    }
  }

  private cx(x: number): number {
    const c = floor((x - this.minX) / this.h);
    return c < 0 ? 0 : c >= this.nx ? this.nx - 1 : c;
  }

  private cy(y: number): number {
    const c = floor((y - this.minY) / this.h);
    return c < 0 ? 0 : c >= this.ny ? this.ny - 1 : c;
  }

  /** True when some point lies within distance r ≤ h of (x, y). */
  anyWithin(x: number, y: number, r: number): boolean {
    if (this.n === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return false;
    const cx = this.cx(x), cy = this.cy(y);
    const r2 = r * r;
    const x0 = max(0, cx - 1), x1 = min(this.nx - 1, cx + 1);
    const y0 = max(0, cy - 1), y1 = min(this.ny - 1, cy + 1);
    for (let i = x0; i <= x1; i++) {
      // Cells of one column are consecutive in y: one contiguous range.
      const from = this.cellStart[i * this.ny + y0], to = this.cellStart[i * this.ny + y1 + 1];
      for (let k = from; k < to; k++) {
        const ex = this.xs[k] - x, ey = this.ys[k] - y;
        if (ex * ex + ey * ey <= r2) return true;
      }
    }
    return false;
  }

  /** Nearest point to (x, y): searches rings of cells outwards, stopping once no closer point can exist. */
  nearest(x: number, y: number): { index: number; distance: number } {
    let best = Infinity, bestK = -1;
    if (this.n === 0 || !Number.isFinite(x) || !Number.isFinite(y)) return { index: -1, distance: Infinity };
    const cx = this.cx(x), cy = this.cy(y);
    const maxRing = max(this.nx, this.ny);
    for (let ring = 0; ring <= maxRing; ring++) {
      const x0 = max(0, cx - ring), x1 = min(this.nx - 1, cx + ring);
      for (let i = x0; i <= x1; i++) {
        const edgeColumn = i === cx - ring || i === cx + ring;
        // On an edge column the whole span is new; elsewhere only the top and bottom cells.
        const spans: [number, number][] = edgeColumn
          ? [[max(0, cy - ring), min(this.ny - 1, cy + ring)]]
          : [[cy - ring, cy - ring], [cy + ring, cy + ring]];
        for (const [a, b] of spans) {
          if (b < 0 || a >= this.ny || a > b) continue;
          const from = this.cellStart[i * this.ny + max(0, a)], to = this.cellStart[i * this.ny + min(this.ny - 1, b) + 1];
          for (let k = from; k < to; k++) {
            const ex = this.xs[k] - x, ey = this.ys[k] - y;
            const d2 = ex * ex + ey * ey;
            if (d2 < best) { best = d2; bestK = k; }
          }
        }
      }
      // Cells in ring + 1 are at least ring·h away from any point of the query's cell.
      if (bestK >= 0 && sqrt(best) <= ring * this.h) break;
    }
    return { index: this.ids[bestK], distance: sqrt(best) };
  }
}

/** Standardize `points` by the mean and std of `reference` (per axis). */
export function standardizeBy(reference: Pts, points: Pts): Float32Array {
  return applyStandardize(points, computeStats(reference));
}

export interface PrecisionCoverage {
  precision: number;
  coverage: number;
  r: number;
}

/** precision@r and coverage@r in the space standardized by the training points (r = 0.1 default). */
export function precisionCoverage(train: Pts, samples: Pts, r = 0.1): PrecisionCoverage {
  if (!(r > 0)) throw new RangeError(`r must be positive (got ${r}).`);
  const stats = computeStats(train);
  const tr = applyStandardize(train, stats);
  const sa = applyStandardize(samples, stats);
  const nT = count(tr), nS = count(sa);
  if (nT === 0 || nS === 0) return { precision: 0, coverage: 0, r };
  const trainGrid = new PointGrid(tr, r);
  const sampleGrid = new PointGrid(sa, r);
  let p = 0, c = 0;
  for (let i = 0; i < nS; i++) if (trainGrid.anyWithin(sa[2 * i], sa[2 * i + 1], r)) p++;
  for (let i = 0; i < nT; i++) if (sampleGrid.anyWithin(tr[2 * i], tr[2 * i + 1], r)) c++;
  return { precision: p / nS, coverage: c / nT, r };
}

/**
 * For each query, the distance to (and index of) its nearest reference point. With
 * `standardize: true` (default) both sets are first standardized by the references' stats,
 * so distances are in training-std units.
 */
export function nearestDistances(
  queries: Pts, references: Pts, options: { standardize?: boolean } = {},
): { distance: Float32Array; index: Int32Array } {
  const std = options.standardize ?? true;
  const stats = std ? computeStats(references) : { meanX: 0, meanY: 0, stdX: 1, stdY: 1 };
  const ref = applyStandardize(references, stats);
  const q = applyStandardize(queries, stats);
  const nR = count(ref), nQ = count(q);
  const distance = new Float32Array(nQ);
  const index = new Int32Array(nQ).fill(-1);
  if (nR === 0) { distance.fill(Infinity); return { distance, index }; }
  // Cell size ≈ typical spacing of the references, from their bounding box.
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < nR; i++) {
    const x = ref[2 * i], y = ref[2 * i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < minX) minX = x; if (x > maxX) maxX = x; if (y < minY) minY = y; if (y > maxY) maxY = y;
  }
  const area = max((maxX - minX) * (maxY - minY), 1e-12);
  const h = max(sqrt(area / nR) * 1.5, 1e-6);
  const grid = new PointGrid(ref, h);
  for (let i = 0; i < nQ; i++) {
    const r = grid.nearest(q[2 * i], q[2 * i + 1]);
    distance[i] = r.distance;
    index[i] = r.index;
  }
  return { distance, index };
}

function project(p: Pts, cx: number, cy: number): Float64Array {
  const n = count(p);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = cx * p[2 * i] + cy * p[2 * i + 1];
  return out.sort();
}

/** Value of the sorted sample at quantile level q ∈ (0, 1) (left-continuous inverse CDF). */
function quantile(sorted: Float64Array, q: number): number {
  const i = min(sorted.length - 1, floor(q * sorted.length));
  return sorted[i];
}

/**
 * Sliced 2-Wasserstein distance: √(mean over random unit directions θ of W₂²(θ·a, θ·b)),
 * each 1D W₂ from matched quantiles. Directions come from `rng`, so a fixed seed gives a fixed value.
 * Computed in the coordinates given (standardize first if needed).
 */
export function slicedWasserstein(a: Pts, b: Pts, rng: Rng, projections = 64): number {
  const nA = count(a), nB = count(b);
  if (nA === 0 || nB === 0) return NaN;
  const m = max(nA, nB);
  let total = 0;
  for (let k = 0; k < projections; k++) {
    const th = 2 * PI * rng.uniform();
    const cx = cos(th), cy = sin(th);
    const pa = project(a, cx, cy), pb = project(b, cx, cy);
    let s = 0;
    for (let i = 0; i < m; i++) {
      const q = (i + 0.5) / m;
      const d = quantile(pa, q) - quantile(pb, q);
      s += d * d;
    }
    total += s / m;
  }
  return sqrt(total / projections);
}

/** Kolmogorov distribution tail Q(λ) = 2 Σ (−1)^{k−1} exp(−2k²λ²). */
function kolmogorovQ(lambda: number): number {
  if (lambda < 0.2) return 1; // series is ≈ 1 here and converges poorly
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-16) break;
  }
  return min(1, max(0, 2 * sum));
}

/** Two-sample Kolmogorov–Smirnov on 1D samples: D and its asymptotic p-value. */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): { D: number; pValue: number } {
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  const n = sa.length, m = sb.length;
  if (n === 0 || m === 0) return { D: NaN, pValue: NaN };
  let i = 0, j = 0, D = 0;
  while (i < n && j < m) {
    const v = min(sa[i], sb[j]);
    while (i < n && sa[i] === v) i++;
    while (j < m && sb[j] === v) j++;
    const d = abs(i / n - j / m);
    if (d > D) D = d;
  }
  const ne = (n * m) / (n + m);
  const sq = sqrt(ne);
  // Stephens' small-sample correction of the asymptotic statistic.
  return { D, pValue: kolmogorovQ((sq + 0.12 + 0.11 / sq) * D) };
}

/**
 * 2D two-sample test: KS along `directions` evenly spaced directions in [0, π) (4 → x, y and
 * both diagonals, catching a shift, a scale change or a correlation), Bonferroni-corrected.
 * A small p-value means the samples are distinguishable.
 */
export function ksTwoSample2d(a: Pts, b: Pts, directions = 4): { D: number; pValue: number; angle: number } {
  let worst = { D: 0, pValue: 1, angle: 0 };
  for (let k = 0; k < directions; k++) {
    const angle = (k * PI) / directions;
    const cx = cos(angle), cy = sin(angle);
    const r = ksTwoSample(project(a, cx, cy), project(b, cx, cy));
    if (r.pValue < worst.pValue || (r.pValue === worst.pValue && r.D > worst.D)) worst = { ...r, angle };
  }
  return { D: worst.D, pValue: min(1, worst.pValue * directions), angle: worst.angle };
}

/**
 * Energy distance 2E‖A−B‖ − E‖A−A'‖ − E‖B−B'‖ (≥ 0, zero iff the distributions match).
 * Exact O(n·m); fine for a few thousand points.
 */
export function energyDistance(a: Pts, b: Pts): number {
  const meanDist = (p: Pts, q: Pts, same: boolean) => {
    const n = count(p), m = count(q);
    let s = 0, c = 0;
    for (let i = 0; i < n; i++) {
      const px = p[2 * i], py = p[2 * i + 1];
      for (let j = same ? i + 1 : 0; j < m; j++) {
        s += sqrt((px - q[2 * j]) ** 2 + (py - q[2 * j + 1]) ** 2);
        c++;
      }
    }
    return c > 0 ? s / c : 0;
  };
  return 2 * meanDist(a, b, false) - meanDist(a, a, true) - meanDist(b, b, true);
}
