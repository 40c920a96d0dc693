/** The degradation operators and DDNM's projection satisfy the identities the page relies on. */
import { makeRng } from '@/lib/rng';
import {
  colorizationOperator, ddnmProject, inpaintingOperator, superResolutionOperator, type LinearOperator,
} from '@/lib/imageSampling/operators';

const rng = makeRng(7);
const rand = (n: number) => { const a = new Float32Array(n); rng.fillNormal(a); return a; };
const maxAbsDiff = (a: Float32Array, b: Float32Array) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);

const mask = new Uint8Array(28 * 28).map((_, p) => (Math.floor(p / 28) < 14 || p % 28 > 20 ? 1 : 0));
const OPS: [string, LinearOperator][] = [
  ['super-resolution ×4', superResolutionOperator(4)],
  ['super-resolution ×2', superResolutionOperator(2)],
  ['inpainting', inpaintingOperator(mask)],
  ['colorization', colorizationOperator()],
];

describe.each(OPS)('%s', (_name, A) => {
  const N = 3;
  test('A A⁺ A = A and A⁺ A A⁺ = A⁺', () => {
    const x = rand(N * A.inSize);
    expect(maxAbsDiff(A.apply(A.pinv(A.apply(x))), A.apply(x))).toBeLessThan(1e-5);
    const y = rand(N * A.outSize);
    expect(maxAbsDiff(A.pinv(A.apply(A.pinv(y))), A.pinv(y))).toBeLessThan(1e-5);
  });

  test('A⁺A is an orthogonal projection (symmetric and idempotent)', () => {
    const u = rand(A.inSize), v = rand(A.inSize);
    const P = (z: Float32Array) => A.pinv(A.apply(z));
    expect(Math.abs(dot(P(u), v) - dot(u, P(v)))).toBeLessThan(1e-3);
    expect(maxAbsDiff(P(P(u)), P(u))).toBeLessThan(1e-5);
  });

  test('after the projection the estimate agrees with the observation: A x̂_0\' = y', () => {
    const xTrue = rand(N * A.inSize);
    const y = A.apply(xTrue);
    const x0 = rand(N * A.inSize);
    const projected = ddnmProject(A, y, x0);
    expect(maxAbsDiff(A.apply(projected), y)).toBeLessThan(1e-5);
    // and the null-space part of the estimate is kept: (I − A⁺A) x̂_0' = (I − A⁺A) x̂_0
    const nullPart = (z: Float32Array) => { const p = A.pinv(A.apply(z)); return z.map((v, i) => v - p[i]); };
    expect(maxAbsDiff(nullPart(projected), nullPart(x0))).toBeLessThan(1e-5);
  });

  test('the projection is idempotent, and a consistent estimate is left unchanged', () => {
    const y = A.apply(rand(N * A.inSize));
    const once = ddnmProject(A, y, rand(N * A.inSize));
    expect(maxAbsDiff(ddnmProject(A, y, once), once)).toBeLessThan(1e-5);
  });

  test('one shared observation applies to every image of the batch', () => {
    const y1 = A.apply(rand(A.inSize));
    const projected = ddnmProject(A, y1, rand(N * A.inSize));
    const ay = A.apply(projected);
    for (let b = 0; b < N; b++) expect(maxAbsDiff(ay.subarray(b * A.outSize, (b + 1) * A.outSize), y1)).toBeLessThan(1e-5);
  });

  test('mismatched sizes are refused with a message', () => {
    expect(() => A.apply(new Float32Array(A.inSize + 1))).toThrow(/not a multiple/);
    expect(() => ddnmProject(A, new Float32Array(2 * A.outSize), new Float32Array(3 * A.inSize))).toThrow(/observations/);
  });
});

test('super-resolution averages blocks and A⁺ copies them back', () => {
  const A = superResolutionOperator(4);
  expect(A.outShape).toEqual([7, 7, 3]);
  const x = new Float32Array(A.inSize);
  // pixel (1, 2) channel 1 = 16 → block (0, 0) channel 1 averages to 1
  x[(1 * 28 + 2) * 3 + 1] = 16;
  const y = A.apply(x);
  expect(y[1]).toBeCloseTo(1, 6);
  expect(y.reduce((s, v) => s + Math.abs(v), 0)).toBeCloseTo(1, 6);
  const up = A.pinv(y);
  expect(up[(3 * 28 + 3) * 3 + 1]).toBeCloseTo(1, 6); // same block
  expect(up[(4 * 28 + 0) * 3 + 1]).toBe(0); // next block
  expect(() => superResolutionOperator(5)).toThrow(/dividing 28/);
});

test('colorization keeps brightness and lets the colour vary', () => {
  const A = colorizationOperator();
  const x = new Float32Array(A.inSize);
  x.set([0.9, -0.3, 0.0], 0); // pixel 0
  const y = A.apply(x);
  expect(y[0]).toBeCloseTo(0.2, 6);
  const x0 = new Float32Array(A.inSize); // a grey estimate
  const p = ddnmProject(A, y, x0);
  expect([p[0], p[1], p[2]].map((v) => +v.toFixed(6))).toEqual([0.2, 0.2, 0.2]);
});

test('inpainting keeps the known pixels exactly and only the hole changes', () => {
  const A = inpaintingOperator(mask);
  const xTrue = rand(A.inSize);
  const x0 = rand(A.inSize);
  const p = ddnmProject(A, A.apply(xTrue), x0);
  for (let q = 0; q < 28 * 28; q++) {
    for (let c = 0; c < 3; c++) {
      const k = q * 3 + c;
      expect(p[k]).toBeCloseTo(mask[q] ? xTrue[k] : x0[k], 6);
    }
  }
  expect(() => inpaintingOperator(new Uint8Array(10))).toThrow(/784 entries/);
});
