/**
 * The training colouring of training/cmnist.py, mirrored for the browser: a grey digit is painted
 * in a named stroke colour over the dark background, with the same small jitter (hue ± h, value ×
 * U(v0, v1), background ± b RGB units on all channels). The jitter sizes come from the model's
 * manifest (vocabulary.jitter) at run time. Pure: no DOM.
 */
import { paintDigit } from '../imageSampling/pixels';
import type { Rng } from '../rng';

export interface JitterSpec {
  /** ± hue in HSV units [0, 1). */
  hue: number;
  /** Brightness multiplier range. */
  valueRange: [number, number];
  /** ± RGB units (0–255) added to every background channel. */
  backgroundRgb: number;
}

export interface Jitter {
  hueDelta: number;
  valueMult: number;
  bgDelta: number;
}

/** colorsys.rgb_to_hsv (inputs in [0, 1]). */
export function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const maxc = Math.max(r, g, b);
  const minc = Math.min(r, g, b);
  const v = maxc;
  if (minc === maxc) return [0, 0, v];
  const s = (maxc - minc) / maxc;
  const rc = (maxc - r) / (maxc - minc);
  const gc = (maxc - g) / (maxc - minc);
  const bc = (maxc - b) / (maxc - minc);
  let h: number;
  if (r === maxc) h = bc - gc;
  else if (g === maxc) h = 2 + rc - bc;
  else h = 4 + gc - rc;
  h = (((h / 6) % 1) + 1) % 1;
  return [h, s, v];
}

/** colorsys.hsv_to_rgb. */
export function hsvToRgb(h: number, s: number, v: number): [number, number, number] {
  if (s === 0) return [v, v, v];
  const i = Math.floor(h * 6);
  const f = h * 6 - i;
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  switch (((i % 6) + 6) % 6) {
    case 0: return [v, t, p];
    case 1: return [q, v, p];
    case 2: return [p, v, t];
    case 3: return [p, q, v];
    case 4: return [t, p, v];
    default: return [v, p, q];
  }
}

/** One draw of the colour jitter, in the order cmnist.colourize draws it (hue, value, background). */
export function drawJitter(rng: Rng, spec: JitterSpec): Jitter {
  const u = (lo: number, hi: number) => lo + (hi - lo) * rng.uniform();
  return {
    hueDelta: u(-spec.hue, spec.hue),
    valueMult: u(spec.valueRange[0], spec.valueRange[1]),
    bgDelta: u(-spec.backgroundRgb, spec.backgroundRgb),
  };
}

/** The jittered stroke colour (RGB 0–255) of cmnist.stroke_rgb. */
export function jitteredStroke(rgb: readonly number[], j: Jitter): [number, number, number] {
  const [h, s, v] = rgbToHsv(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255);
  const out = hsvToRgb((((h + j.hueDelta) % 1) + 1) % 1, s, v * j.valueMult);
  return [out[0] * 255, out[1] * 255, out[2] * 255];
}

/**
 * cmnist.colourize for one digit: grey intensities in [0, 1] (side² values) → NHWC [side, side, 3]
 * in [−1, 1], with the given jitter (no jitter: `{ hueDelta: 0, valueMult: 1, bgDelta: 0 }`).
 */
export function colouriseDigit(
  grey: ArrayLike<number>, strokeRgb: readonly number[], backgroundRgb: readonly number[], j: Jitter,
): Float32Array {
  const stroke = jitteredStroke(strokeRgb, j);
  const bg = backgroundRgb.map((c) => c + j.bgDelta);
  return paintDigit(grey, stroke, bg);
}
