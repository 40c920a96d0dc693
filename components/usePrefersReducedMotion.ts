'use client';
import { useBrowserValue } from './useBrowserValue';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useBrowserValue(() => window.matchMedia(QUERY).matches, false, subscribe);
}
