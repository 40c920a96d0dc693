/**
 * The backend inside one TF.js worker (worker side of ./session.ts): TF.js loaded once, the
 * backend selected with the site's one selector (./index.ts) when a cell asks, and activated
 * before each job with the choice the page made. A worker that is running a job refuses to
 * switch backends (its tensors live on the current one) with a message that says what to do.
 */
import { loadTf, selectBackend, type BenchmarkStep, type Tf } from './index';
import type { BackendPreference } from './decide';
import type { BackendChoice, MemoryReport } from './session';

export interface Benchmark {
  step: BenchmarkStep;
  dispose(): void;
}

export class BackendHost {
  private tf: Tf | null = null;
  private choice: BackendChoice | null = null;
  private preference: BackendPreference | null = null;

  /** `label` names the worker in messages; `benchmark` is the workload "auto" times (default: a dense step). */
  constructor(private readonly label: string, private readonly benchmark?: (tf: Tf) => Benchmark) {}

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
