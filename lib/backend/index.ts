/**
 * The one TF.js backend selector for the whole site (2D trainer, image model, any later cell).
 *
 * - TF.js is imported lazily (`loadTf`), so a page loads none of it until a cell needs it.
 * - Backends registered: webgpu (@tensorflow/tfjs-backend-webgpu), webgl and cpu (in
 *   @tensorflow/tfjs), wasm (@tensorflow/tfjs-backend-wasm, its .wasm files served by the site
 *   from /tfjs-wasm/; the SIMD build loads without cross-origin isolation, the threaded build —
 *   `restartWasmOnThreads`, chosen by ./threads.ts — needs it).
 * - `selectBackend(tf, preference)` tries webgpu → webgl → wasm → cpu. "auto" measures a short
 *   micro-benchmark on each backend that starts and applies the rule in `decide.ts` (a software
 *   adapter never wins over wasm, detected from the adapter / renderer description AND by
 *   measurement). A forced preference falls through the same order if it cannot start.
 * - Works in a Web Worker (no window / document access; WebGL runs through OffscreenCanvas).
 *
 * Never calls dataSync/arraySync: every read is `await t.data()` (docs/sources.md, "Measured here").
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import {
  BACKEND_ORDER, decideAuto, decideForced, looksSoftware,
  type BackendDecision, type BackendName, type BackendWhy, type BackendPreference, type BackendProbe,
} from './decide';

export * from './decide';

export type Tf = typeof TfNamespace;

const WASM_PATH = '/tfjs-wasm/';
/** TF.js's own prebuilt threaded glue (scripts/copy-wasm.mjs copies it beside the .wasm files). */
const THREADED_GLUE = 'tfjs-backend-wasm-threaded-simd.js';

let tfPromise: Promise<Tf> | null = null;
let threadSupport = false;

/**
 * TF.js starts each pthread worker of its threaded build from `factory.toString()`; once the
 * bundler has minified that function it refers to names outside itself (Turbopack's `process`
 * polyfill import: "r is not defined" in the pthread). So the pthreads are told to load TF.js's
 * prebuilt, self-contained glue instead: the text they evaluate becomes
 * `var WasmBackendModuleThreadedSimd = (importScripts(url), WasmBackendModuleThreadedSimd)`.
 * The worker's own copy (the bundled one) keeps running the main side; both are the same
 * Emscripten build, talking by string-keyed messages a minifier does not touch.
 */
async function pointPthreadsAtPrebuiltGlue(wasmPath: string): Promise<void> {
  const mod: { default?: unknown } = await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
  const factory = typeof mod.default === 'function' ? mod.default : mod;
  if (typeof factory !== 'function') return;
  const base = typeof self !== 'undefined' && self.location ? self.location.href : 'http://localhost/';
  const url = new URL(wasmPath + THREADED_GLUE, base).href;
  const source = `(importScripts(${JSON.stringify(url)}), WasmBackendModuleThreadedSimd)`;
  Object.defineProperty(factory, 'toString', { value: () => source, configurable: true });
}

/** Load TF.js and register the wasm and webgpu backends (once per realm). */
export function loadTf(wasmPath: string = WASM_PATH): Promise<Tf> {
  if (!tfPromise) {
    tfPromise = (async () => {
      const tf = await import('@tensorflow/tfjs');
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(wasmPath);
      // Whether this browser could run the threaded build here (cross-origin isolated, wasm
      // threads); the backend starts single-threaded and `restartWasmOnThreads` switches it.
      threadSupport = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
      if (threadSupport) await pointPthreadsAtPrebuiltGlue(wasmPath);
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      try {
        // Registers 'webgpu' only where navigator.gpu exists.
        await import('@tensorflow/tfjs-backend-webgpu');
      } catch {
        /* no WebGPU build for this environment: webgpu stays unregistered */
      }
      tf.enableProdMode();
      return tf;
    })();
    tfPromise.catch(() => { tfPromise = null; });
  }
  return tfPromise;
}

/** Can this worker run TF.js's threaded wasm build (isolated, SharedArrayBuffer, wasm threads)? */
export function wasmThreadSupport(): boolean {
  return threadSupport;
}

/**
 * Restarts the wasm backend on `threads` threads (1: the single-threaded SIMD build) and makes it
 * the active backend. Every tensor on the old wasm backend is gone afterwards: call it before
 * anything is loaded there. Rejects (leaving the single-threaded build active) if the threaded
 * build does not start within `timeoutMs`; returns the thread count TF.js reports.
 */
