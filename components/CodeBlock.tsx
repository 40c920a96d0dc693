'use client';
import { useRef, useState, type ComponentProps } from 'react';
import { copyText } from './CopyLinkButton';
import { useStrings } from './LangProvider';

/** Fenced code in prose (BibTeX entries, snippets) with a copy button. */
export function CodeBlock(props: ComponentProps<'pre'>) {
  const t = useStrings();
  const ref = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="code-block">
      <button
        type="button"
        className="code-copy"
        onClick={async () => {
          const ok = await copyText(ref.current?.innerText ?? '');
          if (!ok && ref.current) {
            const range = document.createRange();
            range.selectNodeContents(ref.current);
            const sel = window.getSelection();
            sel?.removeAllRanges();
            sel?.addRange(range);
          }
          setCopied(ok);
          window.setTimeout(() => setCopied(false), 1500);
        }}
      >
        {copied ? t.copied : t.copy}
      </button>
      {/* Long lines scroll inside the block: focusable, so the keyboard can scroll it too. */}
      <pre ref={ref} tabIndex={0} {...props} />
    </div>
  );
}
