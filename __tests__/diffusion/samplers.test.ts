/** @jest-environment node */
import { makeRng } from '@/lib/rng';
import { makeSchedule, type ScheduleTable } from '@/lib/diffusion/schedule';
import { posteriorMeanVariance, predictX0FromEps, epsilonFormMean } from '@/lib/diffusion/forward';
import {
  makeDdpmSampler, makeDdimSampler, makeSampler, ddimTimesteps, guidedEpsilon, type Sampler, type SamplerSpec,
} from '@/lib/diffusion/samplers';
import { sampleLoop, type EpsilonModel } from '@/lib/diffusion/reverseProcess';
import ddimFixture from '../fixtures/ddim-timesteps.json';

const linear = makeSchedule({ kind: 'linear', T: 1000 });
const cosine = makeSchedule({ kind: 'cosine', T: 1000 });

function randn(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  makeRng(seed).fillNormal(a);
  return a;
}

/**
 * The exact ε̂ for 1D data x_0 ~ N(μ, s²): x_t ~ N(√ᾱ μ, ᾱ s² + 1 − ᾱ) and
 * E[ε | x_t] = √(1−ᾱ) (x_t − √ᾱ μ) / (ᾱ s² + 1 − ᾱ). A perfect "network" for testing samplers.
 */
function gaussianEpsilon(tab: ScheduleTable, mu: number, s: number): EpsilonModel {
  return (x: Float32Array, t: number) => {
    const ab = tab.alphaBar[t - 1];
    const v = ab * s * s + 1 - ab;
    const k = Math.sqrt(1 - ab) / v;
    const m = Math.sqrt(ab) * mu;
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = k * (x[i] - m);
    return out;
  };
}

function meanStd(a: Float32Array): [number, number] {
  let s = 0, s2 = 0;
  for (const v of a) { s += v; s2 += v * v; }
  const m = s / a.length;
  return [m, Math.sqrt(s2 / a.length - m * m)];
}

describe('timesteps', () => {
  test('DDPM visits T..1', () => {
    const s = makeDdpmSampler(linear);
    expect(s.timesteps.length).toBe(1000);
    expect(s.timesteps[0]).toBe(1000);
    expect(s.timesteps[999]).toBe(1);
  });
  test.each([
    [1000, 50, 'uniform'], [1000, 10, 'quadratic'], [1000, 1000, 'uniform'], [1000, 999, 'quadratic'],
    [1000, 1, 'uniform'], [7, 3, 'uniform'], [7, 7, 'quadratic'], [4000, 250, 'quadratic'], [1000, 100, 'quadratic'],
  ] as const)('T = %i, S = %i, %s: starts at T, strictly decreasing, length S, ends ≥ 1', (T, S, spacing) => {
    const ts = ddimTimesteps(T, S, spacing);
    expect(ts.length).toBe(S);
    expect(ts[0]).toBe(T);
    expect(ts[S - 1]).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < S; i++) expect(ts[i]).toBeLessThan(ts[i - 1]);
  });
  test('uniform S = 10 of T = 1000 is 1000, 900, …, 100; quadratic is denser near t = 1', () => {
    expect(ddimTimesteps(1000, 10, 'uniform')).toEqual([1000, 900, 800, 700, 600, 500, 400, 300, 200, 100]);
    const q = ddimTimesteps(1000, 10, 'quadratic');
    expect(q).toEqual([1000, 810, 640, 490, 360, 250, 160, 90, 40, 10]);
    expect(ddimTimesteps(1000, 1000, 'uniform')).toEqual(makeDdpmSampler(linear).timesteps);
  });
  test('bad S throws', () => {
    expect(() => ddimTimesteps(1000, 0)).toThrow(RangeError);
    expect(() => ddimTimesteps(1000, 1001)).toThrow(RangeError);
    expect(() => ddimTimesteps(1000, 2.5)).toThrow(RangeError);
    const s = makeDdimSampler(linear, { steps: 10 });
    expect(() => s.step(new Float32Array(2), 999, new Float32Array(2), makeRng(1))).toThrow(/not one of/);
  });
});

