/**
 * The handful of layers both image models use, as plain tf ops in NHWC layout. Each mirrors one
 * PyTorch op in training/models.py exactly (same padding, same epsilon, biased variance).
 * Call these inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';

export type WeightMap = Record<string, tf.Tensor>;

/** Fetches a weight by name, with a clear error when the map lacks it. */
function w(weights: WeightMap, name: string): tf.Tensor {
  const t = weights[name];
  if (!t) throw new Error(`Model weights are missing "${name}".`);
  return t;
}

/**
 * Conv2d with bias; kernel HWIO. A k×k kernel with odd k uses zero padding (k−1)/2 ('same'),
 * like PyTorch padding=k//2. The bias rides inside the convolution (tf.fused.conv2d): one
 * kernel instead of conv + add, which matters on single-threaded wasm.
 */
export function conv(weights: WeightMap, prefix: string, x: tf.Tensor4D): tf.Tensor4D {
  const kernel = w(weights, `${prefix}.weight`) as tf.Tensor4D;
  const pad = kernel.shape[0] === 1 ? 'valid' : 'same';
  return tf.fused.conv2d({ x, filter: kernel, strides: 1, pad, bias: w(weights, `${prefix}.bias`) }) as tf.Tensor4D;
}

/** Dense layer x·W + b with W stored [in, out]. */
export function dense(weights: WeightMap, prefix: string, x: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.matMul(x, w(weights, `${prefix}.weight`) as tf.Tensor2D), w(weights, `${prefix}.bias`)) as tf.Tensor2D;
}

/** SiLU(x) = x·σ(x). */
export function silu<T extends tf.Tensor>(x: T): T {
  return tf.mul(x, tf.sigmoid(x)) as T;
}

/**
 * GroupNorm over (H, W, C/G) per sample and group, biased variance, then per-channel γ, β —
 * torch.nn.GroupNorm(groups, C, eps) — applied to x + offset, where `offset` ([N, C], optional)
 * is a per-sample, per-channel constant (a residual block's time/condition embedding).
 *
 * Written as one scale and one shift per (sample, channel), so the full-size tensor is touched
 * only by the two statistics and one multiply-add:
 *   per channel   m_c = mean_hw(x),  q_c = mean_hw(x²)          (batched matMul with a 1/(H·W) row)
 *   with offset e: m_c ← m_c + e_c,  q_c ← q_c + 2 e_c m_c + e_c²  (mean_hw((x+e)²), no x + e tensor)
 *   per group     μ_g = mean_c∈g m_c,  σ²_g = mean_c∈g q_c − μ_g²  (equal counts per channel)
 *   scale_c = γ_c / √(σ²_g + eps),   shift_c = β_c + (e_c − μ_g)·scale_c
 *   GN(x + e) = x·scale + shift
 * (A 5-D tf.moments was ~40× slower on the cpu backend; transposes are avoided everywhere.)
 */
export function groupNorm(
  weights: WeightMap,
  prefix: string,
  x: tf.Tensor4D,
  groups: number,
  eps: number,
  offset?: tf.Tensor2D,
): tf.Tensor4D {
  const [n, h, wd, c] = x.shape;
  const hw = h * wd;
  const cg = c / groups;
  const avg = tf.fill([n, 1, hw], 1 / hw);
  const x3 = tf.reshape(x, [n, hw, c]) as tf.Tensor3D;
  let m = tf.reshape(tf.matMul(avg, x3), [n, c]);
  let q = tf.reshape(tf.matMul(avg, tf.square(x3) as tf.Tensor3D), [n, c]);
  if (offset) {
    q = tf.add(q, tf.mul(offset, tf.add(tf.mul(m, 2), offset)));
    m = tf.add(m, offset);
  }
  const mu = tf.mean(tf.reshape(m, [n, groups, cg]), 2, true);
  const variance = tf.relu(tf.sub(tf.mean(tf.reshape(q, [n, groups, cg]), 2, true), tf.square(mu)));
  const scale = tf.reshape(tf.mul(tf.reshape(w(weights, `${prefix}.weight`), [1, groups, cg]), tf.rsqrt(tf.add(variance, eps))), [n, c]);
  const centre = tf.reshape(tf.mul(tf.sub(offset ? tf.reshape(offset, [n, groups, cg]) : 0, mu), tf.reshape(scale, [n, groups, cg])), [n, c]);
  const shift = tf.add(centre, w(weights, `${prefix}.bias`));
  return tf.add(tf.mul(x, tf.reshape(scale, [n, 1, 1, c])), tf.reshape(shift, [n, 1, 1, c])) as tf.Tensor4D;
}

/** 2×2 average pooling, stride 2 (F.avg_pool2d(x, 2)). */
export function avgPool2(x: tf.Tensor4D): tf.Tensor4D {
  return tf.avgPool(x, 2, 2, 'valid');
}

/** Nearest-neighbour 2× upsampling: output pixel (i, j) copies input (⌊i/2⌋, ⌊j/2⌋). */
export function upsample2(x: tf.Tensor4D): tf.Tensor4D {
  const [, h, wd] = x.shape;
  return tf.image.resizeNearestNeighbor(x, [2 * h, 2 * wd], false, false);
}

/** Normalises an index argument (one value for the batch, or one per sample) to an Int32Array of length n. */
export function toIndexArray(v: number | ArrayLike<number>, n: number, what: string): Int32Array {
  const out = new Int32Array(n);
  if (typeof v === 'number') {
    out.fill(v);
    return out;
  }
  if (v.length !== n) throw new Error(`${what} has ${v.length} entries but the batch has ${n} images.`);
  for (let i = 0; i < n; i++) out[i] = v[i];
  return out;
}
