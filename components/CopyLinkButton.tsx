'use client';
import { useState } from 'react';
import { useStrings } from './LangProvider';

/** Copies a URL; falls back to showing it selected when the clipboard is unavailable. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      // Some browsers leave the promise pending (no focus, permission prompt): give up after 1 s.
      const timeout = new Promise<boolean>((resolve) => window.setTimeout(() => resolve(false), 1000));
      return await Promise.race([navigator.clipboard.writeText(text).then(() => true), timeout]);
    }
  } catch {
    /* permission denied or insecure context: fall through */
  }
  return false;
}

export function CopyLinkButton({ hash, label }: { hash: string; label?: string }) {
  const t = useStrings();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="anchor-copy"
      aria-label={label ?? t.copyLinkTo}
      title={label ?? t.copyLinkTo}
      data-state={state}
      onClick={async () => {
        const url = `${location.origin}${location.pathname}#${hash}`;
        history.replaceState(null, '', `#${hash}`);
        setState((await copyText(url)) ? 'copied' : 'failed');
        window.setTimeout(() => setState('idle'), 2000);
      }}
    >
      <span aria-hidden="true">{state === 'copied' ? '✓' : '#'}</span>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? t.copied : state === 'failed' ? t.copyFailed : ''}
      </span>
    </button>
  );
}
