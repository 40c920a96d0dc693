/**
 * Sampling the trained 2D model with the core's reverse-process loop (lib/diffusion/reverseProcess):
 * TF.js computes ε̂ = ε_θ(x_t, t) for the whole cloud, and `sampler.step` applies the update.
 * Optionally records frames (x_t and the step's parts for every point) for the animation and
 * the one-particle breakdown.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import type { Sampler } from '../diffusion/samplers';
import { drawPrior, sampleLoop } from '../diffusion/reverseProcess';
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
  /** Checked before every step; once aborted the loop throws the AbortError. */
  signal?: { readonly aborted: boolean };
  /** Called after every step; a returned promise is awaited (a worker yields there so that a Stop can arrive). */
  onStep?: (done: number, total: number) => unknown;
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
function framePositions(total: number, maxFrames: number): Set<number> {
  const s = new Set<number>();
  if (maxFrames <= 0) return s;
  if (maxFrames >= total) { for (let i = 0; i < total; i++) s.add(i); return s; }
  for (let k = 0; k < maxFrames; k++) s.add(Math.round((k * (total - 1)) / (maxFrames - 1)));
  return s;
}

/** Draw n points: x_T ~ N(0, I), then the reverse process (the core's `sampleLoop`). */
export async function samplePoints(
  tf: Tf, net: Net, theta: TfNamespace.Tensor, sampler: Sampler, n: number, rng: Rng, options: SampleOptions = {},
): Promise<SampleResult> {
  const xT = drawPrior(2 * n, rng);
  const frames: SampleFrame[] = [];
  const record = framePositions(sampler.timesteps.length, options.maxFrames ?? 0);
  const x0 = await sampleLoop(sampler, xT, (x, t) => predictEps(tf, net, theta, x, t), rng, {
    signal: options.signal,
    onStep: async ({ index, total, t, xt, epsilonHat, result: r }) => {
      if (record.has(index)) {
        frames.push({
          t, tPrev: r.tPrev, sigma: r.sigma, xt: Float32Array.from(xt), epsHat: Float32Array.from(epsilonHat),
          x0Hat: Float32Array.from(r.x0Hat), mean: Float32Array.from(r.mean), noise: Float32Array.from(r.noise),
        });
      }
      await options.onStep?.(index + 1, total);
    },
  });
  return { x0, xT, frames };
}
