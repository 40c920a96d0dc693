/**
 * The backend inside one TF.js worker (worker side of ./session.ts): TF.js loaded once, the
 * backend selected with the site's one selector (./index.ts) when a cell asks, and activated
 * before each job with the choice the page made. A worker that is running a job refuses to
 * switch backends (its tensors live on the current one) with a message that says what to do.
 * A host given a `threads` workload also settles, the first time wasm becomes active and before
 * anything lives there, how many threads its wasm backend runs (./threads.ts: measured).
 */
import { loadTf, selectBackend, restartWasmOnThreads, wasmThreadSupport, type BenchmarkStep, type Tf } from './index';
import type { BackendPreference } from './decide';
import type { BackendChoice, MemoryReport } from './session';
import { decideThreads, planThreads, type WasmThreads } from './threads';

export interface Benchmark {
  step: BenchmarkStep;
  dispose(): void;
}

export class BackendHost {
  private tf: Tf | null = null;
  private choice: BackendChoice | null = null;
  private preference: BackendPreference | null = null;
  private threads: WasmThreads | null = null;
  private forcedThreads: number | null = null;

  /**
   * `label` names the worker in messages; `benchmark` is the workload "auto" times (default: a
   * dense step); `threadsBenchmark` times wasm's threaded build against its single-threaded one
   * (without it, wasm stays single-threaded in this worker).
   */
  constructor(
    private readonly label: string,
    private readonly benchmark?: (tf: Tf) => Benchmark,
    private readonly threadsBenchmark?: (tf: Tf) => Benchmark,
  ) {}

  /** A forced wasm thread count for this worker (`?wasm-threads=N`), before wasm first starts. */
  forceThreads(n: number | null): void {
    this.forcedThreads = n;
  }

  /** How many threads wasm runs here and why (null: wasm has not been active in this worker). */
  wasmThreads(): WasmThreads | null {
    return this.threads;
  }

  /** Settles the thread count once, on the freshly started wasm backend (nothing loaded there yet). */
  private async settleThreads(tf: Tf): Promise<void> {
    if (this.threads || !this.threadsBenchmark || tf.getBackend() !== 'wasm') return;
    const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number } };
    const plan = planThreads({
      isolated: g.crossOriginIsolated === true, threadSupport: wasmThreadSupport(),
      cores: g.navigator?.hardwareConcurrency, forced: this.forcedThreads,
    });
    const tried = 'measure' in plan ? plan.measure : plan.settled.threads;
    if ('settled' in plan && tried === 1) { this.threads = plan.settled; return; }
    const time = async () => (await measureWorkload(tf, this.threadsBenchmark!(tf))).ms;
    const singleMs = 'measure' in plan ? await time() : NaN;
    try {
      const got = await restartWasmOnThreads(tf, tried);
      if ('settled' in plan) { this.threads = { ...plan.settled, threads: got }; return; }
      const d = decideThreads(got, singleMs, await time());
      if (d.threads === 1) await restartWasmOnThreads(tf, 1);
      this.threads = d;
    } catch (e) {
      this.threads = { threads: 1, why: { kind: 'failed', tried, error: e instanceof Error ? e.message : String(e) } };
    }
  }

  private busyError(wanted: string): Error {
    return new Error(`The ${this.label} is running a job on ${this.choice?.name ?? 'another backend'}; stop it before switching to ${wanted}.`);
  }

  /**
   * Selects a backend for `preference` ("auto" measures, unless `cached` holds the page's
   * decision) and activates it. Asking again for the same preference changes nothing.
   */
  async select(preference: BackendPreference, cached: BackendChoice | null, busy: boolean, onProbe?: (message: string) => void): Promise<{ tf: Tf; choice: BackendChoice; changed: boolean }> {
    const tf = (this.tf ??= await loadTf());
    const current = this.choice;
    const same = current !== null && this.preference === preference && (!cached || cached.name === current.name);
    if (same && tf.getBackend() === current.name) return { tf, choice: current, changed: false };
    if (busy) throw this.busyError(preference);
    const d = await selectBackend(tf, preference, { benchmark: this.benchmark?.(tf), cached, onProbe });
    if (d.name === 'wasm') {
      onProbe?.('measuring wasm threads…');
      await this.settleThreads(tf);
    }
    this.choice = { name: d.name, reason: d.reason, why: d.why };
    this.preference = preference;
    return { tf, choice: this.choice, changed: current?.name !== d.name };
  }

  /** Makes `choice` (from `select`, possibly via another cell) the active backend before a job. */
  async activate(choice: BackendChoice, busy: boolean): Promise<{ tf: Tf; changed: boolean }> {
    const tf = (this.tf ??= await loadTf());
    if (this.choice?.name === choice.name && tf.getBackend() === choice.name) return { tf, changed: false };
    if (busy) throw this.busyError(choice.name);
    // A forced selection of that one backend: it falls through to the next if it cannot start.
    const d = await selectBackend(tf, choice.name);
    if (d.name !== choice.name) throw new Error(`The ${choice.name} backend could not start in the ${this.label}: ${d.reason}.`);
    await this.settleThreads(tf);
    const changed = this.choice?.name !== choice.name;
    this.choice = choice;
    this.preference = null;
    return { tf, changed };
  }

  memory(): MemoryReport {
    const m = this.tf?.memory();
    return { numTensors: m?.numTensors ?? 0, numBytes: m?.numBytes ?? 0, backend: this.tf ? this.tf.getBackend() ?? null : null };
  }
}

/** Median ms of a workload on the active backend (one warm-up, five timed steps), freed after. */
async function measureWorkload(tf: Tf, bench: Benchmark): Promise<{ ms: number }> {
  try {
    await bench.step(tf);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await bench.step(tf);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    return { ms: times[2] };
  } finally {
    bench.dispose();
  }
}
