/**
 * The handful of layers both image models use, as plain tf ops in NHWC layout. Each mirrors one
 * PyTorch op in training/models.py exactly (same padding, same epsilon, biased variance).
 * Call these inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs';

export type WeightMap = Record<string, tf.Tensor>;

/** Fetches a weight by name, with a clear error when the map lacks it. */
export function w(weights: WeightMap, name: string): tf.Tensor {
  const t = weights[name];
  if (!t) throw new Error(`Model weights are missing "${name}".`);
  return t;
}

/** Conv2d with bias; kernel HWIO. A k×k kernel with odd k uses zero padding (k−1)/2 ('same'), like PyTorch padding=k//2. */
export function conv(weights: WeightMap, prefix: string, x: tf.Tensor4D): tf.Tensor4D {
  const kernel = w(weights, `${prefix}.weight`) as tf.Tensor4D;
  const pad = kernel.shape[0] === 1 ? 'valid' : 'same';
  return tf.add(tf.conv2d(x, kernel, 1, pad), w(weights, `${prefix}.bias`)) as tf.Tensor4D;
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
 * torch.nn.GroupNorm(groups, C, eps). Two-pass (mean, then mean of squared deviations).
 * Spatial sums are taken with a batched matMul against a constant 1/(H·W) row, and group
 * statistics with a reduction over the innermost axis: no transposes, which keeps it fast on
 * every backend (a 5-D tf.moments was ~40× slower on the cpu backend).
 */
export function groupNorm(
  weights: WeightMap,
  prefix: string,
  x: tf.Tensor4D,
  groups: number,
  eps: number,
): tf.Tensor4D {
  const [n, h, wd, c] = x.shape;
  const hw = h * wd;
  const cg = c / groups;
  const avg = tf.fill([n, 1, hw], 1 / hw);
  // mean over a group = mean of its channels' spatial means (equal counts)
  const groupMean = (v: tf.Tensor): tf.Tensor =>
    tf.reshape(tf.mean(tf.reshape(tf.matMul(avg, tf.reshape(v, [n, hw, c]) as tf.Tensor3D), [n, groups, cg]), 2), [n, 1, groups, 1]);
  const xg = tf.reshape(x, [n, hw, groups, cg]);
  const centered = tf.sub(xg, groupMean(x));
  const variance = groupMean(tf.square(centered));
  const normed = tf.reshape(tf.div(centered, tf.sqrt(tf.add(variance, eps))), [n, h, wd, c]);
  return tf.add(tf.mul(normed, w(weights, `${prefix}.weight`)), w(weights, `${prefix}.bias`)) as tf.Tensor4D;
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
