/**
 * Sampling the pretrained coloured-digit model with the diffusion core's samplers
 * (lib/diffusion/samplers.ts: DDPM Algorithm 2 on all T steps, or DDIM on S steps with η),
 * classifier-free guidance, progressive x̂_0 previews, Stop between steps, and — for the
 * inverse problems — DDNM's range/null-space projection of x̂_0 at every step (operators.ts),
 * optionally with RePaint-style resampling.
 *
 * The network is reached through `ConditionalEpsilon`, an async function on flat NHWC arrays, so
 * this loop holds no tensors at all (`tfEpsilon` in epsilonModel.ts adapts the TF.js U-Net and
 * frees every tensor it makes). Everything random comes from one `makeRng(seed)` stream.
 */
import { makeRng } from '../rng';
import type { ScheduleTable } from '../diffusion/schedule';
import { predictEpsFromX0, predictX0FromEps } from '../diffusion/forward';
import { guidedEpsilon, makeSampler, makeStepBuffers, type Sampler } from '../diffusion/samplers';
import { ddnmProject, type LinearOperator } from './operators';

/**
 * ε_θ for a batch of n images: x is [n, H, W, C] flattened, tIndex the network's time index
 * (0..T−1, i.e. the paper's t − 1), digit / colour one vocabulary index per image (the "none"
 * tokens included). Resolves to a new array of the same length as x.
 */
export type ConditionalEpsilon = (
  x: Float32Array, n: number, tIndex: number, digit: Int32Array, colour: Int32Array,
) => Promise<Float32Array>;

export interface ImageModelShape {
  size: number; // 28
  channels: number; // 3
  /** Vocabulary index of the "none" digit / colour token. */
  nullDigit: number;
  nullColour: number;
}

export interface InverseProblem {
  operator: LinearOperator;
  /** One observation per image, or one shared by all (length operator.outSize). */
  y: Float32Array;
  /** RePaint-style resampling: after each step, jump back to the step's t and redo it this many times (0 = off). */
  resample?: number;
}

export interface SampleImagesOptions {
  sampler: 'ddim' | 'ddpm';
  /** DDIM steps S (1..T); DDPM always walks all T steps. */
  steps: number;
  /** DDIM η (0 = deterministic DDIM, 1 = DDPM-like noise). */
  eta: number;
  /** Guidance strength w in ε̃ = (1 + w) ε_θ(x_t, c) − w ε_θ(x_t, ∅); 0 = plain conditional model. */
  guidance: number;
  /** Per image: digit 0..9 or null (none). Its length is the number of images. */
  digits: readonly (number | null)[];
  /** Per image: colour index or null (none). Same length as digits. */
  colours: readonly (number | null)[];
  seed: number;
  inverse?: InverseProblem;
  /** Report x̂_0 every k steps (and at the last step); 0 = never. */
  previewEvery?: number;
  /** Checked before every network call; when it is aborted the loop throws an AbortError. */
  signal?: { readonly aborted: boolean };
  /** Called after every step; awaited (a worker yields here so a Stop message can arrive). */
  onStep?: (p: StepProgress) => void | Promise<void>;
  onPreview?: (p: Preview) => void;
}

export interface StepProgress {
  /** Steps done so far (1..total). */
  done: number;
  total: number;
  /** The paper's t of the step just taken. */
  t: number;
}

export interface Preview extends StepProgress {
  /** x̂_0 of every image after this step (a copy, [n, H, W, C]; after the projection when there is one). */
  x0Hat: Float32Array;
}

export interface SampleImagesResult {
  /** x_0 of every image, [n, H, W, C]: clipped to [−1, 1], except with a projection (then A x_0 = y exactly). */
  images: Float32Array;
  n: number;
  /** Sampler steps taken (S for DDIM, T for DDPM). */
  steps: number;
  /** Network calls made (each a batch of n, or 2n with guidance). */
  forwardPasses: number;
  /** Batch size of each network call. */
  batch: number;
  /** Milliseconds spent in network calls, and in the whole loop. */
  networkMs: number;
  totalMs: number;
}

