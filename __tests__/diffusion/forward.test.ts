/** @jest-environment node */
import { makeRng } from '@/lib/rng';
import { makeSchedule } from '@/lib/diffusion/schedule';
import {
  qStep, qSample, posteriorMeanVariance, predictX0FromEps, predictEpsFromX0, epsilonFormMean,
} from '@/lib/diffusion/forward';
import { ksTwoSample2d } from '@/lib/metrics2d';
import { makeDataset } from '@/lib/data2d';

const linear = makeSchedule({ kind: 'linear', T: 1000 });
const cosine = makeSchedule({ kind: 'cosine', T: 1000 });

function randn(n: number, seed: number): Float64Array {
  const a = new Float64Array(n);
  makeRng(seed).fillNormal(a);
  return a;
}

describe('identities', () => {
  test.each([
    ['linear', linear],
    ['cosine', cosine],
  ] as const)('μ̃_t(x_t, x̂_0(ε)) equals the ε-form mean (Eq. 11) — %s', (_name, tab) => {
    const n = 64;
    for (const t of [2, 3, 10, 250, 500, 999, 1000]) {
      const xt = randn(n, t);
      const eps = randn(n, 10_000 + t);
      const x0Hat = predictX0FromEps(tab, xt, t, eps);
      const { mean } = posteriorMeanVariance(tab, x0Hat, xt, t);
      const m11 = epsilonFormMean(tab, xt, t, eps);
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(mean[i] - m11[i]) / (1 + Math.abs(m11[i])));
      // float64 throughout; x̂_0 divides by √ᾱ_T ≈ 5e-5 for cosine, so allow round-off growth.
      expect(worst).toBeLessThan(1e-8);
    }
  });

  test('at t = 1 the posterior mean is x_0 and the variance is 0', () => {
    const x0 = randn(8, 1), xt = randn(8, 2);
    const { mean, variance } = posteriorMeanVariance(linear, x0, xt, 1);
    for (let i = 0; i < 8; i++) expect(mean[i]).toBeCloseTo(x0[i], 14);
    expect(variance).toBe(0);
  });

  test('qSample and predictX0FromEps / predictEpsFromX0 invert each other', () => {
    const x0 = randn(32, 3), eps = randn(32, 4);
    const xt = qSample(linear, x0, 700, eps);
    const back = predictX0FromEps(linear, xt, 700, eps);
    const epsBack = predictEpsFromX0(linear, xt, 700, x0);
    for (let i = 0; i < 32; i++) {
      expect(back[i]).toBeCloseTo(x0[i], 10);
      expect(epsBack[i]).toBeCloseTo(eps[i], 10);
    }
  });

  test('type follows the input; out may alias; bad t throws', () => {
    const x32 = new Float32Array([1, 2]), e32 = new Float32Array([0, 0]);
    expect(qSample(linear, x32, 5, e32)).toBeInstanceOf(Float32Array);
    expect(qSample(linear, Float64Array.from(x32), 5, Float64Array.from(e32))).toBeInstanceOf(Float64Array);
    const same = qStep(linear, x32, 1, e32, x32);
    expect(same).toBe(x32);
    expect(x32[0]).toBeCloseTo(Math.sqrt(1 - 1e-4), 6);
    expect(() => qSample(linear, x32, 0, e32)).toThrow(RangeError);
    expect(() => qSample(linear, x32, 1001, e32)).toThrow(RangeError);
    expect(() => qSample(linear, x32, 2.5, e32)).toThrow(RangeError);
    expect(() => qSample(linear, x32, 3, new Float32Array(3))).toThrow(RangeError);
  });
});

describe('statistics', () => {
  test('200 steps of q(x_t|x_{t−1}) match q(x_200|x_0) in mean and variance', () => {
    // 50k chains × 200 steps = 10M normal draws (a few seconds under Jest).
    const N = 50_000;
    const x0 = 1.7;
    const rng = makeRng(2024);
    const x = new Float64Array(N).fill(x0);
    const eps = new Float64Array(N);
    for (let t = 1; t <= 200; t++) {
      rng.fillNormal(eps);
      qStep(linear, x, t, eps, x);
    }
    let s = 0, s2 = 0;
    for (let i = 0; i < N; i++) { s += x[i]; s2 += x[i] * x[i]; }
    const mean = s / N;
    const variance = s2 / N - mean * mean;
    const wantMean = linear.sqrtAlphaBar[199] * x0;
    const wantVar = 1 - linear.alphaBar[199];
    // Standard errors: SE(mean) = √(v/N) ≈ 0.0026; SE(var) = v·√(2/(N−1)) ≈ 0.0022 (v = 1 − ᾱ_200 ≈ 0.34).
    // Tolerance: 5 standard errors (two-sided chance of a false failure ≈ 6e-7 for a random seed).
    const seMean = Math.sqrt(wantVar / N);
    const seVar = wantVar * Math.sqrt(2 / (N - 1));
    expect(Math.abs(mean - wantMean)).toBeLessThan(5 * seMean);
    expect(Math.abs(variance - wantVar)).toBeLessThan(5 * seVar);
    // The test can fail: the closed form at a different step is far outside the band.
    expect(Math.abs(linear.sqrtAlphaBar[189] * x0 - wantMean)).toBeGreaterThan(5 * seMean);
  });

  test('qSample at t = T looks like N(0, I); at t = 100 it does not', () => {
    const n = 2000;
    const data = makeDataset('moons', n, makeRng(1));
    const eps = new Float32Array(2 * n);
    makeRng(2).fillNormal(eps);
    const gauss = new Float32Array(2 * n);
    makeRng(3).fillNormal(gauss);
    const xT = qSample(linear, data, 1000, eps);
    const x100 = qSample(linear, data, 100, eps);
    const atT = ksTwoSample2d(xT, gauss);
    const at100 = ksTwoSample2d(x100, gauss);
    expect(atT.pValue).toBeGreaterThan(0.05);
    expect(at100.pValue).toBeLessThan(1e-6);
  });
});
