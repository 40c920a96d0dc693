/**
 * Noise schedules, computed once into a table named after the paper's symbols.
 * Every consumer (forward process, samplers, figures, the TF.js trainer) reads this table,
 * so a formula on the page and the code that runs it use the same numbers.
 *
 * Indexing: the paper's t runs 1..T. Entry t is stored at array index t − 1, so
 * `table.alphaBar[t - 1]` is ᾱ_t. ᾱ_0 := 1 is not stored in `alphaBar`; it appears as
 * `alphaBarPrev[0]`.
 *
 * Errors: `makeSchedule` throws a `ScheduleError` whose message names the step where the
 * spec fails (`t`, `u` are also fields). `tryMakeSchedule` wraps the same call in a result
 * object for UI code that prefers not to catch.
 *
 * This module has no dependency on the formula parser (mathjs): a custom schedule is given
 * as an already-compiled function (see `formula.ts`), so pages that never show a custom
 * formula never load mathjs.
 */

/** A schedule function of u = t/T; `t` and `T` are passed too for formulas that use them. */
export type ScheduleFn = (u: number, t: number, T: number) => number;

/** The one list of schedule kinds with a closed form (every figure and the 2D trainer offer these). */
export const BUILTIN_SCHEDULE_KINDS = ['linear', 'scaled-linear', 'quadratic', 'cosine', 'sigmoid'] as const;
export type BuiltinScheduleKind = (typeof BUILTIN_SCHEDULE_KINDS)[number];
/** …and with the two typed formulas (the β-explorer). */
export const SCHEDULE_KINDS = [...BUILTIN_SCHEDULE_KINDS, 'custom-beta', 'custom-alphaBar'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export function isBuiltinScheduleKind(kind: string): kind is BuiltinScheduleKind {
  return (BUILTIN_SCHEDULE_KINDS as readonly string[]).includes(kind);
}

export type BuiltinScheduleSpec =
  | { kind: 'linear' | 'scaled-linear' | 'quadratic' | 'sigmoid'; T: number; betaStart?: number; betaEnd?: number }
  | { kind: 'cosine'; T: number; s?: number; maxBeta?: number };

export type ScheduleSpec =
  | BuiltinScheduleSpec
  /** β_t = betaOf(t/T, t, T). */
  | { kind: 'custom-beta'; T: number; betaOf: ScheduleFn; source?: string }
  /** β_t = min(1 − ᾱ(t/T)/ᾱ((t−1)/T), maxBeta); maxBeta defaults to 0.999 as for cosine. */
  | { kind: 'custom-alphaBar'; T: number; alphaBarOf: ScheduleFn; maxBeta?: number; source?: string };

export interface ScheduleTable {
  readonly T: number;
  readonly spec: ScheduleSpec;
  /** β_t */
  readonly beta: Float64Array;
  /** α_t = 1 − β_t */
  readonly alpha: Float64Array;
  /** ᾱ_t = ∏_{s≤t} α_s */
  readonly alphaBar: Float64Array;
  /** ᾱ_{t−1}, with ᾱ_0 := 1 */
  readonly alphaBarPrev: Float64Array;
  readonly sqrtAlphaBar: Float64Array;
  readonly sqrtOneMinusAlphaBar: Float64Array;
  /** SNR(t) = ᾱ_t / (1 − ᾱ_t) */
  readonly snr: Float64Array;
  /** coefficient of x_0 in μ̃_t: √ᾱ_{t−1} β_t / (1 − ᾱ_t) (DDPM Eq. 7) */
  readonly posteriorMeanCoef1: Float64Array;
  /** coefficient of x_t in μ̃_t: √α_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t) (DDPM Eq. 7) */
  readonly posteriorMeanCoef2: Float64Array;
  /** β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t; β̃_1 = 0 exactly */
  readonly posteriorVariance: Float64Array;
  /** log β̃_t with β̃_1 replaced by β̃_2 (log 0 would be −∞), as improved-diffusion does */
  readonly posteriorLogVarianceClipped: Float64Array;
}

/** Defaults from DDPM §4: β from 10⁻⁴ to 0.02 over T = 1000 steps. */
const DDPM_BETA_START = 1e-4;
const DDPM_BETA_END = 0.02;
const COSINE_S = 0.008;
const COSINE_MAX_BETA = 0.999;
const T_MIN = 2;
const T_MAX = 4000;

/**
 * What is wrong with a schedule, as data, for the page to word in the reader's language
 * (messages/). The English `message` of ScheduleError says the same for developers.
 */
export type ScheduleProblem =
  | { code: 'T-range'; T: number; min: number; max: number }
  | { code: 'endpoint-range'; which: 'betaStart' | 'betaEnd'; value: number }
  | { code: 'alphaBar-start'; value: number }
  | { code: 'alphaBar-not-finite'; value: number; t: number; u: number }
  | { code: 'alphaBar-rises'; t: number; u: number; value: number; previous: number; beta: number }
  | { code: 'scaled-beta-range'; scale: number; beta: number }
  | { code: 'cosine-s-range'; s: number }
  | { code: 'maxBeta-range'; value: number }
  | { code: 'unknown-kind' }
  | { code: 'beta-not-finite'; value: number; t: number; u: number }
  | { code: 'beta-range'; value: number; t: number; u: number }
  | { code: 'alphaBar-underflow'; t: number; u: number };

export class ScheduleError extends Error {
  /** The step where the spec fails (1-indexed), when the failure is at one step. */
  readonly t?: number;
  readonly u?: number;
  readonly problem: ScheduleProblem;
  constructor(problem: ScheduleProblem, message: string, t?: number, T?: number) {
    super(message);
    this.name = 'ScheduleError';
    this.problem = problem;
    if (t !== undefined) {
      this.t = t;
      if (T !== undefined) this.u = t / T;
    }
  }
}

/** Short, readable number for messages: 1.3, 0.000123, 1.2e-7. */
function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(6)));
  return x.toExponential(3);
}

