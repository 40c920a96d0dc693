/**
 * Turn strokes drawn on a canvas into a 2D data set. Pure: the caller passes the canvas-space
 * points and the canvas size; no DOM access here.
 *
 * Mapping: the canvas centre goes to (0, 0); the longer side spans [−extent, extent] (default
 * 2, like the built-in data sets); canvas y points down, data y points up, so the drawing is
 * not flipped.
 */
import type { Rng } from '../rng';

export interface CanvasPoint { x: number; y: number }

export interface StrokeOptions {
  /** Number of points to return, spread uniformly along the strokes' length. Default: one per input point. */
  n?: number;
  /** Std of the Gaussian jitter added to each point, in data units. Default 0.03. */
  jitter?: number;
  /** Half-width of the data range along the canvas's longer side. Default 2. */
  extent?: number;
}

export function canvasToData(p: CanvasPoint, width: number, height: number, extent = 2): [number, number] {
  const s = extent / (Math.max(width, height) / 2);
  return [(p.x - width / 2) * s, -(p.y - height / 2) * s];
}

export function pointsFromStrokes(
  strokes: readonly (readonly CanvasPoint[])[],
  canvas: { width: number; height: number },
  rng: Rng,
  options: StrokeOptions = {},
): Float32Array {
  const { width, height } = canvas;
  if (!(width > 0 && height > 0)) return new Float32Array(0);
  const extent = options.extent ?? 2;
  const jitter = Math.max(0, options.jitter ?? 0.03);
  // Clean input: drop non-finite points and empty strokes; map to data space once.
  const paths: [number, number][][] = [];
  for (const s of strokes) {
    const path = s.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => canvasToData(p, width, height, extent));
    if (path.length > 0) paths.push(path);
  }
  const all = paths.flat();
  if (all.length === 0) return new Float32Array(0);

  const n = options.n ?? all.length;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0 (got ${n}).`);
  const out = new Float32Array(2 * n);
  const add = (i: number, x: number, y: number) => {
    out[2 * i] = x + (jitter > 0 ? jitter * rng.normal() : 0);
    out[2 * i + 1] = y + (jitter > 0 ? jitter * rng.normal() : 0);
  };

  if (options.n === undefined) {
    all.forEach(([x, y], i) => add(i, x, y));
    return out;
  }
  // Segments and their cumulative length, so samples spread evenly along what was drawn.
  const segs: [number, number, number, number][] = [];
  const cum: number[] = [];
  let total = 0;
  for (const path of paths) {
    for (let k = 1; k < path.length; k++) {
      const [ax, ay] = path[k - 1], [bx, by] = path[k];
      const len = Math.hypot(bx - ax, by - ay);
      if (len === 0) continue;
      segs.push([ax, ay, bx, by]);
      total += len;
      cum.push(total);
    }
  }
  for (let i = 0; i < n; i++) {
    if (total === 0) {
      // Only taps (single points): pick among them.
      const [x, y] = all[rng.int(0, all.length - 1)];
      add(i, x, y);
      continue;
    }
    const target = rng.uniform() * total;
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] < target) lo = mid + 1; else hi = mid; }
    const [ax, ay, bx, by] = segs[lo];
    const start = lo === 0 ? 0 : cum[lo - 1];
    const f = (target - start) / (cum[lo] - start);
    add(i, ax + f * (bx - ax), ay + f * (by - ay));
  }
  return out;
}
