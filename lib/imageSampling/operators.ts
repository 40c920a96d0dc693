/**
 * Linear degradation operators y = A x for the inverse problems of the applications chapter,
 * each with its Moore–Penrose pseudo-inverse A⁺, and the range/null-space projection of DDNM
 * (Wang, Yu & Zhang, "Zero-Shot Image Restoration Using Denoising Diffusion Null-Space Model",
 * ICLR 2023, arXiv 2212.00490):
 *
 *     x̂_0' = A⁺ y + (I − A⁺ A) x̂_0
 *
 * The observed part (the range of A⁺) is replaced by what was observed; the part A cannot see
 * (its null space) keeps the model's estimate. Afterwards A x̂_0' = A A⁺ y = y for every y in
 * the range of A, which all three operators here cover (A A⁺ = I).
 *
 * Images are flat Float32Arrays in NHWC order ([N, H, W, C], pixels in [−1, 1]); an operator
 * acts on every image of a batch. Pure functions: no TF.js, no DOM.
 */

export interface LinearOperator {
  readonly kind: 'super-resolution' | 'inpainting' | 'colorization';
  /** Values per input image (H·W·C). */
  readonly inSize: number;
  /** Values per observed image. */
  readonly outSize: number;
  /** Shape of one observation [h, w, c] (for drawing y). */
  readonly outShape: readonly [number, number, number];
  /** y = A x for a batch (x.length a multiple of inSize). */
  apply(x: Float32Array, out?: Float32Array): Float32Array;
  /** A⁺ y for a batch (y.length a multiple of outSize). */
  pinv(y: Float32Array, out?: Float32Array): Float32Array;
}

function batchOf(len: number, per: number, what: string): number {
  if (per <= 0 || len % per !== 0) throw new RangeError(`${what}: length ${len} is not a multiple of ${per}.`);
  return len / per;
}

function outBuffer(out: Float32Array | undefined, n: number, what: string): Float32Array {
  if (!out) return new Float32Array(n);
  if (out.length !== n) throw new RangeError(`${what}: output buffer has length ${out.length}, expected ${n}.`);
  return out;
}

/**
 * Super-resolution: A averages each f×f block (per channel), A⁺ copies each average back into
 * its block (nearest-neighbour upsampling). A Aᵀ = I/f², so A⁺ = Aᵀ(A Aᵀ)⁻¹ = f²Aᵀ = "copy".
 */
export function superResolutionOperator(factor: number, size = 28, channels = 3): LinearOperator {
  if (!Number.isInteger(factor) || factor < 1 || size % factor !== 0) {
    throw new RangeError(`The downsampling factor must be a whole number dividing ${size} (got ${factor}).`);
  }
  const s = size / factor;
  const inSize = size * size * channels;
  const outSize = s * s * channels;
  const inv = 1 / (factor * factor);
  return {
    kind: 'super-resolution',
    inSize,
    outSize,
    outShape: [s, s, channels],
    apply(x, out) {
      const n = batchOf(x.length, inSize, 'A x');
      const y = outBuffer(out, n * outSize, 'A x');
      y.fill(0);
      forEachBlockPixel(n, (pixel, block) => {
        for (let c = 0; c < channels; c++) y[block + c] += x[pixel + c] * inv;
      });
      return y;
    },
    pinv(y, out) {
      const n = batchOf(y.length, outSize, 'A⁺ y');
      const x = outBuffer(out, n * inSize, 'A⁺ y');
      forEachBlockPixel(n, (pixel, block) => {
        for (let c = 0; c < channels; c++) x[pixel + c] = y[block + c];
      });
      return x;
    },
  };

  /** Visits every pixel of n images with the offsets of that pixel and of the block holding it (A and A⁺ walk the same pairs). */
  function forEachBlockPixel(n: number, visit: (pixel: number, block: number) => void): void {
    for (let b = 0; b < n; b++) {
      for (let i = 0; i < size; i++) {
        const bi = Math.floor(i / factor);
        for (let j = 0; j < size; j++) {
          visit(b * inSize + (i * size + j) * channels, b * outSize + (bi * s + Math.floor(j / factor)) * channels);
        }
      }
    }
  }
}

