'use client';
/**
 * Inline math in a cell's caption, typeset with KaTeX like the prose. It renders during the
 * build's prerender as well as in the browser (same HTML, so no flash of TeX source and no layout
 * shift when KaTeX arrives); each formula is rendered once per page and cached. Message strings
 * mark math with `$…$`; a caption written as JSX takes `math` from `useInlineMath()` and calls it
 * on each formula.
 */
import katex from 'katex';
import { Fragment, type ReactNode } from 'react';

export type InlineMath = (tex: string) => ReactNode;

const rendered = new Map<string, string>();
function inlineHtml(tex: string): string {
  let html = rendered.get(tex);
  if (html === undefined) {
    html = katex.renderToString(tex, { throwOnError: false, displayMode: false });
    rendered.set(tex, html);
  }
  return html;
}

function inlineMath(tex: string): ReactNode {
  return <span className="math-inline" data-tex={tex} dangerouslySetInnerHTML={{ __html: inlineHtml(tex) }} />;
}

/** The inline-math renderer for captions written as JSX (a hook, so that it may later hold state). */
export function useInlineMath(): InlineMath {
  return inlineMath;
}

/** A sentence with `$…$` inline math (an odd number of `$` leaves the last part as text). */
export function MathText({ text }: { text: string }) {
  const parts = text.split('$');
  return <>{parts.map((part, i) => <Fragment key={i}>{i % 2 === 1 && i < parts.length - 1 ? inlineMath(part) : (i % 2 === 1 ? `$${part}` : part)}</Fragment>)}</>;
}
