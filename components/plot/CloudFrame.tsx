'use client';
/**
 * A square Plot-drawn frame (axes, grid, origin lines) with a <canvas> laid exactly over it, for
 * clouds of points that move every frame: Plot redraws only when the frame changes, the canvas
 * redraws every frame. Optional top and right strips hold marginal histograms.
 */
import { useCallback, useLayoutEffect, useRef, type MutableRefObject } from 'react';
import { affineFromPlot, type Affine } from './canvas';
import { usePlot, type PlotModule } from './usePlot';
import type { ThemeColors } from './useThemeColors';
import styles from './CloudFrame.module.css';

export interface FrameGeometry {
  width: number;
  height: number;
  /** Map from data to CSS pixels, read from the Plot scales. */
  map: Affine;
  /** Inner plotting area in CSS pixels. */
  inner: { x0: number; x1: number; y0: number; y1: number };
  /** Height of the top strip and width of the right strip (0 without marginals). */
  strip: number;
}

function marginFor(strip: number) {
  return { left: 36, bottom: 34, top: 10 + strip, right: 10 + strip };
}

/** Height of a frame whose inner area is square. */
function heightFor(size: number, strip: number): number {
  const m = marginFor(strip);
  return size - m.left - m.right + m.top + m.bottom;
}

export function useCloudFrame({
  size, domain, strip = 0, colors, xLabel = 'x', yLabel = 'y', onFrame,
}: {
  size: number;
  domain: number;
  strip?: number;
  colors: ThemeColors;
  xLabel?: string;
  yLabel?: string;
  /** Called after the frame is (re)built, so the caller can repaint its canvas (passed along). */
  onFrame?: (g: FrameGeometry, canvas: HTMLCanvasElement | null) => void;
}): {
  containerRef: MutableRefObject<HTMLDivElement | null>;
  canvasRef: MutableRefObject<HTMLCanvasElement | null>;
  geometryRef: MutableRefObject<FrameGeometry | null>;
  /** The frame's size in CSS pixels at full width (its box keeps this aspect ratio before Plot draws). */
  width: number;
  height: number;
} {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const geometryRef = useRef<FrameGeometry | null>(null);
  const onFrameRef = useRef(onFrame);
  useLayoutEffect(() => { onFrameRef.current = onFrame; });
  const width = size;
  const build = useCallback((Plot: PlotModule) => {
    const margin = marginFor(strip);
    return Plot.plot({
      width, height: heightFor(size, strip),
      marginLeft: margin.left, marginRight: margin.right, marginTop: margin.top, marginBottom: margin.bottom,
      style: { background: 'transparent', color: colors.fgSoft, fontSize: '11px' },
      x: { domain: [-domain, domain], label: xLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 7 },
      y: { domain: [-domain, domain], label: yLabel, labelAnchor: 'center', labelArrow: 'none', ticks: 7 },
      marks: [
        Plot.gridX({ stroke: colors.border, strokeOpacity: 0.8, ticks: 7 }),
        Plot.gridY({ stroke: colors.border, strokeOpacity: 0.8, ticks: 7 }),
        Plot.ruleX([0], { stroke: colors.fgSoft, strokeOpacity: 0.5 }),
        Plot.ruleY([0], { stroke: colors.fgSoft, strokeOpacity: 0.5 }),
        Plot.frame({ stroke: colors.fgSoft }),
      ],
    });
  }, [width, size, domain, strip, colors, xLabel, yLabel]);
  const after = useCallback((plot: Element | null) => {
    if (!plot) return;
    plot.setAttribute('aria-hidden', 'true');
    const map = affineFromPlot(plot);
    const margin = marginFor(strip);
    const height = heightFor(size, strip);
    geometryRef.current = {
      width, height, map, strip,
      inner: { x0: margin.left, x1: width - margin.right, y0: margin.top, y1: height - margin.bottom },
    };
    onFrameRef.current?.(geometryRef.current, canvasRef.current);
  }, [width, size, strip]);
  const { containerRef } = usePlot(build, after);
  return { containerRef, canvasRef, geometryRef, width, height: heightFor(size, strip) };
}

/** The markup for a `useCloudFrame`: Plot's SVG below, the canvas on top, scaled together. */
export function CloudFrameBox({
  frame, size, label, canvasProps,
}: {
  frame: ReturnType<typeof useCloudFrame>;
  size: number;
  label: string;
  canvasProps?: Record<string, string | number | undefined>;
}) {
  const { containerRef, canvasRef } = frame;
  // The prerendered box is empty until Plot has loaded: its aspect ratio keeps the frame's height
  // reserved, so nothing below it moves when the frame is drawn.
  return (
    <div className={styles.box} style={{ maxWidth: size, aspectRatio: `${frame.width} / ${frame.height}` }}>
      <div ref={containerRef} className={styles.frame} />
      <canvas ref={canvasRef} className={styles.canvas} role="img" aria-label={label} {...canvasProps} />
    </div>
  );
}
