/** @jest-environment node */
import { makeRng } from '@/lib/rng';
import { makeSchedule } from '@/lib/diffusion/schedule';
import { qJump, qSample, type Vec } from '@/lib/diffusion/forward';
import { makeSampler, type Sampler } from '@/lib/diffusion/samplers';
import { drawPrior, sampleLoop, type ReverseStep } from '@/lib/diffusion/reverseProcess';
import { isAbortError } from '@/lib/abort';

const table = makeSchedule({ kind: 'linear', T: 100 });

/** A fixed smooth "network" that depends on x and t (so every step matters). */
function toyEps(x: Float32Array, t: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = 0.3 * Math.tanh(x[i]) + 0.01 * t * Math.sin(i + t);
  return out;
}

/** The loop written out by hand (what `sampleLoop` replaced): step after step, fresh arrays. */
function byHand(sampler: Sampler, xT: Float32Array, rng: ReturnType<typeof makeRng>, resample = 0, adjust?: (e: Vec, x: Float32Array, t: number) => Vec): Float32Array {
  let x = Float32Array.from(xT);
  for (const t of sampler.timesteps) {
    for (let r = 0; ; r++) {
      const e0 = toyEps(x, t);
      const e = adjust ? adjust(e0, x, t) : e0;
      const res = sampler.step(e, t, x, rng);
      x = Float32Array.from(res.prev);
      if (r >= resample || res.tPrev === 0) break;
      const z = new Float32Array(x.length);
      rng.fillNormal(z);
      const ratio = table.alphaBar[t - 1] / table.alphaBar[res.tPrev - 1];
      for (let k = 0; k < x.length; k++) x[k] = Math.sqrt(ratio) * x[k] + Math.sqrt(1 - ratio) * z[k];
    }
  }
  return x;
}

const specs = [
  ['DDPM, σ² = β', { kind: 'ddpm', variance: 'large' }],
  ['DDPM, σ² = β̃, clipped', { kind: 'ddpm', variance: 'small', clipX0: 1 }],
  ['DDIM S = 10, η = 0', { kind: 'ddim', steps: 10 }],
  ['DDIM S = 7, η = 1, clipped', { kind: 'ddim', steps: 7, eta: 1, clipX0: 1 }],
] as const;

