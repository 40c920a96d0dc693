'use client';
/**
 * The page side of the image-model worker: ONE worker and ONE loaded model per page, shared by
 * every cell (prompt-to-image, super-resolution, inpainting, colorization, the home-page avatar
 * strip, a nearest-training-image check…). The worker starts on the first `load()`, not before;
 * the model stays loaded for the session (later visits hit the browser's HTTP cache).
 */
import type { BackendPreference } from '@/lib/backend/decide';
import type { FromWorker, JobTiming, ModelInfo, SampleJob, ToWorker } from '@/lib/imageSampling/protocol';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import { CLASSIFIER_MODEL_NAME, UNET_MODEL_NAME } from '@/lib/imageModel/spec';
import { makeStore } from '@/lib/valueStore';

// Built from the spec (not imported from load.ts, which pulls TF.js into the page bundle).
const DEFAULT_UNET_URL = `/models/${UNET_MODEL_NAME}`;
const DEFAULT_CLASSIFIER_URL = `/models/${CLASSIFIER_MODEL_NAME}`;

export type { ModelInfo, SampleJob, JobTiming, Verdict };

export interface LoadProgressInfo {
  phase: 'backend' | 'unet' | 'classifier';
  /** Download fraction of the current file set (0 while the backend is chosen). */
  fraction: number;
  message?: string;
}

export type ModelState =
  | { status: 'idle' }
  | { status: 'loading'; progress: LoadProgressInfo | null }
  | { status: 'ready'; info: ModelInfo }
  | { status: 'error'; message: string };

export interface SampleHandlers {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** x̂_0 of images start … start + n − 1 at sampler step `done` of `total`. */
  onPreview?: (start: number, n: number, x0Hat: Float32Array, done: number, total: number) => void;
  /** Final images (and the classifier's verdicts) of one chunk. */
  onChunk?: (start: number, n: number, images: Float32Array, verdicts: Verdict[] | null) => void;
}

export interface SampleResult {
  images: Float32Array;
  verdicts: Verdict[] | null;
  timing: JobTiming;
}

export interface LoadOptions {
  backend?: BackendPreference;
  /** Also load the evaluation classifier (default true). */
  classifier?: boolean;
  onProgress?: (p: LoadProgressInfo) => void;
}

type Pending = {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onMessage?: (m: FromWorker) => void;
};

function abortError(): Error {
  const e = new Error('stopped');
  e.name = 'AbortError';
  return e;
}

