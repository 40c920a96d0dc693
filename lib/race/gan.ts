/**
 * The race's GAN (Goodfellow et al., 2014): a generator G(z), z ~ N(0, I₂), and a
 * discriminator D(x) giving a logit, both small MLPs. The discriminator minimises
 *   −E_data[log σ(D(x))] − E_z[log(1 − σ(D(G(z))))]  = E softplus(−D(x)) + E softplus(D(G(z))),
 * `dSteps` times per generator step; the generator minimises the non-saturating loss
 *   −E_z[log σ(D(G(z)))] = E softplus(−D(G(z)))
 * (the paper's §3 remedy for vanishing gradients early in training). Adam with β₁ = 0.5.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { makeMlp, drawRows, normals, type Mlp } from './mlp';
import { readAndFree, type RaceNet } from './net';

type Tf = typeof TfNamespace;

export interface GanConfig {
  width: number;
  batch: number;
  lr: number;
  /** Discriminator steps per generator step. */
  dSteps: number;
}

export class Gan implements RaceNet {
  readonly G: Mlp;
  readonly D: Mlp;
  private readonly optG: TfNamespace.Optimizer;
  private readonly optD: TfNamespace.Optimizer;

  /** `data`: standardized training points (flat x, y). */
  constructor(private readonly tf: Tf, private readonly data: Float32Array, private readonly c: GanConfig, private readonly rng: Rng) {
    this.G = makeMlp(tf, [2, c.width, c.width, 2], rng, 'relu');
    this.D = makeMlp(tf, [2, c.width, c.width, 1], rng, 'leakyRelu');
    this.optG = tf.train.adam(c.lr, 0.5, 0.999);
    this.optD = tf.train.adam(c.lr, 0.5, 0.999);
  }

  /** The discriminator's loss on a real batch and a latent batch (a scalar tensor). */
  discriminatorLoss(real: TfNamespace.Tensor2D, z: TfNamespace.Tensor2D): TfNamespace.Scalar {
    const tf = this.tf;
    const fake = this.G.apply(z);
    return tf.add(tf.mean(tf.softplus(tf.neg(this.D.apply(real)))), tf.mean(tf.softplus(this.D.apply(fake)))) as TfNamespace.Scalar;
  }

  /** σ(D(x)): the discriminator's probability that x is real. */
  probabilityReal(x: TfNamespace.Tensor2D): TfNamespace.Tensor1D {
    return this.tf.tidy(() => this.tf.sigmoid(this.D.apply(x)).reshape([-1]) as TfNamespace.Tensor1D);
  }

  /** Trains D alone on batches from `real` and `fake` (the GAN-optimum test: G is not involved). */
  trainDiscriminatorOn(real: TfNamespace.Tensor2D, fake: TfNamespace.Tensor2D): TfNamespace.Scalar {
    const tf = this.tf;
    return this.optD.minimize(() => tf.add(tf.mean(tf.softplus(tf.neg(this.D.apply(real)))), tf.mean(tf.softplus(this.D.apply(fake)))) as TfNamespace.Scalar,
      true, this.D.vars)!;
  }

  trainStep(): TfNamespace.Tensor1D {
    const tf = this.tf, B = this.c.batch;
    return tf.tidy(() => {
      let dLoss: TfNamespace.Scalar | null = null;
      for (let k = 0; k < this.c.dSteps; k++) {
        const real = tf.tensor2d(drawRows(this.data, B, this.rng), [B, 2]);
        const z = tf.tensor2d(normals(B, 2, this.rng), [B, 2]);
        dLoss = this.optD.minimize(() => this.discriminatorLoss(real, z), true, this.D.vars)!;
      }
      const z = tf.tensor2d(normals(B, 2, this.rng), [B, 2]);
      const gLoss = this.optG.minimize(() => tf.mean(tf.softplus(tf.neg(this.D.apply(this.G.apply(z))))) as TfNamespace.Scalar, true, this.G.vars)!;
      return tf.stack([gLoss, dLoss ?? tf.scalar(NaN)]) as TfNamespace.Tensor1D;
    });
  }

  sample(n: number, rng: Rng): Promise<Float32Array> {
    const z = normals(n, 2, rng);
    return readAndFree(this.tf.tidy(() => this.G.apply(this.tf.tensor2d(z, [n, 2]))));
  }

  dispose(): void {
    this.G.dispose();
    this.D.dispose();
    this.optG.dispose();
    this.optD.dispose();
  }
}
