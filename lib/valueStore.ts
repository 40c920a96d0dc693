/**
 * A minimal observable value (get / set / subscribe), shaped for React's useSyncExternalStore.
 * Live numbers that change several times a second (elapsed time, progress, training stats) go
 * through one of these, so only the component that shows them re-renders — not a whole cell.
 */
export interface ValueStore<T> {
  get(): T;
  set(v: T): void;
  subscribe(listener: () => void): () => void;
}

export function makeStore<T>(initial: T): ValueStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      listeners.forEach((l) => l());
    },
    subscribe(l) {
      listeners.add(l);
      return () => { listeners.delete(l); };
    },
  };
}
