'use client';
import { useEffect } from 'react';
import { hashTargetId } from '@/lib/safeDecode';

/**
 * Cells above a linked section grow when they hydrate (plots, canvases), which would push the
 * section a teacher linked to out of view. Until the reader scrolls, clicks or types (or 20 s
 * pass), keep the #target at the top whenever the page's layout size changes.
 */
export function KeepHashInView() {
  useEffect(() => {
    const id = hashTargetId(window.location.hash);
    if (!id) return;
    const target = document.getElementById(id);
    const article = document.querySelector('main');
    if (!target || !article) return;
    let active = true;
    const stop = () => { active = false; };
    const realign = () => {
      if (active) target.scrollIntoView({ block: 'start', behavior: 'instant' as ScrollBehavior });
    };
    const observer = new ResizeObserver(realign);
    observer.observe(article);
    const events = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
    events.forEach((e) => window.addEventListener(e, stop, { passive: true, once: true }));
    const timer = window.setTimeout(() => { stop(); observer.disconnect(); }, 20000);
    realign();
    return () => {
      stop();
      observer.disconnect();
      window.clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, stop));
    };
  }, []);
  return null;
}
