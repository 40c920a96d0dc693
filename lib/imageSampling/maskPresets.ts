/**
 * Preset inpainting holes (1 = hole) on the 28 × 28 grid, for keyboard use and quick starts.
 * Pure data, so the cell catalog (its parameter spec) can name them without loading the painter.
 */
export const MASK_PRESETS = ['top', 'bottom', 'left', 'right', 'centre', 'ring'] as const;
export type MaskPreset = (typeof MASK_PRESETS)[number];

export function presetHole(p: MaskPreset): Uint8Array {
  const m = new Uint8Array(28 * 28);
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const d = Math.hypot(x - 13.5, y - 13.5);
      const v = p === 'top' ? y < 14 : p === 'bottom' ? y >= 14 : p === 'left' ? x < 14 : p === 'right' ? x >= 14
        : p === 'centre' ? x >= 8 && x < 20 && y >= 8 && y < 20 : d >= 6 && d < 11;
      m[y * 28 + x] = v ? 1 : 0;
    }
  }
  return m;
}
