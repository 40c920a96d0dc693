/**
 * The race's model sizes and optimiser settings: small MLP families of similar size, so the
 * comparison is between ideas, not between budgets. DDPM is the theory chapter's model with its
 * own defaults (lib/train2d/defaults.ts).
 */
import type { GanConfig } from './gan';
import type { VaeConfig } from './vae';
import type { FlowConfig } from './flow';

export const RACE_DEFAULTS = {
  gan: { width: 64, batch: 256, lr: 1e-3, dSteps: 1 } satisfies GanConfig,
  vae: { width: 64, depth: 2, batch: 256, lr: 3e-3 } satisfies VaeConfig,
  flow: { couplings: 8, width: 64, batch: 256, lr: 3e-3 } satisfies FlowConfig,
  seconds: 30,
  /** Points drawn (and timed) after training, and for each quality measurement. */
  finalSamples: 2000,
  qualitySamples: 500,
};

/** Seconds between quality measurements: every 4 s, more often for short budgets (at least 4 per run). */
export function qualityEveryFor(seconds: number): number {
  return Math.max(0.5, Math.min(4, seconds / 4));
}
