'use client';
import { useEffect, useState } from 'react';
import { useStrings } from '../LangProvider';
import { loadCodeSource, type CodeName } from './codeSource';

type Sources = { state: 'loading' } | { state: 'done'; sources: string[] } | { state: 'failed' };

/** The cell's "show code" panel: the real source of the functions it runs, fetched when opened. */
export function CodePanel({ code }: { code: CodeName[] }) {
  const t = useStrings();
  const [showCode, setShowCode] = useState(false);
  const [sources, setSources] = useState<Sources>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!showCode) return;
    let live = true;
    Promise.all(code.map(loadCodeSource)).then(
      (s) => { if (live) setSources({ state: 'done', sources: s }); },
      () => { if (live) setSources({ state: 'failed' }); },
    );
    return () => { live = false; };
  }, [showCode, code, attempt]);
  return (
    <div className="cell-code">
      <button type="button" aria-expanded={showCode} onClick={() => setShowCode((s) => !s)}>
        {showCode ? t.hideCode : t.showCode}
      </button>
      {showCode && sources.state === 'failed' && (
        <p className="cell-code-failed" role="status">
          {t.codeFailed}{' '}
          <button type="button" onClick={() => { setSources({ state: 'loading' }); setAttempt((n) => n + 1); }}>{t.codeRetry}</button>
        </p>
      )}
      {showCode && sources.state !== 'failed' && code.map((c, i) => (
        <figure key={`${c.file}#${c.name}`} className="code-figure" aria-busy={sources.state === 'loading'}>
          <figcaption><code>{c.file}</code> — <code>{c.name}</code></figcaption>
          <pre tabIndex={0}><code>{sources.state === 'done' ? sources.sources[i] : t.codeLoading}</code></pre>
        </figure>
      ))}
    </div>
  );
}
