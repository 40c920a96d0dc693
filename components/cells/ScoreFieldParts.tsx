'use client';
/** The score cell's pieces: which recorded step to show, the frame player, and drawing arrows and particles. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { vectorLengths } from '@/lib/diffusion/score';
import { applyStandardize, type PointStats } from '@/lib/data2d';
import type { SavedModel, ScoreFieldResult } from '@/lib/train2d/protocol';
import type { Messages } from '@/messages';
import { affineFromBounds, drawLayers, type Bounds } from '../plot/canvas';
import { MathText } from '../MathText';
import { useThemeColors, type ThemeColors } from '../plot/useThemeColors';
import { usePrefersReducedMotion } from '../usePrefersReducedMotion';
import styles from './Train2DCell.module.css';
import own from './TheoryCells.module.css';

type Text = Messages['cells']['score2d'];

/**
 * A finished run: the worker's result and what it was asked for (the training points drawn are the
 * run's model's, `steps` its training steps); with Gaussian data the exact score per recorded step
 * and its mean cosine with the model's field.
 */
export interface FieldResult {
  r: ScoreFieldResult; grid: number; particles: number; stats: PointStats; points: Float32Array; steps: number;
  exact: { fields: Float32Array[]; cosine: number[] } | null;
}

export const FIELD_VIEW: Bounds = { x0: -3.2, x1: 3.2, y0: -3.2, y1: 3.2 };
const FIELD_CANVAS = 420;
/** Milliseconds per recorded step while playing. */
const FRAME_MS = 60;

/** The recorded step nearest to t (steps run from T down to 1). */
function frameNearest(steps: readonly number[], t: number): number {
  let best = 0;
  for (let i = 1; i < steps.length; i++) if (Math.abs(steps[i] - t) < Math.abs(steps[best] - t)) best = i;
  return best;
}

/** The longest vector of a field (0 for an empty one). */
function longest(field: Float32Array): number {
  let m = 0;
  for (const v of vectorLengths(field)) if (v > m) m = v;
  return m;
}

type Affine = ReturnType<typeof affineFromBounds>;

/** One arrow per grid point, k0 canvas pixels per unit of score. */
function drawArrows(g: CanvasRenderingContext2D, m: Affine, grid: Float32Array, field: Float32Array, k0: number, color: string, width: number): void {
  g.strokeStyle = color;
  g.fillStyle = color;
  g.lineWidth = width;
  for (let i = 0; i < field.length; i += 2) {
    const X = m.ax + m.kx * grid[i], Y = m.ay + m.ky * grid[i + 1];
    const dx = field[i] * k0, dy = -field[i + 1] * k0; // canvas y runs downwards
    const len = Math.hypot(dx, dy);
    if (len < 0.5) continue;
    const x1 = X + dx, y1 = Y + dy, ux = dx / len, uy = dy / len, h = Math.min(4, 0.4 * len);
    g.beginPath(); g.moveTo(X, Y); g.lineTo(x1, y1); g.stroke();
    g.beginPath(); g.moveTo(x1, y1); g.lineTo(x1 - h * ux + 0.6 * h * uy, y1 - h * uy - 0.6 * h * ux); g.lineTo(x1 - h * ux - 0.6 * h * uy, y1 - h * uy + 0.6 * h * ux); g.fill();
  }
}

/**
 * Training points, the score arrows at frame k (the longest one grid cell long) and the particles
 * there; with Gaussian data the exact score's arrows on the same scale, thinner, beneath.
 */
function drawField(canvas: HTMLCanvasElement, res: FieldResult | null, k: number, train: Float32Array | null, colors: ThemeColors): void {
  const r = res?.r ?? null;
  const layers = [{ points: train, color: 'fgSoft' as const, size: 3, alpha: r ? 0.3 : 0.6 }];
  if (!res || !r) { drawLayers(canvas, FIELD_CANVAS, FIELD_VIEW, layers, colors); return; }
  const g = drawLayers(canvas, FIELD_CANVAS, FIELD_VIEW, [...layers, { points: r.clouds[k], color: 'ink', size: 2.5, alpha: 0.65 }], colors);
  if (!g) return;
  const m = affineFromBounds(FIELD_VIEW, FIELD_CANVAS, FIELD_CANVAS);
  const exact = res.exact?.fields[k] ?? null;
  const max = Math.max(longest(r.fields[k]), exact ? longest(exact) : 0);
  const k0 = max > 0 ? ((FIELD_CANVAS / res.grid) * 0.9) / max : 0;
  if (exact) drawArrows(g, m, r.grid, exact, k0, colors.fg, 0.8);
  drawArrows(g, m, r.grid, r.fields[k], k0, colors.warn, 1.3);
}

