'use client';
import { useCallback, useEffect, useRef, type FocusEvent } from 'react';

/**
 * Run disables itself while a task runs and Stop when it ends, which would drop a keyboard user
 * onto <body>: focus moves to the button that took over (Run → Stop → Run), only when it was on
 * the one that just disabled itself.
 */
export function useRunStopFocus(running: boolean) {
  const runRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);
  const held = useRef<'run' | 'stop' | null>(null);
  useEffect(() => {
    if (held.current !== (running ? 'run' : 'stop')) return;
    const from = running ? runRef.current : stopRef.current;
    const active = document.activeElement;
    if (active && active !== document.body && active !== from) return;
    (running ? stopRef : runRef).current?.focus();
  }, [running]);
  const onRunFocus = useCallback(() => { held.current = 'run'; }, []);
  const onStopFocus = useCallback(() => { held.current = 'stop'; }, []);
  // Losing focus because the button disabled itself keeps the claim; moving elsewhere drops it.
  const onBlur = useCallback((e: FocusEvent<HTMLButtonElement>) => { if (e.relatedTarget || !e.currentTarget.disabled) held.current = null; }, []);
  return { runRef, stopRef, onRunFocus, onStopFocus, onBlur };
}
