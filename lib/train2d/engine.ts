/**
 * The work the 2D worker does, as plain async functions over a TF.js instance (so Jest can run
 * them on the cpu backend): a training run with live progress and quality, and sampling from a
 * saved model. No DOM, no worker globals.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import { makeRng } from '../rng';
import { scheduleTable, type ScheduleTable } from '../diffusion/schedule';
import { makeSampler } from '../diffusion/samplers';
import { computeStats, applyStandardize, destandardize } from '../data2d/standardize';
import { precisionCoverage, slicedWasserstein } from '../metrics2d';
import { isAbortError } from '../abort';
import { Net, initWeights } from './model';
import { Trainer } from './trainer';
import { predictEps, samplePoints } from './sample';
import type { ProgressMsg, QualityPoint, SampleSpec, Sampled, SavedModel, Schedule2DKind, Trained, TrainSpec } from './protocol';

type Tf = typeof TfNamespace;

export function scheduleFor(kind: Schedule2DKind, T: number): ScheduleTable {
  return scheduleTable({ kind, T });
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
  /** Checked between chunks of steps and between the steps of every sampling run. */
  shouldStop(): boolean;
  isPaused(): boolean;
  /** Resolves when not paused (or stopped). */
  waitWhilePaused(): Promise<void>;
  /** Give the event loop a turn (so pause / stop messages arrive). */
  yieldNow(): Promise<void>;
  now(): number;
}

/** Milliseconds of work between yields to the event loop. */
const CHUNK_MS = 40;

/**
 * Training steps for CHUNK_MS of wall time (at least one, at most `maxSteps`); the chunk's last
 * loss, steps and time. On a GPU backend a step only queues work, so the clock alone would queue
 * many steps that the read then waits for: `maxSteps` comes from the measured time per step.
 */
async function trainChunk(tr: Trainer, now: () => number, baseMs: number, maxSteps: number): Promise<{ loss: number; steps: number; ms: number }> {
  const c0 = now();
  let last: TfNamespace.Scalar | null = null;
  let steps = 0;
  do {
    last?.dispose();
    last = tr.trainStep(tr.progress(baseMs + (now() - c0)));
    steps++;
  } while (steps < maxSteps && now() - c0 < CHUNK_MS && tr.progress(baseMs + (now() - c0)) < 1);
  const loss = (await last.data())[0];
  last.dispose();
  if (!Number.isFinite(loss)) throw new Error(`The loss became ${loss} at step ${tr.step}: lower the learning rate.`);
  return { loss, steps, ms: now() - c0 };
}

function checkPoints(points: Float32Array): void {
  if (Math.floor(points.length / 2) < 2) throw new RangeError('Need at least 2 training points.');
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i])) throw new RangeError('The training points contain a value that is not a finite number.');
  }
}

/**
 * On a backend that compiles a GPU program per op and shape (webgpu, webgl), the first quality draw
 * would compile the network's forward pass for the sample count in the middle of training, and a
 * Stop landing there waits for it (measured on SwiftShader WebGPU: ~1 s quiet, 2.4 s on a loaded
 * machine, against 0.1 s at any later draw). One ε̂ of each count the run will draw, before the
 * first step, moves that compile to the start.
 */
async function compileSamplingShapes(tf: Tf, net: Net, theta: TfNamespace.Tensor, backend: string, counts: number[], T: number): Promise<void> {
  if (backend !== 'webgpu' && backend !== 'webgl') return;
  for (const n of new Set(counts.filter((c) => c > 0))) await predictEps(tf, net, theta, new Float32Array(2 * n), T);
}

/**
 * Algorithm 1 as the live cell runs it: repeat training steps until the step or time budget is
 * spent (or Stop), measuring sample quality every `qualityEvery` seconds. A stopped run returns
 * at once with the model so far and its last preview (no final sampling), so Stop takes effect
 * within one chunk of steps or one sampling step.
 */
