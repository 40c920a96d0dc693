/**
 * Sampling the pretrained coloured-digit model with the diffusion core's one reverse-process loop
 * (lib/diffusion/reverseProcess.ts `sampleLoop`, with DDPM Algorithm 2 on all T steps, or DDIM on S steps with η),
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
import { predictEpsFromX0, predictX0FromEps, type Vec } from '../diffusion/forward';
import { guidedEpsilon, makeSampler, type SamplerSpec } from '../diffusion/samplers';
import { drawPrior, sampleLoop } from '../diffusion/reverseProcess';
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
  /** DDPM over all T steps, or DDIM with steps S and η. Clipping x̂_0 to [−1, 1] is decided here (see `imageSamplerSpec`), not by the spec. */
  sampler: SamplerSpec;
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
  /** Checked before every network call; when it is aborted the loop throws the AbortError (lib/abort). */
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

/**
 * The spec as the image sampler runs it: x̂_0 clipped to [−1, 1] by the core's step, except
 * with a projection (which clips x̂_0 itself before projecting, so that A x_0 = y stays exact).
 */
function imageSamplerSpec(spec: SamplerSpec, projection: boolean): SamplerSpec {
  return { ...spec, clipX0: projection ? false : 1 };
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
  table: ScheduleTable, x: Float32Array, t: number, epsTilde: Vec, inverse: InverseProblem,
): { eps: Float32Array; x0Hat: Float32Array } {
  const x0 = predictX0FromEps(table, x, t, epsTilde) as Float32Array; // x̂_0 (Eq. 15)
  for (let k = 0; k < x0.length; k++) x0[k] = x0[k] > 1 ? 1 : x0[k] < -1 ? -1 : x0[k]; // data range [−1, 1]
  const x0Projected = ddnmProject(inverse.operator, inverse.y, x0); // A⁺y + (I − A⁺A) x̂_0
  const eps = predictEpsFromX0(table, x, t, x0Projected) as Float32Array; // ε' with x̂_0(ε') = x̂_0'
  return { eps, x0Hat: x0Projected };
}

function checkOptions(shape: ImageModelShape, o: SampleImagesOptions): void {
  const n = o.digits.length;
  if (n < 1 || o.colours.length !== n) throw new RangeError('Give one digit and one colour (or null) per image.');
  if (!(Number.isFinite(o.guidance) && o.guidance >= 0)) throw new RangeError(`The guidance strength w must be a number ≥ 0 (got ${o.guidance}).`);
  const inverse = o.inverse;
  if (!inverse) return;
  if (inverse.operator.inSize !== shape.size * shape.size * shape.channels) throw new RangeError('The operator does not match the image size.');
  if (inverse.y.length !== inverse.operator.outSize && inverse.y.length !== n * inverse.operator.outSize) {
    throw new RangeError('The observation y does not match the operator and the number of images.');
  }
}

/** Runs the reverse process (the core's `sampleLoop`) for a batch of images; see the module comment. */
export async function sampleImages(
  eps: ConditionalEpsilon, table: ScheduleTable, shape: ImageModelShape, o: SampleImagesOptions,
): Promise<SampleImagesResult> {
  checkOptions(shape, o);
  const n = o.digits.length;
  const inverse = o.inverse;
  const sampler = makeSampler(table, imageSamplerSpec(o.sampler, !!inverse));
  const digit = Int32Array.from(o.digits, (d) => (d === null ? shape.nullDigit : d));
  const colour = Int32Array.from(o.colours, (c) => (c === null ? shape.nullColour : c));
  const rng = makeRng(o.seed);
  const every = Math.max(0, Math.floor(o.previewEvery ?? 0));
  const started = performance.now();
  let networkMs = 0;
  let forwardPasses = 0;
  const epsilonModel = async (xt: Float32Array, t: number) => {
    const s = performance.now();
    const e = await guidedBatchEpsilon(eps, xt, n, t - 1, digit, colour, o.guidance, shape);
    networkMs += performance.now() - s;
    forwardPasses++;
    return e;
  };
  const xT = drawPrior(n * shape.size * shape.size * shape.channels, rng);
  const x = await sampleLoop(sampler, xT, epsilonModel, rng, {
    signal: o.signal,
    resample: inverse?.resample ?? 0,
    adjustEpsilon: inverse ? (e, xt, t) => projectedEpsilon(table, xt, t, e, inverse).eps : undefined,
    onStep: async ({ index, total, t, result }) => {
      const progress = { done: index + 1, total, t };
      if (o.onPreview && every > 0 && ((index + 1) % every === 0 || index + 1 === total)) {
        o.onPreview({ ...progress, x0Hat: Float32Array.from(result.x0Hat) });
      }
      if (o.onStep) await o.onStep(progress);
    },
  });
  // Plain sampling already ends on a clipped x̂_0. With a projection the last step returns x̂_0'
  // exactly (A x_0 = y); it is not clipped again, so that consistency is kept (drawing clamps pixels).
  if (!inverse) for (let k = 0; k < x.length; k++) x[k] = x[k] > 1 ? 1 : x[k] < -1 ? -1 : x[k];
  const steps = sampler.timesteps.length;
  return { images: x, n, steps, forwardPasses, batch: o.guidance === 0 ? n : 2 * n, networkMs, totalMs: performance.now() - started };
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
