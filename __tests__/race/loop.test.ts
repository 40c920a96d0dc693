/** @jest-environment node */
/** The race's loop and engine: failures caught (never NaN), Stop, and tensor counts back to baseline. */
import * as tf from '@tensorflow/tfjs';
import { trainRaceNet, samplesHealthy, type LoopHooks } from '@/lib/race/loop';
import { runRace, checkRaceSpec } from '@/lib/race/engine';
import { qualityEveryFor } from '@/lib/race/defaults';
import type { RaceNet } from '@/lib/race/net';
import type { RaceSpec } from '@/lib/race/protocol';
import { makeDataset } from '@/lib/data2d';
import { makeRng } from '@/lib/rng';

jest.setTimeout(120000);
beforeAll(async () => { await tf.setBackend('cpu'); await tf.ready(); });

const hooks = (over: Partial<LoopHooks> = {}): LoopHooks => ({
  onProgress: () => undefined, onQuality: () => undefined, shouldStop: () => false, yieldNow: () => Promise.resolve(), now: () => performance.now(), ...over,
});
const data = makeDataset('moons', 200, makeRng(1));

/** A stand-in model whose loss turns NaN after `badAt` steps, or whose samples run away. */
function fakeNet(badAt: number, runaway = false): RaceNet {
  let k = 0;
  return {
    trainStep: () => tf.tensor1d([++k >= badAt ? NaN : 1 / k, 0.5]),
    sample: async (n) => Float32Array.from({ length: 2 * n }, (_, i) => (runaway ? 1e6 : Math.sin(i))),
    dispose: () => undefined,
  };
}

const opts = { model: 'gan' as const, seconds: 0.5, qualityEvery: 0.1, qualitySamples: 50, finalSamples: 100, seed: 1 };

test('a loss that turns NaN ends the run with a failure, no NaN reported', async () => {
  const losses: number[] = [];
  // A clock that moves 1 ms per reading: the 30 steps fit the 0.5 s budget however busy the machine is.
  let clock = 0;
  const r = await trainRaceNet(fakeNet(30), data, opts, hooks({ onProgress: (p) => losses.push(p.loss), now: () => (clock += 1) }));
  expect(r.failure).toEqual({ kind: 'nan', step: expect.any(Number) });
  expect(r.failure!.step).toBeGreaterThanOrEqual(30);
  expect(losses.every(Number.isFinite)).toBe(true);
  expect(r.stopped).toBe(false);
  expect(r.likelihood).toBeNull();
});

test('samples running off to infinity are caught as divergence', async () => {
  const r = await trainRaceNet(fakeNet(1e9, true), data, opts, hooks());
  expect(r.failure?.kind).toBe('diverged');
  expect(samplesHealthy(new Float32Array([1, NaN]))).toBe(false);
  expect(samplesHealthy(new Float32Array([1, -2]))).toBe(true);
});

test('a healthy run spends its budget, measures quality and times the final draw', async () => {
  const qs: number[] = [];
  const r = await trainRaceNet(fakeNet(1e9), data, opts, hooks({ onQuality: (q) => qs.push(q.coverage) }));
  expect(r.failure).toBeNull();
  expect(r.seconds).toBeGreaterThanOrEqual(0.45);
  expect(r.samples).toHaveLength(200);
  expect(qs.length).toBeGreaterThanOrEqual(2);
  expect(r.quality?.precision).toBeGreaterThanOrEqual(0);
});

const spec = (model: RaceSpec['model'], seconds = 0.6): RaceSpec => ({
  model, points: data, dataLabel: 'moons', seconds, seed: 3, dSteps: 2, ganLr: 1e-3, qualityEvery: 0.3, qualitySamples: 100, finalSamples: 300,
});

test.each(['gan', 'vae', 'flow', 'ddpm'] as const)('%s: a short run returns finite results and frees every tensor', async (model) => {
  const before = tf.memory().numTensors;
  const r = await runRace(tf, spec(model), 'cpu', hooks());
  expect(tf.memory().numTensors).toBe(before);
  expect(r.failure).toBeNull();
  expect(r.samples).toHaveLength(600);
  expect(r.samples.every(Number.isFinite)).toBe(true);
  expect(r.sampleMs).toBeGreaterThan(0);
  expect(r.passes).toBe(model === 'ddpm' ? 100 : 1);
  expect(r.likelihood.kind).toBe({ gan: 'none', vae: 'elbo', flow: 'exact', ddpm: 'bound' }[model]);
  if (model !== 'gan') expect(Number.isFinite(r.likelihood.value)).toBe(true);
});

test('Stop ends a run at once with what it has and frees every tensor', async () => {
  for (const model of ['flow', 'ddpm'] as const) {
    const before = tf.memory().numTensors;
    let steps = 0;
    const r = await runRace(tf, spec(model, 30), 'cpu', hooks({ onProgress: (p) => { steps = p.step; }, shouldStop: () => steps >= 2 }));
    expect(r.stopped).toBe(true);
    expect(r.seconds).toBeLessThan(30);
    expect(tf.memory().numTensors).toBe(before);
  }
});

test('bad input gets a message', () => {
  expect(() => checkRaceSpec({ ...spec('gan'), points: new Float32Array([1, 2]) })).toThrow(/at least 2/);
  expect(() => checkRaceSpec({ ...spec('gan'), points: new Float32Array([1, NaN, 2, 3]) })).toThrow(/finite/);
  expect(() => checkRaceSpec({ ...spec('gan'), dSteps: 0 })).toThrow(/Discriminator steps/);
  expect(() => checkRaceSpec({ ...spec('gan'), seconds: 0 })).toThrow(/time budget/);
  expect(qualityEveryFor(30)).toBe(4);
  expect(qualityEveryFor(2)).toBe(0.5);
});

test('likelihoods use at most 2,000 evenly spread points', async () => {
  const { likelihoodPoints } = await import('@/lib/race/loop');
  const big = Float32Array.from({ length: 2 * 5001 }, (_, i) => i);
  const sub = likelihoodPoints(big);
  expect(sub.length / 2).toBeLessThanOrEqual(2000);
  expect(sub.length / 2).toBeGreaterThan(1600);
  expect(Array.from(sub.slice(0, 4))).toEqual([0, 1, 6, 7]);
  expect(likelihoodPoints(data)).toBe(data);
});
