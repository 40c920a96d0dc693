/**
 * The conditional ε-network ε_θ(x_t, t, digit, colour) rebuilt from its spec and weights with
 * plain tf ops — the same forward pass as training/models.py `UNet`:
 *
 *   emb = time_mlp(sinusoidal(t)) + digit_emb[digit] + colour_emb[colour];  e = SiLU(emb)
 *   h = conv_in(x)
 *   per level l (28, 14, 7): downBlocks[l] residual blocks; skip[l] = h; avg-pool 2×2 except at the last level
 *   midBlocks residual blocks
 *   per level from the last: (not at the last) h = upsample2(up_conv[l](h)); h = concat(h, skip[l]); upBlocks[l] blocks
 *   out = conv_out(SiLU(norm_out(h)))
 *
 * Residual block: h = conv1(SiLU(GN1(x))) + emb(e);  h = conv2(SiLU(GN2(h)));  out = skip(x) + h
 * (the + emb(e) is folded into GN2's shift: ops.ts groupNorm).
 */
import * as tf from '@tensorflow/tfjs';
import type { UNetSpec } from './spec';
import { WeightMap, avgPool2, conv, dense, groupNorm, silu, toIndexArray, upsample2 } from './ops';

export interface EpsilonModel {
  readonly spec: UNetSpec;
  /**
   * ε_θ(x_t, t, digit, colour). x: NHWC [N, 28, 28, 3] in the data scale [−1, 1].
   * t: time index 0..T−1 (paper step t = index + 1), one number for the whole batch or one per image.
   * digit: 0..9 or spec.numDigits (= none); colour: 0..8 or spec.numColours (= none); one per image or one for all.
   * Returns a new tensor (the caller disposes it); intermediate tensors are freed.
   */
  predict(
    x: tf.Tensor4D,
    t: number | ArrayLike<number>,
    digit: number | ArrayLike<number>,
    colour: number | ArrayLike<number>,
  ): tf.Tensor4D;
  /** Frees the weights. */
  dispose(): void;
}

/** Names and shapes of every weight the spec needs (PyTorch state_dict names, TF.js layouts). */
export function unetWeightShapes(spec: UNetSpec): Map<string, number[]> {
  const m = new Map<string, number[]>();
  const ed = spec.embedDim;
  const ch = spec.channels;
  const conv2 = (p: string, k: number, cin: number, cout: number) => {
    m.set(`${p}.weight`, [k, k, cin, cout]);
    m.set(`${p}.bias`, [cout]);
  };
  const lin = (p: string, cin: number, cout: number) => {
    m.set(`${p}.weight`, [cin, cout]);
    m.set(`${p}.bias`, [cout]);
  };
  const norm = (p: string, c: number) => {
    m.set(`${p}.weight`, [c]);
    m.set(`${p}.bias`, [c]);
  };
  const res = (p: string, cin: number, cout: number) => {
    norm(`${p}.norm1`, cin);
    conv2(`${p}.conv1`, 3, cin, cout);
    lin(`${p}.emb`, ed, cout);
    norm(`${p}.norm2`, cout);
    conv2(`${p}.conv2`, 3, cout, cout);
    if (cin !== cout) conv2(`${p}.skip`, 1, cin, cout);
  };
  lin('time_mlp.0', spec.timeEmbedDim, ed);
  lin('time_mlp.2', ed, ed);
  m.set('digit_emb.weight', [spec.numDigits + 1, ed]);
  m.set('colour_emb.weight', [spec.numColours + 1, ed]);
  conv2('conv_in', 3, spec.inChannels, ch[0]);
  let cin = ch[0];
  ch.forEach((c, l) => {
    for (let i = 0; i < spec.downBlocks[l]; i++) {
      res(`down.${l}.${i}`, cin, c);
      cin = c;
    }
  });
  for (let i = 0; i < spec.midBlocks; i++) res(`mid.${i}`, cin, cin);
  ch.forEach((c, l) => {
    if (l + 1 < ch.length) conv2(`up_conv.${l}`, 3, ch[l + 1], c);
    for (let i = 0; i < spec.upBlocks[l]; i++) res(`up.${l}.${i}`, i === 0 ? 2 * c : c, c);
  });
  norm('norm_out', ch[0]);
  conv2('conv_out', 3, ch[0], spec.outChannels);
  return m;
}

/**
 * Transformer sinusoidal features [sin(t·f_i), cos(t·f_i)], f_i = 10000^(−i/half), computed in
 * float32 steps like timestep_embedding in training/models.py.
 */
