/**
 * The evaluation classifier rebuilt with plain tf ops — training/models.py `Classifier`:
 * per stage s: two × (conv3×3 → GroupNorm → SiLU), then 2×2 average pooling (not after the last);
 * flatten the last map in NHWC order → dense → SiLU = penultimate features; two linear heads (digit, colour).
 */
import * as tf from '@tensorflow/tfjs';
import type { ClassifierSpec } from './spec';
import { WeightMap, avgPool2, conv, dense, groupNorm, silu } from './ops';
import { checkWeights } from './unet';

export interface ClassifierOutput {
  /** [N, numDigits] logits. */
  digitLogits: tf.Tensor2D;
  /** [N, numColours] logits. */
  colourLogits: tf.Tensor2D;
  /** [N, featureDim] penultimate features (used for the Fréchet distance). */
  features: tf.Tensor2D;
}

export interface DigitClassifier {
  readonly spec: ClassifierSpec;
  /** x: NHWC [N, 28, 28, 3] in [−1, 1]. Returns new tensors; the caller disposes all three. */
  predict(x: tf.Tensor4D): ClassifierOutput;
  dispose(): void;
}

export function classifierWeightShapes(spec: ClassifierSpec): Map<string, number[]> {
  const m = new Map<string, number[]>();
  let cin = spec.inChannels;
  spec.channels.forEach((c, s) => {
    for (let j = 0; j < 2; j++) {
      const k = 2 * s + j;
      m.set(`convs.${k}.weight`, [3, 3, j === 0 ? cin : c, c]);
      m.set(`convs.${k}.bias`, [c]);
      m.set(`norms.${k}.weight`, [c]);
      m.set(`norms.${k}.bias`, [c]);
    }
    cin = c;
  });
  const side = spec.imageSize / 2 ** (spec.channels.length - 1);
  m.set('fc.weight', [side * side * cin, spec.featureDim]);
  m.set('fc.bias', [spec.featureDim]);
  m.set('digit_head.weight', [spec.featureDim, spec.numDigits]);
  m.set('digit_head.bias', [spec.numDigits]);
  m.set('colour_head.weight', [spec.featureDim, spec.numColours]);
  m.set('colour_head.bias', [spec.numColours]);
  return m;
}

/** Builds the classifier from its spec and a name → tensor map. Takes ownership of the weights. */
export function createClassifier(spec: ClassifierSpec, weights: WeightMap): DigitClassifier {
  checkWeights(classifierWeightShapes(spec), weights, 'Classifier');
  let disposed = false;
  return {
    spec,
    predict(x) {
      if (disposed) throw new Error('The classifier has been disposed.');
      const [, h, wd, c] = x.shape;
      if (h !== spec.imageSize || wd !== spec.imageSize || c !== spec.inChannels) {
        throw new Error(`Classifier input must be [N, ${spec.imageSize}, ${spec.imageSize}, ${spec.inChannels}], got [${x.shape}].`);
      }
      const [digitLogits, colourLogits, features] = tf.tidy(() => {
        let hcur: tf.Tensor4D = x;
        const n = spec.channels.length;
        for (let s = 0; s < n; s++) {
          for (let j = 0; j < 2; j++) {
            const k = 2 * s + j;
            hcur = silu(groupNorm(weights, `norms.${k}`, conv(weights, `convs.${k}`, hcur), spec.groups, spec.groupNormEps));
          }
          if (s < n - 1) hcur = avgPool2(hcur);
        }
        const feat = silu(dense(weights, 'fc', tf.reshape(hcur, [hcur.shape[0], -1]) as tf.Tensor2D));
        return [dense(weights, 'digit_head', feat), dense(weights, 'colour_head', feat), feat];
      });
      return { digitLogits, colourLogits, features };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const t of Object.values(weights)) t.dispose();
    },
  };
}
