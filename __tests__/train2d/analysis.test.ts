/** @jest-environment node */
/**
 * The theory chapter's measurements on a real trained 2D model (the shipped two-moons model), on
 * TF.js's cpu backend: the bound term by term and the ε-MSE per t (lib/train2d/analysis runBound),
 * and the score field with particles (runScoreField). Tensors are back to the baseline after each.
 */
import fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { decodeModelFile } from '@/lib/train2d/modelFile';
import { loadModel } from '@/lib/train2d/engine';
import { initWeights } from '@/lib/train2d/model';
import { runBound, runScoreField } from '@/lib/train2d/analysis';
import type { SavedModel } from '@/lib/train2d/protocol';

jest.setTimeout(60000);
beforeAll(async () => { await tf.setBackend('cpu'); await tf.ready(); });

function shipped(name: string): SavedModel {
  const d = decodeModelFile(fs.readFileSync(`public/models/2d/${name}.json`, 'utf8'));
  if (!d.ok) throw new Error(d.error.code);
  return d.model;
}

test('bound of the trained moons model: finite terms, ε-MSE falls to ~0 at large t, better than an untrained net', async () => {
  // 300 of its 1,000 training points keep the test short on the cpu backend.
  const full = shipped('moons');
  const model = { ...full, points: full.points.slice(0, 600) };
  const before = tf.memory().numTensors;
  const loaded = loadModel(tf, model);
  const fractions: number[] = [];
  const r = await runBound(tf, loaded, { model, variance: 'large', repeats: 1, seed: 1 }, { onProgress: (f) => fractions.push(f) });
  const T = model.schedule.T;
  expect(r.terms.length).toBe(T);
  expect(r.terms.every(Number.isFinite)).toBe(true);
  expect(Number.isFinite(r.total)).toBe(true);
  expect(r.total).toBeCloseTo(r.prior + r.terms.reduce((a, b) => a + b, 0), 6);
  expect(fractions.at(-1)).toBe(1);
  console.log(`moons: total ${r.total.toFixed(3)} ± ${r.totalStdErr.toFixed(3)} nats, L_T ${r.prior.toExponential(2)}, L_0 ${r.terms[0].toFixed(3)}; ε-MSE per t (every 10th): ${Array.from(r.mse).filter((_, i) => i % 10 === 0).map((v) => v.toFixed(2)).join(' ')}`);
  // At the noisy end x_t ≈ ε: the best ε-prediction error goes to zero; the error sits at small and middle t.
  const late = r.mse.slice(Math.floor(0.9 * T)).reduce((a, b) => a + b, 0) / Math.ceil(0.1 * T);
  const middle = r.mse.slice(Math.floor(0.1 * T), Math.floor(0.5 * T)).reduce((a, b) => a + b, 0) / (Math.floor(0.5 * T) - Math.floor(0.1 * T));
  expect(late).toBeLessThan(0.1);
  expect(middle).toBeGreaterThan(2 * late);
  loaded.net.dispose();
  const untrained: SavedModel = { ...model, weights: initWeights({ ...model.weights.config, seed: 5 }) };
  const raw = loadModel(tf, untrained);
  const r0 = await runBound(tf, raw, { model: untrained, variance: 'large', repeats: 1, seed: 1 });
  raw.net.dispose();
  expect(r0.total).toBeGreaterThan(r.total + 1);
  expect(tf.memory().numTensors).toBe(before);
});

test('score field of the trained model: near t = T it points back to the origin like the score of N(0, I)', async () => {
  const model = shipped('moons');
  const before = tf.memory().numTensors;
  const loaded = loadModel(tf, model);
  const r = await runScoreField(tf, loaded, { model, particles: 50, gridSize: 9, bounds: { x0: -3, x1: 3, y0: -3, y1: 3 }, seed: 2 });
  expect(r.steps[0]).toBe(model.schedule.T);
  expect(r.steps.at(-1)).toBe(1);
  expect(r.fields.length).toBe(r.steps.length);
  expect(r.clouds[0].length).toBe(100);
  expect(r.fields[0].length).toBe(2 * 81);
  let cos = 0;
  for (let k = 0; k < r.grid.length; k += 2) {
    const gx = r.grid[k], gy = r.grid[k + 1], u = r.fields[0][k], v = r.fields[0][k + 1];
    const len = Math.hypot(gx, gy) * Math.hypot(u, v);
    if (len > 0) cos += (-gx * u - gy * v) / len / 81;
  }
  expect(cos).toBeGreaterThan(0.9);
  const signal = { aborted: false };
  await expect(runScoreField(tf, loaded, { model, particles: 10, gridSize: 5, bounds: { x0: -1, x1: 1, y0: -1, y1: 1 }, seed: 1 },
    { signal, onProgress: (f) => { if (f > 0.3) signal.aborted = true; } })).rejects.toMatchObject({ name: 'AbortError' });
  await expect(runBound(tf, loaded, { model, variance: 'small', repeats: 0, seed: 1 })).rejects.toThrow(/1 to 16/);
  loaded.net.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
