/** The talk's table against a measured race. */
import { talkVerdicts, TALK_TABLE } from '@/lib/race/verdict';
import type { RaceModelId, RaceResult } from '@/lib/race/protocol';

const result = (model: RaceModelId, precision: number, coverage: number, sampleMs: number, lk: RaceResult['likelihood'], extra: Partial<RaceResult> = {}): RaceResult => ({
  model, stopped: false, failure: null, steps: 10, seconds: 1, samples: new Float32Array(0), sampleMs, passes: 1,
  quality: { step: 10, seconds: 1, precision, coverage, swd: 0.1 }, likelihood: lk, ...extra,
});

test('a race that behaves as the talk says confirms every measurable cell', () => {
  const v = talkVerdicts({
    gan: result('gan', 0.9, 0.6, 4, { kind: 'none', value: null }),
    vae: result('vae', 0.4, 0.95, 3, { kind: 'elbo', value: -2.5 }),
    flow: result('flow', 0.6, 0.97, 50, { kind: 'exact', value: -1.8 }),
    ddpm: result('ddpm', 0.85, 0.99, 800, { kind: 'bound', value: -1.5 }),
  });
  expect(v.gan).toEqual({ quality: 'confirmed', coverage: 'confirmed', speed: 'confirmed', likelihood: 'confirmed' });
  expect(v.vae.quality).toBe('confirmed');
  expect(v.flow).toEqual({ quality: 'confirmed', coverage: 'confirmed', speed: 'confirmed', likelihood: 'confirmed' });
  expect(v.ddpm).toEqual({ quality: 'confirmed', coverage: 'confirmed', speed: 'confirmed', likelihood: 'confirmed' });
});

test('measurements against the talk are contradictions; failures and missing models are unmeasured', () => {
  const v = talkVerdicts({
    gan: result('gan', 0.3, 0.95, 4, { kind: 'none', value: null }),
    flow: result('flow', 0.9, 0.5, 300, { kind: 'exact', value: -1 }),
    ddpm: result('ddpm', 0.9, 0.99, 5, { kind: 'bound', value: null }),
    vae: result('vae', 0.3, 0.9, 3, { kind: 'elbo', value: null }, { failure: { kind: 'nan', step: 3 } }),
  });
  expect(v.gan.quality).toBe('contradicted');
  expect(v.gan.coverage).toBe('contradicted');
  expect(v.flow).toMatchObject({ quality: 'contradicted', coverage: 'contradicted', speed: 'contradicted' });
  expect(v.ddpm.speed).toBe('contradicted');
  expect(v.ddpm.likelihood).toBe('unmeasured');
  expect(Object.values(v.vae).every((x) => x === 'unmeasured')).toBe(true);
  expect(Object.keys(TALK_TABLE)).toEqual(['gan', 'vae', 'flow', 'ddpm']);
});
