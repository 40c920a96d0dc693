/**
 * The backend decision, as pure logic (no TF.js, no DOM), so it can be unit-tested.
 * `lib/backend/index.ts` probes the real backends and feeds this module what it found.
 *
 * Policy (the one rule for the whole site):
 * - Candidates are tried in the order webgpu → webgl → wasm → cpu.
 * - A forced choice (override) is used if it starts; otherwise the next one in order that starts,
 *   and the reason says so.
 * - "auto" measures each backend that starts with a short micro-benchmark and picks the fastest,
 *   except that a software adapter (SwiftShader, llvmpipe, a WebGPU fallback adapter) can never
 *   win over wasm when wasm starts: software GPU emulation is far slower than wasm's SIMD code
 *   for these models, and a lucky timing must not flip that.
 */

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', ...BACKEND_ORDER];

export function isBackendPreference(s: unknown): s is BackendPreference {
  return typeof s === 'string' && (BACKEND_PREFERENCES as readonly string[]).includes(s);
}

/** What probing one backend found. */
export interface BackendProbe {
  name: BackendName;
  /** Registered and `setBackend` succeeded. */
  available: boolean;
  /** Why it is not available (factory missing, setBackend false, an error message). */
  error?: string;
  /** The adapter / renderer is a software implementation. */
  software?: boolean;
  /** Adapter or renderer description, e.g. "google swiftshader". */
  adapter?: string;
  /** Median milliseconds per benchmark step, when measured. */
  msPerStep?: number;
  /** Measurement stopped early because the backend was far too slow (the time is a lower bound). */
  cappedAt?: number;
  /** Not timed because the adapter reported itself as software. */
  skipped?: boolean;
}

/** Another backend's outcome, as data for the page to word (`reason` is the English rendering). */
export interface ProbeNote {
  name: BackendName;
  available: boolean;
  error?: string;
  software?: boolean;
  adapter?: string;
  /** Flagged as software-like because it measured far slower than wasm. */
  slowerThanWasm?: boolean;
  msPerStep?: number;
  capped?: boolean;
  skipped?: boolean;
  /** wasm's time, beside a software adapter's. */
  wasmMs?: number;
}

/** Why this backend, as data: the page says it in the reader's language (messages/index.ts). */
export type BackendWhy =
  | { kind: 'override'; name: BackendName }
  | { kind: 'fallback'; name: BackendName; requested: BackendName; error?: string }
  | { kind: 'measured'; name: BackendName; msPerStep?: number; notes: ProbeNote[] };

export interface BackendDecision {
  name: BackendName;
  /** English, for developers, logs and benchmarks. */
  reason: string;
  why: BackendWhy;
  probes: BackendProbe[];
}

/**
 * A measured time is treated as "software-like" when it is this many times slower than wasm,
 * even if the adapter did not say so (some software adapters do not report themselves).
 */
const SOFTWARE_SLOWDOWN = 3;

function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '?';
  return ms >= 100 ? `${Math.round(ms)} ms` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

function describeProbe(p: BackendProbe, wasm?: BackendProbe): string {
  if (!p.available) return `${p.name} unavailable${p.error ? `: ${p.error}` : ''}`;
  const t = p.msPerStep !== undefined ? `${p.cappedAt !== undefined ? '>' : ''}${fmtMs(p.msPerStep)}/step` : p.skipped ? 'not timed' : '';
  if (p.software) {
    const vs = p.msPerStep !== undefined && wasm?.msPerStep !== undefined ? ` vs ${fmtMs(wasm.msPerStep)}` : '';
    return `${p.name} is a software adapter${p.adapter ? ` (${p.adapter})` : ''}${t ? `: ${t}` : ''}${vs}`;
  }
  return `${p.name} ${t}`.trim();
}

