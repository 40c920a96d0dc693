/** @jest-environment node */
import {
  makeSchedule, tryMakeSchedule, scheduleSummary, tableFromBetas, linspace, ScheduleError,
  type ScheduleTable,
} from '@/lib/diffusion/schedule';

// Reference values computed with NumPy float64 by scripts/reference_values.py (docs/sources.md §8);
// __tests__/referenceValues.test.ts checks that this fixture is exactly that script's output.
import ref from '../fixtures/reference-values.json';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('linear schedule against the §8.1 reference values (T = 1000, 1e-4 → 0.02, float64)', () => {
  const lin = ref.linear;
  const tab = makeSchedule({ kind: 'linear', T: lin.T, betaStart: lin.betaStart, betaEnd: lin.betaEnd });
  const ab = (t: number) => tab.alphaBar[t - 1];

  test('ᾱ_T and √ᾱ_T', () => {
    // Same operation order as numpy's linspace + cumprod: agreement to a few ulp.
    expect(Math.abs(ab(1000) - lin.alphaBarT)).toBeLessThan(1e-15);
    expect(Math.abs(tab.sqrtAlphaBar[999] - lin.sqrtAlphaBarT)).toBeLessThan(1e-12);
    expect(tab.sqrtOneMinusAlphaBar[999]).toBeCloseTo(lin.sqrtOneMinusAlphaBarT, 12);
  });

  test('a float32 pipeline reproduces the float32 ᾱ_T', () => {
    // A float32 pipeline (β cast to float32, cumulative product rounded each step) as TF.js would hold it.
    const b32 = Float32Array.from(tab.beta);
    let p = Math.fround(1);
    for (let i = 0; i < 1000; i++) p = Math.fround(p * Math.fround(1 - b32[i]));
    // 1000 rounded products: relative error budget ~ 1000 · 2⁻²⁴ ≈ 6e-5; measured agreement is far tighter.
    expect(rel(p, lin.alphaBarTFloat32)).toBeLessThan(1e-6);
    // The float64 value rounded once to float32 is within one product's worth of rounding drift.
    expect(rel(Math.fround(ab(1000)), lin.alphaBarTFloat32)).toBeLessThan(6e-5);
  });

  test('ᾱ at t = 1, 250, 500, 750', () => {
    for (const [t, v] of Object.entries(lin.alphaBarAt)) expect(rel(ab(Number(t)), v)).toBeLessThan(1e-12);
  });

  test('β̃_1 = 0 exactly, β̃_2, β̃_T', () => {
    expect(lin.posteriorVarianceAt['1']).toBe(0);
    expect(tab.posteriorVariance[0]).toBe(0);
    expect(rel(tab.posteriorVariance[1], lin.posteriorVarianceAt['2'])).toBeLessThan(1e-9);
    expect(rel(tab.posteriorVariance[999], lin.posteriorVarianceAt['1000'])).toBeLessThan(1e-12);
    // log-variance clipped: β̃_1 replaced by β̃_2
    expect(tab.posteriorLogVarianceClipped[0]).toBe(Math.log(tab.posteriorVariance[1]));
    expect(Number.isFinite(tab.posteriorLogVarianceClipped[0])).toBe(true);
  });

  test('summary: first t with ᾱ_t < 0.5, share of steps with SNR < 0.1, no terminal warning', () => {
    const s = scheduleSummary(tab);
    expect(s.firstTBelowHalf).toBe(lin.firstTBelowHalf);
    expect(s.shareSnrBelow01).toBeCloseTo(lin.shareSnrBelow01, 10);
    expect(s.terminalSnrWarning).toBe(false);
    expect(s.alphaBarT).toBe(ab(1000));
    expect(rel(s.snrT, lin.snrT)).toBeLessThan(1e-9);
  });

  test('Σβ', () => {
    expect(tab.beta.reduce((a, b) => a + b, 0)).toBeCloseTo(lin.sumBeta, 10);
  });
});

