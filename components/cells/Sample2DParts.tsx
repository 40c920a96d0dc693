'use client';
/** The sampling cell's pieces: drawing one frame, its legend, picking a particle, the scrubber, the controls (the step breakdown: Sample2DBreakdown.tsx). */
import type { FrameMsg } from '@/lib/train2d/protocol';
import type { SamplerSpec } from '@/lib/diffusion/samplers';
import type { Messages } from '@/messages';
import { fixed } from '@/messages/format';
import { affineFromBounds, drawLayers, type Bounds } from '../plot/canvas';
import type { ThemeColors } from '../plot/useThemeColors';
import { ParamControls } from '../cell/ParamControls';
import type { CellApi, RunContext } from '../cell/Cell';
import { useEffect, useRef } from 'react';
import { SAMPLE2D_SPEC } from './catalog';
import styles from './Train2DCell.module.css';

type Text = Messages['cells']['sample2d'];

export interface SampleResult {
  frames: FrameMsg[];
  x0: Float32Array;
  ms: number;
  sampler: SamplerSpec;
  nSteps: number;
  stats: { meanX: number; meanY: number; stdX: number; stdY: number };
}

const VIEW: Bounds = { x0: -3.2, x1: 3.2, y0: -3.2, y1: 3.2 };
export const CANVAS_SIZE = 420;
/** Particles whose whole path is drawn. */
export const TRACKED = 6;

/** The cloud shown at frame i: x_t of a recorded step, or the final x_0 past the last one. */
const cloudAt = (r: SampleResult, i: number) => (i < r.frames.length ? r.frames[i].xt : r.x0);

/** Frames of a trajectory drawn brightest (older steps fade out, so the paths never hide the cloud). */
const TAIL = 12;
/** Inset of the clip rectangle: a path leaving the view stops at its edge, inside the border. */
const CLIP_INSET = 2;

/**
 * Training points, the cloud at frame k, the first TRACKED trajectories up to frame k (never
 * further), faded by age and clipped to the view, and the picked particle.
 */
export function drawSampleFrame(
  canvas: HTMLCanvasElement, result: SampleResult | null, k: number, picked: number | null,
  trainStd: Float32Array | null, colors: ThemeColors,
): void {
  if (!result) { drawLayers(canvas, CANVAS_SIZE, VIEW, [{ points: trainStd, color: 'fgSoft', size: 4, alpha: 0.6 }], colors); return; }
  const cloud = cloudAt(result, k);
  const g = drawLayers(canvas, CANVAS_SIZE, VIEW, [
    { points: trainStd, color: 'fgSoft', size: 4, alpha: 0.35 },
    { points: cloud, color: 'ink', size: 2.5, alpha: 0.5 },
  ], colors);
  if (!g) return;
  const m = affineFromBounds(VIEW, CANVAS_SIZE, CANVAS_SIZE);
  const X = (v: number) => m.ax + m.kx * v, Y = (v: number) => m.ay + m.ky * v;
  g.save();
  g.beginPath();
  g.rect(CLIP_INSET, CLIP_INSET, CANVAS_SIZE - 2 * CLIP_INSET, CANVAS_SIZE - 2 * CLIP_INSET);
  g.clip();
  g.strokeStyle = colors.warn;
  g.fillStyle = colors.warn;
  g.lineWidth = 1.3;
  g.lineJoin = 'round';
  for (let p = 0; p < Math.min(TRACKED, cloud.length / 2); p++) {
    // One segment per frame, so each carries its own opacity: 0.12 for old steps, up to 0.9 for the newest.
    for (let i = 1; i <= k; i++) {
      const a = cloudAt(result, i - 1), b = cloudAt(result, i);
      const age = k - i;
      g.globalAlpha = age >= TAIL ? 0.12 : 0.12 + 0.78 * (1 - age / TAIL);
      g.beginPath();
      g.moveTo(X(a[2 * p]), Y(a[2 * p + 1]));
      g.lineTo(X(b[2 * p]), Y(b[2 * p + 1]));
      g.stroke();
    }
    g.globalAlpha = 1;
    g.beginPath(); g.arc(X(cloud[2 * p]), Y(cloud[2 * p + 1]), 3, 0, 2 * Math.PI); g.fill();
  }
  g.restore();
  if (picked !== null) {
    g.strokeStyle = colors.accent;
    g.lineWidth = 2.5;
    g.beginPath(); g.arc(X(cloud[2 * picked]), Y(cloud[2 * picked + 1]), 7, 0, 2 * Math.PI); g.stroke();
  }
}

/** What the plot's marks are (the colours are the theme's, as drawn). */
export function SampleLegend({ text, colors, picked }: { text: Text; colors: ThemeColors; picked: boolean }) {
  const dot = (c: string, o: number) => <span className={styles.swatchDot} style={{ background: c, opacity: o }} aria-hidden="true" />;
  return (
    <ul className={styles.legend} data-testid="sample2d-legend">
      <li>{dot(colors.fgSoft, 0.6)}{text.legend.train}</li>
      <li>{dot(colors.ink, 0.7)}{text.legend.cloud}</li>
      <li><span className={styles.swatchLine} style={{ background: colors.warn }} aria-hidden="true" />{text.legend.paths(TRACKED)}</li>
      {picked && <li><span className={styles.swatchRing} style={{ borderColor: colors.accent }} aria-hidden="true" />{text.legend.picked}</li>}
    </ul>
  );
}

