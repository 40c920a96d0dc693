/** @jest-environment node */
import { BUILTIN_SCHEDULE_KINDS, SCHEDULE_KINDS, ScheduleError, makeSchedule, scheduleTable } from '@/lib/diffusion/schedule';
import { SCHEDULE_2D_KINDS } from '@/lib/train2d/protocol';

describe('scheduleTable (the one memoised getter)', () => {
  test('equals makeSchedule and is computed once per spec', () => {
    for (const kind of BUILTIN_SCHEDULE_KINDS) {
      const a = scheduleTable({ kind, T: 200 });
      expect(scheduleTable({ kind, T: 200 })).toBe(a);
      expect(Array.from(a.alphaBar)).toEqual(Array.from(makeSchedule({ kind, T: 200 }).alphaBar));
    }
  });

  test('different endpoints or T are different tables', () => {
    const a = scheduleTable({ kind: 'linear', T: 100, betaStart: 1e-4, betaEnd: 0.02 });
    expect(scheduleTable({ kind: 'linear', T: 100, betaStart: 1e-4, betaEnd: 0.03 })).not.toBe(a);
    expect(scheduleTable({ kind: 'linear', T: 101, betaStart: 1e-4, betaEnd: 0.02 })).not.toBe(a);
    expect(a.beta[99]).toBeCloseTo(0.02, 12);
  });

  test('an impossible spec still throws the ScheduleError (and is not cached)', () => {
    expect(() => scheduleTable({ kind: 'scaled-linear', T: 10 })).toThrow(ScheduleError);
    expect(() => scheduleTable({ kind: 'scaled-linear', T: 10 })).toThrow(ScheduleError);
  });
});

test('one list of schedule kinds: the 2D trainer offers exactly the built-in ones', () => {
  expect([...SCHEDULE_2D_KINDS].sort()).toEqual([...BUILTIN_SCHEDULE_KINDS].sort());
  expect(SCHEDULE_KINDS.slice(0, BUILTIN_SCHEDULE_KINDS.length)).toEqual([...BUILTIN_SCHEDULE_KINDS]);
});
