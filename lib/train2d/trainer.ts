/**
 * Algorithm 1 (training) for the 2D model, in TF.js:
 *   x_0 ~ data, t ~ Uniform{1..T}, ε ~ N(0, I),
 *   x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε      (the core's table: sqrtAlphaBar, sqrtOneMinusAlphaBar)
 *   gradient step on ‖ε − ε_θ(x_t, t)‖²  (L_simple, Eq. 14)
 * The batch (x_t, t, ε) is drawn in plain JS from the cell's seeded RNG, so a seed reproduces a
 * run; TF.js only sees the network. `tPower` > 1 draws small t more often than Algorithm 1's
 * uniform t (t − 1 = ⌊T·u^p⌋, u ~ Uniform[0, 1)): a weighting of L_simple toward the small-t
 * terms, which L_simple down-weights relative to the variational bound (Ho et al., Sec. 3.4).
 * Adam with a short warm-up and a cosine decay of the learning
 * rate over the run (steps or seconds, whichever ends first), and an exponential moving
 * average (EMA) of the weights that sampling uses.
 */
import type * as TfNamespace from '@tensorflow/tfjs';
import { makeRng, type Rng } from '../rng';
import type { ScheduleTable } from '../diffusion/schedule';
import type { Net } from './model';

type Tf = typeof TfNamespace;

export interface TrainConfig {
  batch: number;
  /** Peak learning rate. */
  lr: number;
  /** Training stops after this many steps… */
  steps: number;
  /** …or after this many seconds of training, whichever comes first (0: no time limit). */
  seconds: number;
  /** Share of the run spent warming the learning rate up from 0. */
  warmupFrac: number;
  /** Final learning rate as a share of the peak. */
  minLrFrac: number;
  /** EMA decay per step (0: no EMA, sample the live weights). */
  emaDecay: number;
  seed: number;
  /** t − 1 = ⌊T·u^p⌋ with u ~ Uniform[0, 1): 1 (the default) is Algorithm 1's uniform t, p > 1 draws small t more often. */
  tPower?: number;
}

/** Why a t power is refused (null when it is fine). */
function checkTPower(p: number): string | null {
  return Number.isFinite(p) && p >= 0.25 && p <= 8 ? null : 'the t power must be a number from 0.25 to 8';
}

/** Learning rate at progress p ∈ [0, 1]: linear warm-up, then cosine down to minLrFrac·lr. */
export function learningRateAt(p: number, c: Pick<TrainConfig, 'lr' | 'warmupFrac' | 'minLrFrac'>): number {
  const q = Math.min(1, Math.max(0, p));
  if (c.warmupFrac > 0 && q < c.warmupFrac) return c.lr * (q / c.warmupFrac);
  const r = c.warmupFrac >= 1 ? 1 : (q - c.warmupFrac) / (1 - c.warmupFrac);
  const lo = c.lr * c.minLrFrac;
  return lo + (c.lr - lo) * 0.5 * (1 + Math.cos(Math.PI * r));
}

/** Fill x_t, ε and t − 1 for one batch (Algorithm 1, lines 2–4, and Eq. 4; t uniform when tPower is 1). */
export function drawBatch(
  data: Float32Array, table: ScheduleTable, rng: Rng,
  out: { xt: Float32Array; eps: Float32Array; tIdx: Int32Array }, tPower = 1,
): void {
  const n = data.length / 2;
  const B = out.tIdx.length;
  const T = table.T;
  for (let i = 0; i < B; i++) {
    const j = Math.min(n - 1, Math.floor(rng.uniform() * n));
    const u = rng.uniform();
    const ti = Math.min(T - 1, Math.floor((tPower === 1 ? u : Math.pow(u, tPower)) * T)); // t − 1; uniform on 1..T when tPower is 1
    const a = table.sqrtAlphaBar[ti], s = table.sqrtOneMinusAlphaBar[ti];
    const e0 = rng.normal(), e1 = rng.normal();
    out.eps[2 * i] = e0;
    out.eps[2 * i + 1] = e1;
    out.xt[2 * i] = a * data[2 * j] + s * e0;
    out.xt[2 * i + 1] = a * data[2 * j + 1] + s * e1;
    out.tIdx[i] = ti;
  }
}

