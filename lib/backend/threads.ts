/**
 * How many threads a worker's wasm backend runs, as pure logic (no TF.js, no DOM), unit-tested.
 * `host.ts` applies it in the image-model worker; `index.ts#restartWasmOnThreads` switches the build.
 *
 * Rule:
 * - Threads need cross-origin isolation (SharedArrayBuffer) and a browser that runs threaded
 *   wasm; without either, the single-threaded SIMD build runs and the page says why.
 * - The thread count is the machine's logical cores minus one (the page keeps one), at least 1.
 *   With one thread the threaded build only adds synchronisation, so the single-threaded build
 *   runs (a 2-core machine gets one thread).
 * - Otherwise both builds time the same convolution workload, and the threaded build is kept
 *   only when it is clearly faster (≤ THREADS_MIN_GAIN × the single-threaded time): a machine
 *   whose cores are busy or slow to wake does not pay for threads that do not help.
 * - A forced count (`?wasm-threads=N`, for benchmarks) skips the measurement but not isolation.
 */

/** The threaded build must take at most this fraction of the single-threaded time to be kept. */
export const THREADS_MIN_GAIN = 0.9;
/** The most threads TF.js's wasm binary runs (it pre-creates 8 pthread workers and caps its pool there). */
const MAX_THREADS = 8;

/** Why the wasm backend runs on this many threads, as data (the page words it: messages). */
export type ThreadsWhy =
  | { kind: 'not-isolated' }
  | { kind: 'unsupported' }
  | { kind: 'one-core'; cores: number }
  | { kind: 'forced'; threads: number }
  | { kind: 'measured'; tried: number; singleMs: number; threadedMs: number }
  | { kind: 'failed'; tried: number; error: string };

export interface WasmThreads {
  /** Threads the wasm backend runs (1: the single-threaded SIMD build). */
  threads: number;
  why: ThreadsWhy;
}

export interface ThreadsEnvironment {
  /** `crossOriginIsolated` in the worker. */
  isolated: boolean;
  /** TF.js's WASM_HAS_MULTITHREAD_SUPPORT as the browser reports it. */
  threadSupport: boolean;
  /** navigator.hardwareConcurrency (undefined: unknown). */
  cores: number | undefined;
  /** A forced thread count, or null. */
  forced: number | null;
}

/** What to do: settle on `settled` now, or time the threaded build with `measure` threads. */
export type ThreadsPlan = { settled: WasmThreads } | { measure: number };

/** The thread plan for a worker's environment. */
export function planThreads(env: ThreadsEnvironment): ThreadsPlan {
  if (!env.isolated) return { settled: { threads: 1, why: { kind: 'not-isolated' } } };
  if (!env.threadSupport) return { settled: { threads: 1, why: { kind: 'unsupported' } } };
  if (env.forced !== null) return { settled: { threads: env.forced, why: { kind: 'forced', threads: env.forced } } };
  const cores = env.cores !== undefined && Number.isFinite(env.cores) && env.cores >= 1 ? Math.floor(env.cores) : 1;
  const threads = Math.min(MAX_THREADS, Math.max(1, cores - 1));
  if (threads < 2) return { settled: { threads: 1, why: { kind: 'one-core', cores } } };
  return { measure: threads };
}

/** The measured choice between the single-threaded build and `tried` threads. */
export function decideThreads(tried: number, singleMs: number, threadedMs: number): WasmThreads {
  const why: ThreadsWhy = { kind: 'measured', tried, singleMs, threadedMs };
  const wins = Number.isFinite(threadedMs) && Number.isFinite(singleMs) && threadedMs <= THREADS_MIN_GAIN * singleMs;
  return { threads: wins ? tried : 1, why };
}

/** `wasm-threads=N` from a page's query string (1..MAX_THREADS), or null when absent or invalid. */
export function parseThreadsOverride(search: string): number | null {
  const raw = new URLSearchParams(search).get('wasm-threads');
  if (raw === null || !/^\d$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX_THREADS ? n : null;
}

/** English, for logs and benchmarks (the page words `why` itself). */
export function describeThreads(t: WasmThreads): string {
  const w = t.why;
  const n = `${t.threads} thread${t.threads === 1 ? '' : 's'}`;
  switch (w.kind) {
    case 'not-isolated': return `${n} (page not cross-origin isolated)`;
    case 'unsupported': return `${n} (no threaded wasm in this browser)`;
    case 'one-core': return `${n} (${w.cores} logical core${w.cores === 1 ? '' : 's'}: one is left to the page)`;
    case 'forced': return `${n} (forced)`;
    case 'measured': return `${n} (measured: 1 thread ${w.singleMs.toFixed(1)} ms, ${w.tried} threads ${w.threadedMs.toFixed(1)} ms)`;
    case 'failed': return `${n} (${w.tried} threads failed to start: ${w.error})`;
  }
}
