/**
 * A minimal observable value (get / set / subscribe), shaped for React's useSyncExternalStore
 * (components/useStoreValue.ts). Live numbers that change several times a second (elapsed time,
 * progress, training stats) go through one of these, so only the component that shows them
 * re-renders — not a whole cell.
 */
export interface ValueStore<T> {
  get(): T;
  set(v: T): void;
  /** set(f(get())): for changing one field of an object value. */
  update(f: (current: T) => T): void;
  subscribe(listener: () => void): () => void;
}

export function makeStore<T>(initial: T): ValueStore<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const set = (next: T) => {
    if (Object.is(next, value)) return;
    value = next;
    listeners.forEach((l) => l());
  };
  return {
    get: () => value,
    set,
    update: (f) => set(f(value)),
    subscribe(l) {
      listeners.add(l);
      return () => { listeners.delete(l); };
    },
  };
}
