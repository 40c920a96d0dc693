/** Axis domains that stay put while a slider moves: rounded to nice steps. Pure. */

/** 10^k without the binary rounding of 10 ** −k (10 ** −4 is 0.00009999999999999999). */
function pow10(k: number): number {
  return k < 0 ? 1 / 10 ** -k : 10 ** k;
}

/** Round up to two significant digits (1001 → 1100, 4000 → 4000): a stable axis end for sliders. */
export function niceCeil2(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = pow10(Math.floor(Math.log10(v)) - 1);
  return Math.ceil(v / p - 1e-9) * p;
}

/** Round up to 1, 2 or 5 × 10^k. */
export function niceCeil125(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = pow10(Math.floor(Math.log10(v)));
  const m = v / p;
  const step = m <= 1 + 1e-9 ? 1 : m <= 2 + 1e-9 ? 2 : m <= 5 + 1e-9 ? 5 : 10;
  return step * p;
}

/** Whole decades enclosing the positive finite values of the arrays: [10^a, 10^b]. */
export function decadeDomain(arrays: ArrayLike<number>[], fallback: [number, number]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v > 0 && Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
    }
  }
  if (!(lo <= hi)) return fallback;
  let a = Math.floor(Math.log10(lo) + 1e-9), b = Math.ceil(Math.log10(hi) - 1e-9);
  if (a === b) { a -= 1; b += 1; }
  return [pow10(a), pow10(b)];
}
