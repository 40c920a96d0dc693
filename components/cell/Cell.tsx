'use client';
/**
 * The notebook cell: one component for every interactive figure. It owns the cell's anchor and
 * copy-link, URL-backed parameters, Run / Stop / Re-run / Reset, the status line (state, elapsed
 * time, compute backend), a progress bar for work over a second, the "show code" panel and an
 * error boundary. The figure supplies its controls, its output and the task that Run starts.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { makeStore, type ValueStore } from '@/lib/valueStore';
import { useStoreValue } from '../useStoreValue';
import type { ParamNotice, ParamSpecs, ParamValues } from '@/lib/urlState';
import type { ParamRule } from '@/lib/paramRules';
import { useCellParams } from './useCellParams';
import { CellErrorBoundary } from './CellErrorBoundary';
import { copyText } from '../CopyLinkButton';
import { useStrings } from '../LangProvider';
import { excerpt, seconds } from '@/messages/format';

export type CellStatus = 'idle' | 'running' | 'done' | 'stopped' | 'error';

export interface RunContext {
  signal: AbortSignal;
  /** Fraction done in [0, 1]; drives the progress bar. */
  progress(fraction: number): void;
  /** Name of the compute backend actually in use (shown in the status line). */
  setBackend(name: string): void;
}

export type CellTask<S extends ParamSpecs> = (values: ParamValues<S>, ctx: RunContext) => Promise<void>;

export interface CodeRef {
  file: string;
  name: string;
  source: string;
}

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
}

function AbortError(): Error {
  const e = new Error('stopped');
  e.name = 'AbortError';
  return e;
}

