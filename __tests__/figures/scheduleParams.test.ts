import { MAX_FORMULA_LENGTH, parseScheduleFormula } from '@/lib/diffusion/formula';
import { BUILTIN_SCHEDULE_KINDS, makeSchedule, tryMakeSchedule } from '@/lib/diffusion/schedule';
import {
  DEFAULT_ALPHABAR_FORMULA, DEFAULT_BETA_FORMULA, FORMULA_MAX_LENGTH, builtinSpec, customSpec,
  fractionSteps, stepsOf, usesEndpoints,
} from '@/lib/plotting/scheduleParams';

describe('schedule figure parameters', () => {
  test('the URL limit on formulas is the parser limit', () => {
    expect(FORMULA_MAX_LENGTH).toBe(MAX_FORMULA_LENGTH);
  });

  test('every built-in kind gives a valid table at the defaults', () => {
    for (const kind of BUILTIN_SCHEDULE_KINDS) {
      const r = tryMakeSchedule(builtinSpec(kind, 1000, 1e-4, 0.02));
      expect(r.ok).toBe(true);
    }
    expect(usesEndpoints('cosine')).toBe(false);
    expect(usesEndpoints('linear')).toBe(true);
  });

  test('the default β formula reproduces the linear schedule and the default ᾱ formula the cosine one', () => {
    const b = parseScheduleFormula(DEFAULT_BETA_FORMULA, 'beta');
    const a = parseScheduleFormula(DEFAULT_ALPHABAR_FORMULA, 'alphaBar');
    if (!b.ok || !a.ok) throw new Error('default formulas must parse');
    const fromBeta = makeSchedule(customSpec('custom-beta', 1000, b.fn, b.text));
    const linear = makeSchedule(builtinSpec('linear', 1000, 1e-4, 0.02));
    // β(u) at u = t/T differs from linspace's (t−1)/(T−1) by at most one step of the ramp.
    expect(Math.abs(fromBeta.alphaBar[999] - linear.alphaBar[999]) / linear.alphaBar[999]).toBeLessThan(0.05);
    const fromAlphaBar = makeSchedule(customSpec('custom-alphaBar', 1000, a.fn, a.text));
    const cosine = makeSchedule(builtinSpec('cosine', 1000, 0, 0));
    for (const t of [1, 250, 500, 750, 1000]) {
      expect(fromAlphaBar.alphaBar[t - 1]).toBeCloseTo(cosine.alphaBar[t - 1], 6);
    }
  });

  test('steps and fractions', () => {
    expect(Array.from(stepsOf(4))).toEqual([1, 2, 3, 4]);
    expect(stepsOf(4)).toBe(stepsOf(4));
    expect(fractionSteps(1000, [0, 0.1, 0.25, 0.5, 1])).toEqual([0, 100, 250, 500, 1000]);
    expect(fractionSteps(10, [0, 0.01, 0.16, 1])).toEqual([0, 2, 10]);
  });
});