/**
 * Inpainting: `known[p]` is 1 where pixel p (row-major, H·W) was observed and 0 in the hole.
 * A keeps the known pixels and zeroes the hole (a diagonal 0/1 matrix, so A⁺ = A and
 * I − A⁺A keeps exactly the hole). y has the image's shape, zeros in the hole.
 */
export function inpaintingOperator(known: ArrayLike<number>, size = 28, channels = 3): LinearOperator {
  if (known.length !== size * size) throw new RangeError(`The mask must have ${size}×${size} = ${size * size} entries (got ${known.length}).`);
  const mask = new Uint8Array(size * size);
  for (let p = 0; p < mask.length; p++) mask[p] = known[p] ? 1 : 0;
  const inSize = size * size * channels;
  const maskImage = (x: Float32Array, out: Float32Array | undefined, what: string) => {
    const n = batchOf(x.length, inSize, what);
    const y = outBuffer(out, n * inSize, what);
    for (let b = 0; b < n; b++) {
      const o = b * inSize;
      for (let p = 0; p < mask.length; p++) {
        const m = mask[p];
        for (let c = 0; c < channels; c++) y[o + p * channels + c] = m ? x[o + p * channels + c] : 0;
      }
    }
    return y;
  };
  return {
    kind: 'inpainting',
    inSize,
    outSize: inSize,
    outShape: [size, size, channels],
    apply: (x, out) => maskImage(x, out, 'A x'),
    pinv: (y, out) => maskImage(y, out, 'A⁺ y'),
  };
}

/**
 * Colorization: A averages the three colour channels of each pixel into one grey value,
 * A⁺ copies the grey value into all three channels. A Aᵀ = I/3, so A⁺ = 3Aᵀ = "copy".
 */
export function colorizationOperator(size = 28, channels = 3): LinearOperator {
  const inSize = size * size * channels;
  const outSize = size * size;
  const inv = 1 / channels;
  return {
    kind: 'colorization',
    inSize,
    outSize,
    outShape: [size, size, 1],
    apply(x, out) {
      const n = batchOf(x.length, inSize, 'A x');
      const y = outBuffer(out, n * outSize, 'A x');
      for (let q = 0; q < n * outSize; q++) {
        let s = 0;
        for (let c = 0; c < channels; c++) s += x[q * channels + c];
        y[q] = s * inv;
      }
      return y;
    },
    pinv(y, out) {
      const n = batchOf(y.length, outSize, 'A⁺ y');
      const x = outBuffer(out, n * inSize, 'A⁺ y');
      for (let q = 0; q < n * outSize; q++) for (let c = 0; c < channels; c++) x[q * channels + c] = y[q];
      return x;
    },
  };
}

/**
 * DDNM's range/null-space correction of the clean-image estimate (the page's formula, term by term):
 *     x̂_0' = A⁺ y + (I − A⁺ A) x̂_0
 * `y` holds one observation per image of `x0Hat`, or a single observation shared by all.
 */
export function ddnmProject(op: LinearOperator, y: Float32Array, x0Hat: Float32Array, out?: Float32Array): Float32Array {
  const n = batchOf(x0Hat.length, op.inSize, 'x̂_0');
  const m = batchOf(y.length, op.outSize, 'y');
  if (m !== n && m !== 1) throw new RangeError(`y holds ${m} observations for ${n} images (need ${n} or 1).`);
  const rangePart = op.pinv(y); // A⁺ y (m images)
  const seenByA = op.pinv(op.apply(x0Hat)); // A⁺ A x̂_0
  const o = outBuffer(out, x0Hat.length, "x̂_0'");
  for (let b = 0; b < n; b++) {
    const xo = b * op.inSize;
    const yo = m === 1 ? 0 : xo;
    for (let k = 0; k < op.inSize; k++) {
      // A⁺y  +  (x̂_0 − A⁺A x̂_0)
      o[xo + k] = rangePart[yo + k] + (x0Hat[xo + k] - seenByA[xo + k]);
    }
  }
  return o;
}