/** Rejects with AbortError when the signal fires; tasks can await it inside loops. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw AbortError();
}

export function Cell<S extends ParamSpecs>(props: CellProps<S>) {
  const t = useStrings();
  return (
    <section className="cell" id={`cell-${props.id}`} aria-labelledby={`cell-${props.id}-title`} data-cell={props.id}>
      <CellErrorBoundary message={t.cellCrashed} resetLabel={t.tryAgain}>
        <CellBody {...props} />
      </CellErrorBoundary>
    </section>
  );
}

function CellBody<S extends ParamSpecs>({
  id, title, spec, run, controls, children, extraActions, onReset, code, backend, caption, rules,
}: CellProps<S>) {
  const t = useStrings();
  const params = useCellParams(id, spec, rules);
  const [status, setStatus] = useState<CellStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  // Elapsed time and progress change ~10×/s while running: they live in a store read only by the
  // status line and the progress bar, so a tick does not re-render the figure and its controls.
  const live = useMemo(() => makeStore<LiveTiming>({ elapsedMs: 0, progress: null }), []);
  const setElapsedMs = useCallback((elapsedMs: number) => live.update((s) => ({ ...s, elapsedMs })), [live]);
  const [backendInUse, setBackendInUse] = useState<string | undefined>(backend);
  // copied: null while the clipboard write is pending (the link is shown at once either way).
  const [shareState, setShareState] = useState<{ url: string; copied: boolean | null; hide: boolean } | null>(null);
  const [showCode, setShowCode] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const startedAt = useRef(0);
  const generation = useRef(0);

  const stop = useCallback(() => {
    controller.current?.abort();
  }, []);

  const start = useCallback(
    (task?: CellTask<S>) => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      const myGeneration = ++generation.current;
      startedAt.current = performance.now();
      markCellRan();
      setStatus('running');
      setError(null);
      live.set({ elapsedMs: 0, progress: null });
      const ctx: RunContext = {
        signal: ac.signal,
        progress: (f) => { if (generation.current === myGeneration) live.update((s) => ({ ...s, progress: Math.max(0, Math.min(1, f)) })); },
        setBackend: (name) => setBackendInUse(name),
      };
      (task ?? run)(params.values, ctx).then(
        () => {
          if (generation.current !== myGeneration) return;
          setElapsedMs(performance.now() - startedAt.current);
          setStatus(ac.signal.aborted ? 'stopped' : 'done');
        },
        (e: unknown) => {
          if (generation.current !== myGeneration) return;
          setElapsedMs(performance.now() - startedAt.current);
          if (ac.signal.aborted || (e instanceof Error && e.name === 'AbortError')) {
            setStatus('stopped');
          } else {
            setStatus('error');
            setError(e instanceof Error ? e.message : String(e));
          }
        },
      );
    },
    [run, params.values, live, setElapsedMs],
  );

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

  const running = status === 'running';
  const api: CellApi<S> = { values: params.values, setValue: params.setValue, status, running, start, stop };

  const statusLabel = {
    idle: t.statusIdle, running: t.statusRunning, done: t.statusDone, stopped: t.statusStopped, error: t.statusError,
  }[status];

  return (
    <>
      <header className="cell-header">
        <h4 id={`cell-${id}-title`} className="cell-title">
          <a href={`#cell-${id}`}>{title}</a>
        </h4>
        <button
          type="button"
          className="cell-copy-link"
          data-testid="cell-copy-link"
          onClick={async () => {
            const hide = shareState?.hide ?? false;
            const url = params.shareUrl(hide);
            setShareState({ url, copied: null, hide });
            const copied = await copyText(url);
            setShareState((s) => (s && s.url === url ? { ...s, copied } : s));
          }}
        >
          {t.copyLink}
        </button>
      </header>
      {shareState && (
        <p className="cell-share" role="status">
          {shareState.copied === null ? t.copyLink : shareState.copied ? t.copied : t.copyFailed}:{' '}
          <input className="cell-share-url" readOnly value={shareState.url} aria-label={t.copyLink}
            onFocus={(e) => e.currentTarget.select()} size={Math.min(60, shareState.url.length)} />{' '}
          <label className="cell-share-hide">
            <input type="checkbox" checked={shareState.hide} data-testid="cell-share-hide"
              onChange={async (e) => {
                const hide = e.currentTarget.checked;
                const url = params.shareUrl(hide);
                setShareState({ url, copied: null, hide });
                const copied = await copyText(url);
                setShareState((s) => (s && s.url === url ? { ...s, copied } : s));
              }} />
            {t.hideControlsInLink}
          </label>
        </p>
      )}
      {params.notices.length > 0 && <Notices notices={params.notices} onDismiss={params.dismissNotices} />}
      {caption && <div className="cell-caption">{caption}</div>}
      {params.controlsHidden ? (
        <p className="cell-controls-hidden">
          <button type="button" data-action="show-controls" onClick={() => params.setControlsHidden(false)}>
            {t.showControls}
          </button>
        </p>
      ) : (
        <div className="cell-controls">{controls(api)}</div>
      )}
      <div className="cell-actions" role="group" aria-label={title}>
        <button type="button" className="btn-primary" data-action="run" onClick={() => start()} disabled={running}>
          {t.run}
        </button>
        <button type="button" data-action="stop" onClick={stop} disabled={!running}>{t.stop}</button>
        <button type="button" data-action="rerun" onClick={() => start()}>{t.rerun}</button>
        <button
          type="button"
          data-action="reset"
          onClick={() => {
            stop();
            generation.current++;
            params.resetValues();
            setStatus('idle');
            setError(null);
            live.set({ elapsedMs: 0, progress: null });
            setShareState(null);
            onReset?.();
          }}
        >
          {t.reset}
        </button>
        {extraActions?.(api)}
      </div>
      <p className="cell-status" data-status={status} aria-live="polite">
        <span className="cell-status-dot" aria-hidden="true" />
        <span>{t.status}: <strong data-testid="cell-status">{statusLabel}</strong></span>
        {(status !== 'idle') && <ElapsedText store={live} label={t.elapsed} />}
        {backendInUse && <span> · {t.backend}: <span data-testid="cell-backend">{backendInUse}</span></span>}
      </p>
      {running && <ProgressBar store={live} label={statusLabel} />}
      {error && <p className="cell-error" role="alert">{error}</p>}
      <div className="cell-output">{children(api)}</div>
      {code && code.length > 0 && (
        <div className="cell-code">
          <button type="button" aria-expanded={showCode} onClick={() => setShowCode((s) => !s)}>
            {showCode ? t.hideCode : t.showCode}
          </button>
          {showCode && code.map((c) => (
            <figure key={`${c.file}#${c.name}`} className="code-figure">
              <figcaption><code>{c.file}</code> — <code>{c.name}</code></figcaption>
              <pre><code>{c.source}</code></pre>
            </figure>
          ))}
        </div>
      )}
    </>
  );
}

function Notices({ notices, onDismiss }: { notices: ParamNotice[]; onDismiss: () => void }) {
  const t = useStrings();
  return (
    <div className="cell-notice" role="status" data-testid="cell-notice">
      <ul>
        {notices.map((n, i) => (
          // A repeated key gives several notices for one parameter: the index keeps keys unique.
          <li key={i} data-param={n.param} data-kind={n.kind} data-used={n.used}>
            {(n.kind === 'clamped' ? t.noticeClamped : t.noticeInvalid)(excerpt(n.param), excerpt(n.raw), excerpt(n.used))}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss} aria-label={t.dismiss}>×</button>
    </div>
  );
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

interface LiveTiming {
  elapsedMs: number;
  /** Fraction done, or null when the task reports none. */
  progress: number | null;
}

function ElapsedText({ store, label }: { store: ValueStore<LiveTiming>; label: string }) {
  const { elapsedMs } = useStoreValue(store);
  return <span> · {label} {seconds(elapsedMs)}</span>;
}

/** Shown for work that reports progress and has run for over a second. */
function ProgressBar({ store, label }: { store: ValueStore<LiveTiming>; label: string }) {
  const { elapsedMs, progress } = useStoreValue(store);
  if (progress === null || elapsedMs <= 1000) return null;
  return <progress className="cell-progress" max={1} value={progress} aria-label={label} />;
}