function where(t: number, T: number): string {
  return `t = ${t} (u = ${fmt(t / T)})`;
}

/** numpy.linspace semantics (endpoint included, last value set exactly), so tables match the NumPy reference values (docs/sources.md §8). */
export function linspace(start: number, stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) { out[0] = start; return out; }
  const step = (stop - start) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step + start;
  out[n - 1] = stop;
  return out;
}

function checkT(T: number): void {
  if (!Number.isInteger(T) || T < T_MIN || T > T_MAX) {
    throw new ScheduleError({ code: 'T-range', T, min: T_MIN, max: T_MAX }, `T must be a whole number from ${T_MIN} to ${T_MAX} (got ${fmt(T)}).`);
  }
}

function checkEndpoints(betaStart: number, betaEnd: number): void {
  for (const [name, v] of [['betaStart', betaStart], ['betaEnd', betaEnd]] as const) {
    if (!Number.isFinite(v) || v <= 0 || v >= 1) {
      throw new ScheduleError({ code: 'endpoint-range', which: name, value: v }, `${name} is ${fmt(v)}; it must lie in (0, 1).`);
    }
  }
}

function cosineF(u: number, s: number): number {
  const c = Math.cos(((u + s) / (1 + s)) * (Math.PI / 2));
  return c * c;
}

