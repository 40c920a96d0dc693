/**
 * The two places where the image pipeline touches TF.js tensors: running the U-Net on a flat
 * batch, and grading images with the evaluation classifier. Both free every tensor they create
 * (tf.tidy + dispose) and read results with `await t.data()` only (docs/sources.md, "Measured here").
 */
import * as tf from '@tensorflow/tfjs';
import type { EpsilonModel } from '../imageModel/unet';
import type { DigitClassifier } from '../imageModel/classifier';
import type { ConditionalEpsilon } from './sampleImages';

/** Adapts the TF.js U-Net to the tensor-free `ConditionalEpsilon` used by the sampling loop. */
export function tfEpsilon(model: EpsilonModel): ConditionalEpsilon {
  const { imageSize: s, inChannels: c } = model.spec;
  return async (x, n, tIndex, digit, colour) => {
    const out = tf.tidy(() => model.predict(tf.tensor4d(x, [n, s, s, c]), tIndex, digit, colour));
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  };
}

export interface Verdict {
  /** Most likely digit and its softmax probability. */
  digit: number;
  digitProb: number;
  /** Most likely colour index and its softmax probability. */
  colour: number;
  colourProb: number;
}

function argmaxSoftmax(logits: Float32Array, row: number, k: number): { index: number; prob: number } {
  let best = 0;
  let max = -Infinity;
  for (let j = 0; j < k; j++) {
    const v = logits[row * k + j];
    if (v > max) { max = v; best = j; }
  }
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp(logits[row * k + j] - max);
  return { index: best, prob: 1 / sum };
}

/** The classifier's verdict for n images ([n, H, W, C] in [−1, 1]), in batches of at most `batch`. */
export async function classifyImages(classifier: DigitClassifier, images: Float32Array, n: number, batch = 64): Promise<Verdict[]> {
  const { imageSize: s, inChannels: c, numDigits, numColours } = classifier.spec;
  const per = s * s * c;
  if (images.length !== n * per) throw new RangeError(`Expected ${n} images of ${s}×${s}×${c}.`);
  const verdicts: Verdict[] = [];
  for (let start = 0; start < n; start += batch) {
    const m = Math.min(batch, n - start);
    const [dl, cl] = tf.tidy(() => {
      const out = classifier.predict(tf.tensor4d(images.subarray(start * per, (start + m) * per), [m, s, s, c]));
      return [out.digitLogits, out.colourLogits];
    });
    try {
      const d = (await dl.data()) as Float32Array;
      const col = (await cl.data()) as Float32Array;
      for (let i = 0; i < m; i++) {
        const a = argmaxSoftmax(d, i, numDigits);
        const b = argmaxSoftmax(col, i, numColours);
        verdicts.push({ digit: a.index, digitProb: a.prob, colour: b.index, colourProb: b.prob });
      }
    } finally {
      dl.dispose();
      cl.dispose();
    }
  }
  return verdicts;
}
