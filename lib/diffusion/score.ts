/**
 * The score view of the ε-model (DDPM §3.2): the score of the noisy data at step t,
 * ∇_x log q_t(x) = −E[ε | x_t = x] / √(1 − ᾱ_t), so a trained ε_θ gives the estimate
 * s_θ(x, t) = −ε_θ(x, t) / √(1 − ᾱ_t). Points are flat, interleaved arrays ([x0, y0, x1, y1, …]).
 */
import type { ScheduleTable } from './schedule';
import { checkStep, type Vec } from './forward';

/** s_θ(x, t) = −ε̂ / √(1 − ᾱ_t) for every coordinate of ε̂. */
export function scoreFromEps(table: ScheduleTable, t: number, epsHat: ArrayLike<number>, out?: Float32Array): Float32Array {
  checkStep(table, t);
  const o = out ?? new Float32Array(epsHat.length);
  if (o.length !== epsHat.length) throw new RangeError(`scoreFromEps: lengths differ (${epsHat.length} vs ${o.length}).`);
  const k = -1 / table.sqrtOneMinusAlphaBar[t - 1];
  for (let i = 0; i < epsHat.length; i++) o[i] = k * epsHat[i];
  return o;
}

export interface GridBounds { x0: number; x1: number; y0: number; y1: number }

/** The centres of an n × n grid of cells covering `b`, row by row from the top (y1) down. */
export function fieldGrid(b: GridBounds, n: number): Float32Array {
  if (!Number.isInteger(n) || n < 2 || n > 200) throw new RangeError(`The grid needs 2 to 200 points a side (got ${n}).`);
  const out = new Float32Array(2 * n * n);
  const dx = (b.x1 - b.x0) / n, dy = (b.y1 - b.y0) / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const k = 2 * (r * n + c);
      out[k] = b.x0 + (c + 0.5) * dx;
      out[k + 1] = b.y1 - (r + 0.5) * dy;
    }
  }
  return out;
}

/** Length of each 2D vector of a field (flat [u0, v0, u1, v1, …]). */
export function vectorLengths(field: Vec | Float32Array): Float32Array {
  const out = new Float32Array(field.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Math.hypot(field[2 * i], field[2 * i + 1]);
  return out;
}

/**
 * How well two 2D fields agree in direction: the mean over points of cos ∠(a_i, b_i) (1: parallel
 * everywhere, 0: no relation, −1: opposite). Points where either vector is zero are left out.
 */
export function meanCosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`meanCosine: lengths differ (${a.length} vs ${b.length}).`);
  let sum = 0, n = 0;
  for (let i = 0; i + 1 < a.length; i += 2) {
    const la = Math.hypot(a[i], a[i + 1]), lb = Math.hypot(b[i], b[i + 1]);
    if (!(la > 0 && lb > 0)) continue;
    sum += (a[i] * b[i] + a[i + 1] * b[i + 1]) / (la * lb);
    n++;
  }
  return n > 0 ? sum / n : NaN;
}
