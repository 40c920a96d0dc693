/**
 * The score view (lib/diffusion/score.ts) on Gaussian data x_0 ~ N(m, s² I), where the noisy data
 * are q_t = N(√ᾱ_t m, (ᾱ_t s² + 1 − ᾱ_t) I) and the exact score is known. The ε-model here is not
 * written down from that formula: it is the least-squares regression of ε on x_t from samples of
 * the forward process (what L_simple's minimiser is, for a linear model), and its score is
 * compared with a finite-difference gradient of log q_t.
 */
import { makeRng } from '@/lib/rng';
import { scheduleTable } from '@/lib/diffusion/schedule';
import { fieldGrid, scoreFromEps, vectorLengths } from '@/lib/diffusion/score';

const M = [0.8, -0.4];
const S = 0.5;

function logQt(ab: number, x: number, y: number): number {
  const v = ab * S * S + 1 - ab;
  const dx = x - Math.sqrt(ab) * M[0], dy = y - Math.sqrt(ab) * M[1];
  return -Math.log(2 * Math.PI * v) - (dx * dx + dy * dy) / (2 * v);
}

/** Per coordinate, ε ≈ slope · x_t + intercept fitted on n forward samples at step t. */
function fitEpsModel(ab: number, n: number, seed: number) {
  const rng = makeRng(seed);
  const fit: { slope: number; intercept: number }[] = [];
  for (const m of M) {
    let sx = 0, se = 0, sxx = 0, sxe = 0;
    for (let i = 0; i < n; i++) {
      const x0 = m + S * rng.normal(), e = rng.normal();
      const x = Math.sqrt(ab) * x0 + Math.sqrt(1 - ab) * e;
      sx += x; se += e; sxx += x * x; sxe += x * e;
    }
    const slope = (sxe - (sx * se) / n) / (sxx - (sx * sx) / n);
    fit.push({ slope, intercept: (se - slope * sx) / n });
  }
  return (pts: Float32Array) => pts.map((v, i) => fit[i % 2].slope * v + fit[i % 2].intercept);
}

describe.each([['scaled-linear', 100], ['cosine', 1000]] as const)('Gaussian data, %s T = %i', (kind, T) => {
  const tb = scheduleTable({ kind, T });
  // At t = 1 the noise is a sliver of x_t (R² of the regression ≈ 1 − ᾱ_1), so a fit from samples
  // would need millions of them; there the exact ε* = √(1−ᾱ)(x − √ᾱ m)/v stands in for it.
  const exact = (ab: number) => (pts: Float32Array) => pts.map((x, i) => (Math.sqrt(1 - ab) * (x - Math.sqrt(ab) * M[i % 2])) / (ab * S * S + 1 - ab));
  test.each([
    ['exact', 1], ['fitted', Math.round(T / 10)], ['fitted', Math.round(T / 2)], ['fitted', T],
  ] as const)('%s ε-model, t = %i: −ε̂/√(1−ᾱ_t) matches ∇ log q_t', (how, t) => {
    const ab = tb.alphaBar[t - 1];
    const grid = fieldGrid({ x0: -2, x1: 2, y0: -2, y1: 2 }, 5);
    const model = how === 'exact' ? exact(ab) : fitEpsModel(ab, 100000, t);
    const score = scoreFromEps(tb, t, model(grid), new Float32Array(grid.length));
    const h = 1e-4;
    let worst = 0, scale = 0;
    for (let k = 0; k < grid.length; k += 2) {
      const x = grid[k], y = grid[k + 1];
      const gx = (logQt(ab, x + h, y) - logQt(ab, x - h, y)) / (2 * h);
      const gy = (logQt(ab, x, y + h) - logQt(ab, x, y - h)) / (2 * h);
      worst = Math.max(worst, Math.abs(score[k] - gx), Math.abs(score[k + 1] - gy));
      scale = Math.max(scale, Math.abs(gx), Math.abs(gy));
    }
    // The regression has sampling error of about 1/√n relative; the gradient spans up to `scale`.
    expect(worst).toBeLessThan(0.02 * scale + 1e-3);
  });
});

test('the score is −ε̂/√(1−ᾱ_t) coordinate by coordinate; bad lengths and steps are refused', () => {
  const tb = scheduleTable({ kind: 'linear', T: 10 });
  const s = scoreFromEps(tb, 4, [1, -2]);
  expect(s[0]).toBeCloseTo(-1 / tb.sqrtOneMinusAlphaBar[3], 4);
  expect(s[1]).toBeCloseTo(2 / tb.sqrtOneMinusAlphaBar[3], 4);
  expect(() => scoreFromEps(tb, 0, [1, 2])).toThrow(/t must be/);
  expect(() => scoreFromEps(tb, 1, [1, 2], new Float32Array(3))).toThrow(/lengths differ/);
});

test('fieldGrid covers the bounds cell by cell, top row first; vectorLengths', () => {
  const g = fieldGrid({ x0: 0, x1: 4, y0: 0, y1: 2 }, 2);
  expect(Array.from(g)).toEqual([1, 1.5, 3, 1.5, 1, 0.5, 3, 0.5]);
  expect(() => fieldGrid({ x0: 0, x1: 1, y0: 0, y1: 1 }, 1)).toThrow(/2 to 200/);
  expect(Array.from(vectorLengths(new Float32Array([3, 4, 0, 0])))).toEqual([5, 0]);
});
