/** What the race's training loop (./loop.ts) needs from a GAN, a VAE or a flow. */
import type * as TfNamespace from '@tensorflow/tfjs';
import type { Rng } from '../rng';

export interface RaceNet {
  /** One optimisation step; returns [loss, …its parts] (the loop reads the last of a chunk and frees the rest). */
  trainStep(): TfNamespace.Tensor1D;
  /** `n` points (standardized coordinates), read back from the backend before resolving. */
  sample(n: number, rng: Rng): Promise<Float32Array>;
  /** The mean log-likelihood per point (exact) or its lower bound, in nats, on standardized points. */
  likelihood?(points: Float32Array): Promise<number>;
  dispose(): void;
}

/** Reads a tensor, frees it and returns its values. */
export async function readAndFree(t: TfNamespace.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}
