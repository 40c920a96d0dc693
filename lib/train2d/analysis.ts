/**
 * What the theory chapter measures on a trained 2D model, as plain async functions over a loaded
 * model (so Jest can run them on the cpu backend): the variational bound term by term with the
 * ε-MSE per t (lib/diffusion/bound), and the score field −ε̂/√(1 − ᾱ_t) over a grid with sampled
 * particles moving through it (lib/diffusion/score). Both work in the model's standardized space.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import { makeRng } from '../rng';
import { applyStandardize } from '../data2d/standardize';
import { epsilonWeight, estimateBound } from '../diffusion/bound';
import { fieldGrid, scoreFromEps } from '../diffusion/score';
import { makeSampler } from '../diffusion/samplers';
import { predictEps, samplePoints } from './sample';
import type { LoadedModel } from './engine';
import { MAX_BOUND_SAMPLES, type BoundResult, type BoundSpec, type ScoreFieldResult, type ScoreFieldSpec } from './protocol';

type Tf = typeof TfNamespace;

export interface AnalysisControl {
  signal?: { readonly aborted: boolean };
  /** Fraction done, after every step. */
  onProgress?: (fraction: number) => void;
  /** Runs after every step (a worker yields there so that a Stop can arrive). */
  yieldNow?: () => Promise<void>;
}

/** L_T, every L_{t−1}, L_0 and the ε-MSE per t of the loaded model, over its own training points. */
export async function runBound(tf: Tf, loaded: LoadedModel, spec: BoundSpec, control: AnalysisControl = {}): Promise<BoundResult> {
  const { model } = spec;
  const repeats = Math.floor(spec.repeats);
  const n = model.points.length / 2;
  if (!(repeats >= 1 && repeats <= 16)) throw new RangeError('The noise draws per point must be 1 to 16.');
  if (n * repeats > MAX_BOUND_SAMPLES) throw new RangeError(`At most ${MAX_BOUND_SAMPLES} samples per step (${n} points × ${repeats} draws).`);
  const t0 = Date.now();
  const x0 = applyStandardize(model.points, model.stats);
  const est = await estimateBound(loaded.table, x0, 2, (x, t) => predictEps(tf, loaded.net, loaded.net.theta, x, t), makeRng(spec.seed), {
    variance: spec.variance, repeats, signal: control.signal,
    onStep: async (done, total) => { control.onProgress?.(done / total); await control.yieldNow?.(); },
  });
  const weight = Float64Array.from({ length: loaded.table.T }, (_, i) => epsilonWeight(loaded.table, i + 1, spec.variance));
  return { ...est, weight, points: n, ms: Date.now() - t0 };
}

/** Recorded steps of the particles' reverse process (every step up to this many, else evenly spread). */
const MAX_FIELD_STEPS = 100;

/** Particles drawn with DDPM (σ² = β̃_t), x_t recorded at up to 100 steps, and the score field on a grid at each of them. */
export async function runScoreField(tf: Tf, loaded: LoadedModel, spec: ScoreFieldSpec, control: AnalysisControl = {}): Promise<ScoreFieldResult> {
  if (!Number.isInteger(spec.particles) || spec.particles < 1 || spec.particles > 5000) throw new RangeError('The number of particles must be 1 to 5,000.');
  const T = loaded.table.T;
  const frames = Math.min(T, MAX_FIELD_STEPS);
  const grid = fieldGrid(spec.bounds, spec.gridSize);
  const sampler = makeSampler(loaded.table, { kind: 'ddpm', variance: 'small' });
  const total = T + frames;
  const r = await samplePoints(tf, loaded.net, loaded.net.theta, sampler, spec.particles, makeRng(spec.seed), {
    maxFrames: frames, signal: control.signal,
    onStep: async (done) => { control.onProgress?.(done / total); await control.yieldNow?.(); },
  });
  const fields: Float32Array[] = [];
  for (const [i, frame] of r.frames.entries()) {
    if (control.signal?.aborted) throw new DOMException('The score field was stopped.', 'AbortError');
    fields.push(scoreFromEps(loaded.table, frame.t, await predictEps(tf, loaded.net, loaded.net.theta, grid, frame.t)));
    control.onProgress?.((T + i + 1) / total);
    await control.yieldNow?.();
  }
  return { T, steps: r.frames.map((f) => f.t), grid, fields, clouds: r.frames.map((f) => f.xt), x0: r.x0 };
}
