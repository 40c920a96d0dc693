/**
 * One model's run in the race, as a plain async function over a TF.js instance (the worker
 * calls it; Jest runs it on the cpu backend): standardize the points, build the model, train it
 * for the budget, time the final draw, measure it and map the samples back to the points' own
 * coordinates. DDPM is the theory chapter's trainer and sampler, unchanged.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import { makeRng } from '../rng';
import { isAbortError } from '../abort';
import { computeStats, applyStandardize, destandardize } from '../data2d/standardize';
import { runTraining, loadModel, runSampling, measureQuality, type LoadedModel } from '../train2d/engine';
import { predictEps } from '../train2d/sample';
import { estimateBound } from '../diffusion/bound';
import { TRAIN2D_DEFAULTS as D, FINAL_SAMPLER } from '../train2d/defaults';
import type { TrainSpec } from '../train2d/protocol';
import { Gan } from './gan';
import { Vae } from './vae';
import { RealNvp } from './flow';
import { trainRaceNet, likelihoodPoints, type LoopHooks } from './loop';
import { RACE_DEFAULTS } from './defaults';
import type { RaceNet } from './net';
import type { RaceLikelihood, RaceModelId, RaceResult, RaceSpec } from './protocol';

type Tf = typeof TfNamespace;

/** Bad input gets a message, never NaN numbers. */
export function checkRaceSpec(spec: RaceSpec): void {
  const n = Math.floor(spec.points.length / 2);
  if (n < 2) throw new RangeError('Need at least 2 training points.');
  if (!spec.points.every(Number.isFinite)) throw new RangeError('The training points contain a value that is not a finite number.');
  if (!(spec.seconds > 0 && spec.seconds <= 600)) throw new RangeError('The time budget must be more than 0 and at most 600 seconds.');
  if (!Number.isInteger(spec.dSteps) || spec.dSteps < 1 || spec.dSteps > 20) throw new RangeError('Discriminator steps must be a whole number from 1 to 20.');
  if (!(spec.ganLr > 0 && spec.ganLr < 1)) throw new RangeError('The GAN learning rate must be between 0 and 1.');
  if (!Number.isInteger(spec.finalSamples) || spec.finalSamples < 1 || spec.finalSamples > 20000) throw new RangeError('The number of final samples must be 1 to 20,000.');
}

function buildNet(tf: Tf, model: Exclude<RaceModelId, 'ddpm'>, data: Float32Array, spec: RaceSpec): RaceNet {
  const rng = makeRng(spec.seed * 4 + RACE_MODEL_SALT[model]);
  if (model === 'gan') return new Gan(tf, data, { ...RACE_DEFAULTS.gan, lr: spec.ganLr, dSteps: spec.dSteps }, rng);
  if (model === 'vae') return new Vae(tf, data, RACE_DEFAULTS.vae, rng);
  return new RealNvp(tf, data, RACE_DEFAULTS.flow, rng);
}

const RACE_MODEL_SALT: Record<RaceModelId, number> = { gan: 1, vae: 2, flow: 3, ddpm: 0 };

const LIKELIHOOD_KIND: Record<RaceModelId, RaceLikelihood['kind']> = { gan: 'none', vae: 'elbo', flow: 'exact', ddpm: 'bound' };

/** Trains one model of the race; `hooks.onQuality` gets previews in the points' own coordinates. */
export async function runRace(tf: Tf, spec: RaceSpec, backend: string, hooks: LoopHooks): Promise<RaceResult> {
  checkRaceSpec(spec);
  if (spec.model === 'ddpm') return runDdpmRace(tf, spec, backend, hooks);
  const stats = computeStats(spec.points);
  const data = applyStandardize(spec.points, stats);
  const net = buildNet(tf, spec.model, data, spec);
  try {
    const r = await trainRaceNet(net, data, spec, {
      ...hooks, onQuality: (q, preview) => hooks.onQuality(q, destandardize(preview, stats)),
    });
    return {
      model: spec.model, stopped: r.stopped, failure: r.failure, steps: r.steps, seconds: r.seconds,
      samples: r.samples ? destandardize(r.samples, stats) : new Float32Array(0), sampleMs: r.sampleMs, passes: 1, quality: r.quality,
      likelihood: { kind: LIKELIHOOD_KIND[spec.model], value: r.likelihood },
    };
  } finally {
    net.dispose();
  }
}

