/**
 * The one place where numbers become UI text. Message functions (messages/en.ts, zh.ts) call these
 * instead of toFixed/toLocaleString, so every figure is formatted the same way in both languages.
 */

/** Fixed decimals; a non-finite value (NaN before the first result) reads as a dash, −0.00 as 0.00. */
export function fixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '—';
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Integer with thousands separators in the page's locale (1,234,567 / 1,234,567). */
export function grouped(locale: string, n: number): string {
  return Math.round(n).toLocaleString(locale);
}

/** A fraction in [0, 1] as a percentage, e.g. 0.982 → "98.2%". */
export function percent(fraction: number, digits = 0): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(digits)}%` : '—';
}

/** Short readable number of any size: 1.3, 0.000123, 1.2e-7 (six significant digits at most). */
export function significant(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(6)));
  return x.toExponential(3);
}

/** A given number of significant digits ("0.0123"). */
export function precise(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toPrecision(digits) : '—';
}

/** Scientific notation ("3.0e-3"), for learning rates and other values spanning decades. */
export function scientific(x: number, digits = 1): string {
  if (x === 0) return '0';
  return Number.isFinite(x) ? x.toExponential(digits) : '—';
}

/** Milliseconds as seconds with one decimal ("9.2 s"). */
export function seconds(ms: number, digits = 1): string {
  return `${fixed(ms / 1000, digits)} s`;
}

/** Milliseconds, rounded ("412 ms"). */
export function millis(ms: number, digits = 0): string {
  return `${fixed(ms, digits)} ms`;
}

/**
 * Text the reader supplied (a URL value, a file name), cut to `max` characters with an ellipsis,
 * so a 10,000-character parameter cannot flood a notice.
 */
export function excerpt(text: string, max = 60): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
