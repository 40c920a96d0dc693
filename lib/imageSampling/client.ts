/**
 * The page side of the image-model worker: ONE worker and ONE loaded model per page, shared by
 * every cell (prompt-to-image, super-resolution, inpainting, colorization, the home-page avatar
 * strip, the nearest-training-image check…). Built on the site's one worker layer (lib/worker)
 * and the page's one backend decision (lib/backend/session). The worker starts on the first
 * `load()`, not before; the model stays loaded for the session (later visits hit the browser's
 * HTTP cache). If the worker dies, every pending call rejects with one message, the state turns
 * to error, and the next `load()` starts a fresh worker. No React here (components/imageModel/
 * useImageModel.ts reads `store`).
 */
import * as Comlink from 'comlink';
import type { BackendPreference } from '../backend/decide';
import { pageBackend, type MemoryReport } from '../backend/session';
import { parseThreadsOverride } from '../backend/threads';
import { CLASSIFIER_MODEL_NAME, UNET_MODEL_NAME } from '../imageModel/spec';
import { makeStore, type ValueStore } from '../valueStore';
import { WorkerHandle } from '../worker/client';
import type { ImageWorkerApi, LoadProgressInfo, ModelInfo, SampleEvent, SampleJob, SampleResult } from './protocol';
import type { Verdict } from './tfAdapters';

export type ModelState =
  | { status: 'idle' }
  | { status: 'loading'; progress: LoadProgressInfo | null }
  | { status: 'ready'; info: ModelInfo }
  /** `damaged`: a file's SHA-256 digest did not match its manifest (lib/imageModel/download.ts ModelDamagedError). */
  | { status: 'error'; message: string; damaged?: boolean };

export interface SampleHandlers {
  /** Aborting it stops the job between steps; the promise then rejects with the AbortError. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** x̂_0 of images start … start + n − 1 at sampler step `done` of `total`. */
  onPreview?: (start: number, n: number, x0Hat: Float32Array, done: number, total: number) => void;
  /** Final images (and the classifier's verdicts) of one chunk. */
  onChunk?: (start: number, n: number, images: Float32Array, verdicts: Verdict[] | null) => void;
}

export interface LoadOptions {
  backend?: BackendPreference;
  /** Also load the evaluation classifier (default true). */
  classifier?: boolean;
  onProgress?: (p: LoadProgressInfo) => void;
}

const modelUrl = (name: string) => new URL(`/models/${name}`, typeof location !== 'undefined' ? location.href : 'http://localhost/').href;

export class ImageModelClient {
  /** idle → loading (with progress) → ready (ModelInfo), or error with the loader's message. */
  readonly store: ValueStore<ModelState> = makeStore<ModelState>({ status: 'idle' });
  private loadKey: string | null = null;
  private loadWithClassifier = false;
  private loadPromise: Promise<ModelInfo> | null = null;
  private loadWatchers: ((p: LoadProgressInfo) => void)[] = [];
  private lastBackend: BackendPreference | null = null;

  constructor(private readonly worker: WorkerHandle<ImageWorkerApi>) {
    worker.onCrash((e) => this.forget(e.message));
  }

  get state(): ModelState {
    return this.store.get();
  }

  private forget(message: string, damaged = false): void {
    this.loadPromise = null;
    this.loadKey = null;
    this.loadWatchers = [];
    this.store.set({ status: 'error', message, damaged });
  }

  private progress(p: LoadProgressInfo): void {
    for (const fn of this.loadWatchers) fn(p);
    this.store.set({ status: 'loading', progress: p });
  }

  /** Loads (once) the U-Net and, by default, the evaluation classifier; resolves with what was loaded. */
  load(options: LoadOptions = {}): Promise<ModelInfo> {
    // Cells without their own backend control reuse the page's current choice (no reload).
    const preference = options.backend ?? this.lastBackend ?? 'auto';
    this.lastBackend = preference;
    const classifier = options.classifier ?? true;
    const key = `${modelUrl(UNET_MODEL_NAME)}|${preference}`;
    if (options.onProgress) this.loadWatchers.push(options.onProgress);
    // A request without the classifier is satisfied by a load that has it.
    if (this.loadPromise && this.loadKey === key && (!classifier || this.loadWithClassifier)) return this.loadPromise;
    this.loadKey = key;
    this.loadWithClassifier = classifier;
    this.store.set({ status: 'loading', progress: null });
    const onProgress = Comlink.proxy((p: LoadProgressInfo) => this.progress(p));
    const urls = { unet: modelUrl(UNET_MODEL_NAME), classifier: classifier ? modelUrl(CLASSIFIER_MODEL_NAME) : null };
    // `?wasm-threads=N` (benchmarks) forces the wasm thread count; otherwise the worker measures.
    const threads = parseThreadsOverride(typeof location !== 'undefined' ? location.search : '');
    const promise = pageBackend(preference, (p, cached) => this.worker.call((api) => api.useBackend(p, cached, onProgress, threads)))
      .then((choice) => this.worker.call((api) => api.load(choice, urls, onProgress)));
    this.loadPromise = promise;
    promise.then(
      (info) => { if (this.loadPromise === promise) { this.loadWatchers = []; this.store.set({ status: 'ready', info }); } },
      // A failed load is forgotten so that Run can try again (e.g. after a network hiccup).
      (e: Error) => { if (this.loadPromise === promise) this.forget(e.message, e.name === 'ModelDamagedError'); },
    );
    return promise;
  }

  /** Runs a sampling job in the worker (after `load`). */
  sample(job: SampleJob, h: SampleHandlers = {}): Promise<SampleResult> {
    const onEvent = (e: SampleEvent) => {
      if (e.type === 'progress') h.onProgress?.(e.done, e.total);
      else if (e.type === 'preview') h.onPreview?.(e.start, e.n, e.x0Hat, e.done, e.total);
      else h.onChunk?.(e.start, e.n, e.images, e.verdicts);
    };
    return this.worker.job(h.signal, (api, jobId) => api.sample(jobId, job, Comlink.proxy(onEvent)));
  }

  /** tf.memory() inside the worker (0 tensors before the first load). */
  memory(): Promise<MemoryReport> {
    if (!this.worker.started) return Promise.resolve({ numTensors: 0, numBytes: 0, backend: null });
    return this.worker.call((api) => api.memory());
  }

  /** The evaluation classifier's verdicts for n images ([n, 28, 28, 3] in [−1, 1]). */
  classify(images: Float32Array, n: number): Promise<Verdict[]> {
    return this.worker.call((api) => api.classify(images, n));
  }
}

let singleton: ImageModelClient | null = null;

/** The page's one client (created on first use; no worker starts until `load`). */
export function getImageModelClient(): ImageModelClient {
  singleton ??= new ImageModelClient(new WorkerHandle<ImageWorkerApi>('image-model worker',
    () => new Worker(new URL('./imageSampling.worker.ts', import.meta.url), { type: 'module' })));
  return singleton;
}
