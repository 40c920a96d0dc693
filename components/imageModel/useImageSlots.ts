'use client';
/**
 * The image grid's slots as a sampling job fills them: one empty slot per requested image, then
 * previews (the current x̂₀ every few steps) and final images with the classifier's verdicts, in
 * chunks as the worker reports them. Every image cell shows its job through this one hook.
 */
import { useMemo, useState } from 'react';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import type { GridSlot } from './ImageGrid';

/** Floats per image [28, 28, 3]. */
const IMAGE_FLOATS = 28 * 28 * 3;

interface ImageSlots {
  /** Empty slots for images with these requested conditions (null = unconditional). */
  begin(digits: readonly (number | null)[], colours: readonly (number | null)[]): void;
  /** Images start … start + n − 1 as previews (x̂₀ so far), `data` holding n images. */
  preview(start: number, n: number, data: Float32Array): void;
  /** Images start … start + n − 1 as finished, with their verdicts when classified. */
  final(start: number, n: number, data: Float32Array, verdicts?: readonly Verdict[] | null): void;
  clear(): void;
}

export function useImageSlots(): [GridSlot[], ImageSlots] {
  const [slots, setSlots] = useState<GridSlot[]>([]);
  const api = useMemo<ImageSlots>(() => {
    const fill = (start: number, n: number, data: Float32Array, patch: (i: number) => Partial<GridSlot>) => setSlots((prev) => {
      const next = prev.slice();
      for (let i = 0; i < n; i++) {
        if (!next[start + i]) continue;
        next[start + i] = { ...next[start + i], data: data.subarray(i * IMAGE_FLOATS, (i + 1) * IMAGE_FLOATS), ...patch(i) };
      }
      return next;
    });
    return {
      begin: (digits, colours) => setSlots(digits.map((d, i) => ({ data: null, state: 'empty', requestedDigit: d, requestedColour: colours[i] ?? null, verdict: null }))),
      preview: (start, n, data) => fill(start, n, data, () => ({ state: 'preview' })),
      final: (start, n, data, verdicts) => fill(start, n, data, (i) => ({ state: 'final', verdict: verdicts?.[i] ?? null })),
      clear: () => setSlots([]),
    };
  }, []);
  return [slots, api];
}