export async function restartWasmOnThreads(tf: Tf, threads: number, timeoutMs = 15_000): Promise<number> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const factory = tf.findBackendFactory('wasm');
  if (!factory) throw new Error('the wasm backend is not registered');
  const restart = async (n: number) => {
    tf.removeBackend('wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', n > 1 && threadSupport);
    wasm.setThreadsCount(n);
    tf.registerBackend('wasm', factory, 2);
    // TF.js's binary caps its pool at half of navigator.hardwareConcurrency (it assumes two
    // hyperthreads per core), read once as the module starts; the rule here is cores − 1, so the
    // module is shown 2n logical cores while it starts (n ≤ 8, its pre-created pthread workers).
    const restore = n > 1 ? showCores(2 * n) : () => undefined;
    try {
      const ok = await withTimeout(tf.setBackend('wasm'), timeoutMs);
      if (ok !== true) throw new Error(ok === null ? `the wasm backend did not start on ${n} threads within ${timeoutMs / 1000} s` : 'the wasm backend failed to initialize');
    } finally {
      restore();
    }
    return n > 1 ? wasm.getThreadsCount() : 1;
  };
  if (threads <= 1 || !threadSupport) return restart(1);
  try {
    return await restart(threads);
  } catch (e) {
    await restart(1);
    throw e;
  }
}

/** Shadows navigator.hardwareConcurrency with `cores` in this worker; returns the undo. */
function showCores(cores: number): () => void {
  const nav = (globalThis as { navigator?: object }).navigator;
  if (!nav) return () => undefined;
  Object.defineProperty(nav, 'hardwareConcurrency', { value: cores, configurable: true });
  return () => { delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency; };
}

/** One benchmark step; must finish its work (await a read) before resolving and free what it makes. */
export type BenchmarkStep = (tf: Tf) => Promise<void>;

/** A generic dense-network training step (2 → 128 → 128 → 2, batch 256) for the micro-benchmark. */
function defaultBenchmark(): { step: BenchmarkStep; dispose: () => void } {
  let vars: TfNamespace.Variable[] | null = null;
  let tfRef: Tf | null = null;
  return {
    async step(tf) {
      if (!vars || tfRef !== tf) {
        tfRef = tf;
        vars = tf.tidy(() => [
          tf.variable(tf.randomNormal([2, 128], 0, 0.5, 'float32', 1)),
          tf.variable(tf.randomNormal([128, 128], 0, 0.1, 'float32', 2)),
          tf.variable(tf.randomNormal([128, 2], 0, 0.1, 'float32', 3)),
        ]);
      }
      const [w1, w2, w3] = vars;
      const loss = tf.tidy(() => {
        const x = tf.randomNormal([256, 2], 0, 1, 'float32', 4);
        const { value, grads } = tf.variableGrads(() => {
          const h = tf.relu(tf.matMul(tf.relu(tf.matMul(x, w1)), w2));
          return tf.mean(tf.square(tf.sub(tf.matMul(h, w3), x))) as TfNamespace.Scalar;
        }, vars!);
        for (const v of vars!) v.assign(tf.sub(v, tf.mul(grads[v.name], 1e-3)));
        return value;
      });
      await loss.data();
      loss.dispose();
    },
    dispose() { vars?.forEach((v) => v.dispose()); vars = null; },
  };
}

interface AdapterFacts { present: boolean; software: boolean; description?: string; error?: string }

// The slice of the WebGPU API read here (the project does not ship @webgpu/types; older browsers
// have requestAdapterInfo() instead of adapter.info).
interface GpuAdapterInfoLike {
  vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>;
}
interface GpuLike { requestAdapter(options: { powerPreference: string }): Promise<GpuAdapterLike | null> }