/** β_t from ᾱ(u) ratios, clipped at maxBeta (improved-diffusion's `betas_for_alpha_bar`). */
function betasFromAlphaBar(T: number, alphaBarOf: ScheduleFn, maxBeta: number, label: string): Float64Array {
  const beta = new Float64Array(T);
  let prev = alphaBarOf(0, 0, T);
  if (!Number.isFinite(prev) || prev <= 0) {
    throw new ScheduleError({ code: 'alphaBar-start', value: prev }, `${label} is ${fmt(prev)} at t = 0 (u = 0); it must be a positive finite number there (ideally 1).`, 0, T);
  }
  for (let t = 1; t <= T; t++) {
    const cur = alphaBarOf(t / T, t, T);
    if (!Number.isFinite(cur)) {
      throw new ScheduleError({ code: 'alphaBar-not-finite', value: cur, t, u: t / T }, `${label} is ${fmt(cur)} at ${where(t, T)}; it must be a finite real number at every step.`, t, T);
    }
    const b = 1 - cur / prev;
    if (!(b > 0)) {
      throw new ScheduleError({ code: 'alphaBar-rises', t, u: t / T, value: cur, previous: prev, beta: b },
        `${label} does not decrease at ${where(t, T)} (ᾱ(u) = ${fmt(cur)} after ${fmt(prev)}), so β would be ${fmt(b)}; ᾱ must fall strictly at every step.`,
        t, T);
    }
    beta[t - 1] = Math.min(b, maxBeta);
    prev = cur;
  }
  return beta;
}

function computeBetas(spec: ScheduleSpec): Float64Array {
  const T = spec.T;
  switch (spec.kind) {
    case 'linear':
    case 'scaled-linear':
    case 'quadratic':
    case 'sigmoid': {
      let b0 = spec.betaStart ?? DDPM_BETA_START;
      let b1 = spec.betaEnd ?? DDPM_BETA_END;
      if (spec.kind === 'scaled-linear') {
        // improved-diffusion keeps the total noise comparable for any T by scaling the endpoints by 1000/T.
        const scale = 1000 / T;
        b0 *= scale;
        b1 *= scale;
        if (!(b1 < 1)) {
          throw new ScheduleError({ code: 'scaled-beta-range', scale, beta: b1 }, `Scaled by 1000/T = ${fmt(scale)}, β_T would be ${fmt(b1)}; β must lie in (0, 1). Use a larger T or a smaller betaEnd.`, T, T);
        }
      }
      checkEndpoints(b0, b1);
      if (spec.kind === 'quadratic') {
        // DDPM's "quad": linear in √β, then squared.
        const r = linspace(Math.sqrt(b0), Math.sqrt(b1), T);
        for (let i = 0; i < T; i++) r[i] = r[i] * r[i];
        return r;
      }
      if (spec.kind === 'sigmoid') {
        // β_t = β_start + (β_end − β_start) · σ(v_t), v_t = linspace(−6, 6, T), σ(v) = 1/(1 + e^(−v)).
        // Slow at both ends, fast in the middle; the ends sit at σ(±6) ≈ 0.0025/0.9975 of the range.
        const v = linspace(-6, 6, T);
        for (let i = 0; i < T; i++) v[i] = b0 + (b1 - b0) / (1 + Math.exp(-v[i]));
        return v;
      }
      return linspace(b0, b1, T);
    }
    case 'cosine': {
      const s = spec.s ?? COSINE_S;
      const maxBeta = spec.maxBeta ?? COSINE_MAX_BETA;
      if (!Number.isFinite(s) || s < 0 || s > 1) throw new ScheduleError({ code: 'cosine-s-range', s }, `s is ${fmt(s)}; it must lie in [0, 1].`);
      if (!(maxBeta > 0 && maxBeta < 1)) throw new ScheduleError({ code: 'maxBeta-range', value: maxBeta }, `maxBeta is ${fmt(maxBeta)}; it must lie in (0, 1).`);
      const beta = new Float64Array(T);
      for (let i = 0; i < T; i++) {
        // Same operation order as scripts/reference_values.py: 1 − f((i+1)/T)/f(i/T), clipped.
        beta[i] = Math.min(1 - cosineF((i + 1) / T, s) / cosineF(i / T, s), maxBeta);
      }
      return beta;
    }
    case 'custom-beta': {
      const beta = new Float64Array(T);
      for (let t = 1; t <= T; t++) beta[t - 1] = spec.betaOf(t / T, t, T);
      return beta;
    }
    case 'custom-alphaBar': {
      const maxBeta = spec.maxBeta ?? COSINE_MAX_BETA;
      if (!(maxBeta > 0 && maxBeta < 1)) throw new ScheduleError({ code: 'maxBeta-range', value: maxBeta }, `maxBeta is ${fmt(maxBeta)}; it must lie in (0, 1).`);
      return betasFromAlphaBar(T, spec.alphaBarOf, maxBeta, 'ᾱ(u)');
    }
    default: {
      const never: never = spec;
      throw new ScheduleError({ code: 'unknown-kind' }, `Unknown schedule kind ${JSON.stringify((never as { kind?: unknown }).kind)}.`);
    }
  }
}

