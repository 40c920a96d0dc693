'use client';
import { memo, useEffect, useRef, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react';
import { imageToRgba } from '@/lib/imageSampling/pixels';
import styles from './imageModel.module.css';

/**
 * One small image (e.g. 28×28 or 7×7) drawn at its true pixel size and scaled up by CSS with
 * crisp pixels, so `getImageData` returns the exact pixels (the benchmark reads them back).
 */
export const PixelCanvas = memo(function PixelCanvas({
  data, size, channels = 3, index = 0, label, displayPx = 84, state, overlay, testId, onPointer,
}: {
  /** [n, size, size, channels] in [−1, 1]; image `index` is drawn. null draws an empty frame. */
  data: Float32Array | null;
  size: number;
  channels?: number;
  index?: number;
  label: string;
  displayPx?: number;
  state?: 'empty' | 'preview' | 'final';
  /** Optional 0/1 mask (size² values) drawn as a translucent hatch over the image. */
  overlay?: Uint8Array | null;
  testId?: string;
  onPointer?: (e: ReactPointerEvent<HTMLCanvasElement>) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    if (!data) { ctx.clearRect(0, 0, size, size); return; }
    const rgba = imageToRgba(data, index, size, channels);
    if (overlay) {
      for (let p = 0; p < size * size; p++) {
        if (!overlay[p]) continue;
        const stripe = ((p % size) + Math.floor(p / size)) % 4 < 2;
        rgba[p * 4] = stripe ? 255 : Math.round(rgba[p * 4] * 0.4 + 150);
        rgba[p * 4 + 1] = stripe ? 60 : Math.round(rgba[p * 4 + 1] * 0.4);
        rgba[p * 4 + 2] = stripe ? 200 : Math.round(rgba[p * 4 + 2] * 0.4 + 120);
      }
    }
    ctx.putImageData(new ImageData(rgba as unknown as Uint8ClampedArray<ArrayBuffer>, size, size), 0, 0);
  }, [data, size, channels, index, overlay]);
  const style = { '--px': `${displayPx}px` } as CSSProperties;
  return (
    <canvas
      ref={ref}
      width={size}
      height={size}
      className={styles.pixel}
      style={style}
      role="img"
      aria-label={label}
      data-state={state ?? (data ? 'final' : 'empty')}
      data-testid={testId}
      onPointerDown={onPointer}
      onPointerMove={onPointer}
    />
  );
});
