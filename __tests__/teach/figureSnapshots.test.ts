/**
 * The handouts' figure store (components/figures/figureSnapshots.ts): what a handout reads back
 * (its chapter and language only, in page order, a damaged entry skipped), forgetting a chapter,
 * and the storage budget (the oldest snapshots go first; the site's other keys are never touched).
 */
import { FIGURE_BUDGET, clearFigures, makeRoom, parseFigures, storedFigures } from '@/components/figures/figureSnapshots';

class MemoryStorage {
  private items = new Map<string, string>();
  get length() { return this.items.size; }
  key(i: number) { return [...this.items.keys()][i] ?? null; }
  getItem(k: string) { return this.items.get(k) ?? null; }
  setItem(k: string, v: string) { this.items.set(k, String(v)); }
  removeItem(k: string) { this.items.delete(k); }
  keys() { return [...this.items.keys()]; }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = storage;
});

const snap = (cell: string, order: number, at: number, src = 'data:image/png;base64,AAAA') =>
  JSON.stringify({ cell, title: `T ${cell}`, settings: `Settings: ${cell}`, src, order, at });

test('a handout reads its own chapter and language, in page order, and skips a damaged entry', () => {
  storage.setItem('ddpm-figure:en:theory:sample2d', snap('sample2d', 5, 2));
  storage.setItem('ddpm-figure:en:theory:schedule', snap('schedule', 1, 1));
  storage.setItem('ddpm-figure:en:theory:broken', '{"cell": "broken"');
  storage.setItem('ddpm-figure:en:theory:foreign', snap('foreign', 2, 3, 'javascript:alert(1)'));
  storage.setItem('ddpm-figure:zh:theory:schedule', snap('schedule', 1, 1));
  storage.setItem('ddpm-figure:en:intuition:cloud', snap('cloud', 0, 1));
  const figures = parseFigures(storedFigures('en', 'theory'));
  expect(figures.map((f) => f.cell)).toEqual(['schedule', 'sample2d']);
  expect(parseFigures(storedFigures('en', 'ethics'))).toEqual([]);
  expect(storedFigures('en', 'ethics')).toBe('');
});

test('forgetting a chapter removes only its snapshots', () => {
  storage.setItem('ddpm-figure:en:theory:schedule', snap('schedule', 1, 1));
  storage.setItem('ddpm-figure:zh:theory:schedule', snap('schedule', 1, 1));
  storage.setItem('ddpm-exercises', 'th-alphabar-500');
  clearFigures('en', 'theory');
  expect(storage.keys().sort()).toEqual(['ddpm-exercises', 'ddpm-figure:zh:theory:schedule']);
});

test('the budget: the oldest snapshots are forgotten first, other keys never', () => {
  const big = 'x'.repeat(Math.floor(FIGURE_BUDGET / 4));
  storage.setItem('ddpm-exercises', 'th-alphabar-500');
  storage.setItem('ddpm-figure:en:theory:a', snap('a', 0, 10, `data:image/png;base64,${big}`));
  storage.setItem('ddpm-figure:en:theory:b', snap('b', 1, 30, `data:image/png;base64,${big}`));
  storage.setItem('ddpm-figure:en:features:c', snap('c', 0, 20, `data:image/png;base64,${big}`));
  // Three quarters stored, one more quarter to fit: the oldest (a, at 10) must go, and only it.
  makeRoom('ddpm-figure:en:ethics:d', big.length);
  expect(storage.keys().sort()).toEqual(['ddpm-exercises', 'ddpm-figure:en:features:c', 'ddpm-figure:en:theory:b']);
  // Replacing a snapshot does not count its old version against the budget.
  makeRoom('ddpm-figure:en:theory:b', 10);
  expect(storage.keys()).toHaveLength(3);
});