/** The theory chapter's 2D DDPM with its defaults and the race's budget and seed. */
function ddpmTrainSpec(spec: RaceSpec): TrainSpec {
  return {
    points: spec.points, dataLabel: spec.dataLabel, schedule: D.schedule,
    net: { width: D.width, depth: D.depth, fourier: D.fourier, fourierScale: D.fourierScale, timeDim: D.timeDim, T: D.T },
    train: { batch: D.batch, lr: D.lr, steps: D.steps, seconds: spec.seconds, warmupFrac: D.warmupFrac, minLrFrac: D.minLrFrac, emaDecay: D.emaDecay, tPower: D.tPower, seed: spec.seed },
    qualityEvery: spec.qualityEvery, qualitySamples: spec.qualitySamples, finalSamples: spec.qualitySamples, sampler: FINAL_SAMPLER,
  };
}

/**
 * −L (Eq. 5) per point: the theory chapter's term-by-term bound (lib/diffusion/bound.ts) with the
 * sampler's σ_t² = β̃_t, a lower bound on log p_θ(x_0) in nats (continuous Gaussian decoder at t = 1).
 */
async function ddpmBound(tf: Tf, loaded: LoadedModel, x0: Float32Array, seed: number, signal: { readonly aborted: boolean }, yieldNow: () => Promise<void>): Promise<number | null> {
  const est = await estimateBound(loaded.table, x0, 2, (x, t) => predictEps(tf, loaded.net, loaded.net.theta, x, t), makeRng(seed + 11), {
    variance: 'small', signal, onStep: yieldNow,
  });
  return Number.isFinite(est.total) ? -est.total : null;
}

async function runDdpmRace(tf: Tf, spec: RaceSpec, backend: string, hooks: LoopHooks): Promise<RaceResult> {
  let seconds = 0;
  const res = await runTraining(tf, ddpmTrainSpec(spec), backend, {
    onProgress: (p) => { seconds = p.seconds; hooks.onProgress({ model: 'ddpm', step: p.step, loss: p.loss, parts: [], seconds: p.seconds, stepsPerSecond: p.stepsPerSecond, progress: p.progress }); },
    onQuality: hooks.onQuality, shouldStop: hooks.shouldStop, isPaused: () => false, waitWhilePaused: () => Promise.resolve(),
    yieldNow: hooks.yieldNow, now: hooks.now,
  });
  const base = { model: 'ddpm' as const, failure: null, steps: res.model.steps, seconds: Math.min(spec.seconds, seconds),
    passes: D.T, likelihood: { kind: LIKELIHOOD_KIND.ddpm, value: null as number | null } };
  if (res.stopped) return { ...base, stopped: true, samples: res.samples, sampleMs: 0, quality: res.quality };
  const loaded = loadModel(tf, res.model);
  try {
    const stop = { get aborted() { return hooks.shouldStop(); } } as AbortSignal;
    const s0 = hooks.now();
    const s = await runSampling(tf, loaded, { model: res.model, sampler: FINAL_SAMPLER, n: spec.finalSamples, seed: spec.seed + 7, maxFrames: 0 }, { signal: stop, yieldNow: hooks.yieldNow });
    const sampleMs = hooks.now() - s0;
    const data = applyStandardize(spec.points, res.model.stats);
    const quality = { step: res.model.steps, seconds: base.seconds, ...measureQuality(data, s.x0, 12345) };
    const value = await ddpmBound(tf, loaded, likelihoodPoints(data), spec.seed, stop, hooks.yieldNow);
    return { ...base, stopped: false, samples: destandardize(s.x0, res.model.stats), sampleMs, quality, likelihood: { kind: 'bound', value } };
  } catch (e) {
    if (!isAbortError(e)) throw e;
    return { ...base, stopped: true, samples: res.samples, sampleMs: 0, quality: res.quality };
  } finally {
    loaded.net.dispose();
  }
}
