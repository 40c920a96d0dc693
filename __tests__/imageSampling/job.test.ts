/** The worker's job runner: chunking, per-chunk seeds, inverse problems described as data, grading. */
import { makeSchedule } from '@/lib/diffusion/schedule';
import { chunkSeed, operatorFor, runSampleJob } from '@/lib/imageSampling/job';
import { sampleImages, type ConditionalEpsilon } from '@/lib/imageSampling/sampleImages';
import type { SampleJob } from '@/lib/imageSampling/protocol';

const table = makeSchedule({ kind: 'linear', T: 1000 });
const SHAPE = { size: 28, channels: 3, nullDigit: 10, nullColour: 9 };
const PER = 2352;
const eps: ConditionalEpsilon = async (x) => x.map((v) => 0.3 * v);

const job = (over: Partial<SampleJob> = {}): SampleJob => ({
  sampler: { kind: 'ddim', steps: 4, eta: 0.5 }, guidance: 1, digits: [1, 2, 3, 4, 5], colours: [0, 1, 2, 3, 4], seed: 9, previewEvery: 2, ...over,
});

test('images are sampled in chunks; chunk 0 is exactly sampleImages with the job seed', async () => {
  const chunks: [number, number][] = [];
  const steps: number[] = [];
  const r = await runSampleJob(eps, table, SHAPE, job({ chunkSize: 2 }), {
    signal: { aborted: false }, backend: 'test',
    onChunk: (start, n) => chunks.push([start, n]),
    onStep: (done, total) => { steps.push(done); expect(total).toBe(12); },
  });
  expect(chunks).toEqual([[0, 2], [2, 2], [4, 1]]);
  expect(steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(r.images.length).toBe(5 * PER);
  expect(r.timing).toMatchObject({ steps: 4, chunks: 3, forwardPasses: 12, batch: 4, backend: 'test' });
  const alone = await sampleImages(eps, table, SHAPE, { sampler: { kind: 'ddim', steps: 4, eta: 0.5 }, guidance: 1, digits: [1, 2], colours: [0, 1], seed: 9 });
  expect(r.images.subarray(0, 2 * PER)).toEqual(alone.images);
  expect(chunkSeed(9, 0)).toBe(9);
  expect(chunkSeed(9, 1)).not.toBe(chunkSeed(9, 2));
});

test('the classifier grades each chunk when asked', async () => {
  const seen: number[] = [];
  const r = await runSampleJob(eps, table, SHAPE, job({ chunkSize: 3, classify: true }), {
    signal: { aborted: false }, backend: 'test',
    classify: async (images, n) => { seen.push(n); expect(images.length).toBe(n * PER); return Array.from({ length: n }, () => ({ digit: 1, digitProb: 1, colour: 0, colourProb: 1 })); },
  });
  expect(seen).toEqual([3, 2]);
  expect(r.verdicts).toHaveLength(5);
});

test('an inverse problem travels as data and is rebuilt: the result agrees with y', async () => {
  const known = new Uint8Array(784).map((_, p) => (p < 392 ? 1 : 0));
  const op = operatorFor({ kind: 'inpainting', known }, 28, 3);
  const target = new Float32Array(PER).map((_, k) => Math.cos(k) * 0.5);
  const y = op.apply(target);
  const r = await runSampleJob(eps, table, SHAPE, job({ digits: [null, null], colours: [null, null], inverse: { spec: { kind: 'inpainting', known }, y } }), {
    signal: { aborted: false }, backend: 'test',
  });
  const ay = op.apply(r.images);
  for (let k = 0; k < ay.length; k++) expect(Math.abs(ay[k] - y[k % PER])).toBeLessThan(1e-4);
  expect(() => operatorFor({ kind: 'nope' } as never, 28, 3)).toThrow(/Unknown inverse problem/);
});

test('limits are enforced with a message', async () => {
  await expect(runSampleJob(eps, table, SHAPE, job({ digits: [], colours: [] }), { signal: { aborted: false }, backend: 'x' })).rejects.toThrow(/1 to 1000 images/);
});
