/**
 * The race cell's task and live state: runs the models in the race worker (lib/race/client) one
 * after another or all at once, streams progress (at most 4 repaints a second) and quality into
 * one store read by the output, and records each run for the browser tests and the benchmark
 * (`window.__race`).
 */
import { makeStore, type ValueStore } from '@/lib/valueStore';
import { getRaceClient } from '@/lib/race/client';
import { RACE_DEFAULTS, qualityEveryFor } from '@/lib/race/defaults';
import type { RaceModelId, RaceProgress, RaceResult, RaceSpec } from '@/lib/race/protocol';
import type { QualityPoint } from '@/lib/train2d/protocol';
import type { BackendPreference } from '@/lib/backend/decide';
import type { BackendChoice } from '@/lib/backend/session';
import type { ParamValues } from '@/lib/urlState';
import type { RunContext } from '../cell/Cell';
import type { RACE_SPEC } from './catalog';

export type RaceValues = ParamValues<typeof RACE_SPEC>;
export type ModelState = 'waiting' | 'training' | 'done' | 'stopped' | 'failed';

export interface ModelBoard {
  state: ModelState;
  progress: RaceProgress | null;
  quality: QualityPoint[];
  preview: Float32Array | null;
  result: RaceResult | null;
}
export type RaceBoard = Record<RaceModelId, ModelBoard>;

const idle = (): ModelBoard => ({ state: 'waiting', progress: null, quality: [], preview: null, result: null });
export const makeBoard = (): ValueStore<RaceBoard> => makeStore<RaceBoard>({ gan: idle(), vae: idle(), flow: idle(), ddpm: idle() });

/** What a finished model leaves for the tests and the benchmark (plain numbers and arrays). */
interface RaceLogEntry {
  steps: number; seconds: number; stepsPerSecond: number; precision: number | null; coverage: number | null;
  sampleMs: number; passes: number; likelihood: RaceResult['likelihood']; failure: RaceResult['failure']; stopped: boolean; samples: number[];
}
interface RaceLog { backend: string; reason: string; mode: string; seconds: number; results: Partial<Record<RaceModelId, RaceLogEntry>> }

declare global {
  interface Window {
    __race?: { runs: Record<string, RaceLog>; workerTensors(): Promise<number[]> };
  }
}

function debugLog(backend: BackendChoice, v: RaceValues): RaceLog {
  window.__race ??= { runs: {}, workerTensors: async () => { const m = await getRaceClient().memory(); return m ? [m.numTensors] : []; } };
  const prev = window.__race.runs.race;
  const log: RaceLog = { backend: backend.name, reason: backend.reason, mode: v.mode, seconds: v.seconds, results: prev?.seconds === v.seconds ? { ...prev.results } : {} };
  window.__race.runs.race = log;
  return log;
}

function logEntry(r: RaceResult): RaceLogEntry {
  return {
    steps: r.steps, seconds: r.seconds, stepsPerSecond: r.seconds > 0 ? r.steps / r.seconds : 0,
    precision: r.quality?.precision ?? null, coverage: r.quality?.coverage ?? null, sampleMs: r.sampleMs, passes: r.passes,
    likelihood: r.likelihood, failure: r.failure, stopped: r.stopped, samples: Array.from(r.samples),
  };
}

function raceSpec(v: RaceValues, model: RaceModelId, points: Float32Array, dataLabel: string): RaceSpec {
  return {
    model, points, dataLabel, seconds: v.seconds, seed: v.seed, dSteps: v.dSteps, ganLr: v.ganLr,
    qualityEvery: qualityEveryFor(v.seconds), qualitySamples: RACE_DEFAULTS.qualitySamples, finalSamples: RACE_DEFAULTS.finalSamples,
  };
}

/** Trains `models` on `points` (resetting only their panels) and fills the board as results come in. */
export async function runRaceModels(
  v: RaceValues, ctx: RunContext, models: readonly RaceModelId[], data: { points: Float32Array; label: string },
  board: ValueStore<RaceBoard>, onBackend: (b: BackendChoice) => void,
): Promise<void> {
  const set = (m: RaceModelId, f: (b: ModelBoard) => Partial<ModelBoard>) => board.update((s) => ({ ...s, [m]: { ...s[m], ...f(s[m]) } }));
  for (const m of models) set(m, () => idle());
  const c = getRaceClient();
  const be = await c.init(v.backend as BackendPreference);
  ctx.setBackend(be.name);
  onBackend(be);
  const log = debugLog(be, v);
  const latest = new Map<RaceModelId, RaceProgress>();
  // Progress arrives after every chunk of steps (~25 a second per model); the board takes the
  // newest at most 4 times a second, and only for the models that moved (a finished model's panel
  // does not re-render).
  const dirty = new Set<RaceModelId>(), finished = new Set<RaceModelId>();
  let timer = 0;
  const flush = () => {
    timer = 0;
    if (dirty.size) board.update((s) => { const n = { ...s }; for (const m of dirty) n[m] = { ...n[m], progress: latest.get(m)! }; return n; });
    dirty.clear();
    const running = [...latest].filter(([m]) => !finished.has(m)).map(([, p]) => p.progress);
    ctx.progress((finished.size + Math.max(0, ...running)) / models.length);
  };
  const one = async (m: RaceModelId) => {
    set(m, () => ({ state: 'training' }));
    const r = await c.train(raceSpec(v, m, data.points, data.label), be, {
      signal: ctx.signal,
      onProgress: (p) => { latest.set(m, p); dirty.add(m); if (!timer) timer = window.setTimeout(flush, 250); },
      onQuality: (_, q, preview) => set(m, (b) => ({ quality: [...b.quality, q], preview })),
    });
    finished.add(m);
    dirty.delete(m);
    log.results[m] = logEntry(r);
    set(m, (b) => ({
      state: r.failure ? 'failed' : r.stopped ? 'stopped' : 'done', result: r, progress: latest.get(m) ?? b.progress,
      preview: r.samples.length ? r.samples : b.preview, quality: r.quality && !r.stopped && !r.failure ? [...b.quality, r.quality] : b.quality,
    }));
  };
  try {
    if (v.mode === 'parallel') await Promise.all(models.map(one));
    else for (const m of models) { if (ctx.signal.aborted) break; await one(m); }
  } finally {
    window.clearTimeout(timer);
  }
}
