/**
 * Loading the exported models (public/models/<name>/model.json + binary shards) into TF.js.
 * Everything is validated before any tensor is created, and every failure throws an Error whose
 * message names the file and what is wrong. Decoding uses tf.io.decodeWeights only (no sync reads).
 */
import * as tf from '@tensorflow/tfjs';
import type { ClassifierSpec, ModelJson, UNetManifest, UNetSpec, WeightEntry, WeightGroup } from './spec';
import { checkDigest, fetchOk, getFetch as getFetchOr, joinUrl, parseJsonText, type FetchLike, type FetchResponse } from './download';
import { fetchUNetManifest } from './manifest';
import { CLASSIFIER_MODEL_NAME, UNET_MODEL_NAME } from './spec';
import { EpsilonModel, createEpsilonModel, unetWeightShapes } from './unet';
import { DigitClassifier, classifierWeightShapes, createClassifier } from './classifier';

export type { FetchLike, FetchResponse } from './download';

export interface LoadProgress {
  /** Bytes of weight shards received so far. */
  loadedBytes: number;
  /** Bytes of weight shards expected in total (from model.json). */
  totalBytes: number;
  /** loadedBytes / totalBytes, in [0, 1]. */
  fraction: number;
}

export interface LoadOptions {
  /** Defaults to the global fetch. Inject one for tests or custom hosting. */
  fetch?: FetchLike;
  onProgress?: (p: LoadProgress) => void;
  /** SHA-256 (hex) of each file by name, from the model's manifest.json: checked after download. */
  digests?: Record<string, string> | null;
}

const DEFAULT_UNET_URL = `/models/${UNET_MODEL_NAME}`;
const DEFAULT_CLASSIFIER_URL = `/models/${CLASSIFIER_MODEL_NAME}`;

const BYTES: Record<string, number> = { float16: 2, uint16: 2, uint8: 1 };

function getFetch(opts?: LoadOptions): FetchLike {
  return getFetchOr(opts?.fetch);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates the structure of model.json; returns it typed. */
function validateModelJson<S>(json: unknown, url: string, expectedKind: string): ModelJson<S> {
  const bad = (what: string) => new Error(`Model file ${url} is malformed: ${what}.`);
  if (!isObj(json)) throw bad('it is not a JSON object');
  if (json.format !== 'ddpm-explorable-weights-v1') throw bad(`"format" is ${JSON.stringify(json.format)}, expected "ddpm-explorable-weights-v1"`);
  if (!isObj(json.spec)) throw bad('the "spec" field is missing');
  if (json.spec.kind !== expectedKind) throw bad(`"spec.kind" is ${JSON.stringify(json.spec.kind)}, expected "${expectedKind}"`);
  if (!Array.isArray(json.weightsManifest) || json.weightsManifest.length === 0) throw bad('the "weightsManifest" list is missing or empty');
  json.weightsManifest.forEach((g: unknown, gi: number) => {
    if (!isObj(g)) throw bad(`weightsManifest[${gi}] is not an object`);
    if (!Array.isArray(g.paths) || g.paths.length === 0 || !g.paths.every((p) => typeof p === 'string' && p.length > 0)) {
      throw bad(`weightsManifest[${gi}].paths must be a non-empty list of file names`);
    }
    if (!Array.isArray(g.weights) || g.weights.length === 0) throw bad(`weightsManifest[${gi}].weights is missing or empty`);
    g.weights.forEach((e: unknown, ei: number) => {
      const where = `weightsManifest[${gi}].weights[${ei}]`;
      if (!isObj(e) || typeof e.name !== 'string') throw bad(`${where} has no name`);
      if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
        throw bad(`weight "${e.name}" has an invalid shape`);
      }
      if (e.dtype !== 'float32') throw bad(`weight "${e.name}" has dtype ${JSON.stringify(e.dtype)}, expected "float32"`);
      if (e.quantization !== undefined) {
        if (!isObj(e.quantization) || !(String(e.quantization.dtype) in BYTES)) {
          throw bad(`weight "${e.name}" has an unsupported quantization`);
        }
        if (e.quantization.dtype !== 'float16' && (typeof e.quantization.scale !== 'number' || typeof e.quantization.min !== 'number')) {
          throw bad(`weight "${e.name}" is ${e.quantization.dtype}-quantized but lacks scale/min`);
        }
      }
    });
  });
  return json as unknown as ModelJson<S>;
}

function entryBytes(e: WeightEntry): number {
  const n = e.shape.reduce((a, b) => a * b, 1);
  return n * (e.quantization ? BYTES[e.quantization.dtype] : 4);
}

/** Compares manifest entries with the names/shapes the spec needs. */
function checkEntries(groups: WeightGroup[], expected: Map<string, number[]>, url: string): void {
  const seen = new Map<string, number[]>();
  for (const g of groups) for (const e of g.weights) seen.set(e.name, e.shape);
  for (const [name, shape] of expected) {
    const got = seen.get(name);
    if (!got) throw new Error(`Model file ${url} lacks the weight "${name}" that the architecture needs — the file does not match this version of the site.`);
    if (got.length !== shape.length || got.some((d, i) => d !== shape[i])) {
      throw new Error(`Model file ${url}: weight "${name}" has shape [${got}], expected [${shape}].`);
    }
  }
  for (const name of seen.keys()) {
    if (!expected.has(name)) throw new Error(`Model file ${url} has an unexpected weight "${name}" — the file does not match this version of the site.`);
  }
}

