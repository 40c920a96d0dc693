'use client';
/**
 * Pieces shared by the 2D training, sampling and memorization cells: a worker-client hook, a
 * scatter canvas, CSV export and a debug hook the browser tests read (the charts: Train2DCharts.tsx).
 */
import { useEffect, useRef } from 'react';
import { getTrain2DClient, type Train2DClient } from '@/lib/train2d/client';
import { drawLayers, type Bounds, type Layer } from '../plot/canvas';
import { useThemeColors } from '../plot/useThemeColors';
import styles from './Train2DCell.module.css';

declare global {
  interface Window {
    __train2d?: {
      /** tf.memory().numTensors of the page's 2D worker ([] before it started). */
      workerTensors(): Promise<number[]>;
      /** Tensors held by TF.js on the main thread (null: the page never loaded TF.js). */
      pageTensors(): number | null;
      runs: Record<string, unknown>;
    };
  }
}

function installDebugHook() {
  if (typeof window === 'undefined' || window.__train2d) return;
  window.__train2d = {
    async workerTensors() {
      const m = await getTrain2DClient().memory();
      return m ? [m.numTensors] : [];
    },
    pageTensors() {
      const g = globalThis as unknown as { tf?: { memory(): { numTensors: number } } };
      return g.tf ? g.tf.memory().numTensors : null;
    },
    runs: {},
  };
}

/** The page's one 2D model client: every 2D cell shares one worker, started on the first call. */
export function useWorkerClient(): () => Train2DClient {
  useEffect(() => { installDebugHook(); }, []);
  return getTrain2DClient;
}


/** A square view around the points (padding 10 %), so the shape is not stretched. */
export function boundsOf(points: ArrayLike<number> | null | undefined, fallback = 2.5): Bounds {
  if (!points || points.length < 2) return { x0: -fallback, x1: fallback, y0: -fallback, y1: fallback };
  let a = Infinity, b = -Infinity, c = Infinity, d = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i], y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < a) a = x; if (x > b) b = x; if (y < c) c = y; if (y > d) d = y;
  }
  if (!Number.isFinite(a)) return { x0: -fallback, x1: fallback, y0: -fallback, y1: fallback };
  const cx = (a + b) / 2, cy = (c + d) / 2;
  const half = Math.max(b - a, d - c, 1e-6) * 0.6;
  return { x0: cx - half, x1: cx + half, y0: cy - half, y1: cy + half };
}

/** A square scatter canvas redrawn whenever its layers change. */
export function Scatter({ layers, bounds, label, testId, size = 420 }: {
  layers: Layer[]; bounds: Bounds; label: string; testId?: string; size?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const colors = useThemeColors();
  // Redraw only when a layer, the view or the theme changed (callers pass new layer arrays on
  // every render, so the effect compares what it last drew).
  const drawn = useRef<unknown[]>([]);
  useEffect(() => {
    const key = [bounds.x0, bounds.x1, bounds.y0, bounds.y1, size, colors, ...layers.flatMap((l) => [l.points, l.color, l.size, l.alpha, l.ring])];
    if (key.length === drawn.current.length && key.every((v, i) => v === drawn.current[i])) return;
    drawn.current = key;
    if (ref.current) drawLayers(ref.current, size, bounds, layers, colors);
  });
  return <canvas ref={ref} width={size} height={size} className={styles.canvas} role="img" aria-label={label} data-testid={testId} />;
}

/** Download points as CSV (x,y). */
export function downloadCsv(points: ArrayLike<number>, filename: string): void {
  const rows = ['x,y'];
  for (let i = 0; i + 1 < points.length; i += 2) rows.push(`${points[i]},${points[i + 1]}`);
  const blob = new Blob([rows.join('\n') + '\n'], { type: 'text/csv' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
