'use client';
/**
 * The notebook cell: one component for every interactive figure. It owns the cell's anchor and
 * copy-link, URL-backed parameters, Run / Stop / Re-run / Reset, the status line (state, elapsed
 * time, compute backend), a progress bar for work over a second, the "show code" panel and an
 * error boundary. The figure supplies its controls, its output and the task that Run starts.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ParamSpecs, ParamValues } from '@/lib/urlState';
import type { ParamRule } from '@/lib/paramRules';
import { useCellParams } from './useCellParams';
import { useCellRun } from './useCellRun';
import { useRunStopFocus } from './useRunStopFocus';
import { CellErrorBoundary } from './CellErrorBoundary';
import { CellHeader, CodePanel, Notices, StatusLine } from './CellParts';
import { PrintSettings } from './PrintSettings';
import type { CodeName } from './codeSource';
import { ShownSettingsContext, useShownSettings } from './shownSettings';
import { useStrings } from '../LangProvider';
import { useBrowserValue } from '../useBrowserValue';
import { useKeepFigure } from '../figures/useKeepFigure';

export type CellStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

export interface RunContext {
  signal: AbortSignal;
  /** Fraction done in [0, 1]; drives the progress bar. */
  progress(fraction: number): void;
  /** Name of the compute backend actually in use (shown in the status line). */
  setBackend(name: string): void;
}

export type CellTask<S extends ParamSpecs> = (values: ParamValues<S>, ctx: RunContext) => Promise<void>;

/** A function the "show code" panel prints; its source is fetched when the panel opens (./codeSource.ts). */
export type CodeRef = CodeName;

export interface CellApi<S extends ParamSpecs> {
  values: ParamValues<S>;
  setValue<K extends keyof S>(name: K, value: ParamValues<S>[K]): void;
  status: CellStatus;
  running: boolean;
  /** Start a task (the cell's default Run task if none is given); stops any task in flight first. */
  start(task?: CellTask<S>): void;
  stop(): void;
}

export interface CellProps<S extends ParamSpecs> {
  id: string;
  title: string;
  spec: S;
  run: CellTask<S>;
  controls: (api: CellApi<S>) => ReactNode;
  children: (api: CellApi<S>) => ReactNode;
  extraActions?: (api: CellApi<S>) => ReactNode;
  /** Called by Reset after parameters return to defaults (clear outputs here). */
  onReset?: () => void;
  code?: CodeRef[];
  backend?: string;
  caption?: ReactNode;
  /** Constraints between parameters (t ≤ T …), a module constant: lib/paramRules.ts. */
  rules?: readonly ParamRule<S>[];
  /** The output is drawn from the parameters before any Run (printed even if the cell never ran). */
  preview?: boolean;
}

/** Rejects with AbortError when the signal fires; tasks can await it inside loops. */
export { throwIfAborted } from '@/lib/abort';

export function Cell<S extends ParamSpecs>(props: CellProps<S>) {
  const t = useStrings();
  return (
    <section className="cell" id={`cell-${props.id}`} aria-labelledby={`cell-${props.id}-title`} data-cell={props.id}
      data-preview={props.preview ? '' : undefined}>
      <CellErrorBoundary message={t.cellCrashed} resetLabel={t.tryAgain}>
        <CellBody {...props} />
      </CellErrorBoundary>
    </section>
  );
}

function CellBody<S extends ParamSpecs>({
  id, title, spec, run, controls, children, extraActions, onReset, code, backend, caption, rules, preview = false,
}: CellProps<S>) {
  const t = useStrings();
  const params = useCellParams(id, spec, rules);
  // What the controls show, for the printed settings line.
  const [shown, reportShown] = useShownSettings();
  const cell = useCellRun(run, params.values, backend);
  const { start, stop } = cell;
  // Reset also closes the shared-link box: the header remounts.
  const [resets, setResets] = useState(0);
  const running = cell.status === 'running';
  // The prerendered Run is disabled until the cell has hydrated: a click before then would be lost
  // (or run the defaults instead of the link's parameters), and a disabled button says "not yet".
  const hydrated = useBrowserValue(() => true, false);
  // The figure as it settles, kept for the teacher's handouts.
  useKeepFigure(id, title, cell.status, preview, params.values);
  const { runRef, stopRef, onRunFocus, onStopFocus, onBlur } = useRunStopFocus(running);
  const api: CellApi<S> = { values: params.values, setValue: params.setValue, status: cell.status, running, start, stop };

  // A link with `<id>.run=1` runs the cell once, as soon as its parameters are read from the URL.
  const ranOnOpen = useRef(false);
  useEffect(() => {
    if (!params.runOnOpen || ranOnOpen.current) return;
    ranOnOpen.current = true;
    start();
  }, [params.runOnOpen, start]);

  const reset = () => {
    cell.reset();
    params.resetValues();
    setResets((n) => n + 1);
    onReset?.();
  };
  return (
    <>
      <CellHeader key={resets} id={id} title={title} shareUrl={params.shareUrl} />
      {params.notices.length > 0 && <Notices notices={params.notices} onDismiss={params.dismissNotices} />}
      {caption && <div className="cell-caption">{caption}</div>}
      {params.controlsHidden ? (
        <p className="cell-controls-hidden">
          <button type="button" data-action="show-controls" onClick={() => params.setControlsHidden(false)}>
            {t.showControls}
          </button>
        </p>
      ) : (
        <div className="cell-controls"><ShownSettingsContext value={reportShown}>{controls(api)}</ShownSettingsContext></div>
      )}
      <div className="cell-actions" role="group" aria-label={title}>
        <button type="button" className="btn-primary" data-action="run" onClick={() => start()} disabled={running || !hydrated}
          ref={runRef} onFocus={onRunFocus} onBlur={onBlur}>
          {t.run}
        </button>
        <button type="button" data-action="stop" onClick={stop} disabled={!running} ref={stopRef} onFocus={onStopFocus} onBlur={onBlur}>
          {t.stop}
        </button>
        <button type="button" data-action="rerun" onClick={() => start()} disabled={!hydrated}>{t.rerun}</button>
        <button type="button" data-action="reset" onClick={reset}>{t.reset}</button>
        {extraActions?.(api)}
      </div>
      <StatusLine status={cell.status} live={cell.live} backendInUse={cell.backendInUse} error={cell.error} />
      <PrintSettings id={id} spec={spec} values={params.values} shown={shown} />
      <div className="cell-output">{children(api)}</div>
      {code && code.length > 0 && <CodePanel code={code} />}
    </>
  );
}