function timestepEmbedding(t: Int32Array, dim: number): Float32Array {
  const half = dim / 2;
  const out = new Float32Array(t.length * dim);
  const freqs = new Float32Array(half);
  for (let i = 0; i < half; i++) freqs[i] = Math.exp(Math.fround((-Math.log(10000) * i) / half));
  for (let n = 0; n < t.length; n++) {
    for (let i = 0; i < half; i++) {
      const arg = Math.fround(t[n] * freqs[i]);
      out[n * dim + i] = Math.sin(arg);
      out[n * dim + half + i] = Math.cos(arg);
    }
  }
  return out;
}

function resBlock(
  weights: WeightMap,
  p: string,
  x: tf.Tensor4D,
  e: tf.Tensor2D,
  spec: UNetSpec,
): tf.Tensor4D {
  const { groups, groupNormEps: eps } = spec;
  const h1 = conv(weights, `${p}.conv1`, silu(groupNorm(weights, `${p}.norm1`, x, groups, eps)));
  // h1 + emb(e) is only ever normalised, so GN2 takes the embedding as an offset (see groupNorm)
  // rather than materialising the sum.
  const h = conv(weights, `${p}.conv2`, silu(groupNorm(weights, `${p}.norm2`, h1, groups, eps, dense(weights, `${p}.emb`, e))));
  const skip = weights[`${p}.skip.weight`] ? conv(weights, `${p}.skip`, x) : x;
  return tf.add(skip, h) as tf.Tensor4D;
}

/** Checks that `weights` holds exactly the tensors the spec needs, with the right shapes. */
export function checkWeights(expected: Map<string, number[]>, weights: WeightMap, modelName: string): void {
  for (const [name, shape] of expected) {
    const t = weights[name];
    if (!t) throw new Error(`${modelName}: weight "${name}" is missing.`);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
      throw new Error(`${modelName}: weight "${name}" has shape [${t.shape}], expected [${shape}].`);
    }
  }
}

/** Builds ε_θ from the spec and a name → tensor map (as returned by load.ts). Takes ownership of the weights. */
export function createEpsilonModel(spec: UNetSpec, weights: WeightMap): EpsilonModel {
  checkWeights(unetWeightShapes(spec), weights, 'U-Net');
  let disposed = false;
  const n = spec.channels.length;
  return {
    spec,
    predict(x, t, digit, colour) {
      if (disposed) throw new Error('The U-Net has been disposed.');
      const [batch, h, wd, c] = x.shape;
      if (h !== spec.imageSize || wd !== spec.imageSize || c !== spec.inChannels) {
        throw new Error(`U-Net input must be [N, ${spec.imageSize}, ${spec.imageSize}, ${spec.inChannels}], got [${x.shape}].`);
      }
      const ti = toIndexArray(t, batch, 't');
      const di = toIndexArray(digit, batch, 'digit');
      const ci = toIndexArray(colour, batch, 'colour');
      for (let i = 0; i < batch; i++) {
        if (di[i] < 0 || di[i] > spec.numDigits) throw new Error(`digit ${di[i]} is outside 0..${spec.numDigits}.`);
        if (ci[i] < 0 || ci[i] > spec.numColours) throw new Error(`colour ${ci[i]} is outside 0..${spec.numColours}.`);
      }
      const temb = timestepEmbedding(ti, spec.timeEmbedDim);
      return tf.tidy(() => {
        let emb = dense(weights, 'time_mlp.0', tf.tensor2d(temb, [batch, spec.timeEmbedDim]));
        emb = dense(weights, 'time_mlp.2', silu(emb));
        emb = tf.add(emb, tf.gather(weights['digit_emb.weight'], tf.tensor1d(di, 'int32'))) as tf.Tensor2D;
        emb = tf.add(emb, tf.gather(weights['colour_emb.weight'], tf.tensor1d(ci, 'int32'))) as tf.Tensor2D;
        const e = silu(emb);
        let hcur = conv(weights, 'conv_in', x);
        const skips: tf.Tensor4D[] = [];
        for (let l = 0; l < n; l++) {
          for (let i = 0; i < spec.downBlocks[l]; i++) hcur = resBlock(weights, `down.${l}.${i}`, hcur, e, spec);
          skips.push(hcur);
          if (l < n - 1) hcur = avgPool2(hcur);
        }
        for (let i = 0; i < spec.midBlocks; i++) hcur = resBlock(weights, `mid.${i}`, hcur, e, spec);
        for (let l = n - 1; l >= 0; l--) {
          if (l < n - 1) hcur = upsample2(conv(weights, `up_conv.${l}`, hcur));
          hcur = tf.concat([hcur, skips[l]], 3);
          for (let i = 0; i < spec.upBlocks[l]; i++) hcur = resBlock(weights, `up.${l}.${i}`, hcur, e, spec);
        }
        const out = silu(groupNorm(weights, 'norm_out', hcur, spec.groups, spec.groupNormEps));
        return conv(weights, 'conv_out', out);
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const t of Object.values(weights)) t.dispose();
    },
  };
}
