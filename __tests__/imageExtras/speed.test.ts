import { agreement, compareRuns, projectFullRun } from '@/lib/imageExtras/speed';

test('agreement counts digit, colour and both', () => {
  const a = agreement([{ digit: 3, colour: 1 }, { digit: 3, colour: 2 }, { digit: 4, colour: 1 }, { digit: 5, colour: 0 }], [3, 3, 3, 5], [1, 1, 1, 0]);
  expect(a).toEqual({ both: 0.5, digit: 0.75, colour: 0.75, n: 4 });
  expect(agreement([{ digit: 1, colour: 1 }], [null], [1]).both).toBe(1);
  expect(agreement([], [], []).n).toBe(0);
});

test('run comparison: time ratio vs step ratio', () => {
  const c = compareRuns({ totalSeconds: 100, steps: 1000, perStepMs: 100 }, { totalSeconds: 5.5, steps: 50, perStepMs: 110 });
  expect(c.stepRatio).toBe(20);
  expect(c.timeRatio).toBeCloseTo(18.18, 2);
  expect(c.perStepRatio).toBeCloseTo(1.1, 9);
});

test('a partial DDPM run projects its cost per step to all T steps', () => {
  const p = projectFullRun(200, 1000, 6);
  expect(p.perStepMs).toBeCloseTo(30, 9);
  expect(p.projectedSeconds).toBeCloseTo(30, 9);
  expect(projectFullRun(1000, 1000, 29).projectedSeconds).toBeCloseTo(29, 9);
  expect(() => projectFullRun(0, 1000, 1)).toThrow(RangeError);
  expect(() => projectFullRun(1200, 1000, 1)).toThrow(RangeError);
  expect(() => projectFullRun(10, 1000, Number.NaN)).toThrow(RangeError);
});
