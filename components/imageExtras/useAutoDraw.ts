'use client';
import { useEffect, useState, type RefObject } from 'react';

/**
 * Opt-in automatic drawing: a stored preference (`key` in localStorage), acted on only once the
 * element is on screen and the browser is idle, never when the reader asked to save data. Returns
 * the preference and its setter (which stores it).
 */
export function useAutoDraw(key: string, root: RefObject<HTMLElement | null>, draw: () => void): [boolean, (on: boolean) => void] {
  const [auto, setAuto] = useState(false);
  useEffect(() => {
    let pref = false;
    try { pref = localStorage.getItem(key) === '1'; } catch { /* storage blocked */ }
    setAuto(pref);
    const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
    if (!pref || saveData || !root.current || typeof IntersectionObserver === 'undefined') return;
    let idle: number | null = null;
    const io = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      const ric = (window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      idle = ric ? ric(draw, { timeout: 3000 }) : window.setTimeout(draw, 500);
    });
    io.observe(root.current);
    return () => {
      io.disconnect();
      const cic = (window as Window & { cancelIdleCallback?: (h: number) => void }).cancelIdleCallback;
      if (idle !== null) { if (cic) cic(idle); else window.clearTimeout(idle); }
    };
    // Run once on mount: the preference is read at page open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const store = (on: boolean) => {
    setAuto(on);
    try { if (on) localStorage.setItem(key, '1'); else localStorage.removeItem(key); } catch { /* storage blocked */ }
  };
  return [auto, store];
}
