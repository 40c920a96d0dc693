/**
 * Exercises: checking a typed numeric answer and the set of solved exercises. Pure logic (no DOM,
 * no storage): components/exercise/ reads and writes localStorage and words the verdict.
 */

/** A known wrong answer and how close a typed value must be to count as that mistake. */
export interface ExerciseMistake {
  readonly value: number;
  readonly tol: number;
}

export interface NumericCheck {
  readonly answer: number;
  /** Absolute tolerance: |typed − answer| ≤ tol is correct. */
  readonly tol: number;
  readonly mistakes: readonly ExerciseMistake[];
}

/**
 * The verdict on one typed answer or one reading of a cell; `mistake` carries the index of the
 * matched known mistake, `setup` says the cell is not set up as the exercise asks.
 */
export type CheckVerdict =
  | { kind: 'correct' }
  | { kind: 'mistake'; index: number }
  | { kind: 'too-high' }
  | { kind: 'too-low' }
  | { kind: 'not-a-number' }
  | { kind: 'setup' };

/**
 * The number a reader typed: "0.25", " 0,25 ", "2.5e-1", "25%" (a percent sign divides by 100),
 * "1/4" (a simple fraction). Anything else is null, so the page can ask for a number instead.
 */
export function parseAnswer(raw: string): number | null {
  const text = raw.trim().replace(/\s+/g, '').replace(/,(?=\d)/g, '.').replace(/−/g, '-');
  if (text === '') return null;
  const fraction = /^(-?[\d.]+(?:e-?\d+)?)\/([\d.]+(?:e-?\d+)?)$/i.exec(text);
  if (fraction) {
    const value = Number(fraction[1]) / Number(fraction[2]);
    return Number.isFinite(value) ? value : null;
  }
  const percent = text.endsWith('%');
  const body = percent ? text.slice(0, -1) : text;
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(body)) return null;
  const value = Number(body) / (percent ? 100 : 1);
  return Number.isFinite(value) ? value : null;
}

/** |value − target| ≤ tol, with room for binary rounding so a typed edge value (0.0796 for 0.0786 ± 0.001) counts. */
const within = (value: number, target: number, tol: number) => Math.abs(value - target) <= tol * (1 + 1e-9);

/** Correct within tolerance; else the first known mistake it matches; else the direction of the miss. */
export function checkNumeric(raw: string, check: NumericCheck): CheckVerdict {
  const value = parseAnswer(raw);
  return value === null ? { kind: 'not-a-number' } : checkValue(value, check);
}

/** The same verdict on a number the page measured (a cell's state) instead of one typed. */
export function checkValue(value: number, check: NumericCheck): CheckVerdict {
  if (!Number.isFinite(value)) return { kind: 'not-a-number' };
  if (within(value, check.answer, check.tol)) return { kind: 'correct' };
  const index = check.mistakes.findIndex((m) => within(value, m.value, m.tol));
  if (index >= 0) return { kind: 'mistake', index };
  return value > check.answer ? { kind: 'too-high' } : { kind: 'too-low' };
}

/** The localStorage key of the solved set, shared by both languages (ids are the same in both). */
export const EXERCISES_STORAGE_KEY = 'ddpm-exercises';

/** The solved ids from what storage held; anything malformed (hand-edited, old format) reads as none. */
export function parseSolved(stored: string | null): Set<string> {
  if (!stored) return new Set();
  try {
    const data: unknown = JSON.parse(stored);
    if (!Array.isArray(data)) return new Set();
    return new Set(data.filter((v): v is string => typeof v === 'string' && /^[a-z0-9-]{1,64}$/.test(v)));
  } catch {
    return new Set();
  }
}

export function serializeSolved(solved: ReadonlySet<string>): string {
  return JSON.stringify([...solved].sort());
}

/** The exercise ids a chapter source declares (`<Exercise id="…"`), in order; for the home page's count. */
export function exerciseIdsIn(mdxSource: string): string[] {
  return [...mdxSource.matchAll(/<Exercise\s[^>]*?\bid="([a-z0-9-]+)"/g)].map((m) => m[1]);
}

/** What a cell-verified exercise reads from a cell: the quantity it checks, or that the cell is not set up as asked. */
export type CellReading = { kind: 'value'; value: number } | { kind: 'setup' };

/** The verdict on a cell's reading (a cell set up otherwise than asked gets the exercise's setup hint). */
export function checkReading(reading: CellReading, check: NumericCheck): CheckVerdict {
  return reading.kind === 'setup' ? { kind: 'setup' } : checkValue(reading.value, check);
}

/** One slot of the β-schedule explorer, as its parameters read. */
export interface ScheduleSlotState { kind: string; T: number; b1: number; bT: number }

/**
 * ᾱ_T = ∏ (1 − β_t) of a linear schedule slot (β_t from b1 to bT in equal increments), when the
 * slot is linear with the asked T and β_1; else `setup`. Written out here rather than through
 * lib/diffusion/schedule so that the check does not depend on the cell's own code.
 */
export function linearAlphaBarT(slot: ScheduleSlotState, want: { T: number; b1: number }): CellReading {
  if (slot.kind !== 'linear' || slot.T !== want.T || Math.abs(slot.b1 - want.b1) > 1e-3 * want.b1) return { kind: 'setup' };
  if (!(slot.bT > 0 && slot.bT < 1)) return { kind: 'setup' };
  let logAlphaBar = 0;
  for (let t = 1; t <= slot.T; t++) logAlphaBar += Math.log1p(-(slot.b1 + ((slot.bT - slot.b1) * (t - 1)) / (slot.T - 1)));
  return { kind: 'value', value: Math.exp(logAlphaBar) };
}