describe('cosine schedule against the §8.2 reference values (s = 0.008, clip 0.999, clipped product)', () => {
  const cos = ref.cosine;
  const tab = makeSchedule({ kind: 'cosine', T: cos.T });
  test('ᾱ_T, √ᾱ_T, ᾱ_{T−1}', () => {
    expect(Math.abs(tab.alphaBar[999] - cos.alphaBarT)).toBeLessThan(1e-18);
    expect(rel(tab.sqrtAlphaBar[999], cos.sqrtAlphaBarT)).toBeLessThan(1e-9);
    expect(rel(tab.alphaBar[998], cos.alphaBarTMinus1)).toBeLessThan(1e-9);
    expect(cos.clippedBetaCount).toBe(1);
    expect(tab.beta[999]).toBe(cos.maxBeta); // only the last β is clipped
    expect(tab.beta[998]).toBeLessThan(cos.maxBeta);
  });
  test('β_1, ᾱ_500, summary', () => {
    expect(rel(tab.beta[0], cos.beta1)).toBeLessThan(1e-9);
    expect(rel(tab.alphaBar[499], cos.alphaBarAt['500'])).toBeLessThan(1e-12);
    const s = scheduleSummary(tab);
    expect(s.firstTBelowHalf).toBe(cos.firstTBelowHalf);
    expect(s.shareSnrBelow01).toBeCloseTo(cos.shareSnrBelow01, 10);
    expect(s.terminalSnrWarning).toBe(false);
  });
});

