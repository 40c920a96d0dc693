/**
 * The page side of the race worker: ONE worker per page (the race cell), started on the first
 * call, on the site's one worker layer (lib/worker) and the page's one backend decision
 * (lib/backend/session). Creating the worker loads TF.js inside it; the page never imports TF.js.
 */
import * as Comlink from 'comlink';
import type { BackendPreference } from '../backend/decide';
import { pageBackend, type BackendChoice, type MemoryReport } from '../backend/session';
import { WorkerHandle } from '../worker/client';
import type { QualityPoint } from '../train2d/protocol';
import type { RaceEvent, RaceModelId, RaceProgress, RaceResult, RaceSpec, RaceWorkerApi } from './protocol';

export interface RaceHandlers {
  /** Aborting it stops the run: the promise then resolves with `stopped: true`. */
  signal?: AbortSignal;
  onProgress?(p: RaceProgress): void;
  onQuality?(model: RaceModelId, q: QualityPoint, preview: Float32Array): void;
}

export class RaceClient {
  constructor(private readonly worker: WorkerHandle<RaceWorkerApi>) {}

  init(preference: BackendPreference): Promise<BackendChoice> {
    return pageBackend(preference, (p, cached) => this.worker.call((api) => api.useBackend(p, cached)));
  }

  train(spec: RaceSpec, backend: BackendChoice, h: RaceHandlers = {}): Promise<RaceResult> {
    const onEvent = (e: RaceEvent) => {
      if (e.type === 'progress') h.onProgress?.(e.p);
      else h.onQuality?.(e.model, e.q, e.preview);
    };
    return this.worker.job(h.signal, (api, jobId) => api.train(jobId, backend, spec, Comlink.proxy(onEvent)));
  }

  /** The worker's tf.memory() (null when no worker is running). */
  memory(): Promise<MemoryReport | null> {
    return this.worker.started ? this.worker.call((api) => api.memory()) : Promise.resolve(null);
  }
}

let client: RaceClient | null = null;

/** The page's one race client (no worker starts until its first call). */
export function getRaceClient(): RaceClient {
  client ??= new RaceClient(new WorkerHandle<RaceWorkerApi>('race model worker',
    () => new Worker(new URL('./race.worker.ts', import.meta.url), { type: 'module' })));
  return client;
}
