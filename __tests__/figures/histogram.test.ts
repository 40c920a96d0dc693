import { histogram, meanVariance, normalCurve, normalPdf } from '@/lib/plotting/histogram';
import { makeRng } from '@/lib/rng';

describe('histogram', () => {
  test('counts values into equal bins with edges [lo, hi)', () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1, -0.01, NaN, 0.25], 0, 1, 4);
    expect(Array.from(h.counts)).toEqual([2, 1, 1, 1]);
    expect(h.below).toBe(1);
    expect(h.above).toBe(1);
    expect(h.invalid).toBe(1);
    expect(h.n).toBe(8);
    expect(h.width).toBeCloseTo(0.25);
  });

  test('stride and offset bin one column of a flat point array', () => {
    const pts = [0.1, 5, 0.2, 6, 0.3, 7, 0.9, 8];
    const hx = histogram(pts, 0, 1, 2, { stride: 2, offset: 0 });
    const hy = histogram(pts, 0, 10, 2, { stride: 2, offset: 1 });
    expect(Array.from(hx.counts)).toEqual([3, 1]);
    expect(Array.from(hy.counts)).toEqual([0, 4]);
    expect(hx.n).toBe(4);
  });

  test('density integrates to the share of values inside the range', () => {
    const rng = makeRng(7);
    const v = new Float64Array(20000);
    rng.fillNormal(v);
    const h = histogram(v, -2, 2, 40);
    const integral = h.density.reduce((s, d) => s + d * h.width, 0);
    const inside = (h.n - h.below - h.above) / h.n;
    expect(integral).toBeCloseTo(inside, 10);
    // About 95.45% of a standard normal lies within ±2.
    expect(inside).toBeGreaterThan(0.94);
    expect(inside).toBeLessThan(0.965);
    // And the bar heights follow the N(0, 1) density.
    const mid = Math.floor(40 / 2);
    expect(h.density[mid]).toBeGreaterThan(0.33);
    expect(h.density[mid]).toBeLessThan(0.46);
  });

  test('reuses the buffers it is given and clears them first', () => {
    const out = { counts: new Float64Array(3), density: new Float64Array(3) };
    histogram([0.5, 0.5], 0, 3, 3, { out });
    const h = histogram([2.5], 0, 3, 3, { out });
    expect(h.counts).toBe(out.counts);
    expect(Array.from(h.counts)).toEqual([0, 0, 1]);
  });

  test('rejects nonsense ranges and bin counts', () => {
    expect(() => histogram([1], 1, 1, 3)).toThrow(RangeError);
    expect(() => histogram([1], 0, 1, 0)).toThrow(RangeError);
    expect(() => histogram([1], 0, NaN, 2)).toThrow(RangeError);
  });
});

describe('normal density', () => {
  test('matches known values of φ', () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804, 9);
    expect(normalPdf(1)).toBeCloseTo(0.2419707245, 9);
    expect(normalPdf(-2)).toBeCloseTo(0.0539909665, 9);
    expect(normalPdf(3, 1, 2)).toBeCloseTo(0.1209853623, 9);
    expect(() => normalPdf(0, 0, 0)).toThrow(RangeError);
  });

  test('the overlay curve spans the range and integrates to about one', () => {
    const { x, y } = normalCurve(-6, 6, 601);
    expect(x[0]).toBe(-6);
    expect(x[600]).toBe(6);
    let area = 0;
    for (let i = 1; i < x.length; i++) area += ((y[i] + y[i - 1]) / 2) * (x[i] - x[i - 1]);
    expect(area).toBeCloseTo(1, 6);
  });
});

describe('meanVariance', () => {
  test('per column, skipping non-finite values', () => {
    const r = meanVariance([1, 10, 3, 20, NaN, 30], 2, 0);
    expect(r.n).toBe(2);
    expect(r.mean).toBe(2);
    expect(r.variance).toBe(1);
    expect(meanVariance([1, 10, 3, 20, NaN, 30], 2, 1).mean).toBe(20);
  });
});
