/**
 * lib/diffusion/gaussian.ts against formulas written here independently and against Monte Carlo:
 * the exact score against a finite-difference gradient of the noisy density (written with its own
 * determinant and inverse) and against Tweedie's formula estimated by importance sampling; the
 * optimal ε-model against E[ε | x_t] estimated the same way; the least ε-MSE against the
 * eigenvalues of Σ; the closed-form bound against lib/diffusion/bound's Monte Carlo estimate and
 * against the data's entropy (no bound goes below it).
 */
import { makeRng } from '@/lib/rng';
import { scheduleTable } from '@/lib/diffusion/schedule';
import { estimateBound } from '@/lib/diffusion/bound';
import { meanCosine } from '@/lib/diffusion/score';
import { computeStats, applyStandardize } from '@/lib/data2d/standardize';
import {
  GAUSSIAN_DATA as G, gaussianBound, gaussianEntropy, gaussianMinEpsMse, gaussianOptimalEps, gaussianScore,
  sampleGaussian2D, standardizeGaussian, type Gaussian2D,
} from '@/lib/diffusion/gaussian';

/** log N(x; √ᾱ m, ᾱ Σ + (1 − ᾱ) I), written out. */
function logQt(g: Gaussian2D, ab: number, x: number, y: number): number {
  const cxx = ab * g.sxx + 1 - ab, cxy = ab * g.sxy, cyy = ab * g.syy + 1 - ab;
  const det = cxx * cyy - cxy * cxy;
  const dx = x - Math.sqrt(ab) * g.mx, dy = y - Math.sqrt(ab) * g.my;
  const quad = (cyy * dx * dx - 2 * cxy * dx * dy + cxx * dy * dy) / det;
  return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad;
}

/**
 * E[x_0 | x_t = x] and E[ε | x_t = x] by self-normalized importance sampling over draws of x_0:
 * weights ∝ N(x; √ᾱ x_0, (1 − ᾱ) I). Tweedie: score = (√ᾱ E[x_0 | x] − x) / (1 − ᾱ).
 */
function posteriorByImportance(g: Gaussian2D, ab: number, x: number, y: number, n: number, seed: number) {
  const x0 = sampleGaussian2D(g, n, makeRng(seed));
  let w = 0, ex = 0, ey = 0;
  for (let i = 0; i < n; i++) {
    const dx = x - Math.sqrt(ab) * x0[2 * i], dy = y - Math.sqrt(ab) * x0[2 * i + 1];
    const wi = Math.exp(-(dx * dx + dy * dy) / (2 * (1 - ab)));
    w += wi; ex += wi * x0[2 * i]; ey += wi * x0[2 * i + 1];
  }
  const mx = ex / w, my = ey / w;
  const score = [(Math.sqrt(ab) * mx - x) / (1 - ab), (Math.sqrt(ab) * my - y) / (1 - ab)];
  const eps = [(x - Math.sqrt(ab) * mx) / Math.sqrt(1 - ab), (y - Math.sqrt(ab) * my) / Math.sqrt(1 - ab)];
  return { score, eps };
}

const tb = scheduleTable({ kind: 'scaled-linear', T: 100 });
const POINTS = [[0, 0], [1.5, -1], [-1, 1.2], [2.5, 0.5]];

describe.each([5, 30, 70, 100])('t = %i', (t) => {
  const ab = tb.alphaBar[t - 1];
  test('the exact score is the gradient of log q_t (finite differences)', () => {
    const s = gaussianScore(tb, t, G, Float32Array.from(POINTS.flat()));
    const h = 1e-5;
    POINTS.forEach(([x, y], i) => {
      expect(s[2 * i]).toBeCloseTo((logQt(G, ab, x + h, y) - logQt(G, ab, x - h, y)) / (2 * h), 3);
      expect(s[2 * i + 1]).toBeCloseTo((logQt(G, ab, x, y + h) - logQt(G, ab, x, y - h)) / (2 * h), 3);
    });
  });
  test('the least ε-MSE is Σ over Σ\'s eigenvalues λ of ᾱλ / (ᾱλ + 1 − ᾱ)', () => {
    const tr = G.sxx + G.syy, det = G.sxx * G.syy - G.sxy * G.sxy;
    const disc = Math.sqrt((tr * tr) / 4 - det);
    const lambdas = [tr / 2 + disc, tr / 2 - disc];
    const expected = lambdas.reduce((sum, l) => sum + (ab * l) / (ab * l + 1 - ab), 0);
    expect(gaussianMinEpsMse(tb, t, G)).toBeCloseTo(expected, 10);
  });
});