describe('table identities for every kind', () => {
  const specs = [
    { kind: 'linear', T: 1000 },
    { kind: 'scaled-linear', T: 250 },
    { kind: 'quadratic', T: 1000 },
    { kind: 'cosine', T: 4000 },
    { kind: 'sigmoid', T: 500 },
  ] as const;
  test.each(specs)('%o', (spec) => {
    const tab: ScheduleTable = makeSchedule(spec);
    expect(tab.T).toBe(spec.T);
    let prod = 1;
    let worstOneMinus = 0;
    let worstPost = 0, worstSnr = 0, worstCoef = 0, badRange = 0, badAlpha = 0, badProd = 0;
    for (let i = 0; i < tab.T; i++) {
      if (!(tab.beta[i] > 0 && tab.beta[i] < 1)) badRange++;
      if (tab.alpha[i] !== 1 - tab.beta[i]) badAlpha++;
      if (tab.alphaBarPrev[i] !== prod) badProd++;
      prod *= tab.alpha[i];
      if (tab.alphaBar[i] !== prod) badProd++;
      const abp = tab.alphaBarPrev[i], ab = tab.alphaBar[i];
      worstPost = Math.max(worstPost, Math.abs(tab.posteriorVariance[i] - ((1 - abp) / (1 - ab)) * tab.beta[i]));
      // The table computes 1 − ᾱ_t by an accumulated sum; the naive 1 − ab reference carries ε/(1 − ᾱ) relative error.
      worstSnr = Math.max(worstSnr, rel(tab.snr[i], ab / (1 - ab)) * (1 - ab));
      worstOneMinus = Math.max(worstOneMinus, Math.abs(tab.sqrtOneMinusAlphaBar[i] ** 2 - (1 - ab)));
      // Noise-free path: μ̃(x_0, x_t = √ᾱ_t x_0) must be √ᾱ_{t−1} x_0, i.e. c1 + c2·√ᾱ_t = √ᾱ_{t−1}.
      // Relative error grows like ε_machine/(1 − ᾱ_t), largest at t = 1 (1 − ᾱ_1 ≈ 2.6e-6 for cosine, T = 4000).
      worstCoef = Math.max(worstCoef, rel(tab.posteriorMeanCoef1[i] + tab.posteriorMeanCoef2[i] * Math.sqrt(ab), Math.sqrt(abp)));
    }
    expect([badRange, badAlpha, badProd]).toEqual([0, 0, 0]);
    expect(worstPost).toBeLessThan(1e-15);
    expect(worstSnr).toBeLessThan(1e-14);
    expect(worstCoef).toBeLessThan(1e-9);
    // Two ways of computing 1 − ᾱ_t agree up to rounding accumulated over at most 4000 steps.
    expect(worstOneMinus).toBeLessThan(1e-13);
  });

  test('scaled-linear at T = 1000 equals linear; at T = 250 its endpoints are ×4', () => {
    const a = makeSchedule({ kind: 'scaled-linear', T: 1000 });
    const b = makeSchedule({ kind: 'linear', T: 1000 });
    expect(Array.from(a.beta)).toEqual(Array.from(b.beta));
    const c = makeSchedule({ kind: 'scaled-linear', T: 250 });
    expect(c.beta[0]).toBeCloseTo(4e-4, 15);
    expect(c.beta[249]).toBeCloseTo(0.08, 15);
  });

  test('quadratic is linear in √β', () => {
    const q = makeSchedule({ kind: 'quadratic', T: 100, betaStart: 1e-4, betaEnd: 0.02 });
    const r = linspace(Math.sqrt(1e-4), Math.sqrt(0.02), 100);
    for (let i = 0; i < 100; i++) expect(Math.sqrt(q.beta[i])).toBeCloseTo(r[i], 14);
  });

  test('sigmoid is increasing, between the endpoints, steepest in the middle', () => {
    const s = makeSchedule({ kind: 'sigmoid', T: 1000 });
    for (let i = 1; i < 1000; i++) expect(s.beta[i]).toBeGreaterThan(s.beta[i - 1]);
    expect(s.beta[0]).toBeGreaterThan(1e-4);
    expect(s.beta[999]).toBeLessThan(0.02);
    const d = (i: number) => s.beta[i] - s.beta[i - 1];
    expect(d(500)).toBeGreaterThan(10 * d(1));
  });

  test('custom-alphaBar with cosine ᾱ reproduces the cosine table', () => {
    const f = (u: number) => Math.cos(((u + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    const c = makeSchedule({ kind: 'custom-alphaBar', T: 1000, alphaBarOf: f });
    const ref = makeSchedule({ kind: 'cosine', T: 1000 });
    for (let i = 0; i < 1000; i++) expect(c.beta[i]).toBe(ref.beta[i]);
  });

  test('custom-alphaBar is normalised by ᾱ(0) (ratios only)', () => {
    const c = makeSchedule({ kind: 'custom-alphaBar', T: 100, alphaBarOf: (u) => 3 * Math.exp(-8 * u) });
    expect(c.alphaBar[99]).toBeCloseTo(Math.exp(-8), 12);
  });

  test('terminal SNR warning for a schedule that leaves signal', () => {
    const tab = makeSchedule({ kind: 'linear', T: 100, betaStart: 1e-4, betaEnd: 0.02 });
    const s = scheduleSummary(tab);
    expect(s.alphaBarT).toBeGreaterThan(1e-3);
    expect(s.terminalSnrWarning).toBe(true);
    const never = scheduleSummary(makeSchedule({ kind: 'linear', T: 10, betaStart: 1e-4, betaEnd: 1e-3 }));
    expect(never.firstTBelowHalf).toBeNull();
  });
});

describe('invalid specs throw ScheduleError saying where', () => {
  test('β > 1 at a given step', () => {
    const spec = { kind: 'custom-beta' as const, T: 1000, betaOf: (u: number) => (u >= 0.998 ? 1.3 : 0.01) };
    expect(() => makeSchedule(spec)).toThrow(ScheduleError);
    expect(() => makeSchedule(spec)).toThrow('β is 1.3 at t = 998 (u = 0.998); β must lie in (0, 1) at every step');
    const r = tryMakeSchedule(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) { expect(r.t).toBe(998); expect(r.u).toBeCloseTo(0.998, 12); }
  });
  test('NaN, zero and negative β', () => {
    expect(() => makeSchedule({ kind: 'custom-beta', T: 10, betaOf: (_u, t) => (t === 3 ? NaN : 0.1) })).toThrow(/β is NaN at t = 3 \(u = 0.3\)/);
    expect(() => makeSchedule({ kind: 'linear', T: 10, betaStart: 0, betaEnd: 0.02 })).toThrow(/betaStart is 0/);
    expect(() => makeSchedule({ kind: 'custom-beta', T: 4, betaOf: () => -0.1 })).toThrow(/β is -0.1 at t = 1/);
  });
  test('bad T', () => {
    for (const T of [1, 0, 2.5, 4001, NaN]) expect(() => makeSchedule({ kind: 'linear', T })).toThrow(/T must be a whole number/);
    expect(makeSchedule({ kind: 'linear', T: 2 }).T).toBe(2);
    expect(makeSchedule({ kind: 'cosine', T: 4000 }).T).toBe(4000);
  });
  test('scaled-linear with T too small for its endpoints', () => {
    expect(() => makeSchedule({ kind: 'scaled-linear', T: 10 })).toThrow(/β_T would be 2/);
  });
  test('custom ᾱ that rises', () => {
    expect(() => makeSchedule({ kind: 'custom-alphaBar', T: 10, alphaBarOf: (u) => (u > 0.5 ? 0.9 : 1 - u) })).toThrow(/does not decrease at t = 6 \(u = 0.6\)/);
    expect(() => makeSchedule({ kind: 'custom-alphaBar', T: 10, alphaBarOf: (u) => (u === 0 ? 0 : 0.5) })).toThrow(/at t = 0/);
  });
  test('cosine at T = 4000 still finite (ᾱ_T as in the §8.2 reference values)', () => {
    const t = makeSchedule({ kind: 'cosine', T: 4000 });
    expect(rel(t.alphaBar[3999], ref.cosine.alphaBarTAtT4000)).toBeLessThan(1e-9);
  });
  test('tableFromBetas validates too', () => {
    expect(() => tableFromBetas([0.1, 1])).toThrow(/β is 1 at t = 2/);
  });
});
