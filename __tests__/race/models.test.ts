/** @jest-environment node */
/**
 * The race's models against closed forms: the flow's log-det against a numerical Jacobian and its
 * likelihood at the identity, the VAE's KL term and ELBO ≤ log p where p is known, and the GAN
 * discriminator's optimum D* = p_data / (p_data + p_g).
 */
import * as tf from '@tensorflow/tfjs';
import { RealNvp } from '@/lib/race/flow';
import { Vae } from '@/lib/race/vae';
import { Gan } from '@/lib/race/gan';
import { normals } from '@/lib/race/mlp';
import { gaussianLogDensity, gaussianLogDensity2, klToStandardNormal, logAbsDet2, optimalDiscriminator } from '@/lib/race/math';
import { makeRng } from '@/lib/rng';

jest.setTimeout(120000);
beforeAll(async () => { await tf.setBackend('cpu'); await tf.ready(); });

const read = (t: tf.Tensor) => { const v = Array.from(t.dataSync()); t.dispose(); return v; };

/** A flow whose couplings are not the identity: every weight redrawn at random. */
function perturbedFlow(couplings = 4): RealNvp {
  const f = new RealNvp(tf, new Float32Array([0, 0, 1, 1]), { couplings, width: 8, batch: 4, lr: 1e-3 }, makeRng(1));
  const rng = makeRng(2);
  for (const net of f.nets) for (const v of net.vars) v.assign(tf.tensor(normals(v.size, 1, rng).map((x) => 0.3 * x), v.shape));
  return f;
}

/** Central-difference Jacobian of map at x (row-major 2×2). */
function numericalJacobian(map: (x: tf.Tensor2D) => tf.Tensor2D, x: [number, number], h = 1e-2): [number, number, number, number] {
  const J: number[] = [0, 0, 0, 0];
  for (let j = 0; j < 2; j++) {
    const plus = [...x], minus = [...x];
    plus[j] += h; minus[j] -= h;
    const yp = read(tf.tidy(() => map(tf.tensor2d(plus, [1, 2])))), ym = read(tf.tidy(() => map(tf.tensor2d(minus, [1, 2]))));
    for (let i = 0; i < 2; i++) J[2 * i + j] = (yp[i] - ym[i]) / (2 * h);
  }
  return J as [number, number, number, number];
}

test('flow: every coupling\'s log-det, and the whole flow\'s, match a numerical Jacobian', () => {
  const f = perturbedFlow();
  const pts: [number, number][] = [[0.3, -0.7], [-1.2, 0.4], [1.5, 1.1]];
  let largest = 0;
  for (const x of pts) {
    for (let k = 0; k < f.nets.length; k++) {
      const logDet = read(tf.tidy(() => f.coupling(k, tf.tensor2d(x, [1, 2])).logDet))[0];
      const J = numericalJacobian((p) => f.coupling(k, p).y, x);
      expect(Math.abs(logDet - logAbsDet2(J))).toBeLessThan(5e-3);
      expect(Math.abs(J[k % 2 === 0 ? 1 : 2])).toBeLessThan(1e-4); // triangular: the kept coordinate does not move
      largest = Math.max(largest, Math.abs(logDet));
    }
    const total = read(tf.tidy(() => f.forward(tf.tensor2d(x, [1, 2])).logDet))[0];
    expect(Math.abs(total - logAbsDet2(numericalJacobian((p) => f.forward(p).z, x, 2e-3)))).toBeLessThan(1e-2);
  }
  expect(largest).toBeGreaterThan(0.1); // the test would see a wrong log-det
  f.dispose();
});

test('flow: sampling inverts the forward map', () => {
  const f = perturbedFlow(6);
  const x = tf.tensor2d([0.3, -0.7, -1.2, 0.4, 2, -2], [3, 2]);
  const back = read(tf.tidy(() => f.inverse(f.forward(x).z)));
  read(x).forEach((v, i) => expect(back[i]).toBeCloseTo(v, 3));
  f.dispose();
});