// At small t the weights N(x; √ᾱ x_0, (1 − ᾱ) I) are too narrow for a plain importance sample: t ≥ 30 only.
describe.each([30, 70, 100])('t = %i, by importance sampling', (t) => {
  const ab = tb.alphaBar[t - 1];
  test('score and optimal ε agree with Tweedie by importance sampling', () => {
    const pts = Float32Array.from(POINTS.flat());
    const s = gaussianScore(tb, t, G, pts), e = gaussianOptimalEps(tb, t, G, pts);
    POINTS.forEach(([x, y], i) => {
      const mc = posteriorByImportance(G, ab, x, y, 200000, 3 + i);
      const tolS = 0.05 * (1 + Math.hypot(s[2 * i], s[2 * i + 1])), tolE = 0.05 * (1 + Math.hypot(e[2 * i], e[2 * i + 1]));
      expect(Math.abs(s[2 * i] - mc.score[0])).toBeLessThan(tolS);
      expect(Math.abs(s[2 * i + 1] - mc.score[1])).toBeLessThan(tolS);
      expect(Math.abs(e[2 * i] - mc.eps[0])).toBeLessThan(tolE);
      expect(Math.abs(e[2 * i + 1] - mc.eps[1])).toBeLessThan(tolE);
    });
  });
});

describe.each(['large', 'small'] as const)('closed-form bound, σ² %s', (variance) => {
  test('matches the Monte Carlo estimate with the optimal ε-model', async () => {
    const x0 = sampleGaussian2D(G, 4000, makeRng(7));
    const est = await estimateBound(tb, x0, 2, (x, t) => gaussianOptimalEps(tb, t, G, x), makeRng(11), { variance, repeats: 2 });
    const exact = gaussianBound(tb, G, variance);
    // L_T is averaged over the drawn points here; its own sampling error is small but not in totalStdErr.
    expect(Math.abs(est.prior - exact.prior)).toBeLessThan(0.05 * exact.prior + 1e-3);
    expect(Math.abs(est.total - exact.total)).toBeLessThan(4 * est.totalStdErr + Math.abs(est.prior - exact.prior) + 0.01);
    for (const t of [1, 2, 10, 50, 100]) {
      expect(Math.abs(est.terms[t - 1] - exact.terms[t - 1])).toBeLessThan(5 * est.termStdErr[t - 1] + 1e-3 * Math.abs(exact.terms[t - 1]) + 1e-6);
      expect(est.mse[t - 1]).toBeCloseTo(gaussianMinEpsMse(tb, t, G), 1);
    }
  });
  test('is above the entropy of the data, and by less with more steps', () => {
    const H = gaussianEntropy(G);
    const coarse = gaussianBound(scheduleTable({ kind: 'linear', T: 50 }), G, variance).total;
    const fine = gaussianBound(scheduleTable({ kind: 'linear', T: 1000 }), G, variance).total;
    expect(coarse).toBeGreaterThan(H);
    expect(fine).toBeGreaterThan(H);
    expect(fine - H).toBeLessThan(coarse - H);
  });
});

test('sampling and standardizing: the standardized sample has the standardized Gaussian\'s moments', () => {
  const pts = sampleGaussian2D(G, 100000, makeRng(1));
  const stats = computeStats(pts);
  expect(stats.meanX).toBeCloseTo(G.mx, 1);
  expect(stats.stdY ** 2).toBeCloseTo(G.syy, 1);
  const z = applyStandardize(pts, stats), gz = standardizeGaussian(G, stats);
  let sxy = 0;
  for (let i = 0; i < z.length; i += 2) sxy += z[i] * z[i + 1];
  // A sample covariance against the true one: sampling error ~ 1/√n ≈ 0.003.
  expect(Math.abs(sxy / (z.length / 2) - gz.sxy)).toBeLessThan(0.02);
  expect(Math.abs(gz.sxx - 1)).toBeLessThan(0.02);
  expect(Math.abs(gz.mx)).toBeLessThan(0.02);
});

test('meanCosine: parallel, opposite, perpendicular; zero vectors left out; bad input', () => {
  expect(meanCosine([1, 0, 0, 2], [3, 0, 0, 0.1])).toBeCloseTo(1, 12);
  expect(meanCosine([1, 1], [-2, -2])).toBeCloseTo(-1, 12);
  expect(meanCosine([1, 0, 0, 1], [0, 1, 0, 1])).toBeCloseTo(0.5, 12);
  expect(meanCosine([0, 0, 1, 0], [1, 0, 1, 0])).toBeCloseTo(1, 12);
  expect(meanCosine([0, 0], [1, 0])).toBeNaN();
  expect(() => meanCosine([1, 0], [1])).toThrow(/lengths differ/);
  expect(() => gaussianBound(tb, { ...G, sxy: 2 }, 'large')).toThrow(/positive definite/);
});
