'use client';
/**
 * Canvas drawing for animated point clouds and pixel images. A Plot figure draws the frame and
 * axes; `affineFromPlot` reads its scales (`plot.scale('x').apply(v)`) so the canvas overlay puts
 * each point exactly where Plot would.
 */
import type { Histogram } from '@/lib/plotting/histogram';
import type { ThemeColors } from './useThemeColors';

/** Pixel = a + k · value, per axis, in the plot's CSS pixels. */
export interface Affine {
  ax: number;
  kx: number;
  ay: number;
  ky: number;
}

type PlotLike = { scale(name: 'x' | 'y'): { apply(v: number): number } | undefined };

/** The linear map of a Plot figure's x and y scales (both must be linear). */
export function affineFromPlot(plot: Element): Affine {
  const p = plot as unknown as PlotLike;
  const sx = p.scale('x');
  const sy = p.scale('y');
  if (!sx || !sy) throw new Error('plot has no x/y scale');
  const x0 = sx.apply(0), x1 = sx.apply(1);
  const y0 = sy.apply(0), y1 = sy.apply(1);
  return { ax: x0, kx: x1 - x0, ay: y0, ky: y1 - y0 };
}

/** Size the canvas backing store for the device pixel ratio; returns a context in CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
  const w = Math.round(width * dpr), h = Math.round(height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** Square dots for a flat [x0, y0, x1, y1, …] array, in one fill colour (fast: one fillRect each). */
export function drawPoints(
  ctx: CanvasRenderingContext2D, pts: ArrayLike<number>, m: Affine, color: string, size = 2.4, alpha = 0.6,
  clip?: { x0: number; x1: number; y0: number; y1: number },
): void {
  ctx.save();
  if (clip) {
    ctx.beginPath();
    ctx.rect(clip.x0, clip.y0, clip.x1 - clip.x0, clip.y1 - clip.y0);
    ctx.clip();
  }
  ctx.fillStyle = color;
  ctx.globalAlpha = alpha;
  const h = size / 2;
  for (let i = 0; i + 1 < pts.length; i += 2) {
    // fillRect ignores NaN coordinates, so a diverged point is simply not drawn.
    ctx.fillRect(m.ax + m.kx * pts[i] - h, m.ay + m.ky * pts[i + 1] - h, size, size);
  }
  ctx.restore();
}

/** Rings (unfilled circles) of radius `r` around each point: training points under samples. */
function drawRings(ctx: CanvasRenderingContext2D, pts: ArrayLike<number>, m: Affine, color: string, r = 5, alpha = 0.9): void {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.globalAlpha = alpha;
  ctx.beginPath();
  for (let i = 0; i + 1 < pts.length; i += 2) {
    const px = m.ax + m.kx * pts[i], py = m.ay + m.ky * pts[i + 1];
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    ctx.moveTo(px + r, py);
    ctx.arc(px, py, r, 0, 2 * Math.PI);
  }
  ctx.stroke();
  ctx.restore();
}

/** A view of the data plane: x from x0 to x1, y from y0 (bottom) to y1 (top). */
export interface Bounds { x0: number; x1: number; y0: number; y1: number }

/** Data → CSS pixels for a `width` × `height` box showing `b`, y upwards. */
export function affineFromBounds(b: Bounds, width: number, height: number): Affine {
  const kx = width / (b.x1 - b.x0), ky = -height / (b.y1 - b.y0);
  return { ax: -b.x0 * kx, kx, ay: -b.y1 * ky, ky };
}

/** One cloud of a scatter: flat [x0, y0, x1, y1, …], a theme colour, dot size (or ring radius). */
export interface Layer {
  points: ArrayLike<number> | null | undefined;
  color: keyof ThemeColors;
  size?: number;
  alpha?: number;
  ring?: boolean;
}

/**
 * Clear a square canvas of `size` CSS pixels and draw the layers in order, at the device's pixel
 * ratio (sharp on a phone or a projector) and in the theme's colours.
 */
export function drawLayers(canvas: HTMLCanvasElement, size: number, bounds: Bounds, layers: Layer[], colors: ThemeColors): CanvasRenderingContext2D | null {
  const ctx = prepareCanvas(canvas, size, size);
  if (!ctx) return null;
  ctx.clearRect(0, 0, size, size);
  const m = affineFromBounds(bounds, size, size);
  for (const l of layers) {
    if (!l.points) continue;
    if (l.ring) drawRings(ctx, l.points, m, colors[l.color], l.size ?? 5, l.alpha ?? 0.9);
    else drawPoints(ctx, l.points, m, colors[l.color], l.size ?? 3, l.alpha ?? 0.6);
  }
  return ctx;
}

/**
 * A histogram as bars along one axis of the plot. `along` = 'x' draws bars upwards from
 * `base` (a pixel y); 'y' draws bars rightwards from `base` (a pixel x). `pxPerDensity`
 * converts density to bar length; bars are capped at `maxLen`.
 */
export function drawHistogram(
  ctx: CanvasRenderingContext2D, h: Histogram, m: Affine, along: 'x' | 'y', base: number,
  pxPerDensity: number, maxLen: number, color: string, alpha = 0.55,
): void {
  ctx.save();
  ctx.fillStyle = color;
  ctx.globalAlpha = alpha;
  const n = h.density.length;
  for (let k = 0; k < n; k++) {
    const len = Math.min(maxLen, h.density[k] * pxPerDensity);
    if (len <= 0) continue;
    const v0 = h.lo + k * h.width, v1 = v0 + h.width;
    if (along === 'x') {
      const p0 = m.ax + m.kx * v0, p1 = m.ax + m.kx * v1;
      ctx.fillRect(Math.min(p0, p1), base - len, Math.abs(p1 - p0) - 0.5, len);
    } else {
      const p0 = m.ay + m.ky * v0, p1 = m.ay + m.ky * v1;
      ctx.fillRect(base, Math.min(p0, p1), len, Math.abs(p1 - p0) - 0.5);
    }
  }
  ctx.restore();
}

/** A density curve (x values, density values) along one axis, matching `drawHistogram`. */
export function drawDensity(
  ctx: CanvasRenderingContext2D, xs: ArrayLike<number>, ys: ArrayLike<number>, m: Affine, along: 'x' | 'y',
  base: number, pxPerDensity: number, color: string, width = 1.5,
): void {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.beginPath();
  for (let i = 0; i < xs.length; i++) {
    const len = ys[i] * pxPerDensity;
    const px = along === 'x' ? m.ax + m.kx * xs[i] : base + len;
    const py = along === 'x' ? base - len : m.ay + m.ky * xs[i];
    if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
  }
  ctx.stroke();
  ctx.restore();
}

/**
 * A square grey image from values in [lo, hi] (row-major, side × side), drawn at 1 canvas pixel
 * per image pixel; scale the canvas with CSS (`image-rendering: pixelated`). Values outside
 * [lo, hi] are clipped to black/white.
 */
export function drawGrayImage(canvas: HTMLCanvasElement, values: ArrayLike<number>, side: number, lo = -1, hi = 1): void {
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(side, side);
  const k = 255 / (hi - lo);
  for (let i = 0; i < side * side; i++) {
    const g = Math.max(0, Math.min(255, Math.round((values[i] - lo) * k)));
    img.data[4 * i] = g;
    img.data[4 * i + 1] = g;
    img.data[4 * i + 2] = g;
    img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}
