'use client';
/**
 * A square Plot-drawn frame (axes, grid, origin lines) with a <canvas> laid exactly over it, for
 * clouds of points that move every frame: Plot redraws only when the frame changes, the canvas
 * redraws every frame. Optional top and right strips hold marginal histograms.
 */
import { useLayoutEffect, useRef, type MutableRefObject } from 'react';
import { affineFromPlot, type Affine } from './canvas';
import { usePlot } from './usePlot';
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

export function useCloudFrame({
  size, domain, strip = 0, colors, xLabel = 'x', yLabel = 'y', onFrame,
}: {
  size: number;
  domain: number;
  strip?: number;
  colors: ThemeColors;
  xLabel?: string;
  yLabel?: string;
  /** Called after the frame is (re)built, so the caller can repaint its canvas. */
  onFrame?: (g: FrameGeometry) => void;
}): {
  containerRef: MutableRefObject<HTMLDivElement | null>;
  canvasRef: MutableRefObject<HTMLCanvasElement | null>;
  geometryRef: MutableRefObject<FrameGeometry | null>;
} {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const geometryRef = useRef<FrameGeometry | null>(null);
  const onFrameRef = useRef(onFrame);
  useLayoutEffect(() => { onFrameRef.current = onFrame; });
  const margin = { left: 36, bottom: 34, top: 10 + strip, right: 10 + strip };
  const width = size;
  // Square inner area.
  const height = size - margin.left - margin.right + margin.top + margin.bottom;
  const { containerRef } = usePlot(
    (Plot) => Plot.plot({
      width, height,
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
    }),
    [width, height, domain, strip, colors, xLabel, yLabel],
    (plot) => {
      if (!plot) return;
      plot.setAttribute('aria-hidden', 'true');
      const map = affineFromPlot(plot);
      geometryRef.current = {
        width, height, map, strip,
        inner: { x0: margin.left, x1: width - margin.right, y0: margin.top, y1: height - margin.bottom },
      };
      onFrameRef.current?.(geometryRef.current);
    },
  );
  return { containerRef, canvasRef, geometryRef };
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
  return (
    <div className={styles.box} style={{ maxWidth: size }}>
      <div ref={frame.containerRef} className={styles.frame} />
      <canvas ref={frame.canvasRef} className={styles.canvas} role="img" aria-label={label} {...canvasProps} />
    </div>
  );
}