/** The particle nearest to a click on the canvas, at frame k. */
export function particleAt(e: React.MouseEvent<HTMLCanvasElement>, result: SampleResult, k: number): number {
  const rect = e.currentTarget.getBoundingClientRect();
  const x = VIEW.x0 + ((e.clientX - rect.left) / rect.width) * (VIEW.x1 - VIEW.x0);
  const y = VIEW.y1 - ((e.clientY - rect.top) / rect.height) * (VIEW.y1 - VIEW.y0);
  const cloud = cloudAt(result, k);
  let best = -1, bd = Infinity;
  for (let i = 0; i < cloud.length / 2; i++) {
    const d = (cloud[2 * i] - x) ** 2 + (cloud[2 * i + 1] - y) ** 2;
    if (d < bd) { bd = d; best = i; }
  }
  return best;
}

/** The reverse-step slider (its label and value on one line above it) and the particle-number field. */
export function ScrubRow({ result, k, tLabel, picked, text, onScrub, onPick }: {
  result: SampleResult; k: number; tLabel: string; picked: number | null; text: Text;
  onScrub: (k: number) => void; onPick: (p: number) => void;
}) {
  const n = result.x0.length / 2;
  return (
    <div className={styles.scrubBlock}>
      <div className={styles.scrubHead}>
        <label htmlFor="sample2d-scrub">{text.scrub}</label>
        <output htmlFor="sample2d-scrub" data-testid="sample2d-t">{tLabel}</output>
      </div>
      <input id="sample2d-scrub" className={styles.scrub} type="range" min={0} max={result.frames.length} step={1} value={k}
        aria-valuetext={tLabel} onChange={(e) => onScrub(Number(e.currentTarget.value))} />
      <div className={styles.row}>
        <label htmlFor="sample2d-particle">{text.pickNumber}</label>
        <input id="sample2d-particle" type="number" min={0} max={n - 1} step={1} value={picked ?? ''} style={{ width: '6em' }}
          onChange={(e) => { const v = Number(e.currentTarget.value); if (e.currentTarget.value !== '' && Number.isInteger(v) && v >= 0 && v < n) onPick(v); }} />
      </div>
    </div>
  );
}

/** DDPM shows its variance choice, DDIM its η and S; then size, seed and backend. */
export function Sample2DControls({ api, text, backendChoices }: {
  api: CellApi<typeof SAMPLE2D_SPEC>; text: Text; backendChoices: Record<string, string>;
}) {
  const { values, setValue, running } = api;
  const samplerParams = values.sampler === 'ddpm' ? (['variance', 'zeroNoise'] as const) : (['eta', 'S'] as const);
  return (
    <ParamControls spec={SAMPLE2D_SPEC} values={values} setValue={setValue} disabled={running} labels={text}
      params={['sampler', ...samplerParams, 'n', 'seed', 'backend']}
      options={{
        sampler: { optionLabels: text.labels }, variance: { optionLabels: text.labels },
        eta: { format: (v) => fixed(v, 2) }, S: { log: true }, backend: { optionLabels: backendChoices },
      }} />
  );
}

const FPS = 30;

/** Step the shown frame from 0 to `total` at 30 frames a second (at once under reduced motion), until Stop. */
export function playFrames(total: number, reduced: boolean, setK: (k: number) => void, ctx: RunContext): Promise<void> {
  return new Promise<void>((resolve) => {
    if (reduced) { setK(total); resolve(); return; }
    let i = 0;
    let lastT = 0;
    const tick = (now: number) => {
      if (ctx.signal.aborted) { resolve(); return; }
      if (now - lastT >= 1000 / FPS) { i++; lastT = now; setK(i); ctx.progress(i / total); }
      if (i >= total) resolve(); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** While `playing`, advance the shown frame from where the scrubber is; `onEnd` at the last frame. */
export function usePlayback(
  playing: boolean, total: number, reduced: boolean, k: number, setK: (k: number) => void, onEnd: () => void,
): void {
  const end = useRef(onEnd);
  // The shown frame, read by the animation loop (kept in a ref so a tick does not restart the loop).
  const kRef = useRef(k);
  useEffect(() => { end.current = onEnd; kRef.current = k; });
  useEffect(() => {
    if (!playing || total === 0) return;
    let raf = 0, lastT = 0;
    const tick = (now: number) => {
      if (now - lastT >= 1000 / FPS) {
        lastT = now;
        const next = Math.min(total, kRef.current + (reduced ? total : 1));
        setK(next);
        if (next >= total) { end.current(); return; }
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, total, reduced, kRef, setK]);
}