describe('DDIM ↔ DDPM identities', () => {
  test.each([['linear', linear], ['cosine', cosine]] as const)('η = 1 on the full sequence has σ_t² = β̃_t and the DDPM posterior mean (%s)', (_n, tab) => {
    const ddim = makeDdimSampler(tab, { eta: 1 });
    const ddpm = makeDdpmSampler(tab, { variance: 'small' });
    let worst = 0;
    for (let t = 1; t <= tab.T; t++) {
      const s2 = ddim.sigmaAt(t) ** 2;
      worst = Math.max(worst, Math.abs(s2 - tab.posteriorVariance[t - 1]) / Math.max(tab.posteriorVariance[t - 1], 1e-300));
      if (t > 1) expect(ddpm.sigmaAt(t)).toBeCloseTo(Math.sqrt(tab.posteriorVariance[t - 1]), 12);
    }
    expect(ddim.sigmaAt(1)).toBe(0);
    expect(worst).toBeLessThan(1e-9);
    // Same mean as DDPM (β̃ variant) for the same ε̂ and x_t.
    for (const t of [2, 50, 500, 1000]) {
      const x = randn(16, t), eps = randn(16, 7 * t);
      const a = ddim.step(eps, t, x, makeRng(1));
      const b = ddpm.step(eps, t, x, makeRng(1));
      for (let i = 0; i < 16; i++) expect(a.mean[i]).toBeCloseTo(b.mean[i], 4);
      expect(a.sigma).toBeCloseTo(b.sigma, 10);
    }
  });

  test('η = 0 is deterministic: different rngs give identical outputs', async () => {
    const s = makeDdimSampler(linear, { steps: 50, eta: 0 });
    const x = randn(64, 1), eps = randn(64, 2);
    const a = s.step(eps, 1000, x, makeRng(11));
    const b = s.step(eps, 1000, x, makeRng(99));
    expect(Array.from(a.prev)).toEqual(Array.from(b.prev));
    expect(a.sigma).toBe(0);
    const model = gaussianEpsilon(linear, 0.5, 0.3);
    const xT = randn(64, 5);
    const r1 = await sampleLoop(s, xT, model, makeRng(1));
    const r2 = await sampleLoop(s, xT, model, makeRng(2));
    expect(Array.from(r1)).toEqual(Array.from(r2));
    // …and η > 0 is not.
    const noisy = makeDdimSampler(linear, { steps: 50, eta: 0.5 });
    expect(Array.from(await sampleLoop(noisy, xT, model, makeRng(1)))).not.toEqual(Array.from(await sampleLoop(noisy, xT, model, makeRng(2))));
  });

  test('the last DDIM step returns x̂_0', () => {
    const s = makeDdimSampler(linear, { steps: 20, eta: 1 });
    const last = s.timesteps[s.timesteps.length - 1];
    const x = randn(8, 3), eps = randn(8, 4);
    const r = s.step(eps, last, x, makeRng(1));
    expect(r.tPrev).toBe(0);
    expect(r.sigma).toBe(0);
    for (let i = 0; i < 8; i++) expect(r.prev[i]).toBeCloseTo(r.x0Hat[i], 5);
  });
});

