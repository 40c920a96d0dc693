/** @jest-environment node */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { makeRng } from '@/lib/rng';
import {
  DATASETS, makeDataset, getDataset, isDatasetId, dinoPoints, DATASAURUS_DINO, DATASAURUS_DINO_COUNT,
  standardize, destandardize, computeStats, pointsFromStrokes, canvasToData, parsePointsFile,
} from '@/lib/data2d';

describe('generators', () => {
  test.each(DATASETS.map((d) => [d.id, d] as const))('%s: n points, finite, deterministic for a seed', (_id, d) => {
    for (const n of [1, 7, 500]) {
      const a = d.generate(n, makeRng(3));
      expect(a).toBeInstanceOf(Float32Array);
      expect(a.length).toBe(2 * n);
      expect(a.every(Number.isFinite)).toBe(true);
      expect(Array.from(d.generate(n, makeRng(3)))).toEqual(Array.from(a));
    }
    const b1 = d.generate(200, makeRng(1)), b2 = d.generate(200, makeRng(2));
    expect(Array.from(b1)).not.toEqual(Array.from(b2));
    // Sized for the training cell: well inside [−4, 4]².
    expect(Math.max(...Array.from(d.generate(2000, makeRng(9)), Math.abs))).toBeLessThan(4);
    expect(() => d.generate(0, makeRng(1))).toThrow(RangeError);
    expect(() => d.generate(2.5, makeRng(1))).toThrow(RangeError);
  });

  test('registry', () => {
    expect(DATASETS.map((d) => d.id)).toEqual(['moons', 'swiss-roll', 'circles', 'eight-gaussians', 'checkerboard', 'two-spirals', 'dino']);
    expect(isDatasetId('dino')).toBe(true);
    expect(isDatasetId('constructor')).toBe(false);
    expect(getDataset('dino').credit).toMatch(/Matejka & Fitzmaurice/);
    expect(makeDataset('moons', 3, makeRng(1)).length).toBe(6);
  });

  test('shapes: circles on radii 2 and 1; 8 Gaussians near radius 2; checkerboard on dark squares only', () => {
    const c = makeDataset('circles', 1000, makeRng(4));
    for (let i = 0; i < 1000; i++) {
      const r = Math.hypot(c[2 * i], c[2 * i + 1]);
      expect(Math.abs(r - (i % 2 === 0 ? 2 : 1))).toBeLessThan(0.3);
    }
    const g = makeDataset('eight-gaussians', 1000, makeRng(5));
    for (let i = 0; i < 1000; i++) expect(Math.abs(Math.hypot(g[2 * i], g[2 * i + 1]) - 2)).toBeLessThan(0.6);
    const b = makeDataset('checkerboard', 2000, makeRng(6));
    const cells = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const col = Math.floor(b[2 * i] + 2), row = Math.floor(b[2 * i + 1] + 2);
      expect((col + row) % 2).toBe(0);
      cells.add(`${col},${row}`);
    }
    expect(cells.size).toBe(8);
  });
});

// SHA-256 of the Datasaurus dino TSV as received (docs/sources.md, "Data").
const DINO_TSV_SHA256 = 'da28cdadc746dff4a19aa5dd382c25b11f14543d65bd078a95c8d79c35036642';

describe('datasaurus dino', () => {
  test('142 points, matching the TSV in public/data', () => {
    expect(DATASAURUS_DINO_COUNT).toBe(142);
    expect(DATASAURUS_DINO.length).toBe(284);
    expect(dinoPoints().length).toBe(284);
    const tsv = readFileSync(join(process.cwd(), 'public/data/datasaurus-dino.tsv'), 'utf8');
    const parsed = parsePointsFile(tsv);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.n).toBe(142);
      expect(Array.from(parsed.points)).toEqual(Array.from(dinoPoints()));
    }
    // The public copy is byte-identical to the original data file (its SHA-256 is recorded in
    // docs/sources.md, "Data").
    expect(createHash('sha256').update(tsv).digest('hex')).toBe(DINO_TSV_SHA256);
  });
  test('generator: standardized, each point used evenly', () => {
    const d = makeDataset('dino', 142 * 3, makeRng(1));
    const s = computeStats(d);
    expect(Math.abs(s.meanX)).toBeLessThan(0.01);
    expect(Math.abs(s.stdX - 1)).toBeLessThan(0.01);
    expect(getDataset('dino').generate(142, makeRng(2)).length).toBe(284);
  });
});

describe('standardize', () => {
  test('round trip and unit stats', () => {
    const p = makeDataset('swiss-roll', 1000, makeRng(1));
    const { points, stats } = standardize(p);
    const s = computeStats(points);
    expect(s.meanX).toBeCloseTo(0, 5);
    expect(s.meanY).toBeCloseTo(0, 5);
    expect(s.stdX).toBeCloseTo(1, 5);
    expect(s.stdY).toBeCloseTo(1, 5);
    const back = destandardize(points, stats);
    for (let i = 0; i < p.length; i++) expect(back[i]).toBeCloseTo(p[i], 4);
  });
  test('zero spread stays finite', () => {
    const { points } = standardize(new Float32Array([1, 2, 1, 2]));
    expect(Array.from(points)).toEqual([0, 0, 0, 0]);
  });
});

describe('points from strokes', () => {
  const canvas = { width: 400, height: 200 };
  test('mapping: centre → origin, longer side spans [−2, 2], y up', () => {
    expect(canvasToData({ x: 200, y: 100 }, 400, 200)).toEqual([0, -0]);
    expect(canvasToData({ x: 400, y: 0 }, 400, 200)).toEqual([2, 1]);
    expect(canvasToData({ x: 0, y: 200 }, 400, 200)).toEqual([-2, -1]);
  });
  test('n points spread along a stroke, jittered, deterministic', () => {
    const stroke = [{ x: 0, y: 100 }, { x: 400, y: 100 }]; // the line y = 0 from x = −2 to 2
    const p = pointsFromStrokes([stroke], canvas, makeRng(1), { n: 1000, jitter: 0.01 });
    expect(p.length).toBe(2000);
    let left = 0;
    for (let i = 0; i < 1000; i++) {
      expect(Math.abs(p[2 * i + 1])).toBeLessThan(0.06);
      expect(Math.abs(p[2 * i])).toBeLessThan(2.06);
      if (p[2 * i] < 0) left++;
    }
    expect(left).toBeGreaterThan(400);
    expect(left).toBeLessThan(600);
    expect(Array.from(pointsFromStrokes([stroke], canvas, makeRng(1), { n: 1000, jitter: 0.01 }))).toEqual(Array.from(p));
  });
  test('without n: one point per input point; taps; empty and garbage input', () => {
    const q = pointsFromStrokes([[{ x: 200, y: 100 }], [{ x: 400, y: 0 }, { x: NaN, y: 1 }]], canvas, makeRng(1), { jitter: 0 });
    expect(Array.from(q)).toEqual([0, 0, 2, 1]);
    expect(pointsFromStrokes([[{ x: 200, y: 100 }]], canvas, makeRng(1), { n: 5, jitter: 0 }).length).toBe(10);
    expect(pointsFromStrokes([], canvas, makeRng(1)).length).toBe(0);
    expect(pointsFromStrokes([[]], canvas, makeRng(1), { n: 10 }).length).toBe(0);
    expect(pointsFromStrokes([[{ x: 1, y: 1 }]], { width: 0, height: 0 }, makeRng(1)).length).toBe(0);
  });
});
