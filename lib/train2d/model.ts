/**
 * The tiny noise-prediction network ε_θ(x_t, t) for 2D points, written with plain TF.js ops
 * (no tf.layers) so that one training step is as few kernel calls as possible.
 *
 * Architecture (all sizes are cell parameters):
 *   φ(x)   = [x, sin(2π x·B), cos(2π x·B)]       random Fourier features of the point,
 *                                                  B ~ N(0, σ_B²) of shape 2×F, fixed (not trained)
 *   ψ(t)   = [sin(t·ω_k), cos(t·ω_k)]             Transformer-style sinusoidal time embedding
 *   h_1    = ReLU(W_1 [φ(x); ψ(t)] + b_1)          width units
 *   h_k    = ReLU(W_k h_{k−1} + b_k)               for k = 2..depth
 *   ε̂      = W_out h_depth + b_out                 2 outputs
 * The Fourier features let a small MLP draw sharp curves (the dino's outline) in few steps;
 * the time embedding is a constant table indexed by t, so it costs one gather per step.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import { makeRng } from '../rng';

type Tf = typeof TfNamespace;
type Tensor2D = TfNamespace.Tensor2D;

export interface NetConfig {
  /** Hidden units per layer. */
  width: number;
  /** Number of hidden layers (≥ 1). */
  depth: number;
  /** Random Fourier frequencies for the input point (0: the raw point only). */
  fourier: number;
  /** Standard deviation of the Fourier frequencies (cycles per data unit). */
  fourierScale: number;
  /** Size of the sinusoidal time embedding (even). */
  timeDim: number;
  /** Number of diffusion steps (the time table has T rows, for t = 1..T). */
  T: number;
  /** Seed for the initial weights and the Fourier matrix. */
  seed: number;
}

/** Weights as plain arrays: what the worker posts, IndexedDB stores and a new worker loads. */
export interface NetWeights {
  config: NetConfig;
  /** Fourier matrix B, row-major 2×F. */
  fourierB: Float32Array;
  /** Per layer: kernel (row-major in×out) and bias. Last entry is the output layer. */
  layers: { kernel: Float32Array; bias: Float32Array; inDim: number; outDim: number }[];
}

function inputDim(c: NetConfig): number {
  return 2 + 2 * c.fourier + c.timeDim;
}

export function paramCount(c: NetConfig): number {
  const i = inputDim(c);
  return i * c.width + c.width + (c.depth - 1) * (c.width * c.width + c.width) + c.width * 2 + 2;
}

export function checkNetConfig(c: NetConfig): string | null {
  if (!Number.isInteger(c.width) || c.width < 4 || c.width > 1024) return 'width must be a whole number from 4 to 1024';
  if (!Number.isInteger(c.depth) || c.depth < 1 || c.depth > 8) return 'depth must be a whole number from 1 to 8';
  if (!Number.isInteger(c.fourier) || c.fourier < 0 || c.fourier > 256) return 'Fourier features must be 0 to 256';
  if (!(c.fourierScale > 0 && c.fourierScale <= 100)) return 'Fourier scale must be in (0, 100]';
  if (!Number.isInteger(c.timeDim) || c.timeDim < 2 || c.timeDim % 2 !== 0 || c.timeDim > 256) return 'time embedding size must be an even number from 2 to 256';
  if (!Number.isInteger(c.T) || c.T < 2 || c.T > 4000) return 'T must be a whole number from 2 to 4000';
  return null;
}

/** ψ(t) for t = 1..T as a row-major T×timeDim table: frequencies ω_k = 1/10000^(k/(D/2)) scaled to T. */
export function timeEmbeddingTable(T: number, timeDim: number): Float32Array {
  const half = timeDim / 2;
  const out = new Float32Array(T * timeDim);
  for (let t = 1; t <= T; t++) {
    // Map t to [0, 1000) so the usual Transformer frequencies span the range whatever T is.
    const pos = (t / T) * 1000;
    for (let k = 0; k < half; k++) {
      const w = Math.pow(10000, -k / half);
      out[(t - 1) * timeDim + k] = Math.sin(pos * w);
      out[(t - 1) * timeDim + half + k] = Math.cos(pos * w);
    }
  }
  return out;
}

