/**
 * Sampling the trained 2D model with the core's samplers (lib/diffusion/samplers): TF.js
 * computes ε̂ = ε_θ(x_t, t) for the whole cloud, and `sampler.step` applies the update.
 * Optionally records frames (x_t and the step's parts for every point) for the animation and
 * the one-particle breakdown.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import type { Sampler } from '../diffusion/samplers';
import type { Net } from './model';

type Tf = typeof TfNamespace;

/** One recorded reverse step: the state before it and the parts of the update. */
export interface SampleFrame {
  /** The step being applied (x_t → x_{tPrev}). */
  t: number;
  tPrev: number;
  sigma: number;
  xt: Float32Array;
  epsHat: Float32Array;
  x0Hat: Float32Array;
  mean: Float32Array;
  noise: Float32Array;
}

export interface SampleResult {
  x0: Float32Array;
  xT: Float32Array;
  frames: SampleFrame[];
}

export interface SampleOptions {
  /** Record at most this many frames (evenly spread over the steps; 0: none). */
  maxFrames?: number;
  signal?: AbortSignal;
  onStep?: (done: number, total: number) => void;
}

/** ε̂ for the cloud x at step t (async read, no sync download). */
export async function predictEps(tf: Tf, net: Net, theta: TfNamespace.Tensor, x: Float32Array, t: number): Promise<Float32Array> {
  const n = x.length / 2;
  const out = tf.tidy(() => {
    const xt = tf.tensor2d(x, [n, 2]);
    const tIdx = tf.fill([n], t - 1, 'int32') as TfNamespace.Tensor1D;
    return net.predict(xt, tIdx, theta);
  });
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}

/** Which step indices (0-based positions in sampler.timesteps) to record. */
export function framePositions(total: number, maxFrames: number): Set<number> {
  const s = new Set<number>();
  if (maxFrames <= 0) return s;
  if (maxFrames >= total) { for (let i = 0; i < total; i++) s.add(i); return s; }
  for (let k = 0; k < maxFrames; k++) s.add(Math.round((k * (total - 1)) / (maxFrames - 1)));
  return s;
}

/** Draw n points: x_T ~ N(0, I), then every step of the sampler. */
export async function samplePoints(
  tf: Tf, net: Net, theta: TfNamespace.Tensor, sampler: Sampler, n: number, rng: Rng, options: SampleOptions = {},
): Promise<SampleResult> {
  const xT = new Float32Array(2 * n);
  rng.fillNormal(xT);
  let x = Float32Array.from(xT);
  const frames: SampleFrame[] = [];
  const steps = sampler.timesteps;
  const record = framePositions(steps.length, options.maxFrames ?? 0);
  for (let k = 0; k < steps.length; k++) {
    if (options.signal?.aborted) throw Object.assign(new Error('stopped'), { name: 'AbortError' });
    const t = steps[k];
    const eps = await predictEps(tf, net, theta, x, t);
    const r = sampler.step(eps, t, x, rng);
    if (record.has(k)) {
      frames.push({
        t, tPrev: r.tPrev, sigma: r.sigma, xt: x, epsHat: Float32Array.from(eps),
        x0Hat: Float32Array.from(r.x0Hat), mean: Float32Array.from(r.mean), noise: Float32Array.from(r.noise),
      });
    }
    x = Float32Array.from(r.prev);
    options.onStep?.(k + 1, steps.length);
  }
  return { x0: x, xT, frames };
}
