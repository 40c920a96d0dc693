/** The one manifest reader (lib/imageModel/manifest.ts): the shipped file parses; damage is named. */
import fs from 'node:fs';
import path from 'node:path';
import { fetchUNetManifest, memorizationThresholds, parseUNetManifest } from '@/lib/imageModel/manifest';
import { fsFetch } from './fsFetch';

const FILE = path.join(process.cwd(), 'public/models/colour-mnist-unet/manifest.json');
const shipped = () => JSON.parse(fs.readFileSync(FILE, 'utf8'));

test('the shipped manifest parses: schedule, vocabulary with jitter, tuned guidance, thresholds', async () => {
  const m = parseUNetManifest(shipped(), 'manifest.json');
  expect(m.schedule).toMatchObject({ T: 1000, type: 'linear', parameterization: 'epsilon' });
  expect(m.vocabulary.colours).toHaveLength(m.vocabulary.nullColourIndex);
  expect(m.vocabulary.jitter?.valueRange).toHaveLength(2);
  expect(m.sampling.defaultGuidance).toBe(shipped().sampling.defaultGuidance);
  const thr = memorizationThresholds(m);
  expect(Object.keys(thr ?? {}).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  const fetched = await fetchUNetManifest('/models/colour-mnist-unet', fsFetch());
  expect(fetched).toEqual(m);
});

const damaged = (edit: (m: ReturnType<typeof shipped>) => void) => {
  const m = shipped();
  edit(m);
  return () => parseUNetManifest(m, 'm.json');
};

test.each([
  ['not an object', () => parseUNetManifest([1, 2], 'm.json'), /m\.json is malformed: it is not a JSON object/],
  ['no vocabulary', damaged((m) => { delete m.vocabulary; }), /needs "spec", "schedule", "vocabulary" and "sampling" \(no "vocabulary"\)/],
  ['a cosine v-model', damaged((m) => { m.schedule.type = 'cosine'; m.schedule.parameterization = 'v'; }), /describes a cosine schedule with v prediction; this page samples a linear-schedule ε-model/],
  ['a colour without rgb', damaged((m) => { m.vocabulary.colours[2] = { name: 'x' }; }), /"vocabulary\.colours\[2\]" needs a name and an rgb triple/],
  ['a colour count that disagrees', damaged((m) => { m.vocabulary.colours.pop(); }), /nullColourIndex" is 9 but there are 8 colours/],
  ['a bad jitter', damaged((m) => { m.vocabulary.jitter = { hue: 'a lot' }; }), /"vocabulary\.jitter" needs numbers/],
  ['a negative guidance', damaged((m) => { m.sampling.defaultGuidance = -1; }), /"sampling\.defaultGuidance" must be a number ≥ 0/],
])('%s gives a message naming the field', (_what, make, message) => {
  expect(make).toThrow(message);
});

test('a manifest without jitter or evaluation still parses (the figures that need them say so)', () => {
  const m = shipped();
  delete m.vocabulary.jitter;
  delete m.evaluation;
  const p = parseUNetManifest(m, 'm.json');
  expect(p.vocabulary.jitter).toBeUndefined();
  expect(memorizationThresholds(p)).toBeNull();
});
