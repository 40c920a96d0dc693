/**
 * The training loop the GAN, the VAE and the flow share (DDPM runs the theory chapter's own
 * loop, lib/train2d/engine.ts#runTraining, with the same budget rules): steps in chunks of
 * CHUNK_MS so Stop arrives between chunks, the smoothed loss after every chunk, sample quality
 * every `qualityEvery` seconds, and when the wall-clock budget is spent a timed draw of
 * `finalSamples` points. A loss that stops being a finite number, or samples that run off to
 * infinity, end the run with a `failure` instead of NaN numbers.
 */
import { makeRng } from '../rng';
import { measureQuality } from '../train2d/engine';
import type { QualityPoint } from '../train2d/protocol';
import type { RaceNet } from './net';
import type { RaceFailure, RaceModelId, RaceProgress } from './protocol';

export interface LoopHooks {
  onProgress(p: RaceProgress): void;
  /** `preview` in standardized coordinates. */
  onQuality(q: QualityPoint, preview: Float32Array): void;
  shouldStop(): boolean;
  yieldNow(): Promise<void>;
  now(): number;
}

export interface LoopOptions {
  model: RaceModelId;
  seconds: number;
  qualityEvery: number;
  qualitySamples: number;
  finalSamples: number;
  seed: number;
}

export interface LoopResult {
  stopped: boolean;
  failure: RaceFailure | null;
  steps: number;
  seconds: number;
  /** The timed final draw, or after Stop / a failure the last preview (standardized; null: none). */
  samples: Float32Array | null;
  sampleMs: number;
  quality: QualityPoint | null;
  likelihood: number | null;
}

const CHUNK_MS = 40;
/** A sample farther than this from the origin (in standard deviations of the data) means the model diverged. */
const DIVERGED_AT = 1e3;

/** At most this many points enter a likelihood (every k-th training point), the same ones for every model. */
const LIKELIHOOD_POINTS = 2000;

/** Every k-th point of `data` so that at most LIKELIHOOD_POINTS remain. */
export function likelihoodPoints(data: Float32Array): Float32Array {
  const n = data.length / 2, k = Math.ceil(n / LIKELIHOOD_POINTS);
  if (k <= 1) return data;
  const out = new Float32Array(2 * Math.ceil(n / k));
  for (let i = 0, j = 0; i < n; i += k, j++) { out[2 * j] = data[2 * i]; out[2 * j + 1] = data[2 * i + 1]; }
  return out;
}

/** True when every coordinate is finite and within DIVERGED_AT. */
export function samplesHealthy(x: Float32Array): boolean {
  for (let i = 0; i < x.length; i++) if (!(Math.abs(x[i]) < DIVERGED_AT)) return false;
  return true;
}

/** Steps for about CHUNK_MS (at most maxSteps); the last step's [loss, …parts]. */
async function chunk(net: RaceNet, now: () => number, maxSteps: number): Promise<{ values: number[]; steps: number; ms: number }> {
  const c0 = now();
  let last = net.trainStep(), steps = 1;
  while (steps < maxSteps && now() - c0 < CHUNK_MS) { last.dispose(); last = net.trainStep(); steps++; }
  const values = Array.from(await last.data());
  last.dispose();
  return { values, steps, ms: now() - c0 };
}

/**
 * Trains `net` on `data` (standardized) for `o.seconds` of wall time, then draws and times the final samples.
 * Before the clock starts the untrained net draws `finalSamples` points once, untimed and thrown away:
 * a GPU backend compiles its kernels for that batch shape there, so the timed draw measures drawing,
 * not compiling (on wasm and cpu nothing is compiled and the warm-up costs one fast pass).
 */
export async function trainRaceNet(net: RaceNet, data: Float32Array, o: LoopOptions, h: LoopHooks): Promise<LoopResult> {
  await net.sample(o.finalSamples, makeRng(o.seed ^ 0x5bd1e995));
  const t0 = h.now(), rng = makeRng(o.seed ^ 0x2545f491);
  let steps = 0, ms = 0, lastQ = 0, rateSteps = 0, rateMs = 0, msPerStep = 0, lossEma = NaN;
  let failure: RaceFailure | null = null, quality: QualityPoint | null = null, preview: Float32Array | null = null;
  const measure = async (n: number): Promise<Float32Array | null> => {
    const s = await net.sample(n, rng);
    if (samplesHealthy(s)) return s;
    failure = { kind: 'diverged', step: steps };
    return null;
  };
  while (!h.shouldStop() && (ms = h.now() - t0) < 1000 * o.seconds) {
    const c = await chunk(net, h.now, msPerStep > 0 ? Math.max(1, Math.floor((1.5 * CHUNK_MS) / msPerStep)) : 1);
    steps += c.steps; msPerStep = c.ms / c.steps; rateSteps += c.steps; rateMs += c.ms;
    if (!c.values.every(Number.isFinite)) { failure = { kind: 'nan', step: steps }; break; }
    lossEma = Number.isNaN(lossEma) ? c.values[0] : 0.9 * lossEma + 0.1 * c.values[0];
    ms = h.now() - t0;
    h.onProgress({ model: o.model, step: steps, loss: lossEma, parts: c.values.slice(1), seconds: ms / 1000,
      stepsPerSecond: rateMs > 0 ? (1000 * rateSteps) / rateMs : 0, progress: Math.min(1, ms / (1000 * o.seconds)) });
    if (rateMs > 2000) { rateSteps = 0; rateMs = 0; }
    if (o.qualityEvery > 0 && ms - lastQ >= 1000 * o.qualityEvery) {
      lastQ = ms;
      const s = await measure(o.qualitySamples);
      if (!s) break;
      preview = s;
      quality = { step: steps, seconds: ms / 1000, ...measureQuality(data, s, 12345) };
      h.onQuality(quality, s);
    }
    await h.yieldNow();
  }
  const base = { steps, seconds: Math.min(ms, 1000 * o.seconds) / 1000, failure };
  if (failure || h.shouldStop()) return { ...base, stopped: !failure, samples: preview, sampleMs: 0, quality, likelihood: null };
  const s0 = h.now();
  const final = await measure(o.finalSamples);
  const sampleMs = h.now() - s0;
  if (!final) return { ...base, failure, stopped: false, samples: preview, sampleMs: 0, quality, likelihood: null };
  quality = { step: steps, seconds: base.seconds, ...measureQuality(data, final, 12345) };
  const likelihood = net.likelihood ? await net.likelihood(likelihoodPoints(data)) : null;
  return { ...base, stopped: false, samples: final, sampleMs, quality, likelihood: likelihood !== null && Number.isFinite(likelihood) ? likelihood : null };
}
