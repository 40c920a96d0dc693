'use client';
/**
 * A line chart whose frame (axes, grid, labels, reference rules) is drawn by Observable Plot and
 * whose curves are drawn on a canvas laid over it, mapped through Plot's own scales. The frame
 * is rebuilt only when its domains change (callers round domains to "nice" steps, so dragging a
 * slider rarely crosses one); the curves are redrawn on every change in well under a frame.
 */
import type * as PlotTypes from '@observablehq/plot';
import { useCallback, useEffectEvent, useLayoutEffect, useRef, useState } from 'react';
import { prepareCanvas } from './canvas';
import { usePlot, type PlotModule } from './usePlot';
import type { ThemeColors } from './useThemeColors';
import styles from './CloudFrame.module.css';

export interface CurveSeries {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  width?: number;
  dash?: number[];
  alpha?: number;
}

export interface CurveDot {
  x: number;
  y: number;
  color: string;
  r?: number;
}

export interface CurveFrame {
  width: number;
  height: number;
  xDomain: [number, number];
  yDomain: [number, number];
  yLog: boolean;
  xLabel: string;
  yLabel: string;
  /** Horizontal reference rules, with an optional label at the left. */
  rules?: { y: number; color: string; label?: string }[];
}

type Scale = { type?: string; apply(v: number): number };
type PlotLike = { scale(name: 'x' | 'y'): Scale | undefined };

interface Mapping {
  ax: number; kx: number; ay: number; ky: number; yLog: boolean;
  x0: number; x1: number; y0: number; y1: number;
}

const MARGIN = { left: 58, right: 22, top: 22, bottom: 30 };

function mappingOf(plot: Element, f: CurveFrame): Mapping {
  const p = plot as unknown as PlotLike;
  const sx = p.scale('x')!, sy = p.scale('y')!;
  const ax = sx.apply(0), kx = sx.apply(1) - ax;
  let ay: number, ky: number;
  if (f.yLog) {
    // log scale: pixel = ay + ky · log10(v)
    ay = sy.apply(1);
    ky = sy.apply(10) - ay;
  } else {
    ay = sy.apply(0);
    ky = sy.apply(1) - ay;
  }
  return { ax, kx, ay, ky, yLog: f.yLog, x0: MARGIN.left, x1: f.width - MARGIN.right, y0: MARGIN.top, y1: f.height - MARGIN.bottom };
}

/** The chart's box keeps the frame's aspect ratio, so its height is reserved before Plot has drawn (no layout shift). */
export function CurveChart({
  frame, series, dots = [], colors, label, testId, onDrawn,
}: {
  frame: CurveFrame;
  series: CurveSeries[];
  dots?: CurveDot[];
  colors: ThemeColors;
  label: string;
  testId?: string;
  /** Called after each canvas redraw (for instrumentation). */
  onDrawn?: () => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const mapRef = useRef<Mapping | null>(null);
  // Callers build `frame` afresh on every render; the Plot frame is rebuilt only when its content
  // changes, so the chart holds on to the last frame with the same content.
  const frameKey = JSON.stringify(frame);
  const [held, setHeld] = useState({ key: frameKey, frame });
  if (held.key !== frameKey) setHeld({ key: frameKey, frame });
  const f = held.key === frameKey ? held.frame : frame;
  const build = useCallback((Plot: PlotModule) => {
    const marks: PlotTypes.Markish[] = [Plot.frame({ stroke: colors.border })];
    for (const r of f.rules ?? []) {
      marks.push(Plot.ruleY([r.y], { stroke: r.color, strokeDasharray: '2,3' }));
      if (r.label) {
        marks.push(Plot.text([r.label], { x: () => f.xDomain[0], y: () => r.y, text: (d: string) => d, textAnchor: 'start', dx: 4, dy: -6, fill: r.color, fontSize: 10 }));
      }
    }
    return Plot.plot({
      width: f.width, height: f.height,
      marginLeft: MARGIN.left, marginRight: MARGIN.right, marginTop: MARGIN.top, marginBottom: MARGIN.bottom,
      style: { background: 'transparent', color: colors.fgSoft, fontSize: '11px' },
      x: { domain: f.xDomain, label: f.xLabel, labelAnchor: 'right', ticks: 6 },
      y: f.yLog
        ? { type: 'log', domain: f.yDomain, label: f.yLabel, labelAnchor: 'top', ticks: 5, tickFormat: '.0e', grid: true }
        : { domain: f.yDomain, label: f.yLabel, labelAnchor: 'top', ticks: 5, grid: true },
      marks,
    });
  }, [f, colors]);
  const after = useCallback((plot: Element | null) => {
    if (!plot) return;
    plot.setAttribute('aria-hidden', 'true');
    mapRef.current = mappingOf(plot, f);
  }, [f]);
  const { containerRef, loaded } = usePlot(build, after);
  const drawn = useEffectEvent(() => onDrawn?.());

  // Runs after the frame effect above (same component, declared later): curves on the canvas,
  // redrawn when the curves or the frame change, and once Plot has loaded (the first frame on a
  // page arrives after the first render: without `loaded` a chart whose curves never change,
  // such as the SNR plot on page load, kept its blank 300 × 150 canvas).
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const m = mapRef.current;
    if (!canvas || !m) return;
    const ctx = prepareCanvas(canvas, f.width, f.height);
    if (!ctx) return;
    ctx.clearRect(0, 0, f.width, f.height);
    ctx.save();
    ctx.beginPath();
    ctx.rect(m.x0, m.y0 - 1, m.x1 - m.x0, m.y1 - m.y0 + 2);
    ctx.clip();
    const py = (v: number) => (m.yLog ? m.ay + m.ky * Math.log10(v) : m.ay + m.ky * v);
    for (const s of series) {
      ctx.strokeStyle = s.color;
      ctx.lineWidth = s.width ?? 2;
      ctx.globalAlpha = s.alpha ?? 1;
      ctx.setLineDash(s.dash ?? []);
      ctx.lineJoin = 'round';
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < s.x.length; i++) {
        const yv = s.y[i];
        if (!(Number.isFinite(yv) && (!m.yLog || yv > 0))) { pen = false; continue; }
        const X = m.ax + m.kx * s.x[i];
        const Y = Math.max(-1e4, Math.min(1e4, py(yv)));
        if (pen) ctx.lineTo(X, Y); else { ctx.moveTo(X, Y); pen = true; }
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    for (const d of dots) {
      if (!(Number.isFinite(d.y) && (!m.yLog || d.y > 0))) continue;
      ctx.fillStyle = d.color;
      ctx.beginPath();
      ctx.arc(m.ax + m.kx * d.x, py(d.y), d.r ?? 3.5, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.restore();
    drawn();
  }, [series, dots, f, colors, loaded]);

  return (
    <div className={styles.box} role="img" aria-label={label} data-testid={testId} style={{ maxWidth: frame.width, aspectRatio: `${frame.width} / ${frame.height}` }}>
      <div ref={containerRef} className={styles.frame} />
      <canvas ref={canvasRef} className={styles.canvas} aria-hidden="true" />
    </div>
  );
}
