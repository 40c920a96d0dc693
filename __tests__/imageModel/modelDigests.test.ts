/** @jest-environment node */
/**
 * The shipped image models' manifests record the SHA-256 of each file they list, and those
 * digests match the files (scripts/model-digests.mjs writes them). The loader refuses a file whose
 * bytes do not match (same size, other content), tries once more past the caches, and accepts a
 * good second copy.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { loadClassifier, loadEpsilonModel, loadUNetManifest } from '@/lib/imageModel/load';
import { fetchModelDigests } from '@/lib/imageModel/manifest';
import { parseDigests, ModelDamagedError } from '@/lib/imageModel/download';
import type { FetchLike } from '@/lib/imageModel/load';
import { fsFetch } from './fsFetch';

const MODELS = path.join(__dirname, '..', '..', 'public', 'models');
const UNET = '/models/colour-mnist-unet';
const SHARD = 'group1-shard1of1.bin';

jest.setTimeout(180_000);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const imageModels = fs.readdirSync(MODELS).filter((d) => fs.existsSync(path.join(MODELS, d, 'manifest.json')));

test('there are image-model manifests to check', () => {
  expect(imageModels.sort()).toEqual(['colour-mnist-classifier', 'colour-mnist-unet']);
});

test.each(imageModels)('%s: every listed file has a digest and it matches the shipped file', (name) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(MODELS, name, 'manifest.json'), 'utf8'));
  const digests = parseDigests(manifest.sha256, name);
  expect(digests).not.toBeNull();
  expect(Object.keys(digests!).sort()).toEqual(Object.keys(manifest.files).sort());
  for (const [file, hex] of Object.entries(digests!)) {
    const got = crypto.createHash('sha256').update(fs.readFileSync(path.join(MODELS, name, file))).digest('hex');
    expect({ file, digest: got }).toEqual({ file, digest: hex });
  }
});

test('a malformed digest field is refused with the field named', () => {
  expect(() => parseDigests({ 'model.json': 'abc' }, 'x/manifest.json')).toThrow(/"sha256\.model\.json" is not a 64-digit hex/);
  expect(() => parseDigests(['x'], 'x/manifest.json')).toThrow(/"sha256" must map file names to digests/);
  expect(parseDigests(undefined, 'x')).toBeNull();
});

/** Flips one byte in the middle of the shard: same size, other content. */
const flipByte = (data: Buffer) => {
  const out = Buffer.from(data);
  out[out.length >> 1] ^= 0xff;
  return out;
};

/** fsFetch that damages the shard on the first `badTimes` requests and records each request's cache mode. */
function damagingFetch(badTimes: number, log: string[]): FetchLike {
  let served = 0;
  const good = fsFetch();
  const bad = fsFetch(undefined, (url, data) => (url.endsWith(SHARD) ? flipByte(data) : data));
  return (url, init) => {
    if (!url.endsWith(SHARD)) return good(url);
    log.push(init?.cache ?? 'default');
    return served++ < badTimes ? bad(url) : good(url);
  };
}

test('a shard of the right size but the wrong content is refused as damaged, after one fresh retry, leaking no tensors', async () => {
  const manifest = await loadUNetManifest(UNET, { fetch: fsFetch() });
  const log: string[] = [];
  const before = tf.memory().numTensors;
  const err = await loadEpsilonModel(UNET, { fetch: damagingFetch(2, log), digests: manifest.sha256 }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ModelDamagedError);
  expect((err as Error).message).toMatch(/model file \/models\/colour-mnist-unet\/group1-shard1of1\.bin is damaged: its SHA-256 digest does not match/);
  expect(log).toEqual(['default', 'reload']);
  expect(tf.memory().numTensors).toBe(before);
});

test('a damaged first copy followed by a good one loads the model (the retry bypasses the HTTP cache)', async () => {
  const manifest = await loadUNetManifest(UNET, { fetch: fsFetch() });
  const log: string[] = [];
  const model = await loadEpsilonModel(UNET, { fetch: damagingFetch(1, log), digests: manifest.sha256 });
  expect(log).toEqual(['default', 'reload']);
  model.dispose();
});

test('the classifier is checked against its own manifest', async () => {
  const digests = await fetchModelDigests('/models/colour-mnist-classifier', fsFetch());
  expect(digests).not.toBeNull();
  const bad = fsFetch(undefined, (url, data) => (url.endsWith(SHARD) ? flipByte(data) : data));
  await expect(loadClassifier('/models/colour-mnist-classifier', { fetch: bad, digests })).rejects.toThrow(ModelDamagedError);
  const ok = await loadClassifier('/models/colour-mnist-classifier', { fetch: fsFetch(), digests });
  ok.dispose();
});
