/**
 * Brownian motion of ink particles: each step adds a small independent Gaussian kick,
 * x_{k+1} = x_k + σ z_k with z_k ~ N(0, I). This is the forward process of diffusion without the
 * √(1−β) shrink. The history is kept so the animation can also run backwards.
 */
import type { Rng } from './rng';

export interface InkDrop {
  /** Positions per recorded step; positions[k] is a Float32Array [x0, y0, x1, y1, …]. */
  positions: Float32Array[];
  stepSize: number;
}

/** All particles start in a small drop at the origin (radius ≈ dropRadius). */
export function createInkDrop(count: number, dropRadius: number, stepSize: number, rng: Rng): InkDrop {
  const start = new Float32Array(count * 2);
  for (let i = 0; i < start.length; i++) start[i] = dropRadius * rng.normal();
  return { positions: [start], stepSize };
}

/** One Brownian step from the last recorded state: x_{k+1} = x_k + σ z. */
export function brownianStep(drop: InkDrop, rng: Rng): Float32Array {
  const current = drop.positions[drop.positions.length - 1];
  const next = new Float32Array(current.length);
  for (let i = 0; i < current.length; i++) next[i] = current[i] + drop.stepSize * rng.normal();
  drop.positions.push(next);
  return next;
}

/**
 * Mean squared displacement from the start after k steps, with its theoretical value
 * E‖x_k − x_0‖² = 2kσ² in two dimensions (it grows linearly in time: the signature of diffusion).
 */
export function meanSquaredDisplacement(drop: InkDrop, k: number): { measured: number; expected: number } {
  const x0 = drop.positions[0];
  const xk = drop.positions[k];
  let sum = 0;
  for (let i = 0; i < x0.length; i++) {
    const d = xk[i] - x0[i];
    sum += d * d;
  }
  const n = x0.length / 2;
  return { measured: sum / n, expected: 2 * k * drop.stepSize * drop.stepSize };
}
