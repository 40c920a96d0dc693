/** @jest-environment node */
/**
 * The image sampling loop with fake ε-models: an analytic ε for Gaussian data (so the right
 * answer is known), spies that record what the network is asked, and a tiny TF.js model on the
 * cpu backend to check that no tensor outlives a run or a Stop.
 */
import * as tf from '@tensorflow/tfjs';
import { makeSchedule } from '@/lib/diffusion/schedule';
import { makeSampler, type SamplerSpec } from '@/lib/diffusion/samplers';
import { drawPrior, sampleLoop } from '@/lib/diffusion/reverseProcess';
import { makeRng } from '@/lib/rng';
import {
  guidedBatchEpsilon, projectedEpsilon, sampleImages, spreadConditions, type ConditionalEpsilon, type ImageModelShape, type SampleImagesOptions,
} from '@/lib/imageSampling/sampleImages';
import { colorizationOperator, inpaintingOperator, superResolutionOperator } from '@/lib/imageSampling/operators';
import { classifyImages, tfEpsilon } from '@/lib/imageSampling/tfAdapters';
import type { EpsilonModel } from '@/lib/imageModel/unet';
import type { DigitClassifier } from '@/lib/imageModel/classifier';
import type { ClassifierSpec, UNetSpec } from '@/lib/imageModel/spec';

const table = makeSchedule({ kind: 'linear', T: 1000 });
const SHAPE: ImageModelShape = { size: 28, channels: 3, nullDigit: 10, nullColour: 9 };
const PER = 28 * 28 * 3;
const S2 = 0.2 * 0.2;
const meanFor = (digit: number) => (digit === SHAPE.nullDigit ? 0 : -0.5 + 0.1 * digit);

/** Exact ε for data x_0 ~ N(μ_digit, s² I): ε = √(1−ᾱ)(x_t − √ᾱ μ)/(ᾱ s² + 1 − ᾱ). */
const analyticFor = (tab: typeof table): ConditionalEpsilon => async (x, n, tIndex, digit) => {
  const ab = tab.alphaBar[tIndex];
  const out = new Float32Array(x.length);
  const per = x.length / n;
  for (let b = 0; b < n; b++) {
    const mu = meanFor(digit[b]);
    for (let k = b * per; k < (b + 1) * per; k++) out[k] = (Math.sqrt(1 - ab) * (x[k] - Math.sqrt(ab) * mu)) / (ab * S2 + 1 - ab);
  }
  return out;
};
const analytic = analyticFor(table);
/** A short schedule for the DDPM runs of the inverse-problem tests (Jest runs the JS loop slowly). */
const short = makeSchedule({ kind: 'linear', T: 100, betaStart: 1e-3, betaEnd: 0.2 });

function spy(inner: ConditionalEpsilon = analytic) {
  const calls: { n: number; tIndex: number; digit: number[]; colour: number[] }[] = [];
  const f: ConditionalEpsilon = async (x, n, tIndex, digit, colour) => {
    expect(x.length).toBe(n * PER);
    calls.push({ n, tIndex, digit: [...digit], colour: [...colour] });
    return inner(x, n, tIndex, digit, colour);
  };
  return { f, calls };
}

const ddim = (steps: number, eta = 0): SamplerSpec => ({ kind: 'ddim', steps, eta });
const base: SampleImagesOptions = { sampler: ddim(10), guidance: 2, digits: [3, 7], colours: [0, null], seed: 1 };

function stats(a: Float32Array, from = 0, to = a.length) {
  let s = 0, s2 = 0;
  for (let i = from; i < to; i++) { s += a[i]; s2 += a[i] * a[i]; }
  const m = s / (to - from);
  return { mean: m, std: Math.sqrt(s2 / (to - from) - m * m) };
}

test('shapes, step count, and both guidance halves in one batched call per step', async () => {
  const { f, calls } = spy();
  const r = await sampleImages(f, table, SHAPE, base);
  expect(r.images.length).toBe(2 * PER);
  expect(r.steps).toBe(10);
  expect(r.forwardPasses).toBe(10);
  expect(r.batch).toBe(4);
  expect(calls).toHaveLength(10);
  expect(calls[0]).toEqual({ n: 4, tIndex: 999, digit: [3, 7, 10, 10], colour: [0, 9, 9, 9] });
  expect(calls.map((c) => c.tIndex + 1)).toEqual([1000, 900, 800, 700, 600, 500, 400, 300, 200, 100]);
  expect(r.images.every((v) => v >= -1 && v <= 1)).toBe(true);
});