export function abortError(): Error {
  const e = new Error('stopped');
  e.name = 'AbortError';
  return e;
}

/** The core sampler for the options (x̂_0 clipping to [−1, 1] is done by the core unless a projection needs it first). */
export function imageSampler(table: ScheduleTable, o: Pick<SampleImagesOptions, 'sampler' | 'steps' | 'eta'>, clip: boolean): Sampler {
  const clipX0 = clip ? 1 : false;
  return o.sampler === 'ddpm'
    ? makeSampler(table, { kind: 'ddpm', variance: 'large', clipX0 })
    : makeSampler(table, { kind: 'ddim', steps: o.steps, eta: o.eta, clipX0 });
}

/**
 * Classifier-free guidance with both halves in ONE network call: the batch is
 * [x, x] with conditions [c, ∅], then ε̃ = (1 + w) ε_c − w ε_∅ (the core's `guidedEpsilon`).
 * With w = 0 the formula is ε_c alone, so only the conditional half is computed.
 */
export async function guidedBatchEpsilon(
  eps: ConditionalEpsilon, x: Float32Array, n: number, tIndex: number,
  digit: Int32Array, colour: Int32Array, w: number, shape: ImageModelShape,
): Promise<Float32Array> {
  if (w === 0) return eps(x, n, tIndex, digit, colour);
  const per = x.length / n;
  const x2 = new Float32Array(2 * x.length);
  x2.set(x, 0);
  x2.set(x, x.length);
  const d2 = new Int32Array(2 * n).fill(shape.nullDigit);
  const c2 = new Int32Array(2 * n).fill(shape.nullColour);
  d2.set(digit, 0);
  c2.set(colour, 0);
  const both = await eps(x2, 2 * n, tIndex, d2, c2);
  if (both.length !== 2 * n * per) throw new Error(`The network returned ${both.length} values for ${2 * n} images.`);
  return guidedEpsilon(both.subarray(0, x.length), both.subarray(x.length), w);
}

/** The DDNM correction folded into the core's step: ε' is the noise that makes the step see x̂_0'. */
export function projectedEpsilon(
  table: ScheduleTable, x: Float32Array, t: number, epsTilde: Float32Array, inverse: InverseProblem,
): { eps: Float32Array; x0Hat: Float32Array } {
  const x0 = predictX0FromEps(table, x, t, epsTilde) as Float32Array; // x̂_0 (Eq. 15)
  for (let k = 0; k < x0.length; k++) x0[k] = x0[k] > 1 ? 1 : x0[k] < -1 ? -1 : x0[k]; // data range [−1, 1]
  const x0Projected = ddnmProject(inverse.operator, inverse.y, x0); // A⁺y + (I − A⁺A) x̂_0
  const eps = predictEpsFromX0(table, x, t, x0Projected) as Float32Array; // ε' with x̂_0(ε') = x̂_0'
  return { eps, x0Hat: x0Projected };
}