describe('sampleLoop', () => {
  test.each(specs)('%s: same numbers as stepping by hand, sync or async model; x_T untouched', async (_n, spec) => {
    const sampler = makeSampler(table, spec);
    const xT = drawPrior(24, makeRng(3));
    const copy = Float32Array.from(xT);
    const want = byHand(sampler, xT, makeRng(9));
    expect(Array.from(await sampleLoop(sampler, xT, toyEps, makeRng(9)))).toEqual(Array.from(want));
    const asyncEps = async (x: Float32Array, t: number) => { await new Promise((r) => setTimeout(r, 0)); return toyEps(x, t); };
    expect(Array.from(await sampleLoop(sampler, xT, asyncEps, makeRng(9)))).toEqual(Array.from(want));
    expect(Array.from(xT)).toEqual(Array.from(copy));
  });

  test('drawPrior is x_T ~ N(0, I) from the rng it is given', () => {
    const a = new Float32Array(5);
    makeRng(4).fillNormal(a);
    expect(Array.from(drawPrior(5, makeRng(4)))).toEqual(Array.from(a));
  });

  test('the per-step callback sees every step in order, with x_t, ε̂ and the parts, and is awaited', async () => {
    const sampler = makeSampler(table, { kind: 'ddim', steps: 5, eta: 0.5 });
    const xT = drawPrior(6, makeRng(1));
    const seen: { index: number; t: number; tPrev: number; xt: number[]; eps: number[]; prev: number[] }[] = [];
    let inCallback = false;
    const model = (x: Float32Array, t: number) => {
      expect(inCallback).toBe(false); // the next network call waits for the awaited callback
      return toyEps(x, t);
    };
    const out = await sampleLoop(sampler, xT, model, makeRng(2), {
      onStep: async (s: ReverseStep) => {
        inCallback = true;
        await new Promise((r) => setTimeout(r, 1));
        seen.push({ index: s.index, t: s.t, tPrev: s.result.tPrev, xt: Array.from(s.xt), eps: Array.from(s.epsilonHat), prev: Array.from(s.result.prev) });
        expect(s.total).toBe(5);
        inCallback = false;
      },
    });
    expect(seen.map((s) => s.t)).toEqual([100, 80, 60, 40, 20]);
    expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(seen.map((s) => s.tPrev)).toEqual([80, 60, 40, 20, 0]);
    expect(seen[0].xt).toEqual(Array.from(xT));
    for (let k = 1; k < seen.length; k++) expect(seen[k].xt).toEqual(seen[k - 1].prev);
    expect(seen[2].eps).toEqual(Array.from(toyEps(Float32Array.from(seen[2].xt), 60)));
    expect(Array.from(out)).toEqual(seen[4].prev);
  });

  test('abort: a fired signal stops before the next network call with the AbortError', async () => {
    const sampler = makeSampler(table, { kind: 'ddpm' });
    const ac = new AbortController();
    let calls = 0;
    const model = (x: Float32Array, t: number) => { calls++; return toyEps(x, t); };
    const run = sampleLoop(sampler, drawPrior(4, makeRng(1)), model, makeRng(2), {
      signal: ac.signal,
      onStep: (s) => { if (s.index === 2) ac.abort(); },
    });
    const err = await run.catch((e: unknown) => e);
    expect(isAbortError(err)).toBe(true);
    expect(calls).toBe(3);
    // Aborted before it starts: no network call at all.
    calls = 0;
    await expect(sampleLoop(sampler, drawPrior(4, makeRng(1)), model, makeRng(2), { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(0);
  });

  test('adjustEpsilon replaces ε̂ before the step (and the step sees x_t and t)', async () => {
    const sampler = makeSampler(table, { kind: 'ddim', steps: 8 });
    const xT = drawPrior(10, makeRng(5));
    const calls: number[] = [];
    const adjust = (e: Vec, x: Float32Array, t: number) => {
      calls.push(t);
      const o = new Float32Array(e.length);
      for (let i = 0; i < e.length; i++) o[i] = 0.5 * e[i] + 0.1 * x[i];
      return o;
    };
    const got = await sampleLoop(sampler, xT, toyEps, makeRng(1), { adjustEpsilon: adjust });
    expect(calls).toEqual([...sampler.timesteps]);
    expect(Array.from(got)).toEqual(Array.from(byHand(sampler, xT, makeRng(1), 0, adjust)));
    // …and it does change the result (the hook is not ignored).
    expect(Array.from(got)).not.toEqual(Array.from(await sampleLoop(sampler, xT, toyEps, makeRng(1))));
  });

  test('resampling redoes every step but the last `resample` more times, jumping back with q(x_t | x_{t_prev})', async () => {
    const sampler = makeSampler(table, { kind: 'ddim', steps: 6 });
    const xT = drawPrior(12, makeRng(7));
    for (const resample of [1, 3]) {
      let calls = 0;
      let callbacks = 0;
      const model = (x: Float32Array, t: number) => { calls++; return toyEps(x, t); };
      const got = await sampleLoop(sampler, xT, model, makeRng(4), { resample, onStep: () => { callbacks++; } });
      expect(calls).toBe(6 + resample * 5);
      expect(callbacks).toBe(6);
      expect(Array.from(got)).toEqual(Array.from(byHand(sampler, xT, makeRng(4), resample)));
    }
    // resample 0 (or a negative / fractional count floored to 0) is plain sampling
    const plain = Array.from(await sampleLoop(sampler, xT, toyEps, makeRng(4)));
    expect(Array.from(await sampleLoop(sampler, xT, toyEps, makeRng(4), { resample: 0.7 }))).toEqual(plain);
  });
});

describe('qJump: q(x_t | x_s)', () => {
  test('s = 0 is the closed form q(x_t | x_0); s = t − 1 is one forward step', () => {
    const x = drawPrior(8, makeRng(1)), e = drawPrior(8, makeRng(2));
    expect(Array.from(qJump(table, x, 0, 40, e))).toEqual(Array.from(qSample(table, x, 40, e)));
    const one = qJump(table, x, 39, 40, e);
    for (let i = 0; i < 8; i++) expect(one[i]).toBeCloseTo(Math.sqrt(table.alpha[39]) * x[i] + Math.sqrt(table.beta[39]) * e[i], 5);
  });
  test('variance of the jump matches composing the steps: 1 − ᾱ_t/ᾱ_s', () => {
    const n = 40_000;
    const out = qJump(table, new Float32Array(n), 20, 70, drawPrior(n, makeRng(3)));
    let s2 = 0;
    for (const v of out) s2 += v * v;
    const want = 1 - table.alphaBar[69] / table.alphaBar[19];
    expect(Math.abs(s2 / n - want)).toBeLessThan(5 * want * Math.sqrt(2 / n));
  });
  test('refuses to go backwards', () => {
    const x = new Float32Array(2);
    expect(() => qJump(table, x, 50, 50, x)).toThrow(/s < t/);
    expect(() => qJump(table, x, 0, 101, x)).toThrow(RangeError);
  });
});
