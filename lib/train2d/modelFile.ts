/**
 * The 2D model as a file: what "Download model" writes, what "Load model" reads, and what
 * `npm run train:pretrained2d` writes into public/models/2d/. Plain JSON with a format name, a
 * version and a checksum, so a wrong or damaged file is refused with a reason (never loaded
 * half-way into a worker). Weights are little-endian binary in base64: float32 for a reader's
 * own model (a round trip gives the same samples), float16 or 8-bit for the shipped ones (a few KB).
 */
import { DATASETS, dinoPoints, makeDataset, type DatasetId } from '../data2d';
import type { PointStats } from '../data2d/standardize';
import { makeRng } from '../rng';
import { checkNetConfig, layerSlots, type NetConfig, type NetWeights } from './model';
import { SCHEDULE_2D_KINDS, type QualityPoint, type SavedModel, type Schedule2DKind } from './protocol';

const MODEL_FILE_FORMAT = 'ddpm-explorable-2d-model';
const MODEL_FILE_VERSION = 1;
/** Larger than any model the training cell can make with 5,000 points (width 256: ~0.9 MB). */
export const MAX_MODEL_FILE_BYTES = 4_000_000;
const MAX_POINTS = 100_000;

export type ArrayEncoding = 'f32' | 'f16' | 'q8';
/** q8: v ≈ q · scale with q an int8 (one symmetric scale per array). */
export interface EncodedArray { enc: ArrayEncoding; n: number; data: string; scale?: number }

/** Where the training points come from: regenerated from a built-in set, or stored. */
export type ModelFileData =
  | { kind: 'dataset'; id: DatasetId; n: number; seed: number }
  | { kind: 'dino' }
  | { kind: 'points'; points: EncodedArray };

export interface ModelFileBody {
  format: typeof MODEL_FILE_FORMAT;
  version: typeof MODEL_FILE_VERSION;
  net: NetConfig;
  schedule: { kind: Schedule2DKind; T: number };
  stats: PointStats;
  dataLabel: string;
  data: ModelFileData;
  fourierB: EncodedArray;
  layers: { kernel: EncodedArray; bias: EncodedArray }[];
  steps: number;
  backend: string;
  savedAt: number;
  quality?: QualityPoint;
  /** How the file was made (the pretrained script records its settings here). */
  trainedWith?: Record<string, string | number>;
}
export type ModelFile = ModelFileBody & { checksum: string };

export type ModelFileError =
  | { code: 'too-large'; bytes: number }
  | { code: 'not-json' }
  | { code: 'not-model' }
  | { code: 'version'; found: string }
  | { code: 'checksum' }
  | { code: 'shape'; detail: string }
  | { code: 'not-finite'; where: string };

export type DecodeResult = { ok: true; model: SavedModel; file: ModelFile } | { ok: false; error: ModelFileError };

/** FNV-1a (32-bit) over the UTF-16 code units: catches damaged or hand-edited files. */
function fnv1a32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function checksumOf(body: ModelFileBody): string {
  return fnv1a32(JSON.stringify(body));
}

// ── float16 ──────────────────────────────────────────────────────────────────────────────────
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half precision bits of v, rounded to nearest even. */
export function toHalf(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1), half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1))) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return sign | h;
}

