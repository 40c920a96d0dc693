import { planQuiz, scoreQuiz } from '@/lib/imageExtras/quiz';

const JITTER = { hue: 0.015, valueRange: [0.8, 1] as [number, number], backgroundRgb: 6 };
const HELD = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9];

describe('real-or-generated quiz', () => {
  test('plans are balanced, seeded and valid', () => {
    for (const rounds of [2, 7, 8, 16]) {
      const p = planQuiz(11, rounds, HELD, 9, JITTER);
      expect(p).toHaveLength(rounds);
      expect(p.filter((q) => q.kind === 'real')).toHaveLength(Math.floor(rounds / 2));
      for (const q of p) {
        expect(q.colour).toBeGreaterThanOrEqual(0);
        expect(q.colour).toBeLessThan(9);
        if (q.kind === 'real') { expect(HELD[q.heldout]).toBe(q.digit); expect(q.jitter).not.toBeNull(); }
        else { expect(q.heldout).toBe(-1); expect(q.digit).toBeGreaterThanOrEqual(0); expect(q.digit).toBeLessThan(10); }
      }
      const reals = p.filter((q) => q.kind === 'real').map((q) => q.heldout);
      expect(new Set(reals).size).toBe(reals.length); // distinct while the pool lasts
    }
    expect(planQuiz(11, 8, HELD, 9, JITTER)).toEqual(planQuiz(11, 8, HELD, 9, JITTER));
    const orders = new Set([1, 2, 3, 4, 5, 6].map((s) => planQuiz(s, 8, HELD, 9, JITTER).map((q) => q.kind[0]).join('')));
    expect(orders.size).toBeGreaterThan(1);
    expect(() => planQuiz(1, 1, HELD, 9, JITTER)).toThrow(/at least 2/);
    expect(() => planQuiz(1, 4, [], 9, JITTER)).toThrow(/held-out/);
  });

  test('scoring', () => {
    const items = [{ kind: 'real' as const }, { kind: 'generated' as const }, { kind: 'real' as const }, { kind: 'generated' as const }];
    expect(scoreQuiz(items, [null, null, null, null])).toMatchObject({ answered: 0, correct: 0, total: 4 });
    const s = scoreQuiz(items, ['real', 'real', 'generated', 'generated']);
    expect(s).toEqual({ answered: 4, correct: 2, total: 4, realCorrect: 1, realTotal: 2, generatedCorrect: 1, generatedTotal: 2 });
    expect(scoreQuiz(items, ['real', 'generated', 'real', null])).toMatchObject({ answered: 3, correct: 3 });
    // always answering "real" gets exactly the real half right
    expect(scoreQuiz(items, ['real', 'real', 'real', 'real']).correct).toBe(2);
  });
});
