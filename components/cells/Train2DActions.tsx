'use client';
/**
 * The 2D cells' own points (the training cell's and the race's): the uploaded points file, the
 * drawing pad and the points drawn along its strokes; and the training cell's Pause / Export /
 * Clear buttons.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Messages } from '@/messages';
import { pointsProblemText } from '@/messages';
import { parsePointsFile, pointsFromStrokes, type CanvasPoint } from '@/lib/data2d';
import { makeRng } from '@/lib/rng';
import { train2dKernel } from '../Train2DKernel';
import { useThemeColors } from '../plot/useThemeColors';
import { downloadCsv } from './Train2DCellParts';
import styles from './Train2DCell.module.css';

export interface Upload { name: string; points: Float32Array | null; message: string | null }

/** The points file the reader chose, parsed (or the reason it could not be). */
export function useUploadedPoints(ui: Messages): [Upload | null, (file: File | undefined) => Promise<void>] {
  const [upload, setUpload] = useState<Upload | null>(null);
  const onFile = useCallback(async (file: File | undefined) => {
    if (!file) return;
    let textContent: string;
    try { textContent = await file.text(); } catch { setUpload({ name: file.name, points: null, message: ui.pointsProblems.fileUnreadable }); return; }
    const r = parsePointsFile(textContent);
    setUpload(r.ok ? { name: file.name, points: r.points, message: null } : { name: file.name, points: null, message: pointsProblemText(ui, r.problem, r.line) });
  }, [ui]);
  return [upload, onFile];
}

/** The reader's strokes and the pad they were drawn on (its size maps them to points). */
export interface Drawing {
  strokes: CanvasPoint[][];
  setStrokes: (s: CanvasPoint[][]) => void;
  canvas: React.RefObject<HTMLCanvasElement | null>;
}

export function useDrawing(): Drawing {
  const [strokes, setStrokes] = useState<CanvasPoint[][]>([]);
  const canvas = useRef<HTMLCanvasElement>(null);
  return useMemo(() => ({ strokes, setStrokes, canvas }), [strokes]);
}

/** `n` points spread along the drawn strokes (seeded); an error with `noDrawing` when there are none. */
export function drawnPoints(d: Drawing, seed: number, n: number, noDrawing: string): Float32Array {
  const c = d.canvas.current;
  const pts = c ? pointsFromStrokes(d.strokes, { width: c.width, height: c.height }, makeRng(seed), { n }) : new Float32Array(0);
  if (pts.length < 4) throw new Error(noDrawing);
  return pts;
}

/** The drawing pad: strokes with mouse, pen or finger, and a button that clears them. */
export function DrawPad({ drawing, running, hint, clearLabel }: { drawing: Drawing; running: boolean; hint: string; clearLabel: string }) {
  const { strokes, setStrokes, canvas } = drawing;
  const current = useRef<CanvasPoint[] | null>(null);
  const colors = useThemeColors();
  const at = (e: React.PointerEvent<HTMLCanvasElement>): CanvasPoint => {
    const c = e.currentTarget, r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * c.width, y: ((e.clientY - r.top) / r.height) * c.height };
  };
  const redraw = (all: CanvasPoint[][]) => {
    const c = canvas.current; const g = c?.getContext('2d');
    if (!c || !g) return;
    g.clearRect(0, 0, c.width, c.height);
    g.strokeStyle = colors.accent;
    g.lineWidth = 3;
    for (const s of all) { g.beginPath(); s.forEach((p, i) => (i ? g.lineTo(p.x, p.y) : g.moveTo(p.x, p.y))); if (s.length === 1) g.arc(s[0].x, s[0].y, 2, 0, 7); g.stroke(); }
  };
  return (
    <div className={styles.draw}>
      <span className={styles.note}>{hint}</span>
      <canvas ref={canvas} width={300} height={300} className={styles.drawCanvas} aria-label={hint} data-testid="draw-canvas"
        onPointerDown={(e) => { if (running) return; e.currentTarget.setPointerCapture(e.pointerId); current.current = [at(e)]; }}
        onPointerMove={(e) => { if (!current.current) return; current.current.push(at(e)); redraw([...strokes, current.current]); }}
        onPointerUp={() => { if (current.current) { const s = [...strokes, current.current]; current.current = null; setStrokes(s); redraw(s); } }} />
      <button type="button" disabled={running || strokes.length === 0} onClick={() => { setStrokes([]); redraw([]); }}>{clearLabel}</button>
    </div>
  );
}

export function Train2DActions({ running, paused, onPause, samples, hasModel, text }: {
  running: boolean; paused: boolean; onPause: () => void; samples: Float32Array | null; hasModel: boolean;
  text: Messages['cells']['train2d'];
}) {
  return (
    <>
      <button type="button" data-action="pause" disabled={!running} onClick={onPause}>
        {paused ? text.resume : text.pause}
      </button>
      <button type="button" data-action="export" disabled={!samples} onClick={() => samples && downloadCsv(samples, 'ddpm-2d-samples.csv')}>{text.exportCsv}</button>
      <button type="button" data-action="clear-saved" disabled={running || !hasModel} onClick={() => { train2dKernel.clear(); }}>{text.clearSaved}</button>
    </>
  );
}
