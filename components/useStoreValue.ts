'use client';
import { useSyncExternalStore } from 'react';
import type { ValueStore } from '@/lib/valueStore';

/** The current value of a live-value store; the calling component alone re-renders when it changes. */
export function useStoreValue<T>(store: ValueStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