test('flow: an untrained (identity) flow gives exactly the log-likelihood of N(0, I)', async () => {
  const rng = makeRng(5);
  const pts = normals(500, 2, rng);
  const f = new RealNvp(tf, pts, { couplings: 8, width: 16, batch: 8, lr: 1e-3 }, rng);
  const per = read(tf.tidy(() => f.logProb(tf.tensor2d(pts, [500, 2]))));
  let total = 0;
  for (let i = 0; i < 500; i++) {
    const want = gaussianLogDensity([pts[2 * i], pts[2 * i + 1]], [0, 0], 1);
    expect(per[i]).toBeCloseTo(want, 4);
    total += want;
  }
  expect(await f.likelihood(pts)).toBeCloseTo(total / 500, 4);
  f.dispose();
});

test('VAE: the KL term is the closed form, and agrees with a Monte Carlo estimate of E_q[log q − log p]', () => {
  const rng = makeRng(7);
  const v = new Vae(tf, new Float32Array(4), { width: 16, depth: 2, batch: 4, lr: 1e-3 }, rng);
  const x = tf.tensor2d([0.5, -1, 2, 0.3], [2, 2]);
  const { kl } = v.elboTerms(x, tf.zeros([2, 2]) as tf.Tensor2D);
  const klV = read(kl);
  const [mu, lv] = v.posterior(x).map(read);
  for (let i = 0; i < 2; i++) {
    const m = [mu[2 * i], mu[2 * i + 1]], l = [lv[2 * i], lv[2 * i + 1]];
    expect(klV[i]).toBeCloseTo(klToStandardNormal(m, l), 5);
    const N = 20000, e = normals(N, 2, makeRng(11 + i));
    let mc = 0;
    for (let k = 0; k < N; k++) {
      const z = [m[0] + Math.exp(l[0] / 2) * e[2 * k], m[1] + Math.exp(l[1] / 2) * e[2 * k + 1]];
      mc += gaussianLogDensity([e[2 * k], e[2 * k + 1]], [0, 0], 1) - 0.5 * (l[0] + l[1]) - gaussianLogDensity(z, [0, 0], 1);
    }
    expect(Math.abs(mc / N - klV[i])).toBeLessThan(0.03 + 0.02 * klV[i]);
  }
  x.dispose();
  v.dispose();
});

/**
 * A linear VAE with known marginal: p(x|z) = N(A z + b, σ² I), z ~ N(0, I) ⇒ p(x) = N(b, A Aᵀ + σ² I).
 * A's columns are orthogonal, so the true posterior is diagonal: N(M⁻¹Aᵀ(x − b)/σ², M⁻¹), M = I + AᵀA/σ².
 */
function linearVae(exactPosterior: boolean) {
  const v = new Vae(tf, new Float32Array(4), { width: 1, depth: 0, batch: 4, lr: 1e-3 }, makeRng(3));
  const c = Math.cos(0.6), s = Math.sin(0.6), a1 = 1.5, a2 = 0.5, s2 = 0.09, b = [0.4, -0.2];
  const A = [[a1 * c, -a2 * s], [a1 * s, a2 * c]]; // columns a1·(c, s) and a2·(−s, c)
  const m = [1 + (a1 * a1) / s2, 1 + (a2 * a2) / s2];
  // decoder: out = z·K + bias with K 2×4 (mean columns, then log-variance columns)
  const [K, bias] = v.decoder.vars;
  K.assign(tf.tensor2d([A[0][0], A[1][0], 0, 0, A[0][1], A[1][1], 0, 0], [2, 4]));
  bias.assign(tf.tensor1d([b[0], b[1], Math.log(s2), Math.log(s2)]));
  const [Ke, be] = v.encoder.vars;
  if (exactPosterior) {
    // μ_q = M⁻¹ Aᵀ (x − b) / σ²: x·Ke + be with Ke[i][j] = A[i][j] / (σ² m_j)
    Ke.assign(tf.tensor2d([A[0][0] / (s2 * m[0]), A[0][1] / (s2 * m[1]), 0, 0, A[1][0] / (s2 * m[0]), A[1][1] / (s2 * m[1]), 0, 0], [2, 4]));
    const shift = [0, 1].map((j) => -(b[0] * A[0][j] + b[1] * A[1][j]) / (s2 * m[j]));
    be.assign(tf.tensor1d([shift[0], shift[1], -Math.log(m[0]), -Math.log(m[1])]));
  }
  const AAt = [A[0][0] ** 2 + A[0][1] ** 2 + s2, A[0][0] * A[1][0] + A[0][1] * A[1][1], A[1][0] ** 2 + A[1][1] ** 2 + s2] as const;
  return { v, logP: (x: [number, number]) => gaussianLogDensity2(x, [b[0], b[1]], AAt) };
}

