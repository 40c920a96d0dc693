'use client';
/** The parts of the notebook cell (components/cell/Cell.tsx), each small and separately rendered. */
import { useState } from 'react';
import type { ValueStore } from '@/lib/valueStore';
import type { ParamNotice } from '@/lib/urlState';
import { useStoreValue } from '../useStoreValue';
import { copyText } from '../CopyLinkButton';
import { useStrings } from '../LangProvider';
import { EmbedShare } from '../embed/EmbedShare';
import { excerpt, seconds } from '@/messages/format';
import type { CellStatus } from './Cell';
import type { LiveTiming } from './useCellRun';

/** Title with its anchor, the copy-link button and the shared link it shows. */
export function CellHeader({ id, title, shareUrl }: { id: string; title: string; shareUrl: (hideControls: boolean, runOnOpen: boolean) => string }) {
  const t = useStrings();
  // copied: null while the clipboard write is pending (the link is shown at once either way).
  const [share, setShare] = useState<{ url: string; copied: boolean | null; hide: boolean; run: boolean } | null>(null);
  const offer = async (hide: boolean, run: boolean) => {
    const url = shareUrl(hide, run);
    setShare({ url, copied: null, hide, run });
    const copied = await copyText(url);
    setShare((s) => (s && s.url === url ? { ...s, copied } : s));
  };
  return (
    <>
      <header className="cell-header">
        <h3 id={`cell-${id}-title`} className="cell-title">
          <a href={`#cell-${id}`}>{title}</a>
        </h3>
        <button type="button" className="cell-copy-link" data-testid="cell-copy-link" onClick={() => offer(share?.hide ?? false, share?.run ?? false)}>
          {t.copyLink}
        </button>
      </header>
      {share && (
        <p className="cell-share" role="status">
          {share.copied === null ? t.copyLink : share.copied ? t.copied : t.copyFailed}:{' '}
          <input className="cell-share-url" readOnly value={share.url} aria-label={t.copyLink}
            onFocus={(e) => e.currentTarget.select()} size={Math.min(60, share.url.length)} />{' '}
          <label className="cell-share-hide">
            <input type="checkbox" checked={share.hide} data-testid="cell-share-hide" onChange={(e) => offer(e.currentTarget.checked, share.run)} />
            {t.hideControlsInLink}
          </label>{' '}
          <label className="cell-share-hide">
            <input type="checkbox" checked={share.run} data-testid="cell-share-run" onChange={(e) => offer(share.hide, e.currentTarget.checked)} />
            {t.runInLink}
          </label>
        </p>
      )}
      {share && <EmbedShare id={id} title={title} link={share.url} />}
    </>
  );
}

export function Notices({ notices, onDismiss }: { notices: ParamNotice[]; onDismiss: () => void }) {
  const t = useStrings();
  return (
    <div className="cell-notice" role="status" data-testid="cell-notice">
      <ul>
        {notices.map((n, i) => (
          // A repeated key gives several notices for one parameter: the index keeps keys unique.
          <li key={i} data-param={n.param} data-kind={n.kind} data-used={n.used}>
            {n.kind === 'unknown' ? t.noticeUnknown(excerpt(n.param), excerpt(n.raw))
              : (n.kind === 'clamped' ? t.noticeClamped : t.noticeInvalid)(excerpt(n.param), excerpt(n.raw), excerpt(n.used))}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss} aria-label={t.dismiss}>×</button>
    </div>
  );
}

/** State, elapsed time and backend; the progress bar and the error under it. */
export function StatusLine({ status, live, backendInUse, error }: {
  status: CellStatus; live: ValueStore<LiveTiming>; backendInUse: string | undefined; error: string | null;
}) {
  const t = useStrings();
  const statusLabel = {
    idle: t.statusIdle, running: t.statusRunning, done: t.statusDone, stopped: t.statusStopped, error: t.statusError,
  }[status];
  return (
    <>
      {/* Only the state is live (announced on change); the elapsed time ticking 10×/s is not. */}
      <p className="cell-status" data-status={status}>
        <span className="cell-status-dot" aria-hidden="true" />
        <span role="status">{t.status}: <strong data-testid="cell-status">{statusLabel}</strong></span>
        {(status !== 'idle') && <ElapsedText store={live} label={t.elapsed} />}
        {backendInUse && <span> · {t.backend}: <span data-testid="cell-backend">{backendInUse}</span></span>}
        {/* Laid over the line's bottom margin (globals.css): appearing after a second, it moves nothing. */}
        {status === 'running' && <ProgressBar store={live} label={statusLabel} />}
      </p>
      {error && <p className="cell-error" role="alert">{error}</p>}
    </>
  );
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

/** "Show code": the real source of the functions the cell runs, in a file of its own (fetched when it opens). */
export { CodePanel } from './CodePanel';