/** Runs the reverse process for a batch of images; see the module comment. */
export async function sampleImages(
  eps: ConditionalEpsilon, table: ScheduleTable, shape: ImageModelShape, o: SampleImagesOptions,
): Promise<SampleImagesResult> {
  const n = o.digits.length;
  if (n < 1 || o.colours.length !== n) throw new RangeError('Give one digit and one colour (or null) per image.');
  if (!(Number.isFinite(o.guidance) && o.guidance >= 0)) throw new RangeError(`The guidance strength w must be a number ≥ 0 (got ${o.guidance}).`);
  const per = shape.size * shape.size * shape.channels;
  const inverse = o.inverse;
  if (inverse) {
    if (inverse.operator.inSize !== per) throw new RangeError('The operator does not match the image size.');
    if (inverse.y.length !== inverse.operator.outSize && inverse.y.length !== n * inverse.operator.outSize) {
      throw new RangeError('The observation y does not match the operator and the number of images.');
    }
  }
  const resample = Math.max(0, Math.floor(inverse?.resample ?? 0));
  const sampler = imageSampler(table, o, !inverse);
  const digit = Int32Array.from(o.digits, (d) => (d === null ? shape.nullDigit : d));
  const colour = Int32Array.from(o.colours, (c) => (c === null ? shape.nullColour : c));
  const rng = makeRng(o.seed);

  const started = performance.now();
  let networkMs = 0;
  let forwardPasses = 0;
  let x: Float32Array = new Float32Array(n * per);
  rng.fillNormal(x); // x_T ~ N(0, I)
  let spare = makeStepBuffers(x.length);
  const total = sampler.timesteps.length;
  const every = Math.max(0, Math.floor(o.previewEvery ?? 0));

  const predict = async (xt: Float32Array, t: number) => {
    if (o.signal?.aborted) throw abortError();
    const s = performance.now();
    const e = await guidedBatchEpsilon(eps, xt, n, t - 1, digit, colour, o.guidance, shape);
    networkMs += performance.now() - s;
    forwardPasses++;
    return e;
  };

  for (let i = 0; i < total; i++) {
    const t = sampler.timesteps[i];
    let x0Hat: Float32Array;
    for (let r = 0; ; r++) {
      const epsTilde = await predict(x, t);
      let epsStep = epsTilde;
      if (inverse) {
        const p = projectedEpsilon(table, x, t, epsTilde, inverse);
        epsStep = p.eps;
      }
      const res = sampler.step(epsStep, t, x, rng, spare);
      x0Hat = res.x0Hat;
      // Swap buffers: the old x becomes the spare output buffer.
      const next = res.prev;
      spare = { ...spare, prev: x };
      x = next;
      if (r >= resample || res.tPrev === 0) break;
      // RePaint-style resampling: back from t_prev to t with q(x_t | x_{t_prev}), then redo the step.
      const ratio = table.alphaBar[t - 1] / table.alphaBar[res.tPrev - 1]; // ᾱ_t / ᾱ_{t_prev}
      const a = Math.sqrt(ratio);
      const s = Math.sqrt(1 - ratio);
      const z = new Float32Array(x.length);
      rng.fillNormal(z);
      for (let k = 0; k < x.length; k++) x[k] = a * x[k] + s * z[k];
    }
    const progress = { done: i + 1, total, t };
    if (o.onPreview && every > 0 && ((i + 1) % every === 0 || i + 1 === total)) {
      o.onPreview({ ...progress, x0Hat: Float32Array.from(x0Hat) });
    }
    if (o.onStep) await o.onStep(progress);
  }
  // Plain sampling already ends on a clipped x̂_0. With a projection the last step returns x̂_0'
  // exactly (A x_0 = y); it is not clipped again, so that consistency is kept (drawing clamps pixels).
  if (!inverse) for (let k = 0; k < x.length; k++) x[k] = x[k] > 1 ? 1 : x[k] < -1 ? -1 : x[k];
  return {
    images: x,
    n,
    steps: total,
    forwardPasses,
    batch: o.guidance === 0 ? n : 2 * n,
    networkMs,
    totalMs: performance.now() - started,
  };
}

/**
 * Spreads `count` samples over the requested digit and colour: a number fixes it, null leaves it
 * unconditional, 'all' cycles through every value — both 'all' walks all digit × colour pairs
 * (sample i gets pair i mod (digits × colours), so 90 samples cover every pair once).
 */
export function spreadConditions(
  count: number, digit: number | null | 'all', colour: number | null | 'all', numDigits = 10, numColours = 9,
): { digits: (number | null)[]; colours: (number | null)[] } {
  const digits: (number | null)[] = [];
  const colours: (number | null)[] = [];
  for (let i = 0; i < count; i++) {
    let d: number | null;
    let c: number | null;
    if (digit === 'all' && colour === 'all') {
      const p = i % (numDigits * numColours);
      d = p % numDigits;
      c = Math.floor(p / numDigits);
    } else {
      d = digit === 'all' ? i % numDigits : digit;
      c = colour === 'all' ? i % numColours : colour;
    }
    digits.push(d);
    colours.push(c);
  }
  return { digits, colours };
}
