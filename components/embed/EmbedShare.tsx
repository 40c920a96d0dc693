'use client';
/**
 * The share panel's extras (shown under the cell's copied link): the embed snippet for an iframe,
 * with its own copy button, and a QR code of the link so students open the same state on their
 * phones. The QR encoder is imported only when a panel opens, so it is not in any page's first
 * JavaScript; it draws on a canvas here, with no network.
 */
import { useEffect, useRef, useState } from 'react';
import { copyText } from '../CopyLinkButton';
import { useLang, useStrings } from '../LangProvider';
import styles from './Embed.module.css';

/** The embed route of the same cell and state: `/<lang>/embed/<id>/?<the link's query>`. */
function embedUrlOf(link: string, lang: string, id: string): string {
  const u = new URL(link);
  return `${u.origin}/${lang}/embed/${id}/${u.search}`;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function EmbedShare({ id, title, link }: { id: string; title: string; link: string }) {
  const t = useStrings();
  const lang = useLang();
  const [copied, setCopied] = useState<boolean | null>(null);
  const src = embedUrlOf(link, lang, id);
  const snippet = `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="720" style="border:0" loading="lazy"></iframe>`;
  return (
    <div className={styles.share} data-testid="cell-share-extras">
      <label>
        {t.embed.snippetLabel}
        <textarea className={styles.snippet} readOnly rows={3} value={snippet} data-testid="cell-embed-snippet"
          onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p>
        <button type="button" data-testid="cell-embed-copy" onClick={async () => setCopied(await copyText(snippet))}>
          {t.embed.copySnippet}
        </button>{' '}
        <span role="status">{copied === null ? '' : copied ? t.embed.snippetCopied : t.copyFailed}</span>
      </p>
      <QrCode text={link} />
    </div>
  );
}

function QrCode({ text }: { text: string }) {
  const t = useStrings();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // What the canvas shows now: the link it was last drawn for (null while the first draw is pending).
  const [drawn, setDrawn] = useState<{ text: string; failed: boolean } | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((qr) => { if (live) return qr.toCanvas(canvasRef.current!, text, { errorCorrectionLevel: 'M', margin: 4, scale: 4 }); })
      .then(() => { if (live) setDrawn({ text, failed: false }); }, () => { if (live) setDrawn({ text, failed: true }); });
    return () => { live = false; };
  }, [text]);
  const failed = drawn?.failed ?? false;
  return (
    <figure className={styles.qr}>
      <canvas ref={canvasRef} role="img" aria-label={t.embed.qrAlt(text)} data-testid="cell-qr"
        data-qr-text={drawn && !drawn.failed ? drawn.text : undefined} />
      <figcaption>{failed ? t.embed.qrFailed : t.embed.qrLabel}</figcaption>
    </figure>
  );
}