test('w = 0 is the plain conditional model: one half only', async () => {
  const { f, calls } = spy();
  const r = await sampleImages(f, table, SHAPE, { ...base, guidance: 0 });
  expect(r.batch).toBe(2);
  expect(calls[0].digit).toEqual([3, 7]);
});

test('the guided ε is (1 + w) ε_c − w ε_∅ (classifier-free guidance, Eq. 6)', async () => {
  const constant: ConditionalEpsilon = async (x, n, _t, digit) => {
    const out = new Float32Array(x.length);
    const per = x.length / n;
    for (let b = 0; b < n; b++) out.fill(digit[b] === 10 ? 0.5 : 2, b * per, (b + 1) * per);
    return out;
  };
  const x = new Float32Array(2 * PER);
  const e = await guidedBatchEpsilon(constant, x, 2, 10, Int32Array.of(1, 2), Int32Array.of(0, 0), 3, SHAPE);
  expect(e.length).toBe(2 * PER);
  expect(e[0]).toBeCloseTo((1 + 3) * 2 - 3 * 0.5, 6);
  expect(e[2 * PER - 1]).toBeCloseTo(6.5, 6);
});

test.each([
  ['DDIM, 50 steps, η = 0', ddim(50, 0)],
  ['DDIM, 50 steps, η = 1', ddim(50, 1)],
  ['DDPM, all 1000 steps', { kind: 'ddpm' }],
] as const)('with the exact ε of Gaussian data, %s reproduces the data mean and spread', async (_name, sampler: SamplerSpec) => {
  const r = await sampleImages(analytic, table, SHAPE, { ...base, sampler, guidance: 0, digits: [2, 8], colours: [null, null], seed: 5 });
  expect(r.steps).toBe(sampler.kind === 'ddpm' ? 1000 : 50);
  const a = stats(r.images, 0, PER);
  const b = stats(r.images, PER, 2 * PER);
  expect(a.mean).toBeCloseTo(meanFor(2), 1);
  expect(b.mean).toBeCloseTo(meanFor(8), 1);
  expect(a.std).toBeGreaterThan(0.15);
  expect(a.std).toBeLessThan(0.25);
}, 120_000);

test('the same seed gives the same images; another seed does not', async () => {
  const a = await sampleImages(analytic, table, SHAPE, { ...base, sampler: ddim(10, 0.5) });
  const b = await sampleImages(analytic, table, SHAPE, { ...base, sampler: ddim(10, 0.5) });
  const c = await sampleImages(analytic, table, SHAPE, { ...base, sampler: ddim(10, 0.5), seed: 2 });
  expect(b.images).toEqual(a.images);
  expect(c.images).not.toEqual(a.images);
});

test('Stop: an aborted signal ends the loop before the next network call', async () => {
  const { f, calls } = spy();
  const signal = { aborted: false };
  const seen: number[] = [];
  await expect(sampleImages(f, table, SHAPE, {
    ...base, signal, onStep: (p) => { seen.push(p.done); if (p.done === 3) signal.aborted = true; },
  })).rejects.toMatchObject({ name: 'AbortError' });
  expect(calls).toHaveLength(3);
  expect(seen).toEqual([1, 2, 3]);
});

/**
 * The loop sampleImages ran before it was folded into the core's sampleLoop, written out: x_T
 * from the seed's rng, guided ε in one batch, the DDNM projection, RePaint's jump back.
 */
async function oldImageLoop(f: ConditionalEpsilon, spec: SamplerSpec, o: SampleImagesOptions): Promise<Float32Array> {
  const n = o.digits.length;
  const inverse = o.inverse;
  const sampler = makeSampler(table, { ...spec, clipX0: inverse ? false : 1 });
  const digit = Int32Array.from(o.digits, (d) => d ?? SHAPE.nullDigit);
  const colour = Int32Array.from(o.colours, (c) => c ?? SHAPE.nullColour);
  const rng = makeRng(o.seed);
  let x = new Float32Array(n * PER);
  rng.fillNormal(x);
  for (const t of sampler.timesteps) {
    for (let r = 0; ; r++) {
      let e: Float32Array = await guidedBatchEpsilon(f, x, n, t - 1, digit, colour, o.guidance, SHAPE);
      if (inverse) e = projectedEpsilon(table, x, t, e, inverse).eps;
      const res = sampler.step(e, t, x, rng);
      x = Float32Array.from(res.prev);
      if (r >= (inverse?.resample ?? 0) || res.tPrev === 0) break;
      const ratio = table.alphaBar[t - 1] / table.alphaBar[res.tPrev - 1];
      const z = new Float32Array(x.length);
      rng.fillNormal(z);
      for (let k = 0; k < x.length; k++) x[k] = Math.sqrt(ratio) * x[k] + Math.sqrt(1 - ratio) * z[k];
    }
  }
  if (!inverse) for (let k = 0; k < x.length; k++) x[k] = Math.min(1, Math.max(-1, x[k]));
  return x;
}

