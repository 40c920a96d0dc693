'use client';
/**
 * One formula of the prose (`$…$`, `$$…$$` in content/<lang>/*.mdx), typeset with KaTeX: HTML for
 * the eye and MathML for screen readers, exactly the markup rehype-katex wrote before.
 *
 * Why a client component: whatever a server component renders travels twice, once as HTML and once
 * more in the RSC payload that hydrates it, and KaTeX's markup was most of every chapter's bytes.
 * A client component's payload is only its props, here the TeX source; the prerender typesets it
 * into the HTML.
 *
 * Hydration keeps that prerendered markup: React never rewrites an element's
 * `dangerouslySetInnerHTML` while hydrating (and skips its children), so the browser renders the
 * element empty and does no KaTeX work on load. A fresh client render (a client-side navigation to
 * the chapter, a part React renders again from scratch) finds the element empty and typesets it in
 * a layout effect, before the browser paints.
 */
import katex from 'katex';
import { memo, useLayoutEffect, useRef } from 'react';

const OPTIONS = { throwOnError: false, strict: false } as const;
const rendered = new Map<string, string>();

/** The element KaTeX's output is wrapped in (`.prose > .katex-display`, `p > .katex` stay as they were). */
const wrapperClass = (display: boolean) => (display ? 'katex-display' : 'katex');

/**
 * KaTeX's markup for a formula without its outermost element (the component renders that one);
 * a formula KaTeX cannot parse keeps its `.katex-error` element inside.
 */
function typesetInner(tex: string, display: boolean): string {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let inner = rendered.get(key);
  if (inner === undefined) {
    const html = katex.renderToString(tex, { ...OPTIONS, displayMode: display });
    const open = `<span class="${wrapperClass(display)}">`;
    inner = html.startsWith(open) && html.endsWith('</span>') ? html.slice(open.length, -'</span>'.length) : html;
    rendered.set(key, inner);
  }
  return inner;
}

function TexMathImpl({ tex, display = false }: { tex: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  /** The formula whose markup the element holds (the prerendered one, after hydration). */
  const shown = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const key = `${display}${tex}`;
    if (shown.current === null && el.firstChild) shown.current = key; // hydrated: the prerender typeset it
    if (shown.current !== key) {
      el.innerHTML = typesetInner(tex, display);
      shown.current = key;
    }
  }, [tex, display]);
  // On the server (the build's prerender) the markup goes into the HTML; in the browser the
  // element is left to the prerendered markup or to the layout effect above.
  const html = typeof window === 'undefined' ? typesetInner(tex, display) : '';
  return <span ref={ref} className={wrapperClass(display)} dangerouslySetInnerHTML={{ __html: html }} suppressHydrationWarning />;
}

/** A typeset formula: `display` for a block of its own (`$$…$$`), inline otherwise. */
export const TexMath = memo(TexMathImpl);
