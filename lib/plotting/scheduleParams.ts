/**
 * What the schedule figures let a reader choose, as plain data: the default formulas and the map
 * from the figure's parameters to the core's `ScheduleSpec` (the kinds themselves are the core's
 * one list, `SCHEDULE_KINDS`). Kept apart from `lib/diffusion/formula.ts` so that importing these
 * constants never loads mathjs.
 */
import type { BuiltinScheduleKind, BuiltinScheduleSpec, ScheduleFn, ScheduleSpec } from '../diffusion/schedule';

/** Same limit as the parser's MAX_FORMULA_LENGTH (a test checks they agree). */
export const FORMULA_MAX_LENGTH = 300;

/** DDPM's linear schedule written as a formula in u = t/T. */
export const DEFAULT_BETA_FORMULA = '0.0001 + (0.02 - 0.0001) * u';
/** The cosine schedule's f(u); β follows from ratios, so f(0) need not be 1. */
export const DEFAULT_ALPHABAR_FORMULA = 'cos((u + 0.008) / 1.008 * pi / 2)^2';

export function isCustomKind(kind: string): kind is 'custom-beta' | 'custom-alphaBar' {
  return kind === 'custom-beta' || kind === 'custom-alphaBar';
}

/** True when β_1 and β_T mean something for this kind (cosine and custom formulas ignore them). */
export function usesEndpoints(kind: string): boolean {
  return kind === 'linear' || kind === 'scaled-linear' || kind === 'quadratic' || kind === 'sigmoid';
}

/** The core spec for a built-in kind. */
export function builtinSpec(kind: BuiltinScheduleKind, T: number, betaStart: number, betaEnd: number): BuiltinScheduleSpec {
  if (kind === 'cosine') return { kind: 'cosine', T };
  return { kind, T, betaStart, betaEnd };
}

/** The core spec for a compiled custom formula. */
export function customSpec(kind: 'custom-beta' | 'custom-alphaBar', T: number, fn: ScheduleFn, source: string): ScheduleSpec {
  return kind === 'custom-beta' ? { kind, T, betaOf: fn, source } : { kind, T, alphaBarOf: fn, source };
}

/** The t values (1..T) of a table, cached per T, as the x channel of schedule plots. */
const stepCache = new Map<number, Float64Array>();
export function stepsOf(T: number): Float64Array {
  let s = stepCache.get(T);
  if (!s) {
    s = new Float64Array(T);
    for (let i = 0; i < T; i++) s[i] = i + 1;
    if (stepCache.size > 16) stepCache.clear();
    stepCache.set(T, s);
  }
  return s;
}

/** A few steps spread over 0..T at the given fractions, rounded and deduplicated (0 = clean data). */
export function fractionSteps(T: number, fractions: readonly number[]): number[] {
  const out: number[] = [];
  for (const f of fractions) {
    const t = Math.max(0, Math.min(T, Math.round(f * T)));
    if (!out.includes(t)) out.push(t);
  }
  return out;
}
