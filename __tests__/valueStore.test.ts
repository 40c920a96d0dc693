import { makeStore } from '@/lib/valueStore';

describe('makeStore', () => {
  it('returns the value set and notifies subscribers once per change', () => {
    const s = makeStore({ n: 0 });
    const seen: number[] = [];
    const unsubscribe = s.subscribe(() => seen.push(s.get().n));
    s.set({ n: 1 });
    s.set({ n: 2 });
    expect(s.get()).toEqual({ n: 2 });
    expect(seen).toEqual([1, 2]);
    unsubscribe();
    s.set({ n: 3 });
    expect(seen).toEqual([1, 2]);
  });

  it('does not notify when the same value is set again (no needless re-render)', () => {
    const v = { n: 1 };
    const s = makeStore(v);
    let calls = 0;
    s.subscribe(() => calls++);
    s.set(v);
    expect(calls).toBe(0);
    s.set({ n: 1 }); // a new object is a change
    expect(calls).toBe(1);
  });
});

describe('makeStore update', () => {
  it('derives the next value from the current one', () => {
    const s = makeStore({ a: 1, b: 'x' });
    const { update } = s; // usable detached, like the other methods
    update((v) => ({ ...v, a: v.a + 1 }));
    expect(s.get()).toEqual({ a: 2, b: 'x' });
  });
});
