/**
 * The race's small multilayer perceptrons, in plain TF.js ops over `tf.variable`s (no
 * tf.layers): weights drawn in JavaScript from the cell's seeded RNG (Glorot uniform), so a
 * seed reproduces a run on every backend. Used by the GAN, the VAE and the flow's couplings.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import type { Rng } from '../rng';

type Tf = typeof TfNamespace;

export type Activation = 'relu' | 'leakyRelu' | 'tanh';

export interface Mlp {
  /** Kernel and bias of every layer, in order (what an optimizer updates). */
  readonly vars: TfNamespace.Variable[];
  /** The network on a batch [n, in] → [n, out]. */
  apply(x: TfNamespace.Tensor2D): TfNamespace.Tensor2D;
  dispose(): void;
}

/**
 * An MLP with layer sizes `sizes` (input first, output last) and `act` between layers.
 * `zeroLast` starts the output layer at zero (the flow's couplings then begin as the identity).
 */
export function makeMlp(tf: Tf, sizes: readonly number[], rng: Rng, act: Activation, zeroLast = false): Mlp {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new RangeError('an MLP needs at least two positive layer sizes');
  const vars: TfNamespace.Variable[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i], fanOut = sizes[i + 1];
    const w = new Float32Array(fanIn * fanOut);
    if (!(zeroLast && i + 2 === sizes.length)) {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let k = 0; k < w.length; k++) w[k] = (2 * rng.uniform() - 1) * limit;
    }
    vars.push(tf.tidy(() => tf.variable(tf.tensor2d(w, [fanIn, fanOut]))), tf.tidy(() => tf.variable(tf.zeros([fanOut]))));
  }
  return {
    vars,
    apply(x) {
      let h = x;
      for (let i = 0; i < vars.length; i += 2) h = layer(tf, h, vars[i] as TfNamespace.Tensor2D, vars[i + 1], i + 2 < vars.length ? act : null);
      return h;
    },
    dispose() { for (const v of vars) v.dispose(); },
  };
}

const LEAK = 0.2;

/**
 * act(h W + b) as one fused kernel (matrix product, bias and ReLU in a single op: what makes a
 * 2,000-point draw fast); TF.js fuses the activation only outside gradients, and computes a
 * leaky ReLU or tanh after the fused product.
 */
function layer(tf: Tf, h: TfNamespace.Tensor2D, w: TfNamespace.Tensor2D, b: TfNamespace.Tensor, act: Activation | null): TfNamespace.Tensor2D {
  if (act === null || act === 'relu') return tf.fused.matMul({ a: h, b: w, bias: b, activation: act ?? 'linear' }) as TfNamespace.Tensor2D;
  const z = tf.fused.matMul({ a: h, b: w, bias: b }) as TfNamespace.Tensor2D;
  return act === 'tanh' ? tf.tanh(z) : tf.leakyRelu(z, LEAK);
}

/** A batch of `count` rows drawn with replacement from flat 2D points (plain JS, seeded). */
export function drawRows(data: Float32Array, count: number, rng: Rng, out = new Float32Array(2 * count)): Float32Array {
  const n = data.length / 2;
  for (let i = 0; i < count; i++) {
    const j = Math.min(n - 1, Math.floor(rng.uniform() * n));
    out[2 * i] = data[2 * j];
    out[2 * i + 1] = data[2 * j + 1];
  }
  return out;
}

/** `count` × `dim` standard normal draws (plain JS, seeded). */
export function normals(count: number, dim: number, rng: Rng): Float32Array {
  const out = new Float32Array(count * dim);
  rng.fillNormal(out);
  return out;
}