/**
 * The shown frame: `target` (the slider's step) unless playing, when frames run from 0 (t = T)
 * up to `target`, one every FRAME_MS. A new `result` starts playing in the same render (no flash
 * of the last frame first); with reduced motion nothing plays and the target shows at once.
 */
function useFramePlayer(result: unknown, target: number, reduced: boolean) {
  const [playing, setPlaying] = useState<number | null>(null);
  const [seen, setSeen] = useState(result);
  if (seen !== result) {
    setSeen(result);
    setPlaying(result && !reduced && target > 0 ? 0 : null);
  }
  useEffect(() => {
    if (playing === null) return;
    const id = setTimeout(() => setPlaying((p) => (p === null || p + 1 >= target ? null : p + 1)), FRAME_MS);
    return () => clearTimeout(id);
  }, [playing, target]);
  const play = useCallback(() => setPlaying(!reduced && target > 0 ? 0 : null), [reduced, target]);
  const stop = useCallback(() => setPlaying(null), []);
  return { frame: playing ?? target, playing: playing !== null, play, stop };
}

/** The canvas, its Play button and the notes: the field at the slider's step, or the frames of a playback. */
export function ScoreFieldView({ result, t, running, model, text }: { result: FieldResult | null; t: number; running: boolean; model: SavedModel | null; text: Text }) {
  const colors = useThemeColors();
  const reduced = usePrefersReducedMotion();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const target = result ? frameNearest(result.r.steps, t) : 0;
  const player = useFramePlayer(result, target, reduced);
  const points = result?.points ?? model?.points ?? null, stats = result?.stats ?? model?.stats ?? null;
  const train = useMemo(() => (points && stats ? applyStandardize(points, stats) : null), [points, stats]);
  const k = result ? Math.min(player.frame, result.r.steps.length - 1) : 0;
  useEffect(() => {
    if (canvasRef.current) drawField(canvasRef.current, result, k, train, colors);
  }, [result, k, train, colors]);
  const shownT = result ? result.r.steps[k] : null;
  const len = result ? longest(result.r.fields[k]) : 0;
  return (
    <div>
      <canvas ref={canvasRef} width={FIELD_CANVAS} height={FIELD_CANVAS} className={styles.canvas} role="img" data-testid="score2d-canvas"
        data-step={shownT ?? ''} aria-label={result && shownT !== null ? text.alt(shownT, result.grid, result.particles, len) : text.altEmpty} />
      <ul className={own.legend}>
        <li><span className={own.swatch} style={{ borderColor: colors.warn }} /><MathText text={text.legend.arrows} /></li>
        {result?.exact && <li><span className={own.swatch} style={{ borderColor: colors.fg }} /><MathText text={text.legend.exact} /></li>}
        <li><span className={own.dot} style={{ background: colors.ink }} />{text.legend.particles}</li>
        <li><span className={own.dot} style={{ background: colors.fgSoft }} />{text.legend.train}</li>
      </ul>
      <div className={styles.row}>
        <button type="button" data-action="play" disabled={running || !result} onClick={() => (player.playing ? player.stop() : player.play())}>
          {player.playing ? text.pause : text.play}
        </button>
        {result && shownT !== null && <span className={styles.note} data-testid="score2d-t">{text.showing(shownT, result.r.T)}</span>}
      </div>
      {result?.exact && shownT !== null && (
        <p className={styles.note} data-testid="score2d-agreement" data-cosine={result.exact.cosine[k].toFixed(4)}>{text.agreement(shownT, result.exact.cosine[k])}</p>
      )}
      {result && <p className={styles.note}>{text.scale(len)}</p>}
    </div>
  );
}