async function readBody(res: FetchResponse, onChunk: (n: number) => void): Promise<ArrayBuffer> {
  const reader = res.body && typeof res.body.getReader === 'function' ? res.body.getReader() : null;
  if (!reader) {
    const buf = await res.arrayBuffer();
    onChunk(buf.byteLength);
    return buf;
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value) {
      parts.push(value);
      total += value.byteLength;
      onChunk(value.byteLength);
    }
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out.buffer;
}

export interface LoadedWeights<S> {
  modelJson: ModelJson<S>;
  weights: tf.NamedTensorMap;
}

/**
 * Downloads model.json and its shards from `baseUrl`, validates them against the architecture
 * (`expectedShapes(spec)`), and decodes the weights into float32 tensors.
 */
async function loadWeights<S>(
  baseUrl: string,
  expectedKind: string,
  expectedShapes: (spec: S) => Map<string, number[]>,
  opts?: LoadOptions,
): Promise<LoadedWeights<S>> {
  const f = getFetch(opts);
  const jsonUrl = joinUrl(baseUrl, 'model.json');
  const readJson = async (init?: { cache: 'reload' }) => {
    const text = await (await fetchOk(f, jsonUrl, init)).text();
    return { bytes: new TextEncoder().encode(text), json: validateModelJson<S>(parseJsonText(text, jsonUrl), jsonUrl, expectedKind) };
  };
  const modelJson = (await checkDigest(jsonUrl, opts?.digests?.['model.json'], await readJson(), () => readJson({ cache: 'reload' }))).json;
  let expected: Map<string, number[]>;
  try {
    expected = expectedShapes(modelJson.spec);
  } catch (e) {
    throw new Error(`Model file ${jsonUrl} has an invalid "spec": ${(e as Error).message}`);
  }
  checkEntries(modelJson.weightsManifest, expected, jsonUrl);

  const groupBytes = modelJson.weightsManifest.map((g) => g.weights.reduce((a, e) => a + entryBytes(e), 0));
  const totalBytes = groupBytes.reduce((a, b) => a + b, 0);
  let loadedBytes = 0;
  const report = (n: number) => {
    loadedBytes += n;
    opts?.onProgress?.({ loadedBytes, totalBytes, fraction: totalBytes > 0 ? Math.min(1, loadedBytes / totalBytes) : 1 });
  };

  const buffers: ArrayBuffer[] = [];
  for (let gi = 0; gi < modelJson.weightsManifest.length; gi++) {
    const g = modelJson.weightsManifest[gi];
    const urls = g.paths.map((p) => joinUrl(baseUrl, p));
    const read = async (u: string, init?: { cache: 'reload' }) => ({ bytes: await readBody(await fetchOk(f, u, init), report) });
    let parts = await Promise.all(urls.map((u) => read(u)));
    const got = parts.reduce((a, p) => a + p.bytes.byteLength, 0);
    if (got !== groupBytes[gi]) {
      const which = urls.length === 1 ? `Model file ${urls[0]} is` : `Model files ${urls.join(', ')} are`;
      throw new Error(`${which} ${got} bytes, expected ${groupBytes[gi]} — the download is incomplete or corrupt.`);
    }
    parts = await Promise.all(parts.map((p, i) => checkDigest(urls[i], opts?.digests?.[g.paths[i]], p, () => read(urls[i], { cache: 'reload' }))));
    buffers.push(tf.io.concatenateArrayBuffers(parts.map((p) => p.bytes)));
  }

  const weights: tf.NamedTensorMap = {};
  try {
    modelJson.weightsManifest.forEach((g, gi) => {
      Object.assign(weights, tf.io.decodeWeights(buffers[gi], g.weights));
    });
  } catch (e) {
    for (const t of Object.values(weights)) t.dispose();
    throw new Error(`Could not decode the weights of ${jsonUrl}: ${(e as Error).message}`);
  }
  return { modelJson, weights };
}

/** Loads the ε-network (U-Net) from e.g. `/models/colour-mnist-unet`. */
export async function loadEpsilonModel(baseUrl: string = DEFAULT_UNET_URL, opts?: LoadOptions): Promise<EpsilonModel> {
  const { modelJson, weights } = await loadWeights<UNetSpec>(baseUrl, 'conditional-unet-v1', unetWeightShapes, opts);
  return createEpsilonModel(modelJson.spec, weights);
}

/** Loads the evaluation classifier from e.g. `/models/colour-mnist-classifier`. */
export async function loadClassifier(baseUrl: string = DEFAULT_CLASSIFIER_URL, opts?: LoadOptions): Promise<DigitClassifier> {
  const { modelJson, weights } = await loadWeights<ClassifierSpec>(baseUrl, 'colour-digit-classifier-v1', classifierWeightShapes, opts);
  return createClassifier(modelJson.spec, weights);
}

/** Loads the U-Net's descriptive manifest.json (schedule, vocabulary, default guidance, evaluation, credit), checked by ./manifest.ts. */
export function loadUNetManifest(baseUrl: string = DEFAULT_UNET_URL, opts?: LoadOptions): Promise<UNetManifest> {
  return fetchUNetManifest(baseUrl, opts?.fetch);
}
