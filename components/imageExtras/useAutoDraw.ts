'use client';
import { useCallback, useEffect, useRef, useSyncExternalStore, type RefObject } from 'react';

function readPref(key: string): boolean {
  try { return localStorage.getItem(key) === '1'; } catch { return false; /* storage blocked */ }
}

// The stored preference as an external store: the page sees a change made here or in another tab.
const listeners = new Set<() => void>();
function subscribe(l: () => void): () => void {
  listeners.add(l);
  window.addEventListener('storage', l);
  return () => { listeners.delete(l); window.removeEventListener('storage', l); };
}

/**
 * Opt-in automatic drawing: a stored preference (`key` in localStorage), acted on only once the
 * element is on screen and the browser is idle, never when the reader asked to save data. Returns
 * the preference and its setter (which stores it).
 */
export function useAutoDraw(key: string, root: RefObject<HTMLElement | null>, draw: () => void): [boolean, (on: boolean) => void] {
  const auto = useSyncExternalStore(subscribe, () => readPref(key), () => false);
  const drawRef = useRef(draw);
  useEffect(() => { drawRef.current = draw; });
  // Once per page open: the preference is read when the strip mounts.
  useEffect(() => {
    const go = () => drawRef.current();
    const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
    if (!readPref(key) || saveData || !root.current || typeof IntersectionObserver === 'undefined') return;
    let idle: number | null = null;
    const io = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      const ric = (window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
      idle = ric ? ric(go, { timeout: 3000 }) : window.setTimeout(go, 500);
    });
    io.observe(root.current);
    return () => {
      io.disconnect();
      const cic = (window as Window & { cancelIdleCallback?: (h: number) => void }).cancelIdleCallback;
      if (idle !== null) { if (cic) cic(idle); else window.clearTimeout(idle); }
    };
  }, [key, root]);
  const store = useCallback((on: boolean) => {
    try { if (on) localStorage.setItem(key, '1'); else localStorage.removeItem(key); } catch { /* storage blocked */ }
    listeners.forEach((l) => l());
  }, [key]);
  return [auto, store];
}
