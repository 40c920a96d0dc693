'use client';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Observable Plot (with d3) is the largest library a chapter uses; it is fetched only when a figure mounts. */
export type PlotModule = typeof import('@observablehq/plot');

let plotModule: PlotModule | null = null;
let plotLoading: Promise<PlotModule> | null = null;

function loadPlot(): Promise<PlotModule> {
  if (!plotLoading) {
    plotLoading = import('@observablehq/plot').then((m) => (plotModule = m));
    plotLoading.catch(() => { plotLoading = null; }); // a failed chunk may be retried by the next figure
  }
  return plotLoading;
}

/**
 * Mount an Observable Plot figure into a container: `build` gets the Plot module and returns the
 * plot element (or null to leave the container empty). It runs in a layout effect, so a redraw
 * triggered by an input lands in the same frame. The figure is rebuilt when `build` or `after`
 * changes, so callers memoise them (useCallback) on what the figure shows. The previous plot is
 * replaced, and removed on unmount. Until Plot has loaded (first figure on the page), the
 * container stays empty and `after` is not called. Returns the container ref, a ref to the
 * current plot (for `plot.scale('x')`) and whether Plot has loaded.
 */
export function usePlot<E extends Element = HTMLDivElement>(
  build: (Plot: PlotModule) => (SVGSVGElement | HTMLElement) | null,
  after?: (plot: (SVGSVGElement | HTMLElement) | null) => void,
) {
  const containerRef = useRef<E>(null);
  const plotRef = useRef<(SVGSVGElement | HTMLElement) | null>(null);
  const [Plot, setPlot] = useState<PlotModule | null>(plotModule);
  useEffect(() => {
    if (Plot) return;
    let live = true;
    loadPlot().then((m) => { if (live) setPlot(() => m); }, () => { /* the figure stays empty; the cell still works */ });
    return () => { live = false; };
  }, [Plot]);
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container || !Plot) return;
    const plot = build(Plot);
    if (plot) {
      dropMarkLabels(plot);
      dropPlotStyle(plot);
      container.replaceChildren(plot);
    } else container.replaceChildren();
    plotRef.current = plot;
    after?.(plot);
    return () => {
      plot?.remove();
      if (plotRef.current === plot) plotRef.current = null;
    };
  }, [Plot, build, after]);
  // `loaded` tells a caller that draws over the frame (CurveChart) to draw once Plot has arrived.
  return { containerRef, plotRef, loaded: Plot !== null };
}

/**
 * Plot labels each mark's <g> with its type ("rect", "line"): meaningless to a listener, and
 * aria-label is not allowed on an element without a role (axe: aria-prohibited-attr). The
 * figure's text alternative is its container's (role="img" with a label saying what it shows).
 */
function dropMarkLabels(plot: Element): void {
  for (const el of plot.querySelectorAll('[aria-label]')) if (!el.hasAttribute('role')) el.removeAttribute('aria-label');
}

/**
 * Plot writes its defaults into every figure as a <style> element. Each one added or removed
 * changes the document's style sheets, and the browser then recomputes style for the whole page:
 * measured on /en/theory/ (34,000 elements, KaTeX's style sheet), 50–59 ms for every redraw of a
 * live chart, four a second while a model trains. app/globals.css holds the same defaults once.
 */
function dropPlotStyle(plot: Element): void {
  for (const el of plot.querySelectorAll(':scope > style, :scope > svg > style')) el.remove();
}
