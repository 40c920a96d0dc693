'use client';
import { useEffect, useState } from 'react';

export interface ThemeColors {
  fg: string;
  fgSoft: string;
  accent: string;
  ink: string;
  /** Second series (schedule B) and highlights. */
  warn: string;
  border: string;
  bgSoft: string;
  error: string;
}

const FALLBACK: ThemeColors = {
  fg: '#1b1c1f', fgSoft: '#55585f', accent: '#2456c7', ink: '#2456c7', warn: '#d79a1e',
  border: '#d9d9d2', bgSoft: '#f2f2ee', error: '#b3261e',
};

function read(): ThemeColors {
  const cs = getComputedStyle(document.documentElement);
  const v = (name: string, fb: string) => cs.getPropertyValue(name).trim() || fb;
  return {
    fg: v('--fg', FALLBACK.fg), fgSoft: v('--fg-soft', FALLBACK.fgSoft), accent: v('--accent', FALLBACK.accent),
    ink: v('--ink', FALLBACK.ink), warn: v('--warn-border', FALLBACK.warn), border: v('--border', FALLBACK.border),
    bgSoft: v('--bg-soft', FALLBACK.bgSoft), error: v('--error', FALLBACK.error),
  };
}

/**
 * The site's theme colours as concrete values (canvas and SVG attributes cannot use CSS
 * variables), re-read when the reader toggles the theme or the system scheme changes.
 */
export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState<ThemeColors>(FALLBACK);
  useEffect(() => {
    const update = () => setColors((prev) => {
      const next = read();
      return (Object.keys(next) as (keyof ThemeColors)[]).every((k) => next[k] === prev[k]) ? prev : next;
    });
    update();
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    mq.addEventListener('change', update);
    const mo = new MutationObserver(update);
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    return () => { mq.removeEventListener('change', update); mo.disconnect(); };
  }, []);
  return colors;
}
