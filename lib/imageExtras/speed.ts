/**
 * Numbers the speed/quality cell reports: the classifier's agreement with what was asked, and the
 * time ratio between two runs next to the step ratio. Pure: no DOM.
 */
export interface VerdictLike { digit: number; colour: number }

export interface Agreement {
  /** Share of images whose judged digit AND colour match the request. */
  both: number;
  digit: number;
  colour: number;
  n: number;
}

export function agreement(verdicts: readonly VerdictLike[], digits: readonly (number | null)[], colours: readonly (number | null)[]): Agreement {
  const n = verdicts.length;
  if (n === 0) return { both: NaN, digit: NaN, colour: NaN, n: 0 };
  let b = 0, d = 0, c = 0;
  verdicts.forEach((v, i) => {
    const dOk = digits[i] === null || v.digit === digits[i];
    const cOk = colours[i] === null || v.colour === colours[i];
    if (dOk) d++;
    if (cOk) c++;
    if (dOk && cOk) b++;
  });
  return { both: b / n, digit: d / n, colour: c / n, n };
}

export interface RunTiming { totalSeconds: number; steps: number; perStepMs: number }

export interface SpeedComparison {
  /** Wall time of the slow run ÷ the fast run. */
  timeRatio: number;
  /** Steps of the slow run ÷ the fast run (what the time ratio would be if a step cost the same). */
  stepRatio: number;
  /** Per-step cost of the fast run ÷ the slow run (1 when a step costs the same in both). */
  perStepRatio: number;
}

export function compareRuns(slow: RunTiming, fast: RunTiming): SpeedComparison {
  return {
    timeRatio: slow.totalSeconds / fast.totalSeconds,
    stepRatio: slow.steps / fast.steps,
    perStepRatio: fast.perStepMs / slow.perStepMs,
  };
}

/** A DDPM run stopped after `stepsDone` of its T steps: its cost per step, and the whole run at that rate. */
export interface PartialRun { stepsDone: number; T: number; seconds: number; perStepMs: number; projectedSeconds: number }

export function projectFullRun(stepsDone: number, T: number, seconds: number): PartialRun {
  if (!(stepsDone > 0) || !(T >= stepsDone) || !(seconds >= 0)) throw new RangeError(`projectFullRun: need 0 < steps done ≤ T and seconds ≥ 0 (got ${stepsDone}, ${T}, ${seconds}).`);
  const perStep = seconds / stepsDone;
  return { stepsDone, T, seconds, perStepMs: perStep * 1000, projectedSeconds: perStep * T };
}
