/** @jest-environment node */
import * as tf from '@tensorflow/tfjs';
import { Net, initWeights, packWeights, layerSlots, paramCount, timeEmbeddingTable, checkNetConfig } from '@/lib/train2d/model';
import { Trainer, drawBatch, learningRateAt } from '@/lib/train2d/trainer';
import { runTraining, runSampling, loadModel, measureQuality } from '@/lib/train2d/engine';
import { isSavedModel } from '@/lib/train2d/storage';
import { makeSchedule } from '@/lib/diffusion/schedule';
import { makeRng } from '@/lib/rng';
import { moons } from '@/lib/data2d';
import type { TrainSpec } from '@/lib/train2d/protocol';

jest.setTimeout(60000);
beforeAll(async () => { await tf.setBackend('cpu'); await tf.ready(); });

const cfg = { width: 16, depth: 2, fourier: 4, fourierScale: 1, timeDim: 8, T: 10, seed: 3 };

test('learning rate: warm-up, cosine decay to the floor', () => {
  const c = { lr: 0.01, warmupFrac: 0.1, minLrFrac: 0.02 };
  expect(learningRateAt(0, c)).toBe(0);
  expect(learningRateAt(0.05, c)).toBeCloseTo(0.005);
  expect(learningRateAt(0.1, c)).toBeCloseTo(0.01);
  expect(learningRateAt(1, c)).toBeCloseTo(0.0002);
  expect(learningRateAt(0.55, c)).toBeCloseTo(0.0002 + (0.01 - 0.0002) * 0.5);
});