/** Decide for a forced backend: the first that starts, from the forced one onward. */
export function decideForced(pref: BackendName, probes: BackendProbe[]): BackendDecision {
  const start = BACKEND_ORDER.indexOf(pref);
  const byName = new Map(probes.map((p) => [p.name, p]));
  for (let i = start; i < BACKEND_ORDER.length; i++) {
    const p = byName.get(BACKEND_ORDER[i]);
    if (p?.available) {
      if (i === start) return { name: p.name, reason: `${p.name} (chosen in the override)`, why: { kind: 'override', name: p.name }, probes };
      const failed = byName.get(pref);
      return {
        name: p.name,
        reason: `${p.name} (override ${pref} failed${failed?.error ? `: ${failed.error}` : ''}; fell back)`,
        why: { kind: 'fallback', name: p.name, requested: pref, error: failed?.error },
        probes,
      };
    }
  }
  throw new Error(`No TF.js backend could start (tried ${BACKEND_ORDER.slice(start).join(', ')}).`);
}

/** The automatic choice from probes of every backend (those not probed count as unavailable). */
export function decideAuto(probes: BackendProbe[]): BackendDecision {
  const byName = new Map(probes.map((p) => [p.name, p]));
  const wasm = byName.get('wasm');
  const wasmOk = !!wasm?.available;
  const avail = BACKEND_ORDER.map((n) => byName.get(n)).filter((p): p is BackendProbe => !!p?.available);
  if (avail.length === 0) throw new Error('No TF.js backend could start (tried webgpu, webgl, wasm, cpu).');

  // Flag measured GPU backends that are far slower than wasm as software-like.
  const flagged = avail.map((p) => {
    if ((p.name === 'webgpu' || p.name === 'webgl') && !p.software && wasm?.msPerStep !== undefined && p.msPerStep !== undefined
      && p.msPerStep > SOFTWARE_SLOWDOWN * wasm.msPerStep) {
      return { ...p, software: true, slowerThanWasm: true, adapter: p.adapter ? `${p.adapter}, measured ${SOFTWARE_SLOWDOWN}×+ slower than wasm` : `measured ${SOFTWARE_SLOWDOWN}×+ slower than wasm` };
    }
    return p;
  });

  const eligible = flagged.filter((p) => !(wasmOk && p.software && p.name !== 'wasm'));
  // Fastest measured wins; unmeasured ones rank by the fixed order after measured ones.
  const ranked = [...eligible].sort((a, b) => {
    const ta = a.msPerStep ?? Infinity, tb = b.msPerStep ?? Infinity;
    if (ta !== tb) return ta - tb;
    return BACKEND_ORDER.indexOf(a.name) - BACKEND_ORDER.indexOf(b.name);
  });
  const win = ranked[0] ?? flagged[0];
  const others = flagged.filter((p) => p.name !== win.name);
  const notes = [
    ...others.map((p) => describeProbe(p, byName.get('wasm'))),
    ...probes.filter((p) => !p.available).map((p) => describeProbe(p)),
  ];
  const own = win.msPerStep !== undefined ? `${fmtMs(win.msPerStep)}/step` : '';
  const reason = `${win.name}${own ? ` ${own}` : ''}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  const note = (p: BackendProbe & { slowerThanWasm?: boolean }, withWasm: boolean): ProbeNote => ({
    name: p.name, available: p.available, error: p.error, software: p.software,
    // The adapter's own description only: "measured … slower" is said by slowerThanWasm.
    adapter: byName.get(p.name)?.adapter, slowerThanWasm: p.slowerThanWasm, msPerStep: p.msPerStep,
    capped: p.cappedAt !== undefined, skipped: p.skipped, wasmMs: withWasm ? wasm?.msPerStep : undefined,
  });
  const why: BackendWhy = {
    kind: 'measured', name: win.name, msPerStep: win.msPerStep,
    notes: [...others.map((p) => note(p, true)), ...probes.filter((p) => !p.available).map((p) => note(p, false))],
  };
  return { name: win.name, reason, why, probes: flagged };
}

/** Is an adapter / renderer description a software implementation? */
export function looksSoftware(description: string | undefined | null): boolean {
  if (!description) return false;
  return /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic|lavapipe|mesa offscreen/i.test(description);
}
