/**
 * The one URL-state helper. Every cell declares its parameters (type, range, default); parsing
 * validates and clamps, and an invalid value falls back to the default with a notice naming the
 * parameter. Parameters are namespaced per cell: `?brownian.n=500&schedule.kind=cosine`.
 * Pure: works on URLSearchParams, no DOM.
 */
import { BACKEND_PREFERENCES } from './backend/decide';

export type ParamSpec =
  | { kind: 'number'; default: number; min: number; max: number; integer?: boolean }
  | { kind: 'enum'; default: string; values: readonly string[] }
  | { kind: 'boolean'; default: boolean }
  | { kind: 'string'; default: string; maxLength: number };

export type ParamSpecs = Record<string, ParamSpec>;

/** The seed every cell offers: any non-negative 32-bit integer (what `makeRng` accepts). */
export function seedParam(defaultSeed: number) {
  return { kind: 'number', default: defaultSeed, min: 0, max: 2147483647, integer: true } as const;
}

/** The compute-backend override every TF.js cell offers ('auto' = the measured choice, lib/backend). */
export function backendParam() {
  return { kind: 'enum', default: 'auto', values: BACKEND_PREFERENCES } as const;
}

/**
 * Classifier-free guidance w in ε̃ = (1 + w)·ε(c) − w·ε(∅). The default is the model's own
 * (its manifest's `sampling.defaultGuidance`, read at build time), so it is a parameter here.
 */
export function guidanceParam(defaultGuidance: number) {
  return { kind: 'number', default: defaultGuidance, min: 0, max: 10 } as const;
}

/** Number of sampler steps S (DDIM's sub-sequence length, or T for DDPM). */
export function stepsParam(max: number, { min = 1, defaultSteps = 50 }: { min?: number; defaultSteps?: number } = {}) {
  return { kind: 'number', default: defaultSteps, min, max, integer: true } as const;
}

export type ParamValue<S extends ParamSpec> = S extends { kind: 'number' }
  ? number
  : S extends { kind: 'boolean' }
    ? boolean
    : string;

export type ParamValues<S extends ParamSpecs> = { [K in keyof S]: ParamValue<S[K]> };

export interface ParamNotice {
  param: string;
  raw: string;
  /** What happened: out of range, not a valid value, or no such parameter (the UI words each kind). */
  kind: 'clamped' | 'invalid' | 'unknown';
  /** The value used instead ('' for an unknown parameter, which is ignored). */
  used: string;
}

/**
 * Keys every cell understands besides its own parameters. `<cell>.hide=controls` hides the
 * parameter controls (a teacher projecting one figure keeps Run/Stop but not the sliders).
 * `<cell>.run=1` runs the cell as soon as its page opens (a teacher's link shows the result).
 * Both stay in the address bar when the cell mirrors its parameters there.
 */
const RESERVED_KEYS = ['hide', 'run'] as const;

export function readHideControls(search: URLSearchParams, namespace: string): boolean {
  return search.get(`${namespace}.hide`) === 'controls';
}

export function readRunOnOpen(search: URLSearchParams, namespace: string): boolean {
  const v = search.get(`${namespace}.run`);
  return v === '1' || v === 'true';
}

export function defaults<S extends ParamSpecs>(specs: S): ParamValues<S> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = spec.default;
  return out as ParamValues<S>;
}

/** Parse one raw string against its spec. */
export function parseValue(
  spec: ParamSpec,
  raw: string,
): { value: number | string | boolean; kind?: 'clamped' | 'invalid' } {
  switch (spec.kind) {
    case 'number': {
      const trimmed = raw.trim();
      // Number('') is 0 and Number('0x10') is 16: accept only plain decimal notation.
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
        return { value: spec.default, kind: 'invalid' };
      }
      let v = Number(trimmed);
      if (!Number.isFinite(v)) return { value: spec.default, kind: 'invalid' };
      let kind: 'clamped' | undefined;
      if (spec.integer && !Number.isInteger(v)) {
        v = Math.round(v);
        kind = 'clamped';
      }
      if (v < spec.min) { v = spec.min; kind = 'clamped'; }
      if (v > spec.max) { v = spec.max; kind = 'clamped'; }
      return { value: v, kind };
    }
    case 'enum':
      return spec.values.includes(raw) ? { value: raw } : { value: spec.default, kind: 'invalid' };
    case 'boolean':
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { value: spec.default, kind: 'invalid' };
    case 'string':
      return raw.length <= spec.maxLength ? { value: raw } : { value: spec.default, kind: 'invalid' };
  }
}

export function formatValue(spec: ParamSpec, value: unknown): string {
  if (spec.kind === 'boolean') return value ? '1' : '0';
  if (spec.kind === 'number') return formatNumber(value as number);
  return String(value);
}

/** Shortest round-tripping decimal, so URLs stay readable (0.1, not 0.10000000000000001). */
function formatNumber(v: number): string {
  for (let p = 1; p <= 17; p++) {
    const s = Number(v.toPrecision(p));
    if (s === v) return String(s);
  }
  return String(v);
}

/** Read a cell's parameters from the query string. Unknown keys in the namespace are reported. */
export function parseParams<S extends ParamSpecs>(
  specs: S,
  search: URLSearchParams,
  namespace: string,
): { values: ParamValues<S>; notices: ParamNotice[] } {
  const values: Record<string, unknown> = defaults(specs);
  const notices: ParamNotice[] = [];
  const prefix = `${namespace}.`;
  for (const [key, raw] of search.entries()) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if ((RESERVED_KEYS as readonly string[]).includes(name)) continue;
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (!spec) {
      notices.push({ param: key, raw, kind: 'unknown', used: '' });
      continue;
    }
    const parsed = parseValue(spec, raw);
    values[name] = parsed.value;
    if (parsed.kind) notices.push({ param: key, raw, kind: parsed.kind, used: formatValue(spec, parsed.value) });
  }
  return { values: values as ParamValues<S>, notices };
}

/**
 * Write a cell's parameters into a copy of `base`, leaving other cells' parameters alone.
 * By default values equal to the default are omitted (a tidy address bar); a shared link
 * passes `includeDefaults` so it keeps meaning the same state even if a default changes later.
 */
export function serializeParams<S extends ParamSpecs>(
  specs: S,
  values: ParamValues<S>,
  namespace: string,
  base: URLSearchParams = new URLSearchParams(),
  options: { includeDefaults?: boolean } = {},
): URLSearchParams {
  const out = new URLSearchParams(base);
  const reserved = RESERVED_KEYS.map((k) => `${namespace}.${k}`);
  for (const key of [...out.keys()]) if (key.startsWith(`${namespace}.`) && !reserved.includes(key)) out.delete(key);
  for (const [name, spec] of Object.entries(specs)) {
    const v = (values as Record<string, unknown>)[name];
    if (v === spec.default && !options.includeDefaults) continue;
    out.set(`${namespace}.${name}`, formatValue(spec, v));
  }
  return out;
}
