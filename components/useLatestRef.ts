'use client';
import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * A ref that holds `value` as of the last commit, for event handlers, timers and animation loops
 * that must read the current value without being recreated when it changes. (Writing a ref while
 * rendering is not allowed; this writes it in a layout effect, before any handler can run.)
 */
export function useLatestRef<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => { ref.current = value; }, [value]);
  return ref;
}
