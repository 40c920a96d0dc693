/**
 * Toy 2D data sets as flat Float32Array [x0, y0, x1, y1, …], every draw from the `rng`
 * passed in (same seed → same points). Shapes are sized to roughly [−2, 2]² so that the
 * training cell's standardization changes them little.
 */
import type { Rng } from '../rng';
import { DATASAURUS_DINO, DATASAURUS_DINO_COUNT } from './datasaurus';
import { computeStats, applyStandardize } from './standardize';

export type DatasetId = 'moons' | 'swiss-roll' | 'circles' | 'eight-gaussians' | 'checkerboard' | 'two-spirals' | 'dino';

export type Generator = (n: number, rng: Rng) => Float32Array;

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new RangeError(`n must be a whole number from 1 to 1,000,000 (got ${n}).`);
}

/** Two interleaving half circles (upper one centred at 0, lower one shifted right and down). */
export function moons(n: number, rng: Rng, noise = 0.05): Float32Array {
  checkN(n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const th = Math.PI * rng.uniform();
    const upper = i % 2 === 0;
    const x = upper ? Math.cos(th) : 1 - Math.cos(th);
    const y = upper ? Math.sin(th) : 0.5 - Math.sin(th);
    // Centre the pair near the origin.
    out[2 * i] = x - 0.5 + noise * rng.normal();
    out[2 * i + 1] = y - 0.25 + noise * rng.normal();
  }
  return out;
}

/** A 2D Swiss roll: the spiral r = θ for θ ∈ [1.5π, 4.5π], scaled by 1/7. */
function swissRoll(n: number, rng: Rng, noise = 0.05): Float32Array {
  checkN(n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const th = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    out[2 * i] = (th * Math.cos(th)) / 7 + noise * rng.normal();
    out[2 * i + 1] = (th * Math.sin(th)) / 7 + noise * rng.normal();
  }
  return out;
}

/** Two concentric circles of radius 2 and 1. */
function circles(n: number, rng: Rng, noise = 0.05): Float32Array {
  checkN(n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = i % 2 === 0 ? 2 : 1;
    const th = 2 * Math.PI * rng.uniform();
    out[2 * i] = r * Math.cos(th) + noise * rng.normal();
    out[2 * i + 1] = r * Math.sin(th) + noise * rng.normal();
  }
  return out;
}

/** Eight Gaussians (std 0.1) whose centres sit on a circle of radius 2. */
function eightGaussians(n: number, rng: Rng, std = 0.1): Float32Array {
  checkN(n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const k = rng.int(0, 7);
    const th = (k * Math.PI) / 4;
    out[2 * i] = 2 * Math.cos(th) + std * rng.normal();
    out[2 * i + 1] = 2 * Math.sin(th) + std * rng.normal();
  }
  return out;
}

/** Uniform on the 8 "dark" squares of a 4×4 board over [−2, 2]². */
function checkerboard(n: number, rng: Rng): Float32Array {
  checkN(n);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const col = rng.int(0, 3);
    const row = 2 * rng.int(0, 1) + (col % 2); // same parity → dark square
    out[2 * i] = -2 + col + rng.uniform();
    out[2 * i + 1] = -2 + row + rng.uniform();
  }
  return out;
}

/** Two interleaved spiral arms, 1.5 turns each, out to radius 2. */
function twoSpirals(n: number, rng: Rng, noise = 0.05): Float32Array {
  checkN(n);
  const out = new Float32Array(2 * n);
  const turns = 1.5;
  for (let i = 0; i < n; i++) {
    // √ makes the density along the arm even in area rather than in angle.
    const v = Math.sqrt(rng.uniform());
    const th = v * turns * 2 * Math.PI;
    const r = 2 * v;
    const phase = i % 2 === 0 ? 0 : Math.PI;
    out[2 * i] = r * Math.cos(th + phase) + noise * rng.normal();
    out[2 * i + 1] = r * Math.sin(th + phase) + noise * rng.normal();
  }
  return out;
}

/** The 142 dino points as a Float32Array, in the data set's own units. */
export function dinoPoints(): Float32Array {
  return Float32Array.from(DATASAURUS_DINO);
}

/**
 * n points from the dino, standardized (mean 0, std 1 per axis). Each pass over the data uses
 * a fresh random order, so every point appears ⌊n/142⌋ or ⌈n/142⌉ times; `jitter` (in standard
 * units, default 0.02) keeps repeats from sitting exactly on top of each other.
 */
function dino(n: number, rng: Rng, jitter = 0.02): Float32Array {
  checkN(n);
  const base = dinoPoints();
  const std = applyStandardize(base, computeStats(base));
  const m = DATASAURUS_DINO_COUNT;
  const order = Array.from({ length: m }, (_, i) => i);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const k = i % m;
    if (k === 0) {
      for (let j = m - 1; j > 0; j--) { const r = rng.int(0, j); const tmp = order[j]; order[j] = order[r]; order[r] = tmp; }
    }
    const p = order[k];
    out[2 * i] = std[2 * p] + (jitter > 0 ? jitter * rng.normal() : 0);
    out[2 * i + 1] = std[2 * p + 1] + (jitter > 0 ? jitter * rng.normal() : 0);
  }
  return out;
}

export interface DatasetInfo {
  id: DatasetId;
  generate: Generator;
  /** Credit line for data that is not synthetic: a citation, kept in its original English. */
  credit?: string;
}

export const DATASETS: readonly DatasetInfo[] = [
  { id: 'moons', generate: (n, rng) => moons(n, rng) },
  { id: 'swiss-roll', generate: (n, rng) => swissRoll(n, rng) },
  { id: 'circles', generate: (n, rng) => circles(n, rng) },
  { id: 'eight-gaussians', generate: (n, rng) => eightGaussians(n, rng) },
  { id: 'checkerboard', generate: (n, rng) => checkerboard(n, rng) },
  { id: 'two-spirals', generate: (n, rng) => twoSpirals(n, rng) },
  {
    id: 'dino',
    generate: (n, rng) => dino(n, rng),
    credit: 'Matejka & Fitzmaurice, "Same Stats, Different Graphs", CHI 2017 (after Alberto Cairo)',
  },
];

export function isDatasetId(id: string): id is DatasetId {
  return DATASETS.some((d) => d.id === id);
}

export function getDataset(id: DatasetId): DatasetInfo {
  const d = DATASETS.find((x) => x.id === id);
  if (!d) throw new RangeError(`Unknown data set "${id}".`);
  return d;
}

export function makeDataset(id: DatasetId, n: number, rng: Rng): Float32Array {
  return getDataset(id).generate(n, rng);
}
