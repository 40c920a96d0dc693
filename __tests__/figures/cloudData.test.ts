import { CLOUD_POINTS, curveSteps, distanceToNormal, prepareCloud } from '@/lib/plotting/cloudData';
import { meanVariance } from '@/lib/plotting/histogram';
import { makeSchedule } from '@/lib/diffusion/schedule';
import { qSample } from '@/lib/diffusion/forward';

describe('cloud data for the forward-process figures', () => {
  test('standardized data, same seed → same points, other seed → other points', () => {
    const a = prepareCloud('moons', 5);
    expect(a.x0.length).toBe(2 * CLOUD_POINTS);
    for (const off of [0, 1]) {
      const { mean, variance } = meanVariance(a.x0, 2, off);
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(variance).toBeCloseTo(1, 4);
    }
    expect(Array.from(prepareCloud('moons', 5).x0)).toEqual(Array.from(a.x0));
    expect(Array.from(prepareCloud('moons', 6).x0)).not.toEqual(Array.from(a.x0));
    expect(Array.from(a.reference)).not.toEqual(Array.from(a.reference2));
  });

  test('the distance to N(0, I) falls from the data to the noise floor as t grows', () => {
    const c = prepareCloud('eight-gaussians', 3, 1000);
    const table = makeSchedule({ kind: 'linear', T: 1000 });
    const d0 = distanceToNormal(c.x0, c);
    const d250 = distanceToNormal(qSample(table, c.x0, 250, c.eps), c);
    const dT = distanceToNormal(qSample(table, c.x0, 1000, c.eps), c);
    const floor = distanceToNormal(c.reference2, c);
    expect(d0).toBeGreaterThan(d250);
    expect(d250).toBeGreaterThan(dT);
    // At t = T the cloud is as close to N(0, I) as another N(0, I) sample is (within sampling noise).
    expect(dT).toBeLessThan(2.5 * floor);
    expect(d0).toBeGreaterThan(3 * floor);
  });

  test('curve steps cover 0..T once each', () => {
    const s = curveSteps(1000);
    expect(s[0]).toBe(0);
    expect(s[s.length - 1]).toBe(1000);
    expect(s.length).toBe(50);
    expect(new Set(s).size).toBe(s.length);
    expect(curveSteps(10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
