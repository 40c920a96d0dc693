/**
 * The race's normalizing flow: RealNVP (Dinh, Sohl-Dickstein & Bengio, 2017) in 2D. K affine
 * coupling layers with alternating masks: layer k keeps coordinate a = k mod 2 and maps the other,
 *   y_a = x_a,   y_b = x_b · exp(s(x_a)) + t(x_a),      log|det ∂y/∂x| = s(x_a),
 * with s = tanh(ŝ) and (ŝ, t) from a small MLP on Fourier features of x_a. The last layer of every
 * MLP starts at zero, so an untrained flow is the identity. The data x maps to z = f(x) and
 *   log p(x) = log N(f(x); 0, I) + Σ_k s_k       (change of variables: exact, no bound)
 * which training maximises; sampling inverts the layers in reverse order,
 *   x_b = (y_b − t(y_a)) · exp(−s(y_a)).
 * Being a continuous bijection of the plane, a flow cannot cut N(0, I) into separate pieces: it
 * leaves thin bridges of samples between modes.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import type { Rng } from '../rng';
import { makeMlp, drawRows, type Mlp } from './mlp';
import { readAndFree, type RaceNet } from './net';

type Tf = typeof TfNamespace;
type T2 = TfNamespace.Tensor2D;

export interface FlowConfig {
  couplings: number;
  width: number;
  batch: number;
  lr: number;
}

/** Frequencies of the fixed Fourier features of the kept coordinate (standardized units). */
const FREQS = [0.5, 1, 2, 4];
const LOG_2PI = Math.log(2 * Math.PI);

export class RealNvp implements RaceNet {
  readonly nets: Mlp[];
  private readonly opt: TfNamespace.Optimizer;
  private readonly freqs: TfNamespace.Tensor2D;

  constructor(private readonly tf: Tf, private readonly data: Float32Array, private readonly c: FlowConfig, private readonly rng: Rng) {
    if (!Number.isInteger(c.couplings) || c.couplings < 1) throw new RangeError('a flow needs at least one coupling layer');
    this.nets = Array.from({ length: c.couplings }, () => makeMlp(tf, [1 + 2 * FREQS.length, c.width, c.width, 2], rng, 'relu', true));
    this.freqs = tf.tensor2d(FREQS, [1, FREQS.length]);
    this.opt = tf.train.adam(c.lr);
  }

  /** s and t of coupling k from the kept coordinate [n, 1]: the features [x_a, sin ωx_a, cos ωx_a] through its MLP. */
  private scaleShift(k: number, kept: T2): [T2, T2] {
    const tf = this.tf;
    const a = tf.mul(kept, this.freqs) as T2;
    const h = this.nets[k].apply(tf.concat([kept, tf.sin(a), tf.cos(a)], 1) as T2);
    const [sRaw, t] = tf.split(h, 2, 1) as [T2, T2];
    return [tf.tanh(sRaw), t];
  }

  /**
   * Coupling k on the two coordinates as columns [n, 1] (the flow works on columns, so no layer
   * splits or joins its input): the moved column after the map, and log|det| = s [n, 1].
   */
  private couplingCols(k: number, cols: [T2, T2]): { cols: [T2, T2]; s: T2 } {
    const a = k % 2, b = 1 - a;
    const [s, t] = this.scaleShift(k, cols[a]);
    const out: [T2, T2] = [cols[0], cols[1]];
    out[b] = this.tf.add(this.tf.mul(cols[b], this.tf.exp(s)), t) as T2;
    return { cols: out, s };
  }

  private columns(x: T2): [T2, T2] {
    return this.tf.split(x, 2, 1) as [T2, T2];
  }

  /** Coupling k forward on x [n, 2]: y and log|det ∂y/∂x| [n]. */
  coupling(k: number, x: T2): { y: T2; logDet: TfNamespace.Tensor1D } {
    const r = this.couplingCols(k, this.columns(x));
    return { y: this.tf.concat(r.cols, 1) as T2, logDet: r.s.reshape([-1]) as TfNamespace.Tensor1D };
  }

  /** z = f(x) and Σ log-dets, through every coupling. */
  forward(x: T2): { z: T2; logDet: TfNamespace.Tensor1D } {
    const tf = this.tf;
    let cols = this.columns(x);
    const logDets: T2[] = [];
    for (let k = 0; k < this.nets.length; k++) {
      const r = this.couplingCols(k, cols);
      cols = r.cols;
      logDets.push(r.s);
    }
    return { z: tf.concat(cols, 1) as T2, logDet: tf.addN(logDets).reshape([-1]) as TfNamespace.Tensor1D };
  }

  /** Exact log p(x) per point [n] (nats). */
  logProb(x: T2): TfNamespace.Tensor1D {
    const tf = this.tf;
    const { z, logDet } = this.forward(x);
    const base = tf.mul(tf.add(tf.sum(tf.square(z), 1), 2 * LOG_2PI), -0.5);
    return tf.add(base, logDet) as TfNamespace.Tensor1D;
  }

  /** x = f⁻¹(z): the couplings undone in reverse order, x_b = (y_b − t(y_a)) · exp(−s(y_a)). */
  inverse(z: T2): T2 {
    const tf = this.tf;
    const cols = this.columns(z);
    for (let k = this.nets.length - 1; k >= 0; k--) {
      const a = k % 2, b = 1 - a;
      const [s, t] = this.scaleShift(k, cols[a]);
      cols[b] = tf.mul(tf.sub(cols[b], t), tf.exp(tf.neg(s))) as T2;
    }
    return tf.concat(cols, 1) as T2;
  }

  trainStep(): TfNamespace.Tensor1D {
    const tf = this.tf, B = this.c.batch;
    return tf.tidy(() => {
      const x = tf.tensor2d(drawRows(this.data, B, this.rng), [B, 2]);
      const nll = this.opt.minimize(() => tf.neg(tf.mean(this.logProb(x))) as TfNamespace.Scalar, true, this.nets.flatMap((m) => m.vars))!;
      return nll.reshape([1]) as TfNamespace.Tensor1D;
    });
  }

  sample(n: number, rng: Rng): Promise<Float32Array> {
    const z = new Float32Array(2 * n);
    rng.fillNormal(z);
    return readAndFree(this.tf.tidy(() => this.inverse(this.tf.tensor2d(z, [n, 2]))));
  }

  /** The mean exact log p over `points` (nats per point, standardized coordinates). */
  async likelihood(points: Float32Array): Promise<number> {
    const n = points.length / 2;
    return (await readAndFree(this.tf.tidy(() => this.tf.mean(this.logProb(this.tf.tensor2d(points, [n, 2]))))))[0];
  }

  dispose(): void {
    for (const m of this.nets) m.dispose();
    this.freqs.dispose();
    this.opt.dispose();
  }
}