export async function runTraining(tf: Tf, spec: TrainSpec, backend: string, hooks: TrainHooks): Promise<Trained> {
  checkPoints(spec.points);
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
    let pausedMs = 0, trainMs = 0, lossEma = NaN, lastQualityAt = 0, rateSteps = 0, rateMs = 0, msPerStep = 0;
    let lastQuality: QualityPoint | null = null;
    let preview: Float32Array | null = null;
    const stopFlag = { get aborted() { return hooks.shouldStop(); } };
    /** Samples and their quality; null when Stop came during the sampling. */
    const measure = async (count: number, seed: number): Promise<{ q: QualityPoint; samples: Float32Array } | null> => {
      try {
        const r = await samplePoints(tf, net, tr.samplingTheta(), makeSampler(table, spec.sampler), count, makeRng(seed), { signal: stopFlag, onStep: hooks.yieldNow });
        return { q: { step: tr.step, seconds: trainMs / 1000, ...measureQuality(data, r.x0, 12345) }, samples: r.x0 };
      } catch (e) {
        if (isAbortError(e)) return null;
        throw e;
      }
    };
    const report = (paused: boolean, sps: number) => hooks.onProgress({
      step: tr.step, loss: lossEma, stepsPerSecond: sps, lr: tr.currentLr(tr.progress(trainMs)), seconds: trainMs / 1000, progress: tr.progress(trainMs), paused,
    });
    await compileSamplingShapes(tf, net, tr.samplingTheta(), backend, [spec.qualitySamples, spec.finalSamples], spec.net.T);
    while (!hooks.shouldStop()) {
      if (hooks.isPaused()) {
        report(true, 0);
        const w0 = hooks.now();
        await hooks.waitWhilePaused();
        pausedMs += hooks.now() - w0;
        continue;
      }
      trainMs = hooks.now() - startedAt - pausedMs;
      if (tr.progress(trainMs) >= 1) break;
      // Per-step time from the last chunk (read included), so a chunk stays near CHUNK_MS on every backend.
      const c = await trainChunk(tr, hooks.now, trainMs, msPerStep > 0 ? Math.max(1, Math.floor((1.5 * CHUNK_MS) / msPerStep)) : 1);
      msPerStep = c.ms / c.steps;
      trainMs = hooks.now() - startedAt - pausedMs;
      rateSteps += c.steps; rateMs += c.ms;
      lossEma = Number.isNaN(lossEma) ? c.loss : 0.9 * lossEma + 0.1 * c.loss;
      report(false, rateMs > 0 ? (1000 * rateSteps) / rateMs : 0);
      if (rateMs > 2000) { rateSteps = 0; rateMs = 0; }
      if (spec.qualityEvery > 0 && trainMs - lastQualityAt >= spec.qualityEvery * 1000) {
        lastQualityAt = trainMs;
        const m = await measure(spec.qualitySamples, 1000 + tr.step);
        if (!m) break;
        lastQuality = m.q;
        preview = m.samples;
        hooks.onQuality(m.q, destandardize(m.samples, stats));
      }
      await hooks.yieldNow();
    }
    const s0 = hooks.now();
    const final = hooks.shouldStop() ? null : await measure(spec.finalSamples, spec.train.seed + 7);
    const quality = final?.q ?? lastQuality;
    const samples = final?.samples ?? preview;
    const model: SavedModel = {
      version: 1, weights: await net.toWeights(tr.samplingTheta()), schedule: { kind: spec.schedule, T: spec.net.T }, stats,
      points: Float32Array.from(spec.points), dataLabel: spec.dataLabel, steps: tr.step, backend, savedAt: Date.now(), quality: quality ?? undefined,
    };
    return {
      stopped: final === null, model, quality,
      samples: samples ? destandardize(samples, stats) : new Float32Array(0), sampleMs: final ? hooks.now() - s0 : 0,
    };
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

/** Draws `spec.n` points from a loaded model; `signal` stops it between steps (AbortError), `yieldNow` runs after each. */
export async function runSampling(
  tf: Tf, loaded: LoadedModel, spec: SampleSpec, control: { signal?: AbortSignal; yieldNow?: () => Promise<void> } = {},
): Promise<Sampled> {
  if (!Number.isInteger(spec.n) || spec.n < 1 || spec.n > 20000) throw new RangeError('The number of points must be 1 to 20,000.');
  const t0 = Date.now();
  const r = await samplePoints(tf, loaded.net, loaded.net.theta, makeSampler(loaded.table, spec.sampler), spec.n, makeRng(spec.seed), {
    maxFrames: spec.maxFrames, signal: control.signal, onStep: control.yieldNow,
  });
  return { x0: r.x0, xT: r.xT, frames: r.frames, ms: Date.now() - t0 };
}
