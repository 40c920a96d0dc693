'use client';
import { useLayoutEffect, useRef, type DependencyList } from 'react';

/**
 * Mount an Observable Plot figure into a container: `build` returns the plot element (or null
 * to leave the container empty). It runs in a layout effect, so a redraw triggered by an input
 * lands in the same frame. The previous plot is replaced, and removed on unmount.
 * Returns the container ref and a ref to the current plot (for `plot.scale('x')`).
 */
export function usePlot<E extends Element = HTMLDivElement>(
  build: () => (SVGSVGElement | HTMLElement) | null,
  deps: DependencyList,
  after?: (plot: (SVGSVGElement | HTMLElement) | null) => void,
) {
  const containerRef = useRef<E>(null);
  const plotRef = useRef<(SVGSVGElement | HTMLElement) | null>(null);
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const plot = build();
    if (plot) container.replaceChildren(plot);
    else container.replaceChildren();
    plotRef.current = plot;
    after?.(plot);
    return () => {
      plot?.remove();
      if (plotRef.current === plot) plotRef.current = null;
    };
    // `build` and `after` are recreated each render; the caller's deps decide when to rebuild.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { containerRef, plotRef };
}
