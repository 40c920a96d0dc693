/**
 * The work the 2D worker does, as plain async functions over a TF.js instance (so Jest can run
 * them on the cpu backend): a training run with live progress and quality, and sampling from a
 * saved model. No DOM, no worker globals.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import { makeRng } from '../rng';
import { makeSchedule, type ScheduleTable } from '../diffusion/schedule';
import { makeSampler } from '../diffusion/samplers';
import { computeStats, applyStandardize, destandardize } from '../data2d/standardize';
import { precisionCoverage, slicedWasserstein } from '../metrics2d';
import { Net, initWeights, type NetWeights } from './model';
import { Trainer } from './trainer';
import { samplePoints } from './sample';
import type { QualityPoint, SampleSpec, SavedModel, Schedule2DKind, TrainSpec, ProgressMsg, FrameMsg } from './protocol';

type Tf = typeof TfNamespace;

export function scheduleFor(kind: Schedule2DKind, T: number): ScheduleTable {
  return makeSchedule({ kind, T });
}

/** precision@0.1, coverage@0.1 (lib/metrics2d) and sliced Wasserstein, in the training points' standardized space. */
export function measureQuality(trainStd: Float32Array, samplesStd: Float32Array, seed: number): Omit<QualityPoint, 'step' | 'seconds'> {
  const pc = precisionCoverage(trainStd, samplesStd, 0.1);
  const swd = slicedWasserstein(trainStd, samplesStd, makeRng(seed), 32);
  return { precision: pc.precision, coverage: pc.coverage, swd };
}

export interface TrainHooks {
  onProgress(p: ProgressMsg): void;
  onQuality(q: QualityPoint, previewRaw: Float32Array): void;
  shouldStop(): boolean;
  isPaused(): boolean;
  /** Resolves when not paused (or stopped). */
  waitWhilePaused(): Promise<void>;
  /** Give the event loop a turn (so pause / stop messages arrive). */
  yieldNow(): Promise<void>;
  now(): number;
}

export interface TrainResult {
  stopped: boolean;
  model: SavedModel;
  samples: Float32Array;
  quality: QualityPoint;
  sampleMs: number;
}

/** Milliseconds of work between yields to the event loop. */
const CHUNK_MS = 40;