/** Fresh weights: He-normal hidden layers, small output layer, seeded. */
export function initWeights(c: NetConfig): NetWeights {
  const err = checkNetConfig(c);
  if (err) throw new RangeError(err);
  const rng = makeRng(c.seed);
  const fourierB = new Float32Array(2 * c.fourier);
  for (let i = 0; i < fourierB.length; i++) fourierB[i] = rng.normal() * c.fourierScale;
  const dims = [inputDim(c), ...Array(c.depth).fill(c.width), 2];
  const layers = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    const inDim = dims[l], outDim = dims[l + 1];
    const last = l + 2 === dims.length;
    const std = last ? 0.01 : Math.sqrt(2 / inDim);
    const kernel = new Float32Array(inDim * outDim);
    for (let i = 0; i < kernel.length; i++) kernel[i] = rng.normal() * std;
    layers.push({ kernel, bias: new Float32Array(outDim), inDim, outDim });
  }
  return { config: { ...c }, fourierB, layers };
}

/** Offsets of each layer's kernel and bias inside the flat parameter vector θ. */
export interface LayerSlot { kOff: number; bOff: number; inDim: number; outDim: number }

export function layerSlots(c: NetConfig): { slots: LayerSlot[]; size: number } {
  const dims = [inputDim(c), ...Array(c.depth).fill(c.width), 2];
  const slots: LayerSlot[] = [];
  let off = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const inDim = dims[l], outDim = dims[l + 1];
    slots.push({ kOff: off, bOff: off + inDim * outDim, inDim, outDim });
    off += inDim * outDim + outDim;
  }
  return { slots, size: off };
}

/** Pack the layers into one flat θ (one variable means one optimizer update per step, not one per tensor). */
export function packWeights(w: NetWeights): Float32Array {
  const { slots, size } = layerSlots(w.config);
  const theta = new Float32Array(size);
  slots.forEach((s, l) => { theta.set(w.layers[l].kernel, s.kOff); theta.set(w.layers[l].bias, s.bOff); });
  return theta;
}

/**
 * The network living on a TF.js backend. All weights sit in ONE flat variable θ; each layer
 * reads its kernel and bias as slices. On wasm and WebGL a training step's cost is mostly the
 * number of kernel launches, and Adam on one tensor is ~15 launches instead of ~15 per layer.
 */
export class Net {
  readonly config: NetConfig;
  readonly theta: TfNamespace.Variable;
  readonly slots: LayerSlot[];
  private readonly tf: Tf;
  private readonly fourierB: TfNamespace.Tensor2D | null;
  private readonly timeTable: TfNamespace.Tensor2D;

  constructor(tf: Tf, w: NetWeights, trainable = true) {
    this.tf = tf;
    this.config = { ...w.config };
    const c = this.config;
    const err = checkNetConfig(c);
    if (err) throw new RangeError(err);
    const { slots, size } = layerSlots(c);
    if (w.layers.length !== slots.length || w.layers.some((l, i) => l.kernel.length !== slots[i].inDim * slots[i].outDim || l.bias.length !== slots[i].outDim)) {
      throw new RangeError('The saved weights do not match the network configuration.');
    }
    if (w.fourierB.length !== 2 * c.fourier) throw new RangeError('The saved Fourier matrix does not match the configuration.');
    this.slots = slots;
    this.fourierB = c.fourier > 0 ? tf.tensor2d(w.fourierB, [2, c.fourier]) : null;
    this.timeTable = tf.tensor2d(timeEmbeddingTable(c.T, c.timeDim), [c.T, c.timeDim]);
    const packed = packWeights(w);
    void size;
    this.theta = tf.tidy(() => tf.variable(tf.tensor1d(packed), trainable));
  }

  /** The constant part of the input: [φ(x_t); ψ(t)] (no gradient needed). tIdx holds t − 1. */
  features(xt: Tensor2D, tIdx: TfNamespace.Tensor1D): Tensor2D {
    const tf = this.tf;
    return tf.tidy(() => {
      const temb = tf.gather(this.timeTable, tIdx);
      if (!this.fourierB) return tf.concat([xt, temb], 1) as Tensor2D;
      const proj = tf.mul(tf.matMul(xt, this.fourierB), 2 * Math.PI);
      return tf.concat([xt, tf.sin(proj), tf.cos(proj), temb], 1) as Tensor2D;
    });
  }

