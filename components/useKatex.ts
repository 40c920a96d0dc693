'use client';
import { useEffect, useState } from 'react';

/** TeX → HTML; display mode unless `inline` (a formula inside a sentence). */
type Render = (tex: string, inline?: boolean) => string;
let loaded: Render | null = null;

/**
 * KaTeX for formulas a cell builds at run time, loaded after first paint (prose math is
 * typeset at build time and needs no JavaScript). Returns null until the module has arrived.
 */
export function useKatex(): Render | null {
  const [render, setRender] = useState<Render | null>(() => loaded);
  useEffect(() => {
    if (loaded) return;
    let cancelled = false;
    import('katex').then((m) => {
      const katex = m.default;
      loaded = (tex: string, inline = false) => katex.renderToString(tex, { throwOnError: false, displayMode: !inline });
      if (!cancelled) setRender(() => loaded);
    });
    return () => { cancelled = true; };
  }, []);
  return render;
}
