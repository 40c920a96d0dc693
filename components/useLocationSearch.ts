'use client';
import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * The page's query string, for a component that reads another cell's parameters while rendering.
 * The server (and hydration) sees '' so the first client render matches the exported HTML (reading
 * window.location during hydration broke it: React error #418 on any link with such parameters);
 * the real query shows from the next render on. Cells rewrite the query with replaceState, which
 * fires no event, so a reader re-reads it whenever it renders anyway.
 */
export function useLocationSearch(): string {
  return useSyncExternalStore(noSubscription, () => window.location.search, () => '');
}
