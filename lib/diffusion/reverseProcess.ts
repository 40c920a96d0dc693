/**
 * The reverse process: the one loop every sampling cell runs (2D points, coloured digits, the
 * speed comparison, the inverse problems). It walks `sampler.timesteps` from the T side down,
 * asks the ε-model for ε̂ = ε_θ(x_t, t) and lets `sampler.step` apply the update (DDPM
 * Algorithm 2, or DDIM). The model may be async (a TF.js network read with `await data()`),
 * so the loop is async too; a synchronous model (analytic, tests) works unchanged.
 *
 * What the inverse problems add plugs in here rather than in a second loop:
 * - `adjustEpsilon` may replace ε̂ before the step (DDNM's range/null-space projection);
 * - `resample` jumps back from t_prev to t with q(x_t | x_{t_prev}) and redoes the step
 *   (RePaint), that many times per step.
 *
 * Two output buffers are swapped between steps, so a long run does not allocate. Everything
 * the per-step callback sees (x_t, ε̂, the step's parts) is overwritten by the next step: copy
 * what you keep. Randomness comes only from `rng`, in the order: the step's noise, then the
 * resampling noise.
 */
import { throwIfAborted } from '../abort';
import type { Rng } from '../rng';
import { qJump, type Vec } from './forward';
import { makeStepBuffers, type Sampler, type SamplerStepResult } from './samplers';

/** ε̂ = ε_θ(x, t) for the whole batch x at the paper's step t (sync or async). */
export type EpsilonModel = (x: Float32Array, t: number) => Vec | Promise<Vec>;

/** What the per-step callback sees once a step (and its resampling) is done. */
export interface ReverseStep {
  /** Position of t in sampler.timesteps (0-based), and their number. */
  index: number;
  total: number;
  /** The step just taken: x_t → x_{tPrev} (result.tPrev). */
  t: number;
  /** x_t the step started from. */
  xt: Float32Array;
  /** ε̂ the step used (after `adjustEpsilon`). */
  epsilonHat: Vec;
  /** x̂_0, mean, σ, σ z and x_{tPrev} (= result.prev). */
  result: SamplerStepResult;
}

export interface SampleLoopOptions {
  /** Checked before every network call; when it has fired the loop throws the AbortError (lib/abort). */
  signal?: { readonly aborted: boolean };
  /** Called after every step, and awaited (a worker yields here so that a stop can arrive). */
  onStep?: (s: ReverseStep) => void | Promise<void>;
  /** May replace ε̂ before the step; returns the ε̂ to use (DDNM's projection). */
  adjustEpsilon?: (epsilonHat: Vec, xt: Float32Array, t: number) => Vec;
  /** RePaint-style resampling: redo every step (but the last) this many more times (0 = off). */
  resample?: number;
}

/** x_T ~ N(0, I) for n numbers (Algorithm 2, line 1). */
export function drawPrior(n: number, rng: Rng): Float32Array {
  const xT = new Float32Array(n);
  rng.fillNormal(xT);
  return xT;
}

/** Runs the sampler from x_T (not modified) to x_0; see the module comment. */
export async function sampleLoop(
  sampler: Sampler, xT: Vec, epsilonModel: EpsilonModel, rng: Rng, options: SampleLoopOptions = {},
): Promise<Float32Array> {
  const { signal, onStep, adjustEpsilon } = options;
  const resample = Math.max(0, Math.floor(options.resample ?? 0));
  let x: Float32Array = Float32Array.from(xT);
  let spare = makeStepBuffers(x.length);
  const z = resample > 0 ? new Float32Array(x.length) : null;
  const total = sampler.timesteps.length;
  // Algorithm 2, line 2: for t = T, …, 1 (DDIM visits its sub-sequence of S steps instead).
  for (let index = 0; index < total; index++) {
    const t = sampler.timesteps[index];
    for (let repeat = 0; ; repeat++) {
      throwIfAborted(signal);
      const modelEps = await epsilonModel(x, t);
      const epsilonHat = adjustEpsilon ? adjustEpsilon(modelEps, x, t) : modelEps;
      const result = sampler.step(epsilonHat, t, x, rng, spare); // lines 3–4
      // Swap: the old x becomes the next step's output buffer (and stays x_t until then).
      spare = { ...spare, prev: x };
      x = result.prev;
      if (repeat >= resample || result.tPrev === 0) {
        if (onStep) await onStep({ index, total, t, xt: spare.prev, epsilonHat, result });
        break;
      }
      rng.fillNormal(z!);
      qJump(sampler.table, x, result.tPrev, t, z!, x); // back to t, then redo the step
    }
  } // line 5
  return x; // line 6: x_0
}
