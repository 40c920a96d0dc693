'use client';
/**
 * Keeps a snapshot of a cell's figure for the handouts (figureSnapshots.ts) each time it settles:
 * when a run finishes, and for a cell that draws before Run, also when its settings change.
 */
import { useEffect } from 'react';
import type { CellStatus } from '../cell/Cell';
import { keepFigure } from './figureSnapshots';

/** Wait this long after the figure settled (its last frame drawn, a preview redrawn). */
const SETTLE_MS = 600;

export function useKeepFigure(id: string, title: string, status: CellStatus, preview: boolean, values: unknown): void {
  const drawn = status === 'done' || (preview && status === 'idle');
  useEffect(() => {
    if (!drawn) return undefined;
    const timer = window.setTimeout(() => {
      const section = document.getElementById(`cell-${id}`);
      if (section) void keepFigure(section, title);
    }, SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [drawn, id, title, preview, values]);
}
