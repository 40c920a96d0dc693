/** @jest-environment node */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  MAX_MODEL_FILE_BYTES, checksumOf, decodeArray, decodeModelFile, encodeArray, encodeModelFile, fromHalf, modelFileText, toHalf,
  type ModelFile, type ModelFileBody,
} from '@/lib/train2d/modelFile';
import { PRETRAINED_2D, pretrainedUrl } from '@/lib/train2d/pretrained';
import { initWeights } from '@/lib/train2d/model';
import { makeDataset, computeStats, dinoPoints } from '@/lib/data2d';
import { makeRng } from '@/lib/rng';
import type { SavedModel } from '@/lib/train2d/protocol';

function model(): SavedModel {
  const points = makeDataset('moons', 50, makeRng(4));
  return {
    version: 1, weights: initWeights({ width: 8, depth: 2, fourier: 3, fourierScale: 1, timeDim: 4, T: 30, seed: 9 }),
    schedule: { kind: 'cosine', T: 30 }, stats: computeStats(points), points, dataLabel: 'moons', steps: 12, backend: 'cpu', savedAt: 5,
    quality: { step: 12, seconds: 1, precision: 0.5, coverage: 0.6, swd: 0.1 },
  };
}

/** Change a decoded file and give it a valid checksum again (a file a buggy writer might produce). */
function resealed(f: ModelFile, change: (b: ModelFileBody) => void): string {
  const { checksum: _old, ...body } = JSON.parse(JSON.stringify(f)) as ModelFile;
  void _old;
  change(body);
  return JSON.stringify({ ...body, checksum: checksumOf(body) });
}

test('float16 conversion: exact values, rounding, overflow, subnormals, NaN', () => {
  for (const v of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24]) expect(fromHalf(toHalf(v))).toBe(v);
  expect(fromHalf(toHalf(1 + 2 ** -11))).toBe(1); // halfway: rounds to even
  expect(fromHalf(toHalf(0.1))).toBeCloseTo(0.1, 4);
  expect(fromHalf(toHalf(1e6))).toBe(Infinity);
  expect(fromHalf(toHalf(2 ** -30))).toBe(0);
  expect(Number.isNaN(fromHalf(toHalf(NaN)))).toBe(true);
});

test('arrays: float32 exact, float16 and 8-bit within their rounding', () => {
  const a = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i) * 3);
  expect(Array.from(decodeArray(encodeArray(a, 'f32'), 'a') as Float32Array)).toEqual(Array.from(a));
  const h = decodeArray(encodeArray(a, 'f16'), 'a') as Float32Array;
  const q = decodeArray(encodeArray(a, 'q8'), 'a') as Float32Array;
  a.forEach((v, i) => { expect(Math.abs(h[i] - v)).toBeLessThanOrEqual(3 * 2 ** -11); expect(Math.abs(q[i] - v)).toBeLessThanOrEqual(3 / 127 / 2 + 1e-6); });
  expect(decodeArray({ enc: 'f32', n: 3, data: 'AAAA' }, 'x')).toMatch(/expected 3/);
  expect(decodeArray({ enc: 'f64' as 'f32', n: 1, data: '' }, 'x')).toMatch(/unknown encoding/);
});

test('a float32 file reads back to the same model', () => {
  const m = model();
  const r = decodeModelFile(modelFileText(encodeModelFile(m)));
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(Array.from(r.model.points)).toEqual(Array.from(m.points));
  r.model.weights.layers.forEach((l, i) => expect(Array.from(l.kernel)).toEqual(Array.from(m.weights.layers[i].kernel)));
  expect(Array.from(r.model.weights.fourierB)).toEqual(Array.from(m.weights.fourierB));
  expect(r.model.schedule).toEqual(m.schedule);
  expect(r.model.stats).toEqual(m.stats);
  expect(r.model.quality).toEqual(m.quality);
});

test('wrong, damaged and unsafe files are refused with a reason', () => {
  const f = encodeModelFile(model());
  const text = modelFileText(f);
  const err = (t: string) => { const r = decodeModelFile(t); return r.ok ? null : r.error; };
  expect(err('{"format": "ddpm-explorable-2d-model"')).toEqual({ code: 'not-json' });
  expect(err('{"hello": 1}')).toEqual({ code: 'not-model' });
  expect(err('[1, 2]')).toEqual({ code: 'not-model' });
  expect(err(text.replace('"version":1', '"version":2'))).toEqual({ code: 'version', found: '2' });
  expect(err(text.replace('"steps":12', '"steps":13'))).toEqual({ code: 'checksum' });
  expect(err(' '.repeat(MAX_MODEL_FILE_BYTES + 1))).toEqual({ code: 'too-large', bytes: MAX_MODEL_FILE_BYTES + 1 });
  expect(err(resealed(f, (b) => { b.layers.pop(); }))?.code).toBe('shape');
  expect(err(resealed(f, (b) => { b.layers[1].kernel = encodeArray(new Float32Array(7), 'f32'); }))?.code).toBe('shape');
  expect(err(resealed(f, (b) => { b.net.width = 0; }))?.code).toBe('shape');
  expect(err(resealed(f, (b) => { b.schedule.T = 31; }))?.code).toBe('shape');
  const nan = new Float32Array(f.layers[0].bias.n); nan[2] = NaN;
  expect(err(resealed(f, (b) => { b.layers[0].bias = encodeArray(nan, 'f32'); }))).toEqual({ code: 'not-finite', where: 'the weights' });
  expect(err(resealed(f, (b) => { b.stats.stdX = 0; }))?.code).toBe('not-finite');
  expect(err(resealed(f, (b) => { b.data = { kind: 'dataset', id: 'nope' as 'moons', n: 10, seed: 1 }; }))?.code).toBe('shape');
});

test('a built-in data set is regenerated exactly from its recipe', () => {
  const m = model();
  const r = decodeModelFile(modelFileText(encodeModelFile(m, { data: { kind: 'dataset', id: 'moons', n: 50, seed: 4 }, weights: 'q8' })));
  expect(r.ok && Array.from(r.model.points)).toEqual(Array.from(m.points));
  const d = decodeModelFile(modelFileText(encodeModelFile(m, { data: { kind: 'dino' } })));
  expect(d.ok && d.model.points.length).toBe(dinoPoints().length);
});

describe('shipped pretrained models (npm run train:pretrained2d)', () => {
  test.each(PRETRAINED_2D.map((r) => [r.file, r] as const))('%s reads back, is a few KB and records its quality', (_f, r) => {
    const file = path.join('public', pretrainedUrl(r));
    const bytes = statSync(file).size;
    expect(bytes).toBeLessThan(10_000);
    const back = decodeModelFile(readFileSync(file, 'utf8'));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.model.points.length).toBe(r.data.kind === 'dino' ? dinoPoints().length : 2 * r.n);
    expect(back.model.dataLabel).toContain(r.dataset);
    // Measured by the script on the model as shipped (see training/results/pretrained2d.json).
    expect(back.model.quality?.precision).toBeGreaterThan(r.purpose === 'memorize' ? 0.85 : 0.8);
    expect(back.model.quality?.coverage).toBeGreaterThan(0.9);
  });
});
