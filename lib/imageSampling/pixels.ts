/**
 * Conversions between the model's pixel scale ([−1, 1], NHWC) and 8-bit RGBA for canvases,
 * plus the coloured-digit painting used to turn a grey MNIST digit into a model input.
 * Pure: no DOM.
 */

/** RGBA bytes of image `index` of a [n, size, size, channels] batch in [−1, 1] (1 or 3 channels). */
export function imageToRgba(images: Float32Array, index: number, size: number, channels: number): Uint8ClampedArray {
  const per = size * size * channels;
  const out = new Uint8ClampedArray(size * size * 4);
  const o = index * per;
  for (let p = 0; p < size * size; p++) {
    for (let c = 0; c < 3; c++) {
      const v = images[o + p * channels + (channels === 1 ? 0 : c)];
      out[p * 4 + c] = Math.round((v + 1) * 127.5);
    }
    out[p * 4 + 3] = 255;
  }
  return out;
}

/**
 * Paints a grey digit (intensities in [0, 1], size² values) as the training data does: the
 * stroke colour over the dark background, linearly by intensity, in the model scale [−1, 1].
 */
export function paintDigit(grey: ArrayLike<number>, strokeRgb: readonly number[], backgroundRgb: readonly number[]): Float32Array {
  const out = new Float32Array(grey.length * 3);
  for (let p = 0; p < grey.length; p++) {
    const v = Math.min(1, Math.max(0, grey[p]));
    for (let c = 0; c < 3; c++) out[p * 3 + c] = ((backgroundRgb[c] * (1 - v) + strokeRgb[c] * v) / 255) * 2 - 1;
  }
  return out;
}

/** Encodes a 0/1 mask as base64url of its bits (row-major, 8 pixels per byte, high bit first). */
export function encodeMask(mask: ArrayLike<number>): string {
  const bytes = new Uint8Array(Math.ceil(mask.length / 8));
  for (let i = 0; i < mask.length; i++) if (mask[i]) bytes[i >> 3] |= 0x80 >> (i & 7);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes `encodeMask`; null when the text is not a mask of `n` pixels. */
export function decodeMask(text: string, n: number): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  let bin: string;
  try {
    bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  } catch {
    return null;
  }
  if (bin.length !== Math.ceil(n / 8)) return null;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) mask[i] = bin.charCodeAt(i >> 3) & (0x80 >> (i & 7)) ? 1 : 0;
  return mask;
}
