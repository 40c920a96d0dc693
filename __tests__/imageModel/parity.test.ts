/** @jest-environment node */
/**
 * The TF.js rebuild of the exported models must reproduce PyTorch.
 *
 * The fixtures (written by training/export_tfjs.py) hold PyTorch outputs computed with the
 * float16-rounded weights, i.e. exactly the numbers the shard stores. Both sides therefore run the
 * same weights in float32 arithmetic, and the only differences left are float32 summation order
 * (convs sum up to 9·192 = 1,728 products; GroupNorm statistics run over up to 28·28·6 values) and
 * float32 sin/exp. Those are ~1e-6 relative per op; through the ~20 layers of the U-Net they stay
 * below 1e-4 on outputs of unit scale. TOL = 2e-4 (absolute, max over all outputs) allows that and
 * nothing more: a wrong layout, padding, epsilon or missing op moves outputs by ≥ 1e-2, and even
 * rounding the weights to float16 a second time is visible (fixture field fp16RoundingMaxAbsEffect
 * records how much fp16 rounding changes the outputs of the float32 model).
 * The classifier's logits are larger than 1, so there the error is scaled by max(1, max |reference|).
 */
import * as tf from '@tensorflow/tfjs';
import { loadClassifier, loadEpsilonModel, LoadProgress } from '@/lib/imageModel/load';
import { fsFetch, maxAbsDiff, readFixture } from './fsFetch';

const TOL = 2e-4;

interface UNetFixture {
  xShape: [number, number, number, number];
  x: number[];
  t: number[];
  digit: number[];
  colour: number[];
  eps: number[];
  conditionSwapMaxAbsEffect: number;
}
interface ClassifierFixture {
  xShape: [number, number, number, number];
  x: number[];
  digit: number[];
  colour: number[];
  digitLogits: number[];
  colourLogits: number[];
  features: number[];
}

// The pure-JS cpu backend needs a few seconds per U-Net forward pass on an idle core; on a shared,
// busy machine much longer. Generous timeouts keep the tests about correctness, not load.
jest.setTimeout(180_000);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

test('U-Net: TF.js forward pass matches PyTorch on the fixture (conditions incl. none)', async () => {
  const fx = readFixture<UNetFixture>('unet-parity.json');
  const progress: LoadProgress[] = [];
  const model = await loadEpsilonModel('/models/colour-mnist-unet', { fetch: fsFetch(), onProgress: (p) => progress.push(p) });
  expect(progress.length).toBeGreaterThan(0);
  expect(progress[progress.length - 1].fraction).toBe(1);

  const x = tf.tensor4d(fx.x, fx.xShape);
  const out = model.predict(x, fx.t, fx.digit, fx.colour);
  expect(out.shape).toEqual(fx.xShape);
  const got = await out.data();
  const err = maxAbsDiff(got, fx.eps);
  console.info(`U-Net parity: max abs error ${err.toExponential(2)}`);
  expect(err).toBeLessThan(TOL);

  // The tolerance is meaningful: in PyTorch, exchanging the conditions of samples 0 and 2 moves
  // the outputs by far more than TOL.
  expect(fx.conditionSwapMaxAbsEffect).toBeGreaterThan(100 * TOL);
  tf.dispose([x, out]);
  model.dispose();
});

test('classifier: logits and penultimate features match PyTorch', async () => {
  const fx = readFixture<ClassifierFixture>('classifier-parity.json');
  const clf = await loadClassifier('/models/colour-mnist-classifier', { fetch: fsFetch() });
  const x = tf.tensor4d(fx.x, fx.xShape);
  const o = clf.predict(x);
  const scaled = (got: ArrayLike<number>, ref: number[]) =>
    maxAbsDiff(got, ref) / Math.max(1, ...ref.map((v) => Math.abs(v)));
  expect(scaled(await o.digitLogits.data(), fx.digitLogits)).toBeLessThan(TOL);
  expect(scaled(await o.colourLogits.data(), fx.colourLogits)).toBeLessThan(TOL);
  expect(scaled(await o.features.data(), fx.features)).toBeLessThan(TOL);
  // and it names the fixture's digits and colours correctly
  const dArg = tf.argMax(o.digitLogits, 1);
  const cArg = tf.argMax(o.colourLogits, 1);
  expect(Array.from(await dArg.data())).toEqual(fx.digit);
  expect(Array.from(await cArg.data())).toEqual(fx.colour);
  tf.dispose([x, o.digitLogits, o.colourLogits, o.features, dArg, cArg]);
  clf.dispose();
});
