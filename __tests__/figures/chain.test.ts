import { ForwardChain, stepSeed } from '@/lib/plotting/chain';
import { makeSchedule } from '@/lib/diffusion/schedule';
import { meanVariance } from '@/lib/plotting/histogram';
import { makeRng } from '@/lib/rng';

const table = makeSchedule({ kind: 'linear', T: 1000 });

function cloud(n: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  const x = new Float32Array(2 * n);
  // A lopsided cloud: all points near (2, −1).
  for (let i = 0; i < n; i++) { x[2 * i] = 2 + 0.1 * rng.normal(); x[2 * i + 1] = -1 + 0.1 * rng.normal(); }
  return x;
}

describe('ForwardChain', () => {
  test('x_t does not depend on the order in which steps are visited', () => {
    const x0 = cloud(200, 1);
    const a = new ForwardChain(table, x0, 42, 50);
    const direct = Float32Array.from(a.at(437));
    const b = new ForwardChain(table, x0, 42, 50);
    b.at(900); b.at(10); b.at(600); b.at(436);
    expect(Array.from(b.at(437))).toEqual(Array.from(direct));
    // Going backwards replays from a checkpoint and lands on the same values.
    expect(Array.from(a.at(120))).toEqual(Array.from(new ForwardChain(table, x0, 42, 7).at(120)));
  });

  test('t = 0 is the data, a different seed gives a different path', () => {
    const x0 = cloud(50, 2);
    const c = new ForwardChain(table, x0, 1);
    c.at(300);
    expect(Array.from(c.at(0))).toEqual(Array.from(x0));
    expect(Array.from(new ForwardChain(table, x0, 2).at(300))).not.toEqual(Array.from(c.at(300)));
  });

  test('the chain forgets the data: at t = T the cloud has mean ≈ 0 and variance ≈ 1', () => {
    const x0 = cloud(4000, 3);
    const c = new ForwardChain(table, x0, 9);
    const xT = c.at(1000);
    for (const offset of [0, 1]) {
      const { mean, variance } = meanVariance(xT, 2, offset);
      expect(Math.abs(mean)).toBeLessThan(0.06);
      expect(variance).toBeGreaterThan(0.93);
      expect(variance).toBeLessThan(1.07);
    }
    // Halfway (ᾱ_500 ≈ 0.0786) the mean still remembers x_0: √ᾱ · 2 ≈ 0.56.
    const mid = meanVariance(c.at(500), 2, 0);
    expect(mid.mean).toBeGreaterThan(0.45);
    expect(mid.mean).toBeLessThan(0.67);
  });

  test('rejects steps outside 0..T', () => {
    const c = new ForwardChain(table, cloud(3, 1), 1);
    expect(() => c.at(-1)).toThrow(RangeError);
    expect(() => c.at(1001)).toThrow(RangeError);
    expect(() => c.at(1.5)).toThrow(RangeError);
  });

  test('step seeds differ across steps and seeds', () => {
    const seen = new Set<number>();
    for (let s = 0; s < 20; s++) for (let t = 1; t <= 200; t++) seen.add(stepSeed(s, t));
    expect(seen.size).toBe(20 * 200);
  });
});
