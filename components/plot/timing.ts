'use client';
/**
 * Cheap redraw instrumentation for the UI benchmark (bench/ui.mjs). A control's handler calls
 * `markInput(name)`; the figure's drawing effect calls `reportRender(name, el)` when the redraw
 * is done. The duration is written to `data-last-render-ms` on `el`, and appended to
 * `window.__ddpmUiTimings` only when that array exists (the benchmark creates it), so normal
 * use stores nothing and leaves no performance entries behind.
 */

export interface UiTiming {
  name: string;
  ms: number;
}

declare global {
  interface Window {
    __ddpmUiTimings?: UiTiming[];
  }
}

const pending = new Map<string, number>();

export function markInput(name: string): void {
  if (typeof performance === 'undefined') return;
  // The first input of a burst counts: React may batch several inputs into one redraw.
  if (!pending.has(name)) pending.set(name, performance.now());
}

/** Ends the measurement started by `markInput(name)`; does nothing if none is pending. */
export function reportRender(name: string, el: Element | null): number | null {
  const start = pending.get(name);
  if (start === undefined) return null;
  pending.delete(name);
  const ms = performance.now() - start;
  el?.setAttribute('data-last-render-ms', ms.toFixed(2));
  if (typeof window !== 'undefined' && Array.isArray(window.__ddpmUiTimings)) window.__ddpmUiTimings.push({ name, ms });
  return ms;
}
