import { decadeDomain, niceCeil125, niceCeil2 } from '@/lib/plotting/scales';

describe('nice axis ends', () => {
  test('two significant digits', () => {
    expect(niceCeil2(1000)).toBe(1000);
    expect(niceCeil2(1001)).toBe(1100);
    expect(niceCeil2(3981)).toBe(4000);
    expect(niceCeil2(10)).toBe(10);
    expect(niceCeil2(12.3)).toBeCloseTo(13);
    expect(niceCeil2(0)).toBe(1);
  });
  test('1-2-5 steps', () => {
    expect(niceCeil125(0.02)).toBeCloseTo(0.02);
    expect(niceCeil125(0.021)).toBeCloseTo(0.05);
    expect(niceCeil125(0.999)).toBeCloseTo(1);
    expect(niceCeil125(3)).toBe(5);
    expect(niceCeil125(-1)).toBe(1);
  });
  test('decades around positive values, ignoring zeros and non-finite values', () => {
    expect(decadeDomain([[1e-4, 0.02], [0.5, 0, NaN]], [1, 10])).toEqual([1e-4, 1]);
    const [a, b] = decadeDomain([[2.4e-9, 9999]], [1, 10]);
    expect(a).toBeCloseTo(1e-9, 20);
    expect(b).toBeCloseTo(1e4);
    expect(decadeDomain([[5, 5]], [1, 10])).toEqual([1, 10]);
    expect(decadeDomain([[10, 10]], [1, 2])).toEqual([1, 100]);
    expect(decadeDomain([[0, -1]], [1, 10])).toEqual([1, 10]);
  });
});
