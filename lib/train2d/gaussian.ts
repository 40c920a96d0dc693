/**
 * The theory cells' "Gaussian data" mode (lib/diffusion/gaussian has the closed forms):
 *  - the bound, estimated by Monte Carlo exactly as for a trained model but with the optimal
 *    ε-model E[ε | x_t] on points drawn from the Gaussian, beside its exact value;
 *  - the exact score on the score cell's grid at every recorded step, in the standardized
 *    coordinates of a model trained on those points, and how well the model's arrows agree with it.
 * Plain JavaScript (no TF.js): the optimal model is a 2 × 2 matrix per step.
 */
import { makeRng } from '../rng';
import type { PointStats } from '../data2d/standardize';
import { scheduleTable, type ScheduleTable } from '../diffusion/schedule';
import { epsilonWeight, estimateBound, type ReverseVariance } from '../diffusion/bound';
import { meanCosine } from '../diffusion/score';
import {
  GAUSSIAN_DATA, gaussianBound, gaussianMinEpsMse, gaussianOptimalEps, gaussianScore, sampleGaussian2D, standardizeGaussian, type GaussianBound,
} from '../diffusion/gaussian';
import type { AnalysisControl } from './analysis';
import type { BoundResult, SavedModel, ScoreFieldResult, TrainSpec } from './protocol';
import { FINAL_SAMPLER, TRAIN2D_DEFAULTS as D } from './defaults';

/** Points drawn from the Gaussian for the bound, and for the score cell's network to train on. */
export const GAUSSIAN_POINTS = 1000;

/** The schedule of `model` (so both modes compare at the same steps), else the training cell's default. */
export function gaussianSchedule(model: Pick<SavedModel, 'schedule'> | null): ScheduleTable {
  return scheduleTable(gaussianScheduleSpec(model));
}

function gaussianScheduleSpec(model: Pick<SavedModel, 'schedule'> | null) {
  return { kind: model?.schedule.kind ?? D.schedule, T: model?.schedule.T ?? D.T };
}

/**
 * The score cell's short training run on the Gaussian's points: the training cell's network and
 * recipe with a batch of 256, at most 400 steps or 8 seconds. A Gaussian is easy to learn: in Node
 * (wasm, one thread, load average 11–13 on 2 cores) the mean cosine with the exact score at
 * t = 1 / 10 / 50 (T = 100) was 0.93 / 0.97 / 0.997 after 150 steps, 0.94 / 0.98 / 0.999 after 400
 * and 0.94 / 0.99 / 0.999 after 1,000; in the browser (wasm) 800 steps gave 0.98 at t = 10.
 */
export const GAUSSIAN_TRAINING = { steps: 400, seconds: 8, batch: 256 };

export function gaussianTrainSpec(seed: number, model: Pick<SavedModel, 'schedule'> | null): TrainSpec {
  const s = gaussianScheduleSpec(model);
  return {
    points: gaussianPoints(seed), dataLabel: 'gaussian', schedule: s.kind,
    net: { width: D.width, depth: D.depth, fourier: D.fourier, fourierScale: D.fourierScale, timeDim: D.timeDim, T: s.T },
    train: { ...GAUSSIAN_TRAINING, lr: D.lr, warmupFrac: D.warmupFrac, minLrFrac: D.minLrFrac, emaDecay: D.emaDecay, tPower: D.tPower, seed },
    qualityEvery: 0, qualitySamples: 0, finalSamples: 200, sampler: FINAL_SAMPLER,
  };
}

/** The points of the Gaussian for a seed (the same draw in both cells). */
function gaussianPoints(seed: number): Float32Array {
  return sampleGaussian2D(GAUSSIAN_DATA, GAUSSIAN_POINTS, makeRng(seed));
}

export interface GaussianBoundSpec { variance: ReverseVariance; repeats: number; seed: number }

/** The closed form beside the estimate: the bound's terms and the least ε-MSE per t (mse[t − 1]). */
export interface ExactBound extends GaussianBound { mse: Float64Array }

/** The Monte Carlo bound of the optimal ε-model over the Gaussian's points, and the closed form beside it. */
export async function runGaussianBound(table: ScheduleTable, spec: GaussianBoundSpec, control: AnalysisControl = {}):
  Promise<{ r: BoundResult; exact: ExactBound }> {
  const t0 = Date.now();
  const x0 = gaussianPoints(spec.seed);
  const est = await estimateBound(table, x0, 2, (x, t) => gaussianOptimalEps(table, t, GAUSSIAN_DATA, x), makeRng(spec.seed + 1), {
    variance: spec.variance, repeats: spec.repeats, signal: control.signal,
    onStep: async (done, total) => { control.onProgress?.(done / total); if (done % 10 === 0) await control.yieldNow?.(); },
  });
  const weight = Float64Array.from({ length: table.T }, (_, i) => epsilonWeight(table, i + 1, spec.variance));
  const mse = Float64Array.from({ length: table.T }, (_, i) => gaussianMinEpsMse(table, i + 1, GAUSSIAN_DATA));
  return { r: { ...est, weight, points: GAUSSIAN_POINTS, ms: Date.now() - t0 }, exact: { ...gaussianBound(table, GAUSSIAN_DATA, spec.variance), mse } };
}

/** The exact score at the grid of `r` for each recorded step, and the mean cosine with the model's field there. */
export function exactScoreFields(table: ScheduleTable, stats: PointStats, r: ScoreFieldResult): { fields: Float32Array[]; cosine: number[] } {
  const g = standardizeGaussian(GAUSSIAN_DATA, stats);
  const fields = r.steps.map((t) => gaussianScore(table, t, g, r.grid));
  return { fields, cosine: fields.map((f, k) => meanCosine(r.fields[k], f)) };
}
