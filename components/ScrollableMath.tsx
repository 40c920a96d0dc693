'use client';
import { useEffect } from 'react';

/**
 * A display equation wider than the column scrolls sideways inside its own box; a keyboard user
 * can scroll it only if it takes focus (axe: scrollable-region-focusable). KaTeX's markup is
 * produced at build time, so the equations that overflow at the reader's width get tabindex=0
 * here. Never taken away: once the page skips off-screen prose (content-visibility, after a Run)
 * a skipped equation measures as fitting, and a focusable equation that fits does no harm.
 */
export function ScrollableMath() {
  useEffect(() => {
    const update = () => {
      // Display equations, and on a phone inline ones too (globals.css lets those scroll).
      for (const el of document.querySelectorAll<HTMLElement>('main .katex-display, main .prose .katex')) {
        if (el.scrollWidth > el.clientWidth + 1) el.tabIndex = 0;
      }
    };
    update();
    const observer = new ResizeObserver(update);
    const main = document.querySelector('main');
    if (main) observer.observe(main);
    return () => observer.disconnect();
  }, []);
  return null;
}