export function fromHalf(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f, m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

// ── arrays ───────────────────────────────────────────────────────────────────────────────────
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string): Uint8Array | null {
  try {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function encodeArray(a: Float32Array, enc: ArrayEncoding): EncodedArray {
  if (enc === 'q8') {
    let max = 0;
    for (const v of a) max = Math.max(max, Math.abs(v));
    const scale = max > 0 ? max / 127 : 1;
    const q = new Int8Array(a.length);
    for (let i = 0; i < a.length; i++) q[i] = Math.round(a[i] / scale);
    return { enc, n: a.length, data: toBase64(new Uint8Array(q.buffer)), scale };
  }
  const width = enc === 'f16' ? 2 : 4;
  const view = new DataView(new ArrayBuffer(a.length * width));
  for (let i = 0; i < a.length; i++) {
    if (enc === 'f16') view.setUint16(2 * i, toHalf(a[i]), true);
    else view.setFloat32(4 * i, a[i], true);
  }
  return { enc, n: a.length, data: toBase64(new Uint8Array(view.buffer)) };
}

/** The array, or a sentence saying what is wrong with it. */
export function decodeArray(e: EncodedArray, where: string): Float32Array | string {
  if (!e || typeof e !== 'object' || typeof e.data !== 'string' || !Number.isInteger(e.n) || e.n < 0) return `${where} is not an encoded array`;
  const width = e.enc === 'f32' ? 4 : e.enc === 'f16' ? 2 : e.enc === 'q8' ? 1 : 0;
  if (!width) return `${where} has an unknown encoding "${String(e.enc)}"`;
  const bytes = fromBase64(e.data);
  if (!bytes || bytes.length !== e.n * width) return `${where} holds ${bytes ? Math.floor(bytes.length / width) : 0} values, expected ${e.n}`;
  const view = new DataView(bytes.buffer);
  const out = new Float32Array(e.n);
  if (e.enc === 'q8') {
    if (typeof e.scale !== 'number') return `${where} has no scale`;
    for (let i = 0; i < e.n; i++) out[i] = view.getInt8(i) * e.scale;
  } else {
    for (let i = 0; i < e.n; i++) out[i] = width === 2 ? fromHalf(view.getUint16(2 * i, true)) : view.getFloat32(4 * i, true);
  }
  return out;
}

// ── whole files ──────────────────────────────────────────────────────────────────────────────
export interface EncodeOptions {
  /** Encoding of the weights (default f32: exact). */
  weights?: ArrayEncoding;
  /** How to store the training points (default: the points themselves, float32). */
  data?: ModelFileData;
  trainedWith?: Record<string, string | number>;
}

export function encodeModelFile(m: SavedModel, o: EncodeOptions = {}): ModelFile {
  const enc = o.weights ?? 'f32';
  const body: ModelFileBody = {
    format: MODEL_FILE_FORMAT, version: MODEL_FILE_VERSION,
    net: { ...m.weights.config }, schedule: { ...m.schedule }, stats: { ...m.stats }, dataLabel: m.dataLabel,
    data: o.data ?? { kind: 'points', points: encodeArray(m.points, 'f32') },
    fourierB: encodeArray(m.weights.fourierB, enc),
    layers: m.weights.layers.map((l) => ({ kernel: encodeArray(l.kernel, enc), bias: encodeArray(l.bias, enc) })),
    steps: m.steps, backend: m.backend, savedAt: m.savedAt,
    ...(m.quality ? { quality: { ...m.quality } } : {}),
    ...(o.trainedWith ? { trainedWith: o.trainedWith } : {}),
  };
  return { ...body, checksum: checksumOf(body) };
}

export function modelFileText(file: ModelFile): string {
  return JSON.stringify(file);
}

/** The points a file's `data` describes (regenerated exactly for a built-in set). */
export function pointsOfData(d: ModelFileData): Float32Array | string {
  if (!d || typeof d !== 'object') return 'the training data is missing';
  if (d.kind === 'dino') return dinoPoints();
  if (d.kind === 'dataset') {
    if (!DATASETS.some((x) => x.id === d.id)) return `unknown data set "${String(d.id)}"`;
    if (!Number.isInteger(d.n) || d.n < 2 || d.n > MAX_POINTS || !Number.isInteger(d.seed) || d.seed < 0) return 'the data set size or seed is out of range';
    return makeDataset(d.id, d.n, makeRng(d.seed));
  }
  if (d.kind === 'points') {
    const p = decodeArray(d.points, 'the training points');
    if (typeof p === 'string') return p;
    if (p.length < 4 || p.length % 2 !== 0 || p.length > 2 * MAX_POINTS) return 'the training points are not pairs (x, y)';
    return p;
  }
  return 'the training data has an unknown kind';
}

/** Network shape, schedule and stats: the parts a worker would otherwise choke on. */
function checkHeader(f: ModelFile): ModelFileError | null {
  const cfgErr = f.net && typeof f.net === 'object' ? checkNetConfig(f.net) : 'the network settings are missing';
  if (cfgErr) return { code: 'shape', detail: cfgErr };
  if (!f.schedule || !(SCHEDULE_2D_KINDS as readonly string[]).includes(f.schedule.kind) || f.schedule.T !== f.net.T) {
    return { code: 'shape', detail: 'the schedule does not match the network' };
  }
  const s = f.stats;
  if (!s || ![s.meanX, s.meanY, s.stdX, s.stdY].every((v) => typeof v === 'number' && Number.isFinite(v)) || !(s.stdX > 0 && s.stdY > 0)) {
    return { code: 'not-finite', where: 'the standardization statistics' };
  }
  if (!Array.isArray(f.layers) || f.layers.length !== layerSlots(f.net).slots.length) {
    return { code: 'shape', detail: `expected ${layerSlots(f.net).slots.length} layers` };
  }
  return null;
}

function decodeWeights(f: ModelFile): NetWeights | ModelFileError {
  const { slots } = layerSlots(f.net);
  const fourierB = decodeArray(f.fourierB, 'the Fourier matrix');
  if (typeof fourierB === 'string') return { code: 'shape', detail: fourierB };
  if (fourierB.length !== 2 * f.net.fourier) return { code: 'shape', detail: 'the Fourier matrix does not match the network' };
  const layers: NetWeights['layers'] = [];
  for (let l = 0; l < slots.length; l++) {
    const kernel = decodeArray(f.layers[l]?.kernel, `layer ${l + 1}'s weights`);
    const bias = decodeArray(f.layers[l]?.bias, `layer ${l + 1}'s biases`);
    if (typeof kernel === 'string') return { code: 'shape', detail: kernel };
    if (typeof bias === 'string') return { code: 'shape', detail: bias };
    if (kernel.length !== slots[l].inDim * slots[l].outDim || bias.length !== slots[l].outDim) {
      return { code: 'shape', detail: `layer ${l + 1} is not ${slots[l].inDim} × ${slots[l].outDim}` };
    }
    layers.push({ kernel, bias, inDim: slots[l].inDim, outDim: slots[l].outDim });
  }
  const all = [fourierB, ...layers.flatMap((l) => [l.kernel, l.bias])];
  if (all.some((a) => a.some((v) => !Number.isFinite(v)))) return { code: 'not-finite', where: 'the weights' };
  return { config: { ...f.net }, fourierB, layers };
}

function parseFile(text: string): ModelFile | ModelFileError {
  if (text.length > MAX_MODEL_FILE_BYTES) return { code: 'too-large', bytes: text.length };
  let f: ModelFile;
  try {
    f = JSON.parse(text) as ModelFile;
  } catch {
    return { code: 'not-json' };
  }
  if (!f || typeof f !== 'object' || f.format !== MODEL_FILE_FORMAT) return { code: 'not-model' };
  if (f.version !== MODEL_FILE_VERSION) return { code: 'version', found: String(f.version) };
  const { checksum, ...body } = f;
  if (typeof checksum !== 'string' || checksumOf(body as ModelFileBody) !== checksum) return { code: 'checksum' };
  return f;
}

/** Read a model file; every failure comes back as a reason, never as an exception. */
export function decodeModelFile(text: string): DecodeResult {
  const f = parseFile(text);
  if ('code' in f) return { ok: false, error: f };
  const bad = checkHeader(f);
  if (bad) return { ok: false, error: bad };
  const weights = decodeWeights(f);
  if ('code' in weights) return { ok: false, error: weights };
  const points = pointsOfData(f.data);
  if (typeof points === 'string') return { ok: false, error: { code: 'shape', detail: points } };
  if (points.some((v) => !Number.isFinite(v))) return { ok: false, error: { code: 'not-finite', where: 'the training points' } };
  const model: SavedModel = {
    version: 1, weights, schedule: { kind: f.schedule.kind, T: f.schedule.T }, stats: { ...f.stats }, points,
    dataLabel: String(f.dataLabel ?? ''), steps: Number(f.steps) || 0, backend: String(f.backend ?? ''),
    savedAt: Number(f.savedAt) || 0, ...(f.quality ? { quality: f.quality } : {}),
  };
  return { ok: true, model, file: f };
}
