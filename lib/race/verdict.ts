/**
 * The talk's qualitative table of the four families (features chapter, "The four families side
 * by side") as data, and which of its cells one measured race confirms. A claim is checked with
 * a fixed rule on what was measured (thresholds below); a model that failed, was stopped or has
 * nothing to measure leaves its cells unmeasured.
 */
import type { RaceModelId, RaceResult } from './protocol';

export interface TalkRow {
  quality: 'high' | 'lower';
  coverage: 'good' | 'incomplete';
  speed: 'onePass' | 'manyPasses';
  likelihood: 'none' | 'bound' | 'exact';
}

export const TALK_TABLE: Record<RaceModelId, TalkRow> = {
  gan: { quality: 'high', coverage: 'incomplete', speed: 'onePass', likelihood: 'none' },
  vae: { quality: 'lower', coverage: 'good', speed: 'onePass', likelihood: 'bound' },
  flow: { quality: 'lower', coverage: 'good', speed: 'onePass', likelihood: 'exact' },
  ddpm: { quality: 'high', coverage: 'good', speed: 'manyPasses', likelihood: 'bound' },
};

/** precision@0.1 at or above this counts as high quality. */
const HIGH_PRECISION = 0.8;
/** coverage@0.1 at or above this counts as good coverage. */
const GOOD_COVERAGE = 0.9;
/** Drawing 2,000 points in under this many ms counts as one fast pass… */
const FAST_MS = 100;
/** …and taking at least this many times the fastest model's time counts as slow. */
const SLOW_RATIO = 10;

export type Verdict = 'confirmed' | 'contradicted' | 'unmeasured';
export type RowVerdicts = Record<keyof TalkRow, Verdict>;

const check = (holds: boolean): Verdict => (holds ? 'confirmed' : 'contradicted');

/** Verdicts for every cell of the talk's table from the results measured so far. */
export function talkVerdicts(results: Partial<Record<RaceModelId, RaceResult>>): Record<RaceModelId, RowVerdicts> {
  const measured = Object.values(results).filter((r): r is RaceResult => !!r && !r.failure && !r.stopped && r.sampleMs > 0);
  const fastest = Math.min(...measured.map((r) => r.sampleMs));
  const out = {} as Record<RaceModelId, RowVerdicts>;
  for (const model of Object.keys(TALK_TABLE) as RaceModelId[]) {
    const claim = TALK_TABLE[model], r = results[model];
    if (!r || r.failure || r.stopped || !r.quality) {
      out[model] = { quality: 'unmeasured', coverage: 'unmeasured', speed: 'unmeasured', likelihood: 'unmeasured' };
      continue;
    }
    const high = r.quality.precision >= HIGH_PRECISION, good = r.quality.coverage >= GOOD_COVERAGE;
    const speed = claim.speed === 'onePass' ? check(r.sampleMs < FAST_MS)
      : measured.length > 1 ? check(r.sampleMs >= SLOW_RATIO * fastest) : 'unmeasured';
    const lk = r.likelihood;
    const likelihood: Verdict = lk.kind === 'none' ? check(claim.likelihood === 'none')
      : lk.value === null ? 'unmeasured' : check((lk.kind === 'exact') === (claim.likelihood === 'exact'));
    out[model] = {
      quality: check(claim.quality === 'high' ? high : !high),
      coverage: check(claim.coverage === 'good' ? good : !good),
      speed, likelihood,
    };
  }
  return out;
}
