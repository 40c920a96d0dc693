/**
 * One sampling job as the worker runs it: the images are split into chunks (one guided network
 * batch each), every chunk runs `sampleImages`, and finished images are graded by the evaluation
 * classifier when it is there. No messaging here, so the same code is tested under Jest.
 */
import type { ScheduleTable } from '../diffusion/schedule';
import { colorizationOperator, inpaintingOperator, superResolutionOperator, type LinearOperator } from './operators';
import { sampleImages, type ConditionalEpsilon, type ImageModelShape } from './sampleImages';
import type { InverseSpec, JobTiming, SampleJob } from './protocol';
import type { Verdict } from './tfAdapters';

const DEFAULT_CHUNK = 16;
const MAX_CHUNK = 64;
const MAX_IMAGES = 1000;

export function operatorFor(spec: InverseSpec, size: number, channels: number): LinearOperator {
  switch (spec.kind) {
    case 'super-resolution': return superResolutionOperator(spec.factor, size, channels);
    case 'inpainting': return inpaintingOperator(spec.known, size, channels);
    case 'colorization': return colorizationOperator(size, channels);
    default: throw new Error(`Unknown inverse problem ${JSON.stringify((spec as { kind?: unknown }).kind)}.`);
  }
}

/** Seed of chunk k: chunk 0 uses the job's seed itself, so a one-chunk job is `sampleImages` with that seed. */
export function chunkSeed(seed: number, k: number): number {
  return (Math.floor(seed) + Math.imul(k, 0x9e3779b1)) >>> 0;
}

export interface JobCallbacks {
  signal: { readonly aborted: boolean };
  /** Awaited after every step (the worker yields to its message queue here). */
  onStep?: (done: number, total: number) => void | Promise<void>;
  onPreview?: (start: number, n: number, x0Hat: Float32Array, done: number, total: number) => void;
  onChunk?: (start: number, n: number, images: Float32Array, verdicts: Verdict[] | null) => void;
  classify?: (images: Float32Array, n: number) => Promise<Verdict[]>;
  backend: string;
}

export async function runSampleJob(
  eps: ConditionalEpsilon, table: ScheduleTable, shape: ImageModelShape, job: SampleJob, cb: JobCallbacks,
): Promise<{ images: Float32Array; verdicts: Verdict[] | null; timing: JobTiming }> {
  const count = job.digits.length;
  if (count < 1 || count > MAX_IMAGES) throw new RangeError(`Ask for 1 to ${MAX_IMAGES} images (got ${count}).`);
  const chunk = Math.min(MAX_CHUNK, Math.max(1, Math.floor(job.chunkSize ?? DEFAULT_CHUNK)));
  const per = shape.size * shape.size * shape.channels;
  const operator = job.inverse ? operatorFor(job.inverse.spec, shape.size, shape.channels) : null;
  const sharedY = job.inverse && job.inverse.y.length === operator!.outSize;
  const images = new Float32Array(count * per);
  const verdicts: Verdict[] | null = job.classify && cb.classify ? [] : null;
  const chunks = Math.ceil(count / chunk);
  let steps = 0, forwardPasses = 0, batch = 0, networkMs = 0, samplingMs = 0, classifyMs = 0;
  for (let k = 0; k < chunks; k++) {
    const start = k * chunk;
    const n = Math.min(chunk, count - start);
    const y = !job.inverse ? undefined
      : sharedY ? job.inverse.y
        : job.inverse.y.subarray(start * operator!.outSize, (start + n) * operator!.outSize);
    const t0 = performance.now();
    const r = await sampleImages(eps, table, shape, {
      sampler: job.sampler, guidance: job.guidance,
      digits: job.digits.slice(start, start + n), colours: job.colours.slice(start, start + n),
      seed: chunkSeed(job.seed, k), previewEvery: job.previewEvery, signal: cb.signal,
      inverse: job.inverse && operator && y ? { operator, y, resample: job.inverse.resample } : undefined,
      onStep: cb.onStep ? (p) => cb.onStep!(k * p.total + p.done, chunks * p.total) : undefined,
      onPreview: cb.onPreview ? (p) => cb.onPreview!(start, n, p.x0Hat, k * p.total + p.done, chunks * p.total) : undefined,
    });
    samplingMs += performance.now() - t0;
    networkMs += r.networkMs;
    steps = r.steps;
    forwardPasses += r.forwardPasses;
    batch = Math.max(batch, r.batch);
    images.set(r.images, start * per);
    let v: Verdict[] | null = null;
    if (verdicts && cb.classify) {
      const c0 = performance.now();
      v = await cb.classify(r.images, n);
      classifyMs += performance.now() - c0;
      verdicts.push(...v);
    }
    cb.onChunk?.(start, n, r.images, v);
  }
  const totalSeconds = samplingMs / 1000;
  return {
    images,
    verdicts,
    timing: {
      totalSeconds,
      networkSeconds: networkMs / 1000,
      steps,
      chunks,
      forwardPasses,
      batch,
      perStepMs: (samplingMs / Math.max(1, steps * chunks)),
      classifySeconds: classifyMs / 1000,
      backend: cb.backend,
    },
  };
}
