'use client';
/** The sampling cell's pieces: drawing one frame, picking a particle, the step breakdown, the controls. */
import type { FrameMsg } from '@/lib/train2d/protocol';
import type { SamplerSpec } from '@/lib/diffusion/samplers';
import type { ScheduleTable } from '@/lib/diffusion/schedule';
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

/** Training points, the cloud at frame k, the first TRACKED trajectories up to k, the picked particle. */
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
  g.lineWidth = 1.5;
  g.strokeStyle = colors.warn;
  for (let p = 0; p < Math.min(TRACKED, cloud.length / 2); p++) {
    g.beginPath();
    for (let i = 0; i <= k; i++) {
      const a = cloudAt(result, i);
      if (i === 0) g.moveTo(X(a[2 * p]), Y(a[2 * p + 1])); else g.lineTo(X(a[2 * p]), Y(a[2 * p + 1]));
    }
    g.stroke();
  }
  if (picked !== null) {
    g.strokeStyle = colors.accent;
    g.lineWidth = 2.5;
    g.beginPath(); g.arc(X(cloud[2 * picked]), Y(cloud[2 * picked + 1]), 7, 0, 2 * Math.PI); g.stroke();
  }
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

/** One particle's step at frame k: the formula being applied, its coefficients, and the numbers. */
export function ParticleBreakdown({ result, k, p, table, text, tex }: {
  result: SampleResult; k: number; p: number; table: ScheduleTable; text: Text; tex: (s: string) => string;
}) {
  const f = result.frames[Math.min(k, result.frames.length - 1)];
  const pair = (a: Float32Array) => `(${fixed(a[2 * p], 3)}, ${fixed(a[2 * p + 1], 3)})`;
  const next = new Float32Array([f.mean[2 * p] + f.noise[2 * p], f.mean[2 * p + 1] + f.noise[2 * p + 1]]);
  const i = f.t - 1;
  const ddpm = result.sampler.kind === 'ddpm';
  const coef = ddpm
    ? `\\alpha_{${f.t}} = ${table.alpha[i].toFixed(4)},\\ \\bar\\alpha_{${f.t}} = ${table.alphaBar[i].toFixed(4)},\\ \\beta_{${f.t}} = ${table.beta[i].toFixed(4)},\\ \\sigma_{${f.t}} = ${f.sigma.toFixed(4)}`
    : `\\bar\\alpha_{${f.t}} = ${table.alphaBar[i].toFixed(4)},\\ \\bar\\alpha_{${f.tPrev}} = ${(f.tPrev === 0 ? 1 : table.alphaBar[f.tPrev - 1]).toFixed(4)},\\ \\sigma_{${f.t}} = ${f.sigma.toFixed(4)}`;
  const formula = ddpm
    ? `\\hat x_0 = \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\hat\\epsilon}{\\sqrt{\\bar\\alpha_t}},\\qquad x_{t-1} = \\underbrace{\\frac{1}{\\sqrt{\\alpha_t}}\\Big(x_t - \\frac{\\beta_t}{\\sqrt{1-\\bar\\alpha_t}}\\,\\hat\\epsilon\\Big)}_{\\tilde\\mu} + \\sigma_t z`
    : `\\hat x_0 = \\frac{x_t - \\sqrt{1-\\bar\\alpha_t}\\,\\hat\\epsilon}{\\sqrt{\\bar\\alpha_t}},\\qquad x_{t'} = \\sqrt{\\bar\\alpha_{t'}}\\,\\hat x_0 + \\sqrt{1-\\bar\\alpha_{t'}-\\sigma_t^2}\\,\\hat\\epsilon + \\sigma_t z`;
  return (
    <div className={styles.breakdown} data-testid="particle-breakdown">
      <p><b>{text.particle(p)}</b> · t = {f.t} → {f.tPrev}</p>
      <div className={styles.formula} dangerouslySetInnerHTML={{ __html: tex(formula) }} />
      <div className={styles.formula} dangerouslySetInnerHTML={{ __html: tex(coef) }} />
      <table>
        <thead><tr><th>{text.quantity}</th><th>{text.value}</th></tr></thead>
        <tbody>
          <tr><td>{text.rows.xt}</td><td>{pair(f.xt)}</td></tr>
          <tr><td>{text.rows.eps}</td><td>{pair(f.epsHat)}</td></tr>
          <tr><td>{text.rows.x0}</td><td>{pair(f.x0Hat)}</td></tr>
          <tr><td>{text.rows.mean}</td><td>{pair(f.mean)}</td></tr>
          <tr><td>{text.rows.noise}</td><td>{pair(f.noise)}</td></tr>
          <tr><td>{text.rows.next}</td><td>{`(${fixed(next[0], 3)}, ${fixed(next[1], 3)})`}</td></tr>
        </tbody>
      </table>
    </div>
  );
}

/** The t scrubber over the recorded frames and the particle-number field. */
export function ScrubRow({ result, k, tLabel, picked, text, onScrub, onPick }: {
  result: SampleResult; k: number; tLabel: string; picked: number | null; text: Text;
  onScrub: (k: number) => void; onPick: (p: number) => void;
}) {
  const n = result.x0.length / 2;
  return (
    <div className={styles.row}>
      <label htmlFor="sample2d-scrub">{text.scrub}</label>
      <input id="sample2d-scrub" className={styles.scrub} type="range" min={0} max={result.frames.length} step={1} value={k}
        aria-valuetext={tLabel} onChange={(e) => onScrub(Number(e.currentTarget.value))} />
      <output data-testid="sample2d-t">{tLabel}</output>
      <label htmlFor="sample2d-particle">{text.pickNumber}</label>
      <input id="sample2d-particle" type="number" min={0} max={n - 1} step={1} value={picked ?? ''} style={{ width: '6em' }}
        onChange={(e) => { const v = Number(e.currentTarget.value); if (e.currentTarget.value !== '' && Number.isInteger(v) && v >= 0 && v < n) onPick(v); }} />
    </div>
  );
}

/** DDPM shows its variance choice, DDIM its η and S; then size, seed and backend. */
export function Sample2DControls({ api, text, backendChoices }: {
  api: CellApi<typeof SAMPLE2D_SPEC>; text: Text; backendChoices: Record<string, string>;
}) {
  const { values, setValue, running } = api;
  const samplerParams = values.sampler === 'ddpm' ? (['variance'] as const) : (['eta', 'S'] as const);
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