test('drawBatch forms x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε with t uniform on 1..T', () => {
  const table = makeSchedule({ kind: 'cosine', T: 10 });
  const data = new Float32Array([1, 2]); // a single point
  const B = 4000;
  const out = { xt: new Float32Array(2 * B), eps: new Float32Array(2 * B), tIdx: new Int32Array(B) };
  drawBatch(data, table, makeRng(1), out);
  const seen = new Set<number>();
  for (let i = 0; i < B; i++) {
    const t = out.tIdx[i];
    seen.add(t);
    expect(out.xt[2 * i]).toBeCloseTo(table.sqrtAlphaBar[t] * 1 + table.sqrtOneMinusAlphaBar[t] * out.eps[2 * i], 5);
    expect(out.xt[2 * i + 1]).toBeCloseTo(table.sqrtAlphaBar[t] * 2 + table.sqrtOneMinusAlphaBar[t] * out.eps[2 * i + 1], 5);
  }
  expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('drawBatch with tPower p draws t − 1 = ⌊T·u^p⌋: p = 2 puts half the batch in the first quarter of the steps', () => {
  const table = makeSchedule({ kind: 'scaled-linear', T: 100 });
  const data = new Float32Array([1, 2]);
  const B = 20000;
  const share = (p: number | undefined) => {
    const out = { xt: new Float32Array(2 * B), eps: new Float32Array(2 * B), tIdx: new Int32Array(B) };
    drawBatch(data, table, makeRng(3), out, p);
    let low = 0, min = Infinity, max = -Infinity;
    for (const t of out.tIdx) { if (t < 25) low++; min = Math.min(min, t); max = Math.max(max, t); }
    return { low: low / B, min, max, first: Array.from(out.tIdx.slice(0, 5)) };
  };
  const uniform = share(undefined), squared = share(2);
  expect(uniform.low).toBeCloseTo(0.25, 1);
  expect(squared.low).toBeCloseTo(0.5, 1); // P(u² < 1/4) = 1/2
  expect([squared.min, squared.max]).toEqual([0, 99]);
  expect(share(1)).toEqual(uniform); // p = 1 is Algorithm 1 exactly, same draws
});

test('the trainer refuses a t power outside 0.25..8', () => {
  const table = makeSchedule({ kind: 'cosine', T: cfg.T });
  const net = new Net(tf, initWeights(cfg));
  const base = { batch: 8, lr: 1e-3, steps: 1, seconds: 0, warmupFrac: 0, minLrFrac: 1, emaDecay: 0, seed: 1 };
  for (const tPower of [0, -1, Number.NaN, 9]) expect(() => new Trainer(tf, net, new Float32Array([0, 0, 1, 1]), table, { ...base, tPower })).toThrow(/t power/);
  const ok = new Trainer(tf, net, new Float32Array([0, 0, 1, 1]), table, { ...base, tPower: 2 });
  ok.dispose();
  net.dispose();
});

test('weights pack into one θ and come back unchanged; bad configs are refused', async () => {
  const w = initWeights(cfg);
  expect(layerSlots(cfg).size).toBe(paramCount(cfg));
  expect(packWeights(w).length).toBe(paramCount(cfg));
  const net = new Net(tf, w);
  const back = await net.toWeights();
  back.layers.forEach((l, i) => { expect(Array.from(l.kernel)).toEqual(Array.from(w.layers[i].kernel)); expect(Array.from(l.bias)).toEqual(Array.from(w.layers[i].bias)); });
  net.dispose();
  expect(checkNetConfig({ ...cfg, timeDim: 7 })).toMatch(/even/);
  expect(() => initWeights({ ...cfg, width: 0 })).toThrow(/width/);
  const wrong = initWeights({ ...cfg, width: 8 });
  expect(() => new Net(tf, { ...wrong, config: cfg })).toThrow(/do not match/);
});

test('hand-written backprop matches TF.js autodiff', async () => {
  const net = new Net(tf, initWeights({ ...cfg, depth: 3 }));
  const rng = makeRng(5);
  const B = 16;
  const x = new Float32Array(2 * B), e = new Float32Array(2 * B), ti = new Int32Array(B);
  rng.fillNormal(x); rng.fillNormal(e);
  for (let i = 0; i < B; i++) ti[i] = rng.int(0, cfg.T - 1);
  const xt = tf.tensor2d(x, [B, 2]), eps = tf.tensor2d(e, [B, 2]), tIdx = tf.tensor1d(ti, 'int32');
  const feats = net.features(xt, tIdx);
  const auto = tf.variableGrads(() => tf.mean(tf.squaredDifference(net.apply(feats), eps)) as tf.Scalar, [net.theta]);
  const manual = net.lossAndGrad(feats, eps);
  expect((await manual.loss.data())[0]).toBeCloseTo((await auto.value.data())[0], 6);
  const ga = await auto.grads[net.theta.name].data();
  const gm = await manual.grad.data();
  expect(gm.length).toBe(ga.length);
  let maxAbs = 0, maxDiff = 0;
  for (let i = 0; i < ga.length; i++) { maxAbs = Math.max(maxAbs, Math.abs(ga[i])); maxDiff = Math.max(maxDiff, Math.abs(ga[i] - gm[i])); }
  expect(maxAbs).toBeGreaterThan(1e-4);
  expect(maxDiff).toBeLessThan(1e-5 * Math.max(1, maxAbs));
  tf.dispose([xt, eps, tIdx, feats, auto.value, auto.grads[net.theta.name], manual.loss, manual.grad]);
  net.dispose();
});

test('time embedding rows are distinct unit-ish sinusoids', () => {
  const tab = timeEmbeddingTable(10, 8);
  expect(tab.length).toBe(80);
  for (let t = 0; t < 10; t++) {
    for (let k = 0; k < 4; k++) expect(tab[t * 8 + k] ** 2 + tab[t * 8 + 4 + k] ** 2).toBeCloseTo(1, 5);
  }
});

test('training lowers the loss and leaves no tensors behind', async () => {
  const base = tf.memory().numTensors;
  const table = makeSchedule({ kind: 'cosine', T: 10 });
  const data = moons(256, makeRng(1));
  const net = new Net(tf, initWeights(cfg));
  const tr = new Trainer(tf, net, data, table, { batch: 64, lr: 0.01, steps: 200, seconds: 0, warmupFrac: 0.05, minLrFrac: 0.1, emaDecay: 0.99, seed: 1 });
  const losses: number[] = [];
  for (let i = 0; i < 200; i++) {
    const l = tr.trainStep(tr.progress(0));
    if (i < 20 || i >= 180) losses.push((await l.data())[0]);
    l.dispose();
  }
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
  expect(mean(losses.slice(20))).toBeLessThan(0.8 * mean(losses.slice(0, 20)));
  tr.dispose();
  net.dispose();
  expect(tf.memory().numTensors).toBe(base);
});

const hooksWith = (over: Partial<Parameters<typeof runTraining>[3]>): Parameters<typeof runTraining>[3] => ({
  onProgress: () => undefined, onQuality: () => undefined,
  shouldStop: () => false, isPaused: () => false, waitWhilePaused: async () => undefined,
  yieldNow: async () => undefined, now: () => performance.now(), ...over,
});

const moonsSpec = (over: Partial<TrainSpec> = {}): TrainSpec => ({
  points: moons(200, makeRng(2)).map((v) => v * 10 + 50), dataLabel: 'moons',
  schedule: 'linear', net: { width: 16, depth: 2, fourier: 4, fourierScale: 1, timeDim: 8, T: 10 },
  train: { batch: 32, lr: 0.01, steps: 100000, seconds: 0, warmupFrac: 0.05, minLrFrac: 0.1, emaDecay: 0.99, seed: 1 },
  qualityEvery: 0, qualitySamples: 100, finalSamples: 300, sampler: { kind: 'ddpm', variance: 'small' }, ...over,
});

test('a stopped run returns at once with the model so far and its last preview (no final draw)', async () => {
  const base = tf.memory().numTensors;
  let stop = false;
  let previews = 0;
  const res = await runTraining(tf, moonsSpec({ qualityEvery: 0.001 }), 'cpu', hooksWith({
    onProgress: (p) => { if (p.step >= 40) stop = true; },
    onQuality: (_q, preview) => { previews++; expect(preview.length).toBe(200); },
    shouldStop: () => stop,
  }));
  expect(res.stopped).toBe(true);
  expect(previews).toBeGreaterThan(0);
  expect(res.samples.length).toBe(200); // the last preview's 100 points
  expect(res.sampleMs).toBe(0);
  expect(res.quality?.step).toBeLessThanOrEqual(res.model.steps);
  expect(res.model.steps).toBeGreaterThanOrEqual(40);
  expect(isSavedModel(res.model)).toBe(true);
  expect(tf.memory().numTensors).toBe(base);
});

test('Stop during a quality draw takes effect at the next sampling step', async () => {
  const base = tf.memory().numTensors;
  let yields = 0;
  let stop = false;
  const res = await runTraining(tf, moonsSpec({ qualityEvery: 0.001 }), 'cpu', hooksWith({
    // The first yields come from the first quality draw's steps (T = 10): stop at its third.
    yieldNow: async () => { if (++yields === 3) stop = true; },
    shouldStop: () => stop,
  }));
  expect(yields).toBe(3);
  expect(res.stopped).toBe(true);
  expect(res.quality).toBeNull();
  expect(res.samples.length).toBe(0);
  expect(tf.memory().numTensors).toBe(base);
});

test('runTraining spends its step budget, returns a loadable model, and sampling reproduces with a seed', async () => {
  const base = tf.memory().numTensors;
  let progressCalls = 0;
  const res = await runTraining(tf, moonsSpec({ train: { ...moonsSpec().train, steps: 60 } }), 'cpu', hooksWith({
    onProgress: () => { progressCalls++; },
  }));
  expect(res.stopped).toBe(false);
  expect(progressCalls).toBeGreaterThan(0);
  expect(res.model.steps).toBe(60);
  expect(res.quality?.step).toBe(60);
  expect(res.samples.length).toBe(600);
  // Samples come back in the input's coordinates (around 50, not around 0).
  const mx = res.samples.filter((_, i) => i % 2 === 0).reduce((s, v) => s + v, 0) / 300;
  expect(mx).toBeGreaterThan(30);
  expect(mx).toBeLessThan(70);
  expect(isSavedModel(res.model)).toBe(true);
  expect(tf.memory().numTensors).toBe(base);

  const loaded = loadModel(tf, res.model);
  const a = await runSampling(tf, loaded, { model: res.model, sampler: { kind: 'ddim', eta: 0.5, steps: 5 }, n: 50, seed: 9, maxFrames: 5 });
  const b = await runSampling(tf, loaded, { model: res.model, sampler: { kind: 'ddim', eta: 0.5, steps: 5 }, n: 50, seed: 9, maxFrames: 5 });
  expect(Array.from(a.x0)).toEqual(Array.from(b.x0));
  expect(a.frames.map((f) => f.t)).toEqual([10, 8, 6, 4, 2]);
  // The recorded parts add up: the next frame's x_t is this frame's mean + σ z.
  for (let k = 0; k + 1 < a.frames.length; k++) {
    for (let i = 0; i < 10; i++) expect(a.frames[k + 1].xt[i]).toBeCloseTo(a.frames[k].mean[i] + a.frames[k].noise[i], 5);
  }
  expect(a.frames[1].sigma).toBeGreaterThan(0);
  const c = await runSampling(tf, loaded, { model: res.model, sampler: { kind: 'ddim', eta: 0.5, steps: 5 }, n: 50, seed: 10, maxFrames: 0 });
  expect(Array.from(c.x0)).not.toEqual(Array.from(a.x0));
  // Stop between sampling steps: the AbortError after the step that saw it, no tensor left behind.
  const ac = new AbortController();
  let k = 0;
  await expect(runSampling(tf, loaded, { model: res.model, sampler: { kind: 'ddim', eta: 0.5, steps: 5 }, n: 50, seed: 9, maxFrames: 5 }, {
    signal: ac.signal, yieldNow: async () => { if (++k === 2) ac.abort(); },
  })).rejects.toMatchObject({ name: 'AbortError' });
  expect(k).toBe(2);
  loaded.net.dispose();
  expect(tf.memory().numTensors).toBe(base);
  await expect(runSampling(tf, loadModel(tf, res.model), { model: res.model, sampler: { kind: 'ddpm', variance: 'large' }, n: 0, seed: 1, maxFrames: 0 })).rejects.toThrow(/1 to 20,000/);
});

test('runTraining refuses non-finite or too few points', async () => {
  const hooks = { onProgress: () => undefined, onQuality: () => undefined, shouldStop: () => false, isPaused: () => false, waitWhilePaused: async () => undefined, yieldNow: async () => undefined, now: () => 0 };
  const spec = (points: Float32Array): TrainSpec => ({
    points, dataLabel: 'x', schedule: 'cosine', net: { width: 8, depth: 1, fourier: 2, fourierScale: 1, timeDim: 4, T: 5 },
    train: { batch: 8, lr: 0.01, steps: 5, seconds: 0, warmupFrac: 0, minLrFrac: 1, emaDecay: 0, seed: 1 },
    qualityEvery: 0, qualitySamples: 10, finalSamples: 10, sampler: { kind: 'ddpm', variance: 'small' },
  });
  await expect(runTraining(tf, spec(new Float32Array([1, 2])), 'cpu', hooks)).rejects.toThrow(/at least 2/);
  await expect(runTraining(tf, spec(new Float32Array([1, 2, NaN, 3])), 'cpu', hooks)).rejects.toThrow(/finite/);
});

test('quality: perfect samples score 1, far samples score 0', () => {
  const train = moons(300, makeRng(4));
  const q = measureQuality(train, train, 1);
  expect(q.precision).toBe(1);
  expect(q.coverage).toBe(1);
  expect(q.swd).toBeCloseTo(0, 6);
  const far = train.map((v) => v + 100);
  const q2 = measureQuality(train, far, 1);
  expect(q2.precision).toBe(0);
  expect(q2.coverage).toBe(0);
});