describe('one loop: sampleImages runs the core sampleLoop, with the same numbers as before', () => {
  const mask = new Uint8Array(28 * 28).map((_, p) => (p % 28 < 14 ? 1 : 0));
  const op = inpaintingOperator(mask);
  const y = op.apply(new Float32Array(PER).map((_, k) => Math.cos(k * 0.21) * 0.7));
  test.each([
    ['DDIM-10, η = 0.5, guided', ddim(10, 0.5), undefined],
    ['DDPM (T = 1000)', { kind: 'ddpm' } as SamplerSpec, undefined],
    ['DDIM-6 inpainting with 2 resamplings', ddim(6, 0.3), { operator: op, y, resample: 2 }],
  ] as const)('%s', async (_n, sampler, inverse) => {
    const o: SampleImagesOptions = { ...base, sampler, inverse, seed: 11 };
    const r = await sampleImages(analytic, table, SHAPE, o);
    expect(Array.from(r.images)).toEqual(Array.from(await oldImageLoop(analytic, sampler, o)));
  }, 60_000);
  test('…and the same as calling sampleLoop directly with x_T drawn from the seed', async () => {
    const digit = Int32Array.of(3, 7), colour = Int32Array.of(0, SHAPE.nullColour);
    const rng = makeRng(base.seed);
    const x = await sampleLoop(makeSampler(table, { kind: 'ddim', steps: 10, clipX0: 1 }), drawPrior(2 * PER, rng),
      (xt, t) => guidedBatchEpsilon(analytic, xt, 2, t - 1, digit, colour, base.guidance, SHAPE), rng);
    const r = await sampleImages(analytic, table, SHAPE, base);
    expect(Array.from(r.images)).toEqual(Array.from(x, (v) => Math.min(1, Math.max(-1, v))));
  });
});

test('previews of x̂_0 arrive every k steps and at the end', async () => {
  const previews: number[] = [];
  await sampleImages(analytic, table, SHAPE, { ...base, previewEvery: 3, onPreview: (p) => { previews.push(p.done); expect(p.x0Hat.length).toBe(2 * PER); } });
  expect(previews).toEqual([3, 6, 9, 10]);
});

describe('inverse problems: the result agrees with the observation', () => {
  const target = new Float32Array(PER).map((_, k) => Math.sin(k * 0.37) * 0.8);
  const mask = new Uint8Array(28 * 28).map((_, p) => (p % 28 < 14 ? 1 : 0));
  test.each([
    ['inpainting', inpaintingOperator(mask)],
    ['super-resolution ×4', superResolutionOperator(4)],
    ['colorization', colorizationOperator()],
  ])('%s', async (_n, op) => {
    const y = op.apply(target);
    for (const sampler of [ddim(20), { kind: 'ddpm' }] as const) {
      const tab = sampler.kind === 'ddpm' ? short : table;
      const r = await sampleImages(analyticFor(tab), tab, SHAPE, {
        ...base, sampler, inverse: { operator: op, y },
      });
      const ay = op.apply(r.images);
      let worst = 0;
      for (let b = 0; b < 2; b++) for (let k = 0; k < op.outSize; k++) worst = Math.max(worst, Math.abs(ay[b * op.outSize + k] - y[k]));
      expect(worst).toBeLessThan(1e-4);
    }
  });

  test('RePaint-style resampling redoes each step r more times (not the last)', async () => {
    const op = inpaintingOperator(mask);
    const { f, calls } = spy();
    const r = await sampleImages(f, table, SHAPE, { ...base, sampler: ddim(5), inverse: { operator: op, y: op.apply(target), resample: 2 } });
    expect(r.forwardPasses).toBe(5 * 3 - 2);
    expect(calls.map((c) => c.tIndex + 1)).toEqual([1000, 1000, 1000, 800, 800, 800, 600, 600, 600, 400, 400, 400, 200]);
  });
});