export class Trainer {
  readonly net: Net;
  readonly config: TrainConfig;
  readonly ema: TfNamespace.Variable | null;
  step = 0;
  private readonly tf: Tf;
  private readonly data: Float32Array;
  private readonly table: ScheduleTable;
  private readonly rng: Rng;
  /** Adam's moment estimates m and v for θ. */
  private readonly m: TfNamespace.Variable;
  private readonly v: TfNamespace.Variable;
  private readonly buf: { xt: Float32Array; eps: Float32Array; tIdx: Int32Array };

  /** `data` must already be standardized (flat [x0, y0, …]). */
  constructor(tf: Tf, net: Net, data: Float32Array, table: ScheduleTable, config: TrainConfig) {
    if (data.length < 2) throw new RangeError('no training points');
    if (table.T !== net.config.T) throw new RangeError(`schedule has T = ${table.T} but the network was built for T = ${net.config.T}`);
    const pErr = checkTPower(config.tPower ?? 1);
    if (pErr) throw new RangeError(pErr);
    this.tf = tf;
    this.net = net;
    this.data = data;
    this.table = table;
    this.config = { ...config };
    this.rng = makeRng(config.seed ^ 0x5bd1e995);
    // tidy frees the initial-value tensors; the variables keep their own reference.
    this.m = tf.tidy(() => tf.variable(tf.zerosLike(net.theta), false));
    this.v = tf.tidy(() => tf.variable(tf.zerosLike(net.theta), false));
    this.ema = config.emaDecay > 0 ? tf.tidy(() => tf.variable(net.theta.clone(), false)) : null;
    const B = config.batch;
    this.buf = { xt: new Float32Array(2 * B), eps: new Float32Array(2 * B), tIdx: new Int32Array(B) };
  }

  /** Progress of the run in [0, 1] given elapsed training time. */
  progress(elapsedMs: number): number {
    const byStep = this.step / this.config.steps;
    const byTime = this.config.seconds > 0 ? elapsedMs / (1000 * this.config.seconds) : 0;
    return Math.min(1, Math.max(byStep, byTime));
  }

  /**
   * One gradient step: L_simple's gradient with respect to θ (Net.lossAndGrad), then Adam (β₁ = 0.9, β₂ = 0.999,
   * ε = 1e-8) written out on the single flat θ, then the EMA. Returns the loss tensor (not
   * read; the caller reads and disposes it).
   */
  trainStep(progress: number): TfNamespace.Scalar {
    const tf = this.tf;
    const lr = learningRateAt(progress, this.config);
    drawBatch(this.data, this.table, this.rng, this.buf, this.config.tPower ?? 1);
    const B = this.config.batch;
    this.step++;
    const k = this.step;
    const b1 = 0.9, b2 = 0.999, eps = 1e-8;
    // Bias corrections folded into the step size (Kingma & Ba, Algorithm 1, last lines).
    const stepSize = (lr * Math.sqrt(1 - Math.pow(b2, k))) / (1 - Math.pow(b1, k));
    const d = this.ema ? Math.min(this.config.emaDecay, (1 + k) / (10 + k)) : 0;
    return tf.tidy(() => {
      const xt = tf.tensor2d(this.buf.xt, [B, 2]);
      const epsT = tf.tensor2d(this.buf.eps, [B, 2]);
      const tIdx = tf.tensor1d(this.buf.tIdx, 'int32');
      const feats = this.net.features(xt, tIdx);
      const { loss: value, grad: g } = this.net.lossAndGrad(feats, epsT);
      const m = tf.add(tf.mul(this.m, b1), tf.mul(g, 1 - b1));
      const v = tf.add(tf.mul(this.v, b2), tf.mul(tf.square(g), 1 - b2));
      this.m.assign(m);
      this.v.assign(v);
      const theta = tf.sub(this.net.theta, tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps)), stepSize));
      this.net.theta.assign(theta);
      // EMA with a warm-started decay: early on the average follows the weights closely.
      if (this.ema) this.ema.assign(tf.add(this.ema, tf.mul(tf.sub(theta, this.ema), 1 - d)));
      return value;
    });
  }

  /** The weights to sample with: the EMA when there is one. */
  samplingTheta(): TfNamespace.Tensor {
    return this.ema ?? this.net.theta;
  }

  currentLr(progress: number): number {
    return learningRateAt(progress, this.config);
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
    this.ema?.dispose();
  }
}
