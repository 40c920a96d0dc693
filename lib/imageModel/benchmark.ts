/**
 * The workload the image-model worker times to choose wasm's thread count (lib/backend/threads.ts):
 * two 3×3 convolutions at the U-Net's widest level (28×28, 16 channels) on a guided batch of 32,
 * where most of a sampling step's time goes. Synthetic weights: it runs before the model loads.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import type { Benchmark } from '../backend/host';

export function convBenchmark(tf: typeof TfNamespace, batch = 32, size = 28, channels = 16): Benchmark {
  let held: TfNamespace.Tensor[] | null = null;
  return {
    async step() {
      held ??= tf.tidy(() => [
        tf.randomNormal([batch, size, size, channels], 0, 1, 'float32', 7),
        tf.randomNormal([3, 3, channels, channels], 0, 0.1, 'float32', 8),
        tf.randomNormal([3, 3, channels, channels], 0, 0.1, 'float32', 9),
      ]);
      const [x, w1, w2] = held as [TfNamespace.Tensor4D, TfNamespace.Tensor4D, TfNamespace.Tensor4D];
      const y = tf.tidy(() => tf.conv2d(tf.relu(tf.conv2d(x, w1, 1, 'same')), w2, 1, 'same'));
      await y.data();
      y.dispose();
    },
    dispose() {
      held?.forEach((t) => t.dispose());
      held = null;
    },
  };
}
