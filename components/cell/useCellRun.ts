'use client';
/**
 * The run lifecycle of a cell: the AbortController behind Stop, status, error, the compute backend
 * in use, and the live timing (elapsed time, progress) that the status line reads. A task that
 * finishes after a newer one started (or after Reset) is ignored: each start bumps a generation.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { makeStore, type ValueStore } from '@/lib/valueStore';
import { isAbortError } from '@/lib/abort';
import type { ParamSpecs, ParamValues } from '@/lib/urlState';
import type { CellStatus, CellTask, RunContext } from './Cell';

export interface LiveTiming {
  elapsedMs: number;
  /** Fraction done, or null when the task reports none. */
  progress: number | null;
}

interface CellRun<S extends ParamSpecs> {
  status: CellStatus;
  error: string | null;
  backendInUse: string | undefined;
  /** Elapsed time and progress change ~10×/s: read them with useStoreValue where they are shown. */
  live: ValueStore<LiveTiming>;
  start(task?: CellTask<S>): void;
  stop(): void;
  /** Stop, forget the last result and go back to idle. */
  reset(): void;
}

export function useCellRun<S extends ParamSpecs>(run: CellTask<S>, values: ParamValues<S>, backend?: string): CellRun<S> {
  const [status, setStatus] = useState<CellStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const live = useMemo(() => makeStore<LiveTiming>({ elapsedMs: 0, progress: null }), []);
  const setElapsedMs = useCallback((elapsedMs: number) => live.update((s) => ({ ...s, elapsedMs })), [live]);
  const [backendInUse, setBackendInUse] = useState<string | undefined>(backend);
  const controller = useRef<AbortController | null>(null);
  const startedAt = useRef(0);
  const generation = useRef(0);

  const stop = useCallback(() => { controller.current?.abort(); }, []);

  const start = useCallback((task?: CellTask<S>) => {
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    const mine = ++generation.current;
    const current = () => generation.current === mine;
    startedAt.current = performance.now();
    markCellRan();
    setStatus('running');
    setError(null);
    live.set({ elapsedMs: 0, progress: null });
    const ctx: RunContext = {
      signal: ac.signal,
      progress: (f) => { if (current()) live.update((s) => ({ ...s, progress: Math.max(0, Math.min(1, f)) })); },
      setBackend: (name) => setBackendInUse(name),
    };
    const settled = () => {
      if (current()) setElapsedMs(performance.now() - startedAt.current);
      return current();
    };
    (task ?? run)(values, ctx).then(
      () => { if (settled()) setStatus(ac.signal.aborted ? 'stopped' : 'done'); },
      (e: unknown) => {
        if (!settled()) return;
        if (ac.signal.aborted || isAbortError(e)) { setStatus('stopped'); return; }
        setStatus('error');
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [run, values, live, setElapsedMs]);

  const reset = useCallback(() => {
    controller.current?.abort();
    generation.current++;
    setStatus('idle');
    setError(null);
    live.set({ elapsedMs: 0, progress: null });
  }, [live]);

  // Elapsed-time ticker while running.
  useEffect(() => {
    if (status !== 'running') return;
    const timer = window.setInterval(() => setElapsedMs(performance.now() - startedAt.current), 100);
    return () => window.clearInterval(timer);
  }, [status, setElapsedMs]);

  // Stop work when the cell unmounts (navigation, error boundary reset). The next page has to lay
  // its prose out once before any of it may be skipped (see markCellRan).
  useEffect(() => () => {
    controller.current?.abort();
    delete document.documentElement.dataset.cellRan;
  }, []);

  return { status, error, backendInUse, live, start, stop, reset };
}

/**
 * From the first Run on, the page skips rendering prose far from the viewport (globals.css,
 * html[data-cell-ran]). Set after a frame, so the page has been laid out and every block
 * remembers its real size before any is skipped.
 */
function markCellRan(): void {
  const root = document.documentElement;
  if ('cellRan' in root.dataset) return;
  requestAnimationFrame(() => setTimeout(() => { root.dataset.cellRan = ''; }, 0));
}