/** Build the table for a spec. Throws `ScheduleError` saying where the spec fails. */
export function makeSchedule(spec: ScheduleSpec): ScheduleTable {
  checkT(spec.T);
  const beta = computeBetas(spec);
  return tableFromBetas(beta, spec);
}

const tableCache = new Map<string, ScheduleTable>();

/**
 * The table of a built-in schedule, computed once per spec and shared: every figure, the sampler
 * cells and the trainers ask for the same few (kind, T) pairs, and a table of T = 4000 costs
 * eleven Float64Arrays. Callers must not write into it. Throws `ScheduleError` as makeSchedule.
 */
export function scheduleTable(spec: BuiltinScheduleSpec): ScheduleTable {
  const key = JSON.stringify([spec.kind, spec.T, 'betaStart' in spec ? spec.betaStart : undefined,
    'betaEnd' in spec ? spec.betaEnd : undefined, 's' in spec ? spec.s : undefined, 'maxBeta' in spec ? spec.maxBeta : undefined]);
  let table = tableCache.get(key);
  if (!table) {
    table = makeSchedule(spec);
    if (tableCache.size >= 64) tableCache.clear();
    tableCache.set(key, table);
  }
  return table;
}

/** Build the table from explicit β_1..β_T (index t−1). Validates every β. */
export function tableFromBetas(betaIn: ArrayLike<number>, spec?: ScheduleSpec): ScheduleTable {
  const T = betaIn.length;
  checkT(T);
  const beta = Float64Array.from(betaIn);
  for (let t = 1; t <= T; t++) {
    const b = beta[t - 1];
    if (!Number.isFinite(b)) {
      throw new ScheduleError({ code: 'beta-not-finite', value: b, t, u: t / T }, `β is ${fmt(b)} at ${where(t, T)}; β must be a finite real number at every step.`, t, T);
    }
    if (b <= 0 || b >= 1) {
      throw new ScheduleError({ code: 'beta-range', value: b, t, u: t / T }, `β is ${fmt(b)} at ${where(t, T)}; β must lie in (0, 1) at every step.`, t, T);
    }
  }
  const alpha = new Float64Array(T);
  const alphaBar = new Float64Array(T);
  const alphaBarPrev = new Float64Array(T);
  const sqrtAlphaBar = new Float64Array(T);
  const sqrtOneMinusAlphaBar = new Float64Array(T);
  const snr = new Float64Array(T);
  const posteriorMeanCoef1 = new Float64Array(T);
  const posteriorMeanCoef2 = new Float64Array(T);
  const posteriorVariance = new Float64Array(T);
  const posteriorLogVarianceClipped = new Float64Array(T);

  let ab = 1; // ᾱ_0
  let oneMinusAb = 0; // 1 − ᾱ_0
  for (let i = 0; i < T; i++) {
    alpha[i] = 1 - beta[i];
    alphaBarPrev[i] = ab;
    const oneMinusAbPrev = oneMinusAb;
    // 1 − ᾱ_t = (1 − ᾱ_{t−1}) + ᾱ_{t−1} β_t: a sum of positives, so no cancellation at small t
    // (1 − (1 − β_1) loses ~4 digits when β_1 = 1e-4).
    oneMinusAb = oneMinusAbPrev + ab * beta[i];
    ab *= alpha[i]; // sequential product, as numpy.cumprod
    alphaBar[i] = ab;
    sqrtAlphaBar[i] = Math.sqrt(ab);
    sqrtOneMinusAlphaBar[i] = Math.sqrt(oneMinusAb);
    snr[i] = ab / oneMinusAb;
    const denom = oneMinusAb;
    posteriorMeanCoef1[i] = (beta[i] * Math.sqrt(alphaBarPrev[i])) / denom;
    posteriorMeanCoef2[i] = (oneMinusAbPrev * Math.sqrt(alpha[i])) / denom;
    posteriorVariance[i] = (beta[i] * oneMinusAbPrev) / denom;
  }
  if (!(alphaBar[T - 1] > 0)) {
    // Underflow: only reachable with β very close to 1 for thousands of steps.
    const t = alphaBar.findIndex((v) => !(v > 0)) + 1;
    throw new ScheduleError({ code: 'alphaBar-underflow', t, u: t / T }, `ᾱ underflows to 0 at ${where(t, T)}; the schedule destroys the signal too fast to represent.`, t, T);
  }
  for (let i = 0; i < T; i++) {
    posteriorLogVarianceClipped[i] = Math.log(i === 0 ? posteriorVariance[1] : posteriorVariance[i]);
  }
  return {
    T,
    spec: spec ?? { kind: 'custom-beta', T, betaOf: (_u, t) => beta[t - 1] },
    beta, alpha, alphaBar, alphaBarPrev, sqrtAlphaBar, sqrtOneMinusAlphaBar, snr,
    posteriorMeanCoef1, posteriorMeanCoef2, posteriorVariance, posteriorLogVarianceClipped,
  };
}

