'use client';
/**
 * Inline math in a cell's caption, typeset with KaTeX like the prose (KaTeX's JavaScript comes
 * after first paint, components/useKatex.ts; until it has arrived the TeX source stands in a
 * <var>). Message strings mark math with `$…$`; a caption written as JSX takes `math` from
 * `useInlineMath()` and calls it on each formula.
 */
import { Fragment, type ReactNode } from 'react';
import { useKatex } from './useKatex';

export type InlineMath = (tex: string) => ReactNode;

export function useInlineMath(): InlineMath {
  const render = useKatex();
  return function inlineMath(tex) {
    return render
      ? <span className="math-inline" data-tex={tex} dangerouslySetInnerHTML={{ __html: render(tex, true) }} />
      : <var data-tex={tex}>{tex}</var>;
  };
}

/** A sentence with `$…$` inline math (an odd number of `$` leaves the last part as text). */
export function MathText({ text }: { text: string }) {
  const math = useInlineMath();
  const parts = text.split('$');
  return <>{parts.map((part, i) => <Fragment key={i}>{i % 2 === 1 && i < parts.length - 1 ? math(part) : (i % 2 === 1 ? `$${part}` : part)}</Fragment>)}</>;
}
