/**
 * The page side of the 2D model worker: ONE worker per page, shared by every 2D cell on it
 * (training, sampling, memorization), started on the first call. Built on the site's one worker
 * layer (lib/worker: streamed progress, AbortSignal → stop, a crashed worker rejecting every
 * pending call) and the page's one backend decision (lib/backend/session). Creating the worker
 * loads TF.js inside it; the page itself never imports TF.js.
 */
import * as Comlink from 'comlink';
import type { BackendPreference } from '../backend/decide';
import { pageBackend, type BackendChoice, type MemoryReport } from '../backend/session';
import { WorkerHandle } from '../worker/client';
import type { BoundResult, BoundSpec, ScoreFieldResult, ScoreFieldSpec, ProgressMsg, QualityPoint, SampleSpec, Sampled, Train2DWorkerApi, Trained, TrainEvent, TrainSpec } from './protocol';

export interface TrainHandlers {
  /** Aborting it stops the run: the promise then resolves with `stopped: true` and the model so far. */
  signal?: AbortSignal;
  onProgress?(p: ProgressMsg): void;
  onQuality?(q: QualityPoint, preview: Float32Array): void;
}

export class Train2DClient {
  constructor(private readonly worker: WorkerHandle<Train2DWorkerApi>) {}

  /** The backend for `preference` (for "auto", measured once per page; shown by the cell). */
  init(preference: BackendPreference): Promise<BackendChoice> {
    return pageBackend(preference, (p, cached) => this.worker.call((api) => api.useBackend(p, cached)));
  }

  /** One training run on `backend` (from `init`). */
  train(spec: TrainSpec, backend: BackendChoice, h: TrainHandlers = {}): Promise<Trained> {
    const onEvent = (e: TrainEvent) => {
      if (e.type === 'progress') h.onProgress?.(e.p);
      else h.onQuality?.(e.q, e.preview);
    };
    return this.worker.job(h.signal, (api, jobId) => api.train(jobId, backend, spec, Comlink.proxy(onEvent)));
  }

  /** Points from a saved model; aborting `signal` rejects with the AbortError within a step. */
  sample(spec: SampleSpec, backend: BackendChoice, signal?: AbortSignal): Promise<Sampled> {
    return this.worker.job(signal, (api, jobId) => api.sample(jobId, backend, spec));
  }

  /** The variational bound term by term; aborting `signal` rejects with the AbortError within a step. */
  bound(spec: BoundSpec, backend: BackendChoice, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<BoundResult> {
    return this.worker.job(signal, (api, jobId) => api.bound(jobId, backend, spec, onProgress && Comlink.proxy(onProgress)));
  }

  /** The score field with particles; aborting `signal` rejects with the AbortError within a step. */
  scoreField(spec: ScoreFieldSpec, backend: BackendChoice, signal?: AbortSignal, onProgress?: (fraction: number) => void): Promise<ScoreFieldResult> {
    return this.worker.job(signal, (api, jobId) => api.scoreField(jobId, backend, spec, onProgress && Comlink.proxy(onProgress)));
  }

  pause(): Promise<void> {
    return this.worker.started ? this.worker.call((api) => api.pause()) : Promise.resolve();
  }

  resume(): Promise<void> {
    return this.worker.started ? this.worker.call((api) => api.resume()) : Promise.resolve();
  }

  /** The worker's tf.memory() (null when no worker is running). */
  memory(): Promise<MemoryReport | null> {
    return this.worker.started ? this.worker.call((api) => api.memory()) : Promise.resolve(null);
  }
}

let client: Train2DClient | null = null;

/** The page's one 2D model client (no worker starts until its first call). */
export function getTrain2DClient(): Train2DClient {
  client ??= new Train2DClient(new WorkerHandle<Train2DWorkerApi>('2D model worker',
    () => new Worker(new URL('./train2d.worker.ts', import.meta.url), { type: 'module' })));
  return client;
}
