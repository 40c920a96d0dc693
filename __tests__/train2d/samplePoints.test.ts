/** @jest-environment node */
/** The 2D sampler runs the core's one loop: same numbers as stepping the sampler by hand, frames, Stop. */
import * as tf from '@tensorflow/tfjs';
import { Net, initWeights } from '@/lib/train2d/model';
import { predictEps, samplePoints } from '@/lib/train2d/sample';
import { makeSchedule } from '@/lib/diffusion/schedule';
import { makeSampler, type Sampler, type SamplerSpec } from '@/lib/diffusion/samplers';
import { makeRng } from '@/lib/rng';

const T = 12;
const table = makeSchedule({ kind: 'linear', T });

/** The loop samplePoints ran before it used sampleLoop, written out. */
async function byHand(net: Net, sampler: Sampler, n: number, seed: number): Promise<{ x0: Float32Array; eps: Float32Array[] }> {
  const rng = makeRng(seed);
  const xT = new Float32Array(2 * n);
  rng.fillNormal(xT);
  let x = Float32Array.from(xT);
  const eps: Float32Array[] = [];
  for (const t of sampler.timesteps) {
    const e = await predictEps(tf, net, net.theta, x, t);
    eps.push(Float32Array.from(e));
    x = Float32Array.from(sampler.step(e, t, x, rng).prev);
  }
  return { x0: x, eps };
}

describe('samplePoints', () => {
  let net: Net;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    net = new Net(tf, initWeights({ width: 8, depth: 1, fourier: 2, fourierScale: 1, timeDim: 4, T, seed: 3 }), false);
  });
  afterAll(() => net.dispose());

  test.each([
    ['DDPM σ² = β̃', { kind: 'ddpm', variance: 'small' }],
    ['DDIM S = 4, η = 0.7', { kind: 'ddim', steps: 4, eta: 0.7 }],
  ] as [string, SamplerSpec][])('%s: the old numbers on a fixed seed, every frame recorded, no tensor left', async (_n, spec) => {
    const sampler = makeSampler(table, spec);
    const before = tf.memory().numTensors;
    const done: number[] = [];
    const r = await samplePoints(tf, net, net.theta, sampler, 20, makeRng(5), { maxFrames: 100, onStep: (d) => done.push(d) });
    const want = await byHand(net, sampler, 20, 5);
    expect(Array.from(r.x0)).toEqual(Array.from(want.x0));
    expect(r.frames.map((f) => f.t)).toEqual([...sampler.timesteps]);
    r.frames.forEach((f, k) => expect(Array.from(f.epsHat)).toEqual(Array.from(want.eps[k])));
    // frames are copies: x_t of frame k + 1 is mean + σ z of frame k
    for (let k = 0; k + 1 < r.frames.length; k++) {
      for (let i = 0; i < 40; i++) expect(r.frames[k + 1].xt[i]).toBeCloseTo(r.frames[k].mean[i] + r.frames[k].noise[i], 5);
    }
    expect(Array.from(r.frames[0].xt)).toEqual(Array.from(r.xT));
    expect(done).toEqual(sampler.timesteps.map((_, k) => k + 1));
    expect(tf.memory().numTensors).toBe(before);
  });

  test('Stop: an aborted signal rejects with the AbortError and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const sampler = makeSampler(table, { kind: 'ddpm' });
    const run = samplePoints(tf, net, net.theta, sampler, 10, makeRng(1), { signal: ac.signal, onStep: (d) => { if (d === 3) ac.abort(); } });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
