'use client';
import { useCallback, type PointerEvent as ReactPointerEvent } from 'react';
import { PixelCanvas } from './PixelCanvas';
import { useLatestRef } from '../useLatestRef';

/**
 * A 28×28 image with a paintable 0/1 layer over it (pointer, pen or touch). `hole[p] = 1` marks
 * painted pixels. Keyboard users get preset masks and Clear from the parent.
 */
export function MaskPainter({
  image, hole, onChange, label, disabled, brush = 1.6, displayPx = 196, showOverlay = true, testId = 'mask-painter',
}: {
  image: Float32Array | null;
  hole: Uint8Array;
  onChange: (next: Uint8Array) => void;
  label: string;
  disabled?: boolean;
  brush?: number;
  displayPx?: number;
  /** Hatch the painted pixels (a mask); false when the painting is itself the image (a drawn digit). */
  showOverlay?: boolean;
  testId?: string;
}) {
  // The mask being painted: the latest prop, advanced locally by each stroke before the parent re-renders.
  const holeRef = useLatestRef(hole);
  const paint = useCallback((e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (disabled) return;
    if (e.type === 'pointerdown') e.currentTarget.setPointerCapture?.(e.pointerId);
    else if (e.buttons === 0) return;
    e.preventDefault();
    const r = e.currentTarget.getBoundingClientRect();
    const cx = ((e.clientX - r.left) / r.width) * 28;
    const cy = ((e.clientY - r.top) / r.height) * 28;
    const next = Uint8Array.from(holeRef.current);
    let changed = false;
    for (let y = Math.floor(cy - brush); y <= Math.ceil(cy + brush); y++) {
      for (let x = Math.floor(cx - brush); x <= Math.ceil(cx + brush); x++) {
        if (x < 0 || y < 0 || x >= 28 || y >= 28) continue;
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > brush * brush) continue;
        if (!next[y * 28 + x]) { next[y * 28 + x] = 1; changed = true; }
      }
    }
    if (changed) { holeRef.current = next; onChange(next); }
  }, [brush, disabled, onChange, holeRef]);
  return <PixelCanvas data={image} size={28} label={label} overlay={showOverlay ? hole : null} displayPx={displayPx} onPointer={paint} testId={testId} />;
}
