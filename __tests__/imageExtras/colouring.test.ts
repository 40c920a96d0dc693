import fs from 'node:fs';
import path from 'node:path';
import { colouriseDigit, drawJitter, hsvToRgb, jitteredStroke, rgbToHsv } from '@/lib/imageExtras/colouring';
import { makeRng } from '@/lib/rng';

interface Case { colour: number; grey: number[]; jitter: { hueDelta: number; valueMult: number; bgDelta: number }; nhwc: number[] }
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'colouring.json'), 'utf8')) as {
  colours: number[][]; background: number[]; cases: Case[];
};
const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'public/models/colour-mnist-unet/manifest.json'), 'utf8'));

describe('training colouring mirrored from training/cmnist.py', () => {
  test('the fixture was made with the colours and background the model manifest ships', () => {
    expect(manifest.vocabulary.colours.map((c: { rgb: number[] }) => c.rgb)).toEqual(fixture.colours);
    expect(manifest.vocabulary.background).toEqual(fixture.background);
  });

  test.each(fixture.cases.map((c, i) => [i, c] as const))('case %i matches colourize within 1e-5', (_i, c) => {
    const ours = colouriseDigit(c.grey, fixture.colours[c.colour], fixture.background, c.jitter);
    expect(ours.length).toBe(c.nhwc.length);
    let worst = 0;
    for (let k = 0; k < ours.length; k++) worst = Math.max(worst, Math.abs(ours[k] - c.nhwc[k]));
    expect(worst).toBeLessThan(1e-5);
  });

  test('a different jitter does not match (the comparison can fail)', () => {
    const c = fixture.cases[0];
    const ours = colouriseDigit(c.grey, fixture.colours[c.colour], fixture.background, { ...c.jitter, hueDelta: c.jitter.hueDelta + 0.01 });
    let worst = 0;
    for (let k = 0; k < ours.length; k++) worst = Math.max(worst, Math.abs(ours[k] - c.nhwc[k]));
    expect(worst).toBeGreaterThan(1e-3);
  });

  test('hsv round trip and hue wrap-around', () => {
    for (const rgb of fixture.colours) {
      const [h, s, v] = rgbToHsv(rgb[0] / 255, rgb[1] / 255, rgb[2] / 255);
      const back = hsvToRgb(h, s, v);
      back.forEach((x, k) => expect(x * 255).toBeCloseTo(rgb[k], 9));
    }
    // red sits at hue 0: a negative shift wraps to just below 1 and stays reddish.
    const [r, g, b] = jitteredStroke([230, 40, 40], { hueDelta: -0.01, valueMult: 1, bgDelta: 0 });
    expect(r).toBeCloseTo(230, 6);
    expect(b).toBeGreaterThan(g);
  });

  test('jitter draws stay inside the manifest ranges and follow the seed', () => {
    const spec = manifest.vocabulary.jitter;
    const a = makeRng(5), b = makeRng(5);
    for (let i = 0; i < 200; i++) {
      const j = drawJitter(a, spec);
      expect(Math.abs(j.hueDelta)).toBeLessThanOrEqual(spec.hue);
      expect(j.valueMult).toBeGreaterThanOrEqual(spec.valueRange[0]);
      expect(j.valueMult).toBeLessThanOrEqual(spec.valueRange[1]);
      expect(Math.abs(j.bgDelta)).toBeLessThanOrEqual(spec.backgroundRgb);
      expect(drawJitter(b, spec)).toEqual(j);
    }
  });
});
