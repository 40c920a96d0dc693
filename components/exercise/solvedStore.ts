'use client';
import { useCallback, useMemo } from 'react';
import { EXERCISES_STORAGE_KEY, parseSolved, serializeSolved } from '@/lib/exercises';
import { useBrowserValue } from '../useBrowserValue';

/**
 * The solved set lives in localStorage (one key for the site). Components read the raw stored
 * string through useBrowserValue: a string snapshot is stable between writes, the prerendered
 * page sees null ("not read yet"), and a write in one exercise or another tab updates every reader.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/** The stored text; blocked storage (private mode, a sandboxed iframe) reads as empty. */
function snapshot(): string {
  try {
    return localStorage.getItem(EXERCISES_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function writeSolved(id: string, solved: boolean): void {
  const all = parseSolved(snapshot());
  if (solved) all.add(id);
  else all.delete(id);
  try { localStorage.setItem(EXERCISES_STORAGE_KEY, serializeSolved(all)); } catch { /* storage full or blocked: the page still works */ }
  for (const l of listeners) l();
}

/** The solved ids, or null before the client has read storage (so hydration matches the prerender). */
export function useSolvedSet(): ReadonlySet<string> | null {
  const raw = useBrowserValue<string | null>(snapshot, null, subscribe);
  return useMemo(() => (raw === null ? null : parseSolved(raw)), [raw]);
}

/** Whether one exercise is solved (null until read on the client) and a setter that stores it. */
export function useSolved(id: string): [boolean | null, (solved: boolean) => void] {
  const all = useSolvedSet();
  const set = useCallback((value: boolean) => writeSolved(id, value), [id]);
  return [all === null ? null : all.has(id), set];
}
