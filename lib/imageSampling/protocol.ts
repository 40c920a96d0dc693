/**
 * What the page and imageSampling.worker.ts exchange (one worker per page, shared by every cell
 * that uses the pretrained image model), served by the site's one worker layer (lib/worker,
 * comlink); the page calls it through ./client.ts. Plain data only: typed arrays travel as
 * transferables, operators are described by kind and rebuilt in the worker.
 */
import type { BackendPreference } from '../backend/decide';
import type { BackendChoice, MemoryReport } from '../backend/session';
import type { RemoteCallback, WorkerControl } from '../worker/host';
import type { Verdict } from './tfAdapters';
import type { SamplerSpec } from '../diffusion/samplers';

export type InverseSpec =
  | { kind: 'super-resolution'; factor: number }
  | { kind: 'inpainting'; /** 1 = known pixel, 0 = hole; 28·28 entries, row-major */ known: Uint8Array }
  | { kind: 'colorization' };

export interface SampleJob {
  /** DDPM over all T steps, or DDIM with steps S and η (the core's one spec; x̂_0 clipping is the sampler's). */
  sampler: SamplerSpec;
  guidance: number;
  /** One entry per image: digit 0..9 or null (none). */
  digits: (number | null)[];
  /** One entry per image: colour index 0..8 or null (none). */
  colours: (number | null)[];
  seed: number;
  /** Preview x̂_0 every k steps (0 = never). */
  previewEvery: number;
  /** Images per network batch (the guided batch is twice this). */
  chunkSize?: number;
  /** Grade the finished images with the evaluation classifier (when it is loaded). */
  classify?: boolean;
  inverse?: { spec: InverseSpec; /** observation(s): one per image or one shared */ y: Float32Array; resample?: number };
}

export interface ModelInfo {
  backend: string;
  backendReason: string;
  backendWhy?: import('../backend/decide').BackendWhy;
  /** On wasm: how many threads it runs and why (lib/backend/threads.ts). */
  wasmThreads?: import('../backend/threads').WasmThreads;
  /** Network parameters and download size, from the manifest. */
  parameters: number;
  T: number;
  betaStart: number;
  betaEnd: number;
  colours: { name: string; rgb: [number, number, number] }[];
  background: [number, number, number];
  nullDigit: number;
  nullColour: number;
  defaultGuidance: number | null;
  /** The classifier loaded; otherwise why not. */
  classifier: boolean;
  classifierError?: string;
  /** Seconds spent selecting the backend and downloading / building the models. */
  loadSeconds: number;
}

export interface JobTiming {
  /** Wall-clock seconds of the whole sampling job in the worker (all chunks, network + sampler). */
  totalSeconds: number;
  /** Seconds inside the network calls. */
  networkSeconds: number;
  /** Sampler steps per chunk and number of chunks. */
  steps: number;
  chunks: number;
  /** Network calls, and images per call (2× the chunk with guidance). */
  forwardPasses: number;
  batch: number;
  /** totalSeconds · 1000 / (steps · chunks): milliseconds per sampler step of one batch. */
  perStepMs: number;
  /** Seconds grading the images with the classifier (not in totalSeconds). */
  classifySeconds: number;
  backend: string;
}

/** What a model load streams to the page. */
export interface LoadProgressInfo {
  phase: 'backend' | 'unet' | 'classifier';
  /** Download fraction of the current file set (0 while the backend is chosen). */
  fraction: number;
  message?: string;
}

/** What a sampling job streams to the page. */
export type SampleEvent =
  | { type: 'progress'; done: number; total: number }
  /** x̂_0 of images start … start + n − 1 at sampler step `done` of `total`. */
  | { type: 'preview'; start: number; n: number; x0Hat: Float32Array; done: number; total: number }
  /** Final images (and the classifier's verdicts) of one chunk. */
  | { type: 'chunk'; start: number; n: number; images: Float32Array; verdicts: Verdict[] | null };

export interface SampleResult {
  images: Float32Array;
  verdicts: Verdict[] | null;
  timing: JobTiming;
}

/** Where the models are served from (absolute URLs; the classifier is optional). */
export interface ModelUrls {
  unet: string;
  classifier: string | null;
}

/** The image-model worker's calls (plus stop / crashForTests from lib/worker). One worker per page. */
export interface ImageWorkerApi extends WorkerControl {
  /**
   * Select the backend for a preference ("auto" reuses `cached`, the page's decision, when given);
   * `threads` forces wasm's thread count (`?wasm-threads=N`) before wasm first starts here.
   */
  useBackend(preference: BackendPreference, cached: BackendChoice | null, events?: RemoteCallback<LoadProgressInfo>, threads?: number | null): Promise<BackendChoice>;
  /** Download and build the models on `backend` (kept for the session; asking again is free). */
  load(backend: BackendChoice, urls: ModelUrls, events?: RemoteCallback<LoadProgressInfo>): Promise<ModelInfo>;
  /** One sampling job (several may interleave); Stop (job `jobId`) rejects it with the AbortError. */
  sample(jobId: number, job: SampleJob, events?: RemoteCallback<SampleEvent>): Promise<SampleResult>;
  /** The evaluation classifier's verdicts for n images ([n, 28, 28, 3] in [−1, 1]). */
  classify(images: Float32Array, n: number): Promise<Verdict[]>;
  memory(): MemoryReport;
}
