/**
 * Nearest training image of a generated digit, in two distances, and the memorization reference
 * line (the criterion of training/evaluate.py): the median, over the training digits of a class,
 * of the distance from each to its nearest OTHER training digit of that class.
 *
 * - 'pixels': L2 in the model's [−1, 1] RGB space between the sample and the training digit painted
 *   in the sample's colour (stroke s over background b, no jitter). Painting is affine in the grey
 *   intensity g ∈ [0, 1]: value_c(p) = m_c + k_c·g(p), with m_c = 2b_c/255 − 1, k_c = 2(s_c − b_c)/255,
 *   so ‖x − paint(g)‖² = Σ(x − m)² − 2 g·y + (Σ_c k_c²) ‖g‖², y(p) = Σ_c k_c (x_c(p) − m_c).
 *   Two training digits painted in the same colour are √(Σ_c k_c²) · ‖g₁ − g₂‖ apart.
 * - 'stroke': L2 between 784-d stroke-intensity maps, colour-blind, exactly as training/evaluate.py:
 *   the brightest channel of (x + 1)/2, minus its minimum, divided by its maximum; a training digit's
 *   map is g / max g.
 * Pure: no DOM.
 */
import type { TrainingSet } from './trainingSet';

export type Metric = 'pixels' | 'stroke';

export interface Paint {
  /** Stroke and background colours, RGB 0–255. */
  stroke: readonly number[];
  background: readonly number[];
}

export interface Query {
  metric: Metric;
  /** 'pixels': y(p); 'stroke': the sample's intensity map v(p). */
  vec: Float64Array;
  /** ‖x − m‖² ('pixels') or ‖v‖² ('stroke'). */
  self2: number;
  /** Σ_c k_c² ('pixels'); 1 for 'stroke'. */
  k2: number;
}

export interface Neighbour {
  /** Index into the training set. */
  index: number;
  distance: number;
}

function coefficients(paint: Paint) {
  const m = [0, 1, 2].map((c) => (2 * paint.background[c]) / 255 - 1);
  const k = [0, 1, 2].map((c) => (2 * (paint.stroke[c] - paint.background[c])) / 255);
  return { m, k, k2: k[0] * k[0] + k[1] * k[1] + k[2] * k[2] };
}

/** Stroke-intensity map of an NHWC image in [−1, 1] (training/evaluate.py `intensity`). */
export function intensityMap(image: ArrayLike<number>, pixels: number): Float64Array {
  const v = new Float64Array(pixels);
  let lo = Infinity, hi = -Infinity;
  for (let p = 0; p < pixels; p++) {
    const a = Math.max(image[3 * p], image[3 * p + 1], image[3 * p + 2]);
    v[p] = (a + 1) / 2;
    if (v[p] < lo) lo = v[p];
  }
  for (let p = 0; p < pixels; p++) { v[p] -= lo; if (v[p] > hi) hi = v[p]; }
  const d = Math.max(hi, 1e-6);
  for (let p = 0; p < pixels; p++) v[p] /= d;
  return v;
}

/** Prepares one sample (NHWC [side, side, 3] in [−1, 1]) for search. */
export function makeQuery(image: ArrayLike<number>, pixels: number, metric: Metric, paint: Paint): Query {
  if (image.length !== pixels * 3) throw new RangeError(`Expected ${pixels * 3} values, got ${image.length}.`);
  if (metric === 'stroke') {
    const v = intensityMap(image, pixels);
    let s = 0;
    for (let p = 0; p < pixels; p++) s += v[p] * v[p];
    return { metric, vec: v, self2: s, k2: 1 };
  }
  const { m, k, k2 } = coefficients(paint);
  const y = new Float64Array(pixels);
  let self2 = 0;
  for (let p = 0; p < pixels; p++) {
    let acc = 0;
    for (let c = 0; c < 3; c++) {
      const r = image[3 * p + c] - m[c];
      self2 += r * r;
      acc += k[c] * r;
    }
    y[p] = acc;
  }
  return { metric, vec: y, self2, k2 };
}

/** Distance from the query to training digit d. */
export function distanceTo(set: TrainingSet, q: Query, d: number): number {
  const o = d * set.size;
  const px = set.pixels;
  let dot = 0;
  for (let p = 0; p < set.size; p++) dot += px[o + p] * q.vec[p];
  dot /= 255;
  let d2: number;
  if (q.metric === 'stroke') {
    const mx = Math.max(set.max[d], 1e-6);
    d2 = q.self2 - (2 * dot) / mx + set.norm2[d] / (mx * mx);
  } else {
    d2 = q.self2 - 2 * dot + q.k2 * set.norm2[d];
  }
  return Math.sqrt(Math.max(0, d2));
}

/** The k nearest training digits (all classes, as training/evaluate.py searches), closest first. */
export function nearestTraining(set: TrainingSet, q: Query, k = 3): Neighbour[] {
  const best: Neighbour[] = [];
  for (let d = 0; d < set.n; d++) {
    const dist = distanceTo(set, q, d);
    if (best.length < k) best.push({ index: d, distance: dist });
    else if (dist < best[k - 1].distance) best[k - 1] = { index: d, distance: dist };
    else continue;
    for (let i = best.length - 1; i > 0 && best[i - 1].distance > best[i].distance; i--) {
      [best[i - 1], best[i]] = [best[i], best[i - 1]];
    }
  }
  return best;
}

export function median(values: ArrayLike<number>): number {
  const a = Float64Array.from(values).sort();
  if (a.length === 0) return NaN;
  const h = a.length >> 1;
  return a.length % 2 ? a[h] : (a[h - 1] + a[h]) / 2;
}

/**
 * For every training digit of class `digit`, the distance to its nearest other training digit of
 * that class, in grey units: ‖g₁ − g₂‖ ('pixels', multiply by √(Σ_c k_c²) for a colour) or between
 * max-normalised maps ('stroke'). O(n_class² · side²): about a third of a second per class.
 */
export function sameClassNearestDistances(set: TrainingSet, digit: number, metric: Metric): Float64Array {
  const idx = set.byClass[digit];
  if (!idx) throw new RangeError(`No class ${digit}.`);
  const n = idx.length;
  const size = set.size;
  const vecs = new Float32Array(n * size);
  const norms = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const d = idx[a];
    const scale = metric === 'stroke' ? 1 / (255 * Math.max(set.max[d], 1e-6)) : 1 / 255;
    let s = 0;
    for (let p = 0; p < size; p++) {
      const v = set.pixels[d * size + p] * scale;
      vecs[a * size + p] = v;
      s += v * v;
    }
    norms[a] = s;
  }
  const best = new Float64Array(n).fill(Infinity);
  for (let a = 0; a < n; a++) {
    const oa = a * size;
    for (let b = a + 1; b < n; b++) {
      const ob = b * size;
      let dot = 0;
      for (let p = 0; p < size; p++) dot += vecs[oa + p] * vecs[ob + p];
      const d2 = norms[a] + norms[b] - 2 * dot;
      if (d2 < best[a]) best[a] = d2;
      if (d2 < best[b]) best[b] = d2;
    }
  }
  for (let a = 0; a < n; a++) best[a] = Math.sqrt(Math.max(0, best[a]));
  return best;
}

/** The reference line for class `digit` in the query's units: median same-class nearest distance (× √Σk² for 'pixels'). */
export function referenceLine(greyMedian: number, metric: Metric, paint: Paint): number {
  return metric === 'stroke' ? greyMedian : greyMedian * Math.sqrt(coefficients(paint).k2);
}
