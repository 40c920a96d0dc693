'use client';
import { useSyncExternalStore } from 'react';

const noChanges = () => () => {};

/**
 * A value only the browser knows (storage, media queries, the navigator's languages). The
 * prerendered HTML and the hydrating render use `serverValue`, so hydration matches; React then
 * re-renders with `read()`, and again whenever `subscribe` reports a change. `read` must return
 * the same value (a primitive, or a cached object) while nothing has changed.
 */
export function useBrowserValue<T>(read: () => T, serverValue: T, subscribe: (onChange: () => void) => () => void = noChanges): T {
  return useSyncExternalStore(subscribe, read, () => serverValue);
}