  /** ε̂ from precomputed features, with parameters θ (the live ones or an EMA copy). */
  apply(feats: Tensor2D, theta: TfNamespace.Tensor = this.theta): Tensor2D {
    const tf = this.tf;
    let h = feats;
    this.slots.forEach((s, l) => {
      const last = l === this.slots.length - 1;
      const kernel = tf.reshape(tf.slice(theta, s.kOff, s.inDim * s.outDim), [s.inDim, s.outDim]) as Tensor2D;
      const bias = tf.slice(theta, s.bOff, s.outDim);
      h = tf.fused.matMul({ a: h, b: kernel, bias, activation: last ? 'linear' : 'relu' }) as Tensor2D;
    });
    return h;
  }

  /**
   * L_simple = mean ‖ε̂ − ε‖² and its gradient with respect to θ, by hand-written
   * backpropagation (the chain rule through each layer, last to first). Same numbers as
   * tf.variableGrads, but every matrix product is an ordinary (untransposed) one after an
   * explicit transpose: TF.js's wasm kernel for transposed products is several times slower,
   * and this is most of a training step.
   */
  lossAndGrad(feats: Tensor2D, eps: Tensor2D): { loss: TfNamespace.Scalar; grad: TfNamespace.Tensor1D } {
    const tf = this.tf;
    return tf.tidy(() => {
      const L = this.slots.length;
      const W: Tensor2D[] = [];
      const hs: Tensor2D[] = [feats]; // inputs of each layer; hs[l + 1] = output of layer l
      this.slots.forEach((s, l) => {
        const kernel = tf.reshape(tf.slice(this.theta, s.kOff, s.inDim * s.outDim), [s.inDim, s.outDim]) as Tensor2D;
        const bias = tf.slice(this.theta, s.bOff, s.outDim);
        W.push(kernel);
        hs.push(tf.fused.matMul({ a: hs[l], b: kernel, bias, activation: l === L - 1 ? 'linear' : 'relu' }) as Tensor2D);
      });
      const out = hs[L];
      const diff = tf.sub(out, eps);
      const n = diff.size;
      const loss = tf.div(tf.sum(tf.square(diff)), n) as TfNamespace.Scalar;
      let dZ = tf.mul(diff, 2 / n) as Tensor2D; // ∂L/∂(output pre-activation)
      const parts: TfNamespace.Tensor[] = new Array(2 * L);
      for (let l = L - 1; l >= 0; l--) {
        const hIn = hs[l];
        parts[2 * l] = tf.reshape(tf.matMul(tf.transpose(hIn), dZ), [-1]); // ∂L/∂W_l = h_{l−1}ᵀ dZ_l
        parts[2 * l + 1] = tf.sum(dZ, 0); //                                   ∂L/∂b_l = Σ_batch dZ_l
        if (l > 0) {
          const dH = tf.matMul(dZ, tf.transpose(W[l])); //                      ∂L/∂h_{l−1} = dZ_l W_lᵀ
          dZ = tf.mul(dH, tf.step(hIn)) as Tensor2D; //                          ReLU′: 1 where h > 0
        }
      }
      const grad = tf.concat(parts, 0) as TfNamespace.Tensor1D; // same layout as θ (kernel, bias per layer)
      return { loss, grad };
    });
  }

  /** ε̂ = ε_θ(x_t, t) for a batch. */
  predict(xt: Tensor2D, tIdx: TfNamespace.Tensor1D, theta?: TfNamespace.Tensor): Tensor2D {
    return this.tf.tidy(() => this.apply(this.features(xt, tIdx), theta));
  }

  /** Copy the weights back to plain arrays (async read; no sync download). */
  async toWeights(theta: TfNamespace.Tensor = this.theta): Promise<NetWeights> {
    const flat = (await theta.data()) as Float32Array;
    const layers = this.slots.map((s) => ({
      kernel: flat.slice(s.kOff, s.kOff + s.inDim * s.outDim),
      bias: flat.slice(s.bOff, s.bOff + s.outDim),
      inDim: s.inDim, outDim: s.outDim,
    }));
    const fourierB = this.fourierB ? Float32Array.from((await this.fourierB.data()) as Float32Array) : new Float32Array(0);
    return { config: { ...this.config }, fourierB, layers };
  }

  dispose(): void {
    this.fourierB?.dispose();
    this.timeTable.dispose();
    this.theta.dispose();
  }
}
