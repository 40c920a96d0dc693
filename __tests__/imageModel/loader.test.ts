/** @jest-environment node */
/** The loader names what is wrong with a damaged or mismatched model, and leaks no tensors. */
import * as tf from '@tensorflow/tfjs';
import { loadEpsilonModel, loadUNetManifest } from '@/lib/imageModel/load';
import { fsFetch } from './fsFetch';

const BASE = '/models/colour-mnist-unet';

/** The parts of model.json these tests damage (fields are optional so a test can delete them). */
interface ModelJsonEdit {
  weightsManifest?: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
  spec?: unknown;
}

function editModelJson(fn: (j: ModelJsonEdit) => void) {
  return fsFetch(undefined, (url, data) => {
    if (!url.endsWith('/model.json')) return data;
    const j = JSON.parse(data.toString('utf8'));
    fn(j);
    return Buffer.from(JSON.stringify(j));
  });
}

// The pure-JS cpu backend needs a few seconds per U-Net forward pass on an idle core; on a shared,
// busy machine much longer. Generous timeouts keep the tests about correctness, not load.
jest.setTimeout(180_000);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

test('a truncated shard is reported with its name and both sizes', async () => {
  const f = fsFetch(undefined, (url, data) => (url.endsWith('.bin') ? data.subarray(0, data.length - 1000) : data));
  const before = tf.memory().numTensors;
  await expect(loadEpsilonModel(BASE, { fetch: f })).rejects.toThrow(
    /Model file \/models\/colour-mnist-unet\/group1-shard1of1\.bin is \d+ bytes, expected \d+ — the download is incomplete or corrupt\./,
  );
  expect(tf.memory().numTensors).toBe(before);
});

test('a missing weight is named', async () => {
  const f = editModelJson((j) => {
    j.weightsManifest![0].weights = j.weightsManifest![0].weights.filter((w) => w.name !== 'mid.0.conv1.weight');
  });
  await expect(loadEpsilonModel(BASE, { fetch: f })).rejects.toThrow(/lacks the weight "mid\.0\.conv1\.weight"/);
});

test('a weight with the wrong shape is named', async () => {
  const f = editModelJson((j) => {
    const w = j.weightsManifest![0].weights.find((e) => e.name === 'conv_in.weight')!;
    w.shape = [3, 3, 3, 99];
  });
  await expect(loadEpsilonModel(BASE, { fetch: f })).rejects.toThrow(/"conv_in\.weight" has shape \[3,3,3,99\], expected \[3,3,3,\d+\]/);
});

test('a model.json that is not JSON (e.g. an HTML error page) is reported', async () => {
  const f = fsFetch(undefined, (url, data) => (url.endsWith('/model.json') ? Buffer.from('<!DOCTYPE html><html>oops</html>') : data));
  await expect(loadEpsilonModel(BASE, { fetch: f })).rejects.toThrow(
    /Model file \/models\/colour-mnist-unet\/model\.json is not valid JSON \(it starts with "<!DOCTYPE html>/,
  );
});

test('missing structure fields are named', async () => {
  await expect(loadEpsilonModel(BASE, { fetch: editModelJson((j) => delete j.weightsManifest) })).rejects.toThrow(
    /malformed: the "weightsManifest" list is missing or empty/,
  );
  await expect(loadEpsilonModel(BASE, { fetch: editModelJson((j) => delete j.spec) })).rejects.toThrow(/the "spec" field is missing/);
  await expect(loadEpsilonModel(BASE, { fetch: editModelJson((j) => (j.weightsManifest![0].paths = [])) })).rejects.toThrow(
    /weightsManifest\[0\]\.paths must be a non-empty list/,
  );
});

test('a missing file (HTTP 404) is reported with its URL', async () => {
  const f = fsFetch(undefined, (url, data) => (url.endsWith('.bin') ? null : data));
  await expect(loadEpsilonModel(BASE, { fetch: f })).rejects.toThrow(
    /Could not download model file \/models\/colour-mnist-unet\/group1-shard1of1\.bin \(HTTP 404\)/,
  );
});

test('predict + dispose returns the tensor count to its baseline', async () => {
  const baseline = tf.memory().numTensors;
  const model = await loadEpsilonModel(BASE, { fetch: fsFetch() });
  const afterLoad = tf.memory().numTensors;
  expect(afterLoad).toBeGreaterThan(baseline);
  const x = tf.randomNormal([1, 28, 28, 3]) as tf.Tensor4D;
  const out = model.predict(x, 500, [3], [9]);
  expect(tf.memory().numTensors).toBe(afterLoad + 2); // x and out only
  tf.dispose([x, out]);
  model.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
  expect(() => model.predict(x, 1, 1, 1)).toThrow(/disposed/);
});

test('bad conditioning indices are rejected before any work', async () => {
  const model = await loadEpsilonModel(BASE, { fetch: fsFetch() });
  const x = tf.zeros([2, 28, 28, 3]) as tf.Tensor4D;
  expect(() => model.predict(x, 10, [11, 0], 0)).toThrow(/digit 11 is outside 0\.\.10/);
  expect(() => model.predict(x, 10, 0, [0, 1, 2])).toThrow(/colour has 3 entries but the batch has 2/);
  tf.dispose(x);
  model.dispose();
});

test('the manifest carries the schedule, vocabulary, default guidance and data credit', async () => {
  const m = await loadUNetManifest(BASE, { fetch: fsFetch() });
  expect(m.schedule).toMatchObject({ T: 1000, type: 'linear', beta_1: 1e-4, beta_T: 0.02 });
  expect(m.vocabulary.colours.map((c) => c.name)).toEqual(['red', 'orange', 'yellow', 'green', 'cyan', 'blue', 'purple', 'pink', 'white']);
  expect(m.vocabulary.nullDigitIndex).toBe(10);
  expect(m.vocabulary.nullColourIndex).toBe(9);
  expect(m.data.credit).toMatch(/CC BY-SA 3\.0/);
  expect(m.files['group1-shard1of1.bin'] + m.files['model.json']).toBeLessThanOrEqual(4 * 1024 * 1024);
});
