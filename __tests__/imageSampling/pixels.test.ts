import { decodeMask, encodeMask, imageToRgba, paintDigit } from '@/lib/imageSampling/pixels';

test('masks round-trip through the URL-safe encoding; garbage decodes to null', () => {
  const m = new Uint8Array(784).map((_, i) => ((i * 7) % 5 === 0 ? 1 : 0));
  const text = encodeMask(m);
  expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(text.length).toBeLessThanOrEqual(131);
  expect(decodeMask(text, 784)).toEqual(m);
  expect(decodeMask('!!bad', 784)).toBeNull();
  expect(decodeMask('AAAA', 784)).toBeNull(); // wrong length
  expect(decodeMask('', 784)).toBeNull();
});

test('painting a grey digit mixes background and stroke colour by intensity, in [−1, 1]', () => {
  const x = paintDigit([0, 1, 0.5], [255, 0, 0], [0, 0, 255]);
  expect(Array.from(x)).toEqual([-1, -1, 1, 1, -1, -1, 0, -1, 0]);
});

test('images become RGBA bytes; one-channel images are drawn grey', () => {
  const rgb = imageToRgba(Float32Array.of(-1, 0, 1, 1, 1, 1), 1, 1, 3);
  expect(Array.from(rgb)).toEqual([255, 255, 255, 255]);
  const grey = imageToRgba(Float32Array.of(0), 0, 1, 1);
  expect(Array.from(grey)).toEqual([128, 128, 128, 255]);
});