test('bad options are refused with a message', async () => {
  await expect(sampleImages(analytic, table, SHAPE, { ...base, colours: [0] })).rejects.toThrow(/one digit and one colour/);
  await expect(sampleImages(analytic, table, SHAPE, { ...base, guidance: -1 })).rejects.toThrow(/guidance/);
  await expect(sampleImages(analytic, table, SHAPE, { ...base, sampler: ddim(0) })).rejects.toThrow(/steps S/);
  await expect(sampleImages(analytic, table, SHAPE, { ...base, sampler: { kind: 'plms' } as unknown as SamplerSpec })).rejects.toThrow(/Unknown sampler/);
  const op = superResolutionOperator(2);
  await expect(sampleImages(analytic, table, SHAPE, { ...base, inverse: { operator: op, y: new Float32Array(5) } })).rejects.toThrow(/observation y/);
});

test('spreading samples over all digit × colour pairs', () => {
  const { digits, colours } = spreadConditions(90, 'all', 'all');
  expect(new Set(digits.map((d, i) => `${d}/${colours[i]}`)).size).toBe(90);
  const many = spreadConditions(500, 'all', 'all');
  const counts = new Map<string, number>();
  many.digits.forEach((d, i) => counts.set(`${d}/${many.colours[i]}`, (counts.get(`${d}/${many.colours[i]}`) ?? 0) + 1));
  expect(Math.min(...counts.values())).toBe(5);
  expect(Math.max(...counts.values())).toBe(6);
  expect(spreadConditions(3, 'all', 4)).toEqual({ digits: [0, 1, 2], colours: [4, 4, 4] });
  expect(spreadConditions(2, null, 'all')).toEqual({ digits: [null, null], colours: [0, 1] });
});

describe('TF.js tensors (cpu backend)', () => {
  const spec = { kind: 'conditional-unet-v1', imageSize: 28, inChannels: 3, outChannels: 3, numDigits: 10, numColours: 9 } as unknown as UNetSpec;
  const fakeUNet: EpsilonModel = {
    spec,
    predict: (x, t, digit) => tf.tidy(() => {
      const d = tf.tensor1d(Array.from(typeof digit === 'number' ? [digit] : digit), 'float32').reshape([-1, 1, 1, 1]);
      return tf.mul(tf.add(x, d.mul(0.01)), typeof t === 'number' ? 0.0005 * t : 0.1) as tf.Tensor4D;
    }),
    dispose: () => {},
  };
  beforeAll(async () => { await tf.setBackend('cpu'); await tf.ready(); });

  test('a run and a stopped run leave the tensor count where it was', async () => {
    const eps = tfEpsilon(fakeUNet);
    const before = tf.memory().numTensors;
    const r = await sampleImages(eps, table, SHAPE, { ...base, sampler: ddim(4) });
    expect(r.images.length).toBe(2 * PER);
    expect(tf.memory().numTensors).toBe(before);
    const signal = { aborted: false };
    await expect(sampleImages(eps, table, SHAPE, { ...base, sampler: ddim(6), signal, onStep: (p) => { if (p.done === 2) signal.aborted = true; } }))
      .rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  test('the classifier verdicts are argmax + softmax and free their tensors', async () => {
    const cspec = { imageSize: 28, inChannels: 3, numDigits: 10, numColours: 9 } as unknown as ClassifierSpec;
    const fake: DigitClassifier = {
      spec: cspec,
      predict: (x) => tf.tidy(() => {
        const m = tf.mean(x, [1, 2, 3]).reshape([-1, 1]); // one number per image
        const digitLogits = tf.concat([tf.zerosLike(m).tile([1, 7]), m.mul(100), tf.zerosLike(m).tile([1, 2])], 1) as tf.Tensor2D;
        const colourLogits = tf.concat([m.mul(-100), tf.zerosLike(m).tile([1, 8])], 1) as tf.Tensor2D;
        return { digitLogits, colourLogits, features: tf.zeros([x.shape[0], 4]) as tf.Tensor2D };
      }),
      dispose: () => {},
    };
    const before = tf.memory().numTensors;
    const imgs = new Float32Array(3 * PER);
    imgs.fill(0.5, 0, PER); // image 0: digit 7 wins, colour 0 loses
    imgs.fill(-0.5, PER, 2 * PER); // image 1: colour 0 wins
    const v = await classifyImages(fake, imgs, 3, 2);
    expect(v.map((q) => q.digit)).toEqual([7, 0, 0]);
    expect(v[0].digitProb).toBeGreaterThan(0.99);
    expect(v[1].colour).toBe(0);
    expect(v[2].digitProb).toBeCloseTo(0.1, 6);
    expect(tf.memory().numTensors).toBe(before);
  });
});