export type ScheduleResult = { ok: true; table: ScheduleTable } | { ok: false; message: string; problem: ScheduleProblem; t?: number; u?: number };

/** `makeSchedule` without exceptions, for UI code. Non-schedule errors (bugs) still throw. */
export function tryMakeSchedule(spec: ScheduleSpec): ScheduleResult {
  try {
    return { ok: true, table: makeSchedule(spec) };
  } catch (e) {
    if (e instanceof ScheduleError) return { ok: false, message: e.message, problem: e.problem, t: e.t, u: e.u };
    throw e;
  }
}

export interface ScheduleSummary {
  /** ᾱ_T */
  alphaBarT: number;
  sqrtAlphaBarT: number;
  /** SNR(T) */
  snrT: number;
  /** First t (1-indexed) with ᾱ_t < 0.5, or null if ᾱ never falls below one half. */
  firstTBelowHalf: number | null;
  /** Share (0..1) of the T steps whose SNR is below 0.1. */
  shareSnrBelow01: number;
  /** True when ᾱ_T > 1e-3: x_T still carries visible signal, so it is not close to N(0, I). */
  terminalSnrWarning: boolean;
}

export const TERMINAL_ALPHABAR_WARNING = 1e-3;

/** The numbers the β-explorer figure prints under its plot. */
export function scheduleSummary(table: ScheduleTable): ScheduleSummary {
  const { T, alphaBar, snr } = table;
  let first: number | null = null;
  let low = 0;
  for (let i = 0; i < T; i++) {
    if (first === null && alphaBar[i] < 0.5) first = i + 1;
    if (snr[i] < 0.1) low++;
  }
  const alphaBarT = alphaBar[T - 1];
  return {
    alphaBarT,
    sqrtAlphaBarT: Math.sqrt(alphaBarT),
    snrT: snr[T - 1],
    firstTBelowHalf: first,
    shareSnrBelow01: low / T,
    terminalSnrWarning: alphaBarT > TERMINAL_ALPHABAR_WARNING,
  };
}