test('VAE: ELBO ≤ log p(x) for a model whose marginal is known, with equality at the true posterior', async () => {
  const pts: [number, number][] = [[0.4, -0.2], [1.5, 0.8], [-1, -1.3], [0.2, 1.0]];
  for (const exact of [true, false]) {
    const { v, logP } = linearVae(exact);
    for (const x of pts) {
      const elbo = await v.likelihood(new Float32Array([...x, ...x, ...x, ...x]), 1000, makeRng(9));
      if (exact) expect(Math.abs(elbo - logP(x))).toBeLessThan(0.03);
      else expect(elbo).toBeLessThan(logP(x) - 0.1);
    }
    v.dispose();
  }
});

test('GAN: the discriminator trained alone converges to D* = p_data / (p_data + p_g) on two pairs of known densities', () => {
  const cases = [
    { data: { m: [0.8, 0], s: 0.6 }, gen: { m: [-0.8, 0], s: 0.6 } }, // 1D-like: the optimum varies along x only
    { data: { m: [0, 0], s: 0.7 }, gen: { m: [0, 0], s: 1.4 } },      // same mean, different spread
  ];
  const probe: [number, number][] = [[0, 0], [0.5, 0.3], [-0.5, -0.2], [1, 0], [-1, 0.5], [0.3, -1]];
  for (const [ci, cs] of cases.entries()) {
    const rng = makeRng(21 + ci);
    const gan = new Gan(tf, new Float32Array(4), { width: 24, batch: 256, lr: 5e-3, dSteps: 1 }, rng);
    const draw = (g: { m: number[]; s: number }) => tf.tidy(() => tf.add(tf.mul(tf.tensor2d(normals(256, 2, rng), [256, 2]), g.s), tf.tensor1d(g.m))) as tf.Tensor2D;
    for (let step = 0; step < 600; step++) {
      const real = draw(cs.data), fake = draw(cs.gen);
      gan.trainDiscriminatorOn(real, fake).dispose();
      real.dispose(); fake.dispose();
    }
    const got = read(gan.probabilityReal(tf.tensor2d(probe.flat(), [probe.length, 2])));
    probe.forEach((x, i) => {
      const want = optimalDiscriminator(Math.exp(gaussianLogDensity(x, cs.data.m, cs.data.s ** 2)), Math.exp(gaussianLogDensity(x, cs.gen.m, cs.gen.s ** 2)));
      expect(Math.abs(got[i] - want)).toBeLessThan(0.07);
    });
    gan.dispose();
  }
});

test('D* formula: equal densities give ½, no generator mass gives 1', () => {
  expect(optimalDiscriminator(0.3, 0.3)).toBe(0.5);
  expect(optimalDiscriminator(0.3, 0)).toBe(1);
  expect(optimalDiscriminator(0, 0)).toBe(0.5);
  expect(optimalDiscriminator(1, 3)).toBeCloseTo(0.25);
});