describe('DDPM step breakdown', () => {
  test('prev = mean + σ z, mean is Eq. 11, x̂_0 is Eq. 15', () => {
    const s = makeDdpmSampler(linear, { variance: 'large' });
    const x = randn(32, 1), eps = randn(32, 2);
    const r = s.step(eps, 600, x, makeRng(5));
    const m = epsilonFormMean(linear, x, 600, eps);
    const x0 = predictX0FromEps(linear, x, 600, eps);
    expect(r.sigma).toBeCloseTo(Math.sqrt(linear.beta[599]), 12);
    let zs = 0;
    for (let i = 0; i < 32; i++) {
      expect(r.mean[i]).toBeCloseTo(m[i], 5);
      expect(r.x0Hat[i]).toBeCloseTo(x0[i], 4);
      expect(r.prev[i]).toBeCloseTo(r.mean[i] + r.noise[i], 6);
      zs += (r.noise[i] / r.sigma) ** 2;
    }
    expect(zs).toBeGreaterThan(0);
  });
  test('t = 1: z = 0 and no draw from the rng', () => {
    const s = makeDdpmSampler(linear);
    const rng = makeRng(42);
    const r = s.step(randn(4, 1), 1, randn(4, 2), rng);
    expect(r.sigma).toBe(0);
    expect(Array.from(r.noise)).toEqual([0, 0, 0, 0]);
    expect(Array.from(r.prev)).toEqual(Array.from(r.mean));
    expect(rng.uniform()).toBe(makeRng(42).uniform());
  });
  test('zeroNoise: z = 0 at every t, so x_{t−1} is the mean and the rng is not touched', () => {
    const x = randn(16, 3), eps = randn(16, 4);
    const rng = makeRng(11);
    const r = makeDdpmSampler(linear, { variance: 'small', zeroNoise: true }).step(eps, 600, x, rng);
    expect(r.sigma).toBe(0);
    expect(Array.from(r.prev)).toEqual(Array.from(r.mean));
    expect(Array.from(r.mean)).toEqual(Array.from(makeDdpmSampler(linear, { variance: 'small' }).step(eps, 600, x, makeRng(1)).mean));
    expect(rng.uniform()).toBe(makeRng(11).uniform());
  });
  test('zeroNoise shrinks the spread of the samples (the exact ε̂ for 1D Gaussian data)', async () => {
    const short = makeSchedule({ kind: 'scaled-linear', T: 200 });
    const model = gaussianEpsilon(short, 1.5, 0.5);
    const [, sdNoise] = meanStd(await sampleLoop(makeSampler(short, { kind: 'ddpm', variance: 'small' }), randn(4000, 5), model, makeRng(7)));
    const [, sdMean] = meanStd(await sampleLoop(makeSampler(short, { kind: 'ddpm', variance: 'small', zeroNoise: true }), randn(4000, 5), model, makeRng(7)));
    expect(sdNoise).toBeGreaterThan(0.45);
    expect(sdMean).toBeLessThan(0.6 * sdNoise);
  });
  test('clipX0 clips x̂_0 and uses μ̃(x_t, clipped x̂_0)', () => {
    const s = makeDdpmSampler(linear, { clipX0: 1 });
    const x = randn(64, 8), eps = randn(64, 9);
    const t = 900;
    const r = s.step(eps, t, x, makeRng(1));
    for (const v of r.x0Hat) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    const { mean } = posteriorMeanVariance(linear, r.x0Hat, x, t);
    for (let i = 0; i < 64; i++) expect(r.mean[i]).toBeCloseTo(mean[i], 5);
    // Without clipping, x̂_0 at t = 900 from random inputs leaves [−1, 1].
    const u = makeDdpmSampler(linear).step(eps, t, x, makeRng(1));
    expect(Math.max(...Array.from(u.x0Hat, Math.abs))).toBeGreaterThan(1);
    expect(() => makeDdpmSampler(linear, { clipX0: -1 })).toThrow(RangeError);
  });
});

