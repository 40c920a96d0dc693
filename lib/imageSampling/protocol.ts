/**
 * Messages between the page and imageSampling.worker.ts (one worker per page, shared by every
 * cell that uses the pretrained image model). Plain data only: typed arrays travel as
 * transferables, operators are described by kind and rebuilt in the worker.
 */
import type { BackendPreference } from '../backend/decide';
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

export type ToWorker =
  | { type: 'load'; id: number; unetUrl: string; classifierUrl: string | null; wasmPath: string; backend: BackendPreference }
  | { type: 'sample'; id: number; job: SampleJob }
  | { type: 'stop'; id: number }
  | { type: 'memory'; id: number }
  | { type: 'classify'; id: number; images: Float32Array; n: number };

export type FromWorker =
  | { type: 'load-progress'; id: number; phase: 'backend' | 'unet' | 'classifier'; fraction: number; message?: string }
  | { type: 'loaded'; id: number; info: ModelInfo }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'preview'; id: number; start: number; n: number; x0Hat: Float32Array; done: number; total: number }
  | { type: 'chunk'; id: number; start: number; n: number; images: Float32Array; verdicts: Verdict[] | null }
  | { type: 'result'; id: number; images: Float32Array; verdicts: Verdict[] | null; timing: JobTiming }
  | { type: 'stopped'; id: number }
  | { type: 'error'; id: number; message: string }
  | { type: 'memory'; id: number; numTensors: number; numBytes: number; backend: string | null }
  | { type: 'verdicts'; id: number; verdicts: Verdict[] };
