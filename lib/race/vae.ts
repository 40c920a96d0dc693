/**
 * The race's VAE (Kingma & Welling, 2014): a Gaussian encoder q(z|x) = N(μ_φ(x), diag σ²_φ(x)),
 * z ∈ ℝ², a Gaussian decoder p(x|z) = N(μ_θ(z), diag σ²_θ(z)) and the prior N(0, I). Training
 * maximises the ELBO with one reparameterised draw z = μ_φ + σ_φ ⊙ ε per point:
 *   ELBO(x) = E_q[log p(x|z)]  −  KL(q(z|x) ‖ N(0, I))
 *             reconstruction     closed form: ½ Σ (μ² + σ² − 1 − log σ²)
 * Sampling draws z from the prior and x from the decoder, its noise included: that noise is what
 * spreads a VAE's samples off a thin shape.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { makeMlp, drawRows, normals, type Mlp } from './mlp';
import { readAndFree, type RaceNet } from './net';

type Tf = typeof TfNamespace;
type T2 = TfNamespace.Tensor2D;

export interface VaeConfig {
  width: number;
  /** Hidden layers of the encoder and decoder (0: linear maps). */
  depth: number;
  batch: number;
  lr: number;
}

/** Decoder log-variances are kept in this range (σ from 0.02 to 7), so a collapsing σ cannot blow the loss up. */
const LOGVAR_MIN = -8, LOGVAR_MAX = 4;
const LOG_2PI = Math.log(2 * Math.PI);

export class Vae implements RaceNet {
  readonly encoder: Mlp;
  readonly decoder: Mlp;
  private readonly opt: TfNamespace.Optimizer;

  constructor(private readonly tf: Tf, private readonly data: Float32Array, private readonly c: VaeConfig, private readonly rng: Rng) {
    const hidden = Array.from({ length: c.depth }, () => c.width);
    this.encoder = makeMlp(tf, [2, ...hidden, 4], rng, 'relu');
    this.decoder = makeMlp(tf, [2, ...hidden, 4], rng, 'relu');
    this.opt = tf.train.adam(c.lr);
  }

  /** [mean, log-variance] halves of a network's 4 outputs. */
  private split(h: T2, clamp: boolean): [T2, T2] {
    const [m, lv] = this.tf.split(h, 2, 1) as [T2, T2];
    return [m, clamp ? this.tf.clipByValue(lv, LOGVAR_MIN, LOGVAR_MAX) : lv];
  }

  /**
   * Both ELBO terms per point for points x [n, 2] and draws ε [n, 2]: `recon` = log p(x | z)
   * at z = μ_φ + σ_φ ε, `kl` = KL(q(z|x) ‖ N(0, I)) in closed form (nats).
   */
  elboTerms(x: T2, eps: T2): { recon: TfNamespace.Tensor1D; kl: TfNamespace.Tensor1D } {
    const tf = this.tf;
    const [mu, logVar] = this.split(this.encoder.apply(x), false);
    const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps)) as T2;
    const [mx, lvx] = this.split(this.decoder.apply(z), true);
    const sq = tf.div(tf.square(tf.sub(x, mx)), tf.exp(lvx));
    const recon = tf.mul(tf.sum(tf.add(tf.add(lvx, sq), LOG_2PI), 1), -0.5) as TfNamespace.Tensor1D;
    const kl = tf.mul(tf.sum(tf.sub(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), 1), logVar), 1), 0.5) as TfNamespace.Tensor1D;
    return { recon, kl };
  }

  /** The encoder's q(z|x) parameters for x (tests compare its KL with the closed form). */
  posterior(x: T2): [T2, T2] {
    return this.split(this.encoder.apply(x), false);
  }

  trainStep(): TfNamespace.Tensor1D {
    const tf = this.tf, B = this.c.batch;
    return tf.tidy(() => {
      const x = tf.tensor2d(drawRows(this.data, B, this.rng), [B, 2]);
      const eps = tf.tensor2d(normals(B, 2, this.rng), [B, 2]);
      const held: { parts?: TfNamespace.Tensor1D } = {};
      const loss = this.opt.minimize(() => {
        const { recon, kl } = this.elboTerms(x, eps);
        const r = tf.neg(tf.mean(recon)), k = tf.mean(kl);
        held.parts = tf.keep(tf.stack([r, k]) as TfNamespace.Tensor1D);
        return tf.add(r, k) as TfNamespace.Scalar;
      }, true, [...this.encoder.vars, ...this.decoder.vars])!;
      const out = tf.concat([loss.reshape([1]), held.parts!]) as TfNamespace.Tensor1D;
      held.parts!.dispose();
      return out;
    });
  }

  sample(n: number, rng: Rng): Promise<Float32Array> {
    const tf = this.tf;
    const z = normals(n, 2, rng), e = normals(n, 2, rng);
    return readAndFree(tf.tidy(() => {
      const [m, lv] = this.split(this.decoder.apply(tf.tensor2d(z, [n, 2])), true);
      return tf.add(m, tf.mul(tf.exp(tf.mul(lv, 0.5)), tf.tensor2d(e, [n, 2])));
    }));
  }

  /** The mean ELBO (one draw per point, seeded) over `points`: a lower bound on the mean log p. */
  async likelihood(points: Float32Array, draws = 1, seedRng?: Rng): Promise<number> {
    const tf = this.tf, n = points.length / 2;
    const rng = seedRng ?? this.rng;
    let total = 0;
    for (let d = 0; d < draws; d++) {
      const eps = normals(n, 2, rng);
      const v = await readAndFree(tf.tidy(() => {
        const { recon, kl } = this.elboTerms(tf.tensor2d(points, [n, 2]), tf.tensor2d(eps, [n, 2]));
        return tf.mean(tf.sub(recon, kl));
      }));
      total += v[0];
    }
    return total / draws;
  }

  dispose(): void {
    this.encoder.dispose();
    this.decoder.dispose();
    this.opt.dispose();
  }
}