describe('samplers recover the data distribution with the exact ε̂ (1D Gaussian data)', () => {
  const mu = 1.5, s = 0.5;
  // Sampling error: SE(mean) = s/√N, SE(std) ≈ s/√(2N). Tolerance: 5 SE plus 0.01 for time
  // discretisation (the reverse chain is exact only as steps → 0). Noisy samplers run on a
  // T = 200 schedule to keep the number of normal draws (N × steps) small.
  const tolMean = (N: number) => 5 * (s / Math.sqrt(N)) + 0.01;
  const tolStd = (N: number) => 5 * (s / Math.sqrt(2 * N)) + 0.01;
  const short = makeSchedule({ kind: 'scaled-linear', T: 200 });
  const cases: [string, Sampler, number][] = [
    ['DDPM large (T = 200)', makeSampler(short, { kind: 'ddpm', variance: 'large' }), 5000],
    ['DDPM small (T = 200)', makeSampler(short, { kind: 'ddpm', variance: 'small' }), 5000],
    ['DDIM S=200 η=0 (linear T = 1000)', makeSampler(linear, { kind: 'ddim', steps: 200, eta: 0 }), 20_000],
    ['DDIM S=100 η=1 quadratic (linear T = 1000)', makeSampler(linear, { kind: 'ddim', steps: 100, eta: 1, spacing: 'quadratic' }), 5000],
    ['DDIM S=100 η=0 (cosine T = 1000)', makeSampler(cosine, { kind: 'ddim', steps: 100 }), 20_000],
  ];
  test.each(cases)('%s', async (_name, sampler, N) => {
    const model = gaussianEpsilon(sampler.table, mu, s);
    const out = await sampleLoop(sampler, randn(N, 123), model, makeRng(7));
    const [m, sd] = meanStd(out);
    expect(Math.abs(m - mu)).toBeLessThan(tolMean(N));
    expect(Math.abs(sd - s)).toBeLessThan(tolStd(N));
  });
  test('a wrong model is caught (the test can fail)', async () => {
    const N = 20_000;
    const sampler = makeSampler(linear, { kind: 'ddim', steps: 200 });
    const out = await sampleLoop(sampler, randn(N, 123), gaussianEpsilon(linear, mu, 0.6), makeRng(7));
    const [, sd] = meanStd(out);
    expect(Math.abs(sd - s)).toBeGreaterThan(tolStd(N));
  });
  test('deterministic DDIM with few steps shrinks the spread; the error falls as S grows', async () => {
    // With few large steps the η = 0 update under-disperses (std 0.37 at S = 10 here); this is
    // discretisation, not a bug, so it must vanish as S → T.
    const N = 20_000;
    const errs: number[] = [];
    for (const S of [10, 50, 200, 1000]) {
      const sampler = makeSampler(linear, { kind: 'ddim', steps: S });
      const [, sd] = meanStd(await sampleLoop(sampler, randn(N, 123), gaussianEpsilon(linear, mu, s), makeRng(7)));
      errs.push(Math.abs(sd - s));
    }
    for (let i = 1; i < errs.length; i++) expect(errs[i]).toBeLessThan(errs[i - 1]);
    expect(errs[3]).toBeLessThan(tolStd(N));
  });
});

describe('classifier-free guidance', () => {
  test('(1 + w) ε_c − w ε_∅', () => {
    const c = new Float32Array([1, 2, 3]), u = new Float32Array([0.5, 2, -1]);
    expect(Array.from(guidedEpsilon(c, u, 0))).toEqual([1, 2, 3]);
    expect(Array.from(guidedEpsilon(c, u, 1))).toEqual([1.5, 2, 7]);
    expect(Array.from(guidedEpsilon(c, u, 2.5))).toEqual([2.25, 2, 13]);
    expect(() => guidedEpsilon(c, new Float32Array(2), 1)).toThrow(RangeError);
  });
});

describe('the DDIM sub-sequence agrees with the training scripts', () => {
  // Written by training/ddim_timesteps_fixture.py from training/models.py's ddim_timesteps,
  // the sequence the evaluation and the published figures were sampled on.
  const fixture = ddimFixture as { cases: { T: number; S: number; timesteps: number[] }[] };
  test('the fixture covers S = T, S = 1 and S that do not divide T', () => {
    expect(fixture.cases.some((c) => c.S === c.T)).toBe(true);
    expect(fixture.cases.some((c) => c.S === 1)).toBe(true);
    expect(fixture.cases.filter((c) => c.T % c.S !== 0).length).toBeGreaterThanOrEqual(3);
  });
  test.each(fixture.cases.map((c) => [c.T, c.S, c.timesteps] as const))('T = %i, S = %i', (T, S, timesteps) => {
    expect(ddimTimesteps(T, S, 'uniform')).toEqual(timesteps);
    expect(makeSampler(makeSchedule({ kind: 'linear', T }), { kind: 'ddim', steps: S }).timesteps).toEqual(timesteps);
  });
});

describe('makeSampler', () => {
  test('turns every spec into its sampler and refuses an unknown kind with a clear message', () => {
    expect(makeSampler(linear, { kind: 'ddpm' }).kind).toBe('ddpm');
    expect(makeSampler(linear, { kind: 'ddim', steps: 50 }).timesteps.length).toBe(50);
    expect(() => makeSampler(linear, { kind: 'pndm' } as unknown as SamplerSpec)).toThrow(/Unknown sampler "pndm"/);
    expect(() => makeSampler(linear, { kind: 'ddim', steps: 1001 })).toThrow(/from 1 to T = 1000/);
  });
});
