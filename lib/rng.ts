/**
 * One seeded random source for every cell. A cell's visible seed determines every draw,
 * so a shared link reproduces the same run. Pure: no DOM, no globals.
 *
 * Generator: xoshiro128** (32-bit state words, fast in JS) seeded through splitmix32,
 * so nearby seeds (1, 2, 3…) still give unrelated streams.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1) (Box–Muller, caching the second value). */
  normal(): number;
  /** Integer uniform in [lo, hi] inclusive. */
  int(lo: number, hi: number): number;
  /** Fill an array with N(0, 1) draws. */
  fillNormal(out: Float32Array | Float64Array): void;
  /** An independent child stream, derived deterministically from this one. */
  fork(): Rng;
  /** The seed this stream was made from (for display). */
  readonly seed: number;
}

// Local bindings: Jest's module sandbox makes global Math lookups in hot loops ~15× slower.
const { imul, sqrt, log, sin, cos, floor, PI } = Math;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function makeRng(seed: number): Rng {
  const seedInt = Number.isFinite(seed) ? Math.floor(seed) >>> 0 : 0;
  const sm = splitmix32(seedInt);
  let a = sm(), b = sm(), c = sm(), d = sm();
  if ((a | b | c | d) === 0) a = 1; // xoshiro must not start from the all-zero state

  const nextU32 = (): number => {
    const result = imul(rotl(imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a; d ^= b; b ^= c; a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };

  let spare: number | null = null;
  const uniform = (): number => nextU32() / 4294967296;
  const normal = (): number => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    // 1 - u keeps the argument of log in (0, 1].
    const u1 = 1 - uniform();
    const u2 = uniform();
    const r = sqrt(-2 * log(u1));
    spare = r * sin(2 * PI * u2);
    return r * cos(2 * PI * u2);
  };

  return {
    seed: seedInt,
    uniform,
    normal,
    int(lo: number, hi: number) { return lo + floor(uniform() * (hi - lo + 1)); },
    fillNormal(out) { for (let i = 0; i < out.length; i++) out[i] = normal(); },
    fork() { return makeRng(nextU32()); },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