export class ImageModelClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private loadKey: string | null = null;
  private loadPromise: Promise<ModelInfo> | null = null;
  private loadWatchers: ((p: LoadProgressInfo) => void)[] = [];
  /** The model's load state, in the project's one observable store (lib/valueStore). */
  private readonly store = makeStore<ModelState>({ status: 'idle' });
  get state(): ModelState { return this.store.get(); }

  subscribe(fn: (s: ModelState) => void): () => void {
    return this.store.subscribe(() => fn(this.store.get()));
  }

  private setState(s: ModelState): void {
    this.store.set(s);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('../../lib/imageSampling/imageSampling.worker.ts', import.meta.url));
    w.onmessage = (ev: MessageEvent<FromWorker>) => {
      const m = ev.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      p.onMessage?.(m);
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      const err = new Error(`The image-model worker failed: ${ev.message || 'unknown error'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null;
      this.loadPromise = null;
      this.loadKey = null;
      this.setState({ status: 'error', message: err.message });
    };
    this.worker = w;
    return w;
  }

  private request<T>(msg: ToWorker, onMessage: (m: FromWorker, done: (v: T) => void, fail: (e: Error) => void) => void, transfer: Transferable[] = []): Promise<T> {
    const w = this.ensureWorker();
    return new Promise<T>((resolve, reject) => {
      const finish = () => this.pending.delete(msg.id);
      const entry: Pending = {
        resolve: resolve as (v: unknown) => void,
        reject: (e) => { finish(); reject(e); },
        onMessage: (m) => {
          if (m.type === 'error') { finish(); reject(new Error(m.message)); return; }
          onMessage(m, (v) => { finish(); resolve(v); }, (e) => { finish(); reject(e); });
        },
      };
      this.pending.set(msg.id, entry);
      w.postMessage(msg, transfer);
    });
  }

  /** Loads (once) the U-Net and, by default, the evaluation classifier; resolves with what was loaded. */
  load(options: LoadOptions = {}): Promise<ModelInfo> {
    // Cells without their own backend control reuse the page's current choice (no reload).
    const backend = options.backend ?? this.lastBackend ?? 'auto';
    this.lastBackend = backend;
    const classifier = options.classifier ?? true;
    const origin = typeof location !== 'undefined' ? location.href : 'http://localhost/';
    const unetUrl = new URL(DEFAULT_UNET_URL, origin).href;
    const classifierUrl = classifier ? new URL(DEFAULT_CLASSIFIER_URL, origin).href : null;
    const wasmPath = new URL('/tfjs-wasm/', origin).href;
    // A request without the classifier is satisfied by a load that has it.
    const key = `${unetUrl}|${backend}`;
    if (options.onProgress) this.loadWatchers.push(options.onProgress);
    if (this.loadPromise && this.loadKey === key && (classifier === false || this.loadWithClassifier)) return this.loadPromise;
    const id = this.nextId++;
    this.loadKey = key;
    this.loadWithClassifier = classifier;
    this.setState({ status: 'loading', progress: null });
    const promise = this.request<ModelInfo>(
      { type: 'load', id, unetUrl, classifierUrl, wasmPath, backend },
      (m, done) => {
        if (m.type === 'load-progress') {
          const p = { phase: m.phase, fraction: m.fraction, message: m.message };
          for (const fn of this.loadWatchers) fn(p);
          this.setState({ status: 'loading', progress: p });
        } else if (m.type === 'loaded') done(m.info);
      },
    );
    this.loadPromise = promise;
    promise.then(
      (info) => { if (this.loadPromise === promise) { this.loadWatchers = []; this.setState({ status: 'ready', info }); } },
      (e: Error) => {
        if (this.loadPromise !== promise) return;
        // A failed load is forgotten so that Run can try again (e.g. after a network hiccup).
        this.loadPromise = null;
        this.loadKey = null;
        this.loadWatchers = [];
        this.setState({ status: 'error', message: e.message });
      },
    );
    return promise;
  }

  private loadWithClassifier = false;
  private lastBackend: BackendPreference | null = null;

  /** Runs a sampling job in the worker. Abort the signal to stop it; the promise then rejects with an AbortError once the worker has stopped. */
  sample(job: SampleJob, h: SampleHandlers = {}): Promise<SampleResult> {
    if (h.signal?.aborted) return Promise.reject(abortError());
    const id = this.nextId++;
    const onAbort = () => this.worker?.postMessage({ type: 'stop', id } satisfies ToWorker);
    h.signal?.addEventListener('abort', onAbort, { once: true });
    const p = this.request<SampleResult>({ type: 'sample', id, job }, (m, done, fail) => {
      switch (m.type) {
        case 'progress': h.onProgress?.(m.done, m.total); break;
        case 'preview': h.onPreview?.(m.start, m.n, m.x0Hat, m.done, m.total); break;
        case 'chunk': h.onChunk?.(m.start, m.n, m.images, m.verdicts); break;
        case 'result': done({ images: m.images, verdicts: m.verdicts, timing: m.timing }); break;
        case 'stopped': fail(abortError()); break;
        default: break;
      }
    });
    return p.finally(() => h.signal?.removeEventListener('abort', onAbort));
  }

  /** tf.memory() inside the worker (0 tensors before the first load). */
  memory(): Promise<{ numTensors: number; numBytes: number; backend: string | null }> {
    const id = this.nextId++;
    return this.request({ type: 'memory', id }, (m, done) => {
      if (m.type === 'memory') done({ numTensors: m.numTensors, numBytes: m.numBytes, backend: m.backend });
    });
  }

  /** The evaluation classifier's verdicts for n images ([n, 28, 28, 3] in [−1, 1]). */
  classify(images: Float32Array, n: number): Promise<Verdict[]> {
    const id = this.nextId++;
    return this.request({ type: 'classify', id, images, n }, (m, done) => {
      if (m.type === 'verdicts') done(m.verdicts);
    });
  }
}

let singleton: ImageModelClient | null = null;

/** The page's one client (created on first use; no worker starts until `load`). */
export function getImageModelClient(): ImageModelClient {
  if (!singleton) singleton = new ImageModelClient();
  return singleton;
}