export async function runTraining(tf: Tf, spec: TrainSpec, backend: string, hooks: TrainHooks): Promise<TrainResult> {
  const n = Math.floor(spec.points.length / 2);
  if (n < 2) throw new RangeError('Need at least 2 training points.');
  for (let i = 0; i < spec.points.length; i++) {
    if (!Number.isFinite(spec.points[i])) throw new RangeError('The training points contain a value that is not a finite number.');
  }
  const stats = computeStats(spec.points);
  const data = applyStandardize(spec.points, stats);
  const table = scheduleFor(spec.schedule, spec.net.T);
  const net = new Net(tf, initWeights({ ...spec.net, seed: spec.train.seed }));
  let trainer: Trainer | null = null;
  try {
    trainer = new Trainer(tf, net, data, table, spec.train);
    const tr = trainer;
    // Wall time of the run, pauses excluded (quality measurements count: the budget is wall time).
    const startedAt = hooks.now();
    let pausedMs = 0;
    let trainMs = 0;
    let lossEma = NaN;
    let lastQualityAt = 0;
    let lastQuality: QualityPoint | null = null;
    let rateSteps = 0, rateMs = 0;
    const quality = async (count: number, seed: number): Promise<{ q: QualityPoint; samples: Float32Array }> => {
      const r = await samplePoints(tf, net, tr.samplingTheta(), makeSampler(table, spec.sampler), count, makeRng(seed));
      const m = measureQuality(data, r.x0, 12345);
      return { q: { step: tr.step, seconds: trainMs / 1000, ...m }, samples: r.x0 };
    };
    while (!hooks.shouldStop()) {
      if (hooks.isPaused()) {
        hooks.onProgress({ step: tr.step, loss: lossEma, stepsPerSecond: 0, lr: tr.currentLr(tr.progress(trainMs)), seconds: trainMs / 1000, progress: tr.progress(trainMs), paused: true });
        const w0 = hooks.now();
        await hooks.waitWhilePaused();
        pausedMs += hooks.now() - w0;
        continue;
      }
      trainMs = hooks.now() - startedAt - pausedMs;
      const p0 = tr.progress(trainMs);
      if (p0 >= 1) break;
      const c0 = hooks.now();
      const base = trainMs;
      let last: TfNamespace.Scalar | null = null;
      let k = 0;
      do {
        last?.dispose();
        last = tr.trainStep(tr.progress(base + (hooks.now() - c0)));
        k++;
      } while (hooks.now() - c0 < CHUNK_MS && tr.progress(base + (hooks.now() - c0)) < 1);
      const lossVal = (await last.data())[0];
      last.dispose();
      const dt = hooks.now() - c0;
      trainMs = hooks.now() - startedAt - pausedMs;
      rateSteps += k; rateMs += dt;
      if (!Number.isFinite(lossVal)) throw new Error(`The loss became ${lossVal} at step ${tr.step}: lower the learning rate.`);
      lossEma = Number.isNaN(lossEma) ? lossVal : 0.9 * lossEma + 0.1 * lossVal;
      const sps = rateMs > 0 ? (1000 * rateSteps) / rateMs : 0;
      if (rateMs > 2000) { rateSteps = 0; rateMs = 0; }
      hooks.onProgress({ step: tr.step, loss: lossEma, stepsPerSecond: sps, lr: tr.currentLr(tr.progress(trainMs)), seconds: trainMs / 1000, progress: tr.progress(trainMs), paused: false });
      if (spec.qualityEvery > 0 && trainMs - lastQualityAt >= spec.qualityEvery * 1000) {
        lastQualityAt = trainMs;
        const { q, samples } = await quality(spec.qualitySamples, 1000 + tr.step);
        lastQuality = q;
        hooks.onQuality(q, destandardize(samples, stats));
      }
      await hooks.yieldNow();
    }
    const stopped = hooks.shouldStop();
    const s0 = hooks.now();
    const final = await samplePoints(tf, net, tr.samplingTheta(), makeSampler(table, spec.sampler), spec.finalSamples, makeRng(spec.train.seed + 7));
    const sampleMs = hooks.now() - s0;
    const fq: QualityPoint = { step: tr.step, seconds: trainMs / 1000, ...measureQuality(data, final.x0, 12345) };
    lastQuality = fq;
    const weights: NetWeights = await net.toWeights(tr.samplingTheta());
    const model: SavedModel = {
      version: 1, weights, schedule: { kind: spec.schedule, T: spec.net.T }, stats,
      points: Float32Array.from(spec.points), dataLabel: spec.dataLabel, steps: tr.step, backend, savedAt: Date.now(), quality: lastQuality,
    };
    return { stopped, model, samples: destandardize(final.x0, stats), quality: fq, sampleMs };
  } finally {
    trainer?.dispose();
    net.dispose();
  }
}

/** A loaded model kept between sampling requests (keyed by savedAt). */
export interface LoadedModel { key: string; net: Net; table: ScheduleTable }

export function modelKey(m: SavedModel): string {
  return `${m.savedAt}:${m.steps}:${m.weights.config.T}`;
}

export function loadModel(tf: Tf, m: SavedModel): LoadedModel {
  const table = scheduleFor(m.schedule.kind, m.schedule.T);
  const net = new Net(tf, m.weights, false);
  return { key: modelKey(m), net, table };
}

export async function runSampling(
  tf: Tf, loaded: LoadedModel, spec: SampleSpec,
): Promise<{ x0: Float32Array; xT: Float32Array; frames: FrameMsg[]; ms: number }> {
  if (!Number.isInteger(spec.n) || spec.n < 1 || spec.n > 20000) throw new RangeError('The number of points must be 1 to 20,000.');
  const t0 = Date.now();
  const r = await samplePoints(tf, loaded.net, loaded.net.theta, makeSampler(loaded.table, spec.sampler), spec.n, makeRng(spec.seed), { maxFrames: spec.maxFrames });
  return { x0: r.x0, xT: r.xT, frames: r.frames, ms: Date.now() - t0 };
}
