/**
 * The forward chain q(x_t | x_{t−1}) run step by step on a point cloud (or an image), with
 * checkpoints so that any t can be reached quickly in either direction (scrubbing backwards
 * replays from the nearest earlier checkpoint). The noise of step t is drawn from a stream
 * derived from (seed, t) alone, so x_t does not depend on the order in which steps were
 * visited: the same seed always gives the same trajectory. Uses the core's `qStep`.
 * Pure: no DOM, no React.
 */
import { makeRng } from '../rng';
import { qStep } from '../diffusion/forward';
import type { ScheduleTable } from '../diffusion/schedule';

/** A 32-bit seed for step t of the chain started from `seed` (murmur3-style mixing). */
export function stepSeed(seed: number, t: number): number {
  let h = (Math.floor(seed) >>> 0) ^ Math.imul(t + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class ForwardChain {
  readonly table: ScheduleTable;
  readonly seed: number;
  readonly every: number;
  private readonly checkpoints = new Map<number, Float32Array>();
  private readonly x: Float32Array;
  private readonly eps: Float32Array;
  private current = 0;

  /** @param x0 the clean data (copied); @param every checkpoint spacing in steps */
  constructor(table: ScheduleTable, x0: Float32Array, seed: number, every = 50) {
    if (!Number.isInteger(every) || every < 1) throw new RangeError(`checkpoint spacing must be a positive whole number (got ${every}).`);
    this.table = table;
    this.seed = seed;
    this.every = every;
    this.x = Float32Array.from(x0);
    this.eps = new Float32Array(x0.length);
    this.checkpoints.set(0, Float32Array.from(x0));
  }

  /** The step the returned buffer currently holds. */
  get t(): number {
    return this.current;
  }

  /**
   * x_t for 0 ≤ t ≤ T. Returns an internal buffer that the next call overwrites (copy it to keep it).
   */
  at(t: number): Float32Array {
    const T = this.table.T;
    if (!Number.isInteger(t) || t < 0 || t > T) throw new RangeError(`t must be a whole number from 0 to T = ${T} (got ${t}).`);
    // Start from the latest stored checkpoint at or before t when that is closer than where we are
    // (always the case when going backwards: every multiple of `every` up to the furthest step
    // reached has been stored).
    const base = Math.floor(t / this.every) * this.every;
    const stored = this.checkpoints.get(base);
    if (t < this.current || (stored && base > this.current)) {
      this.x.set(stored!);
      this.current = base;
    }
    while (this.current < t) {
      const s = this.current + 1;
      makeRng(stepSeed(this.seed, s)).fillNormal(this.eps);
      qStep(this.table, this.x, s, this.eps, this.x);
      this.current = s;
      if (s % this.every === 0 && !this.checkpoints.has(s)) this.checkpoints.set(s, Float32Array.from(this.x));
    }
    return this.x;
  }
}