/** What the browser says about its WebGPU adapter (null adapter: WebGPU cannot start). */
async function webgpuAdapterFacts(): Promise<AdapterFacts> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return { present: false, software: false, error: 'navigator.gpu is missing' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { present: false, software: false, error: 'no WebGPU adapter' };
    let info = adapter.info;
    if (!info && typeof adapter.requestAdapterInfo === 'function') info = await adapter.requestAdapterInfo();
    const description = [info?.vendor, info?.architecture, info?.device, info?.description]
      .filter((s): s is string => typeof s === 'string' && s.length > 0).join(' ');
    const software = !!(adapter.isFallbackAdapter || info?.isFallbackAdapter) || looksSoftware(description);
    return { present: true, software, description: description || undefined };
  } catch (e) {
    return { present: false, software: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The WebGL renderer string of the active webgl backend (when the browser exposes it). */
function webglRenderer(tf: Tf): string | undefined {
  try {
    // The webgl backend keeps its context on gpgpu.gl (not part of the KernelBackend type).
    const gl = (tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } } | undefined)?.gpgpu?.gl;
    if (!gl) return undefined;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return typeof r === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Try to make `name` the active backend. */
async function tryBackend(tf: Tf, name: BackendName): Promise<{ ok: boolean; error?: string }> {
  if (!tf.findBackendFactory(name)) return { ok: false, error: 'not registered in this browser' };
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return { ok: false, error: 'failed to initialize' };
    await tf.ready();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export interface MeasureOptions {
  /** Warm-up steps (shader compilation), not timed. */
  warmup?: number;
  /** Timed steps at most. */
  steps?: number;
  /** Stop timing after this many ms (the result is then a lower bound when fewer steps ran). */
  capMs?: number;
}

/** Median ms per step of `step` on the active backend. */
async function measure(tf: Tf, step: BenchmarkStep, o: MeasureOptions = {}): Promise<{ ms: number; capped: boolean }> {
  const warmup = o.warmup ?? 2, steps = o.steps ?? 5, cap = o.capMs ?? 1500;
  const t0 = performance.now();
  for (let i = 0; i < warmup; i++) {
    await step(tf);
    if (performance.now() - t0 > cap) break;
  }
  const times: number[] = [];
  const t1 = performance.now();
  for (let i = 0; i < steps; i++) {
    const s = performance.now();
    await step(tf);
    times.push(performance.now() - s);
    if (performance.now() - t1 > cap) break;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], capped: times.length < steps };
}

export interface SelectOptions {
  /** The workload to time (defaults to `defaultBenchmark`). */
  benchmark?: { step: BenchmarkStep; dispose: () => void };
  measure?: MeasureOptions;
  /** An earlier decision in this session (from another worker): reuse it if it still starts. */
  cached?: { name: BackendName; reason: string; why?: BackendWhy } | null;
  /** Give up timing one backend after this long (default 8 s). */
  timeoutMs?: number;
  /** Called as probing goes, for a status line ("measuring webgl…"). */
  onProbe?: (message: string) => void;
}

/**
 * Choose and activate a backend. Returns the decision with a human-readable reason, e.g.
 * "wasm 19 ms/step (webgpu is a software adapter (google swiftshader): 420 ms/step vs 19 ms; …)".
 */
export async function selectBackend(tf: Tf, preference: BackendPreference, options: SelectOptions = {}): Promise<BackendDecision> {
  if (preference === 'auto' && options.cached) {
    const r = await tryBackend(tf, options.cached.name);
    if (r.ok) return { name: options.cached.name, reason: options.cached.reason, why: options.cached.why ?? { kind: 'measured', name: options.cached.name, notes: [] }, probes: [] };
  }
  const probes: BackendProbe[] = [];
  if (preference !== 'auto') {
    const start = BACKEND_ORDER.indexOf(preference);
    for (let i = start; i < BACKEND_ORDER.length; i++) {
      const name = BACKEND_ORDER[i];
      const p = await probeStart(tf, name);
      probes.push(p);
      if (p.available) return decideForced(preference, probes);
    }
    return decideForced(preference, probes);
  }

  const bench = options.benchmark ?? defaultBenchmark();
  try {
    for (const name of BACKEND_ORDER) {
      // cpu is only measured when nothing faster started: it is never the fastest otherwise.
      if (name === 'cpu' && probes.some((p) => p.available)) {
        probes.push({ name, available: true });
        continue;
      }
      options.onProbe?.(`starting ${name}…`);
      const p = await probeStart(tf, name);
      if (p.available && p.software) {
        // The adapter says it is software (SwiftShader, llvmpipe…): it cannot win over wasm, and
        // compiling its shaders alone can take many seconds on a busy CPU, so it is not timed.
        p.skipped = true;
      } else if (p.available) {
        options.onProbe?.(`measuring ${name}…`);
        try {
          const m = await withTimeout(measure(tf, bench.step, options.measure), options.timeoutMs ?? 8000);
          if (m === null) {
            // Far too slow to finish a few steps: treat as software-like (it stays selectable only without wasm).
            p.msPerStep = options.timeoutMs ?? 8000;
            p.cappedAt = p.msPerStep;
          } else {
            p.msPerStep = m.ms;
            if (m.capped) p.cappedAt = m.ms;
          }
        } catch (e) {
          p.available = false;
          p.error = `benchmark failed: ${e instanceof Error ? e.message : String(e)}`;
        }
        bench.dispose();
      }
      probes.push(p);
    }
  } finally {
    bench.dispose();
  }
  const decision = decideAuto(probes);
  const r = await tryBackend(tf, decision.name);
  if (!r.ok) throw new Error(`Backend ${decision.name} was chosen but could not be re-activated: ${r.error}`);
  return decision;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(null), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function probeStart(tf: Tf, name: BackendName): Promise<BackendProbe> {
  const p: BackendProbe = { name, available: false };
  if (name === 'webgpu') {
    const facts = await webgpuAdapterFacts();
    if (!facts.present) { p.error = facts.error; return p; }
    p.software = facts.software;
    p.adapter = facts.description;
  }
  const r = await tryBackend(tf, name);
  p.available = r.ok;
  if (!r.ok) { p.error = r.error; return p; }
  if (name === 'webgl') {
    const renderer = webglRenderer(tf);
    p.adapter = renderer;
    p.software = looksSoftware(renderer);
  }
  return p;
}
