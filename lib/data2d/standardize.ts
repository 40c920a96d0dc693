/** Per-axis standardization of flat [x0, y0, x1, y1, …] point arrays. */

export interface PointStats {
  meanX: number;
  meanY: number;
  /** Population standard deviations; a zero spread is stored as 1 so division stays finite. */
  stdX: number;
  stdY: number;
}

export function computeStats(points: ArrayLike<number>): PointStats {
  const n = Math.floor(points.length / 2);
  if (n === 0) return { meanX: 0, meanY: 0, stdX: 1, stdY: 1 };
  let sx = 0, sy = 0;
  for (let i = 0; i < n; i++) { sx += points[2 * i]; sy += points[2 * i + 1]; }
  const meanX = sx / n, meanY = sy / n;
  let vx = 0, vy = 0;
  for (let i = 0; i < n; i++) {
    const dx = points[2 * i] - meanX, dy = points[2 * i + 1] - meanY;
    vx += dx * dx; vy += dy * dy;
  }
  const stdX = Math.sqrt(vx / n), stdY = Math.sqrt(vy / n);
  return { meanX, meanY, stdX: stdX > 0 ? stdX : 1, stdY: stdY > 0 ? stdY : 1 };
}

/** (p − mean) / std with the given stats. */
export function applyStandardize(points: ArrayLike<number>, stats: PointStats, out?: Float32Array): Float32Array {
  const o = out ?? new Float32Array(points.length);
  for (let i = 0; i + 1 < points.length; i += 2) {
    o[i] = (points[i] - stats.meanX) / stats.stdX;
    o[i + 1] = (points[i + 1] - stats.meanY) / stats.stdY;
  }
  return o;
}

/** Standardize by the points' own mean and std; keep the stats to map samples back. */
export function standardize(points: ArrayLike<number>): { points: Float32Array; stats: PointStats } {
  const stats = computeStats(points);
  return { points: applyStandardize(points, stats), stats };
}

/** Inverse of `applyStandardize`: p · std + mean. */
export function destandardize(points: ArrayLike<number>, stats: PointStats, out?: Float32Array): Float32Array {
  const o = out ?? new Float32Array(points.length);
  for (let i = 0; i + 1 < points.length; i += 2) {
    o[i] = points[i] * stats.stdX + stats.meanX;
    o[i + 1] = points[i + 1] * stats.stdY + stats.meanY;
  }
  return o;
}
