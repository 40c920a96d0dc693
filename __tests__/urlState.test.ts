/** @jest-environment node */
import {
  backendParam, defaults, guidanceParam, parseParams, parseValue, readHideControls, seedParam, serializeParams, stepsParam, type ParamSpecs,
} from '@/lib/urlState';
import { BACKEND_PREFERENCES } from '@/lib/backend/decide';

const SPEC = {
  n: { kind: 'number', default: 800, min: 10, max: 3000, integer: true },
  step: { kind: 'number', default: 0.02, min: 0.001, max: 0.2 },
  kind: { kind: 'enum', default: 'linear', values: ['linear', 'cosine'] },
  show: { kind: 'boolean', default: true },
  formula: { kind: 'string', default: '', maxLength: 20 },
} as const satisfies ParamSpecs;

const parse = (q: string) => parseParams(SPEC, new URLSearchParams(q), 'c');

describe('parseParams', () => {
  test('no parameters gives defaults and no notices', () => {
    expect(parse('')).toEqual({ values: defaults(SPEC), notices: [] });
  });

  test('valid values are read from the cell namespace only', () => {
    const { values, notices } = parse('c.n=50&c.step=0.1&c.kind=cosine&c.show=0&c.formula=t*2&other.n=7');
    expect(values).toEqual({ n: 50, step: 0.1, kind: 'cosine', show: false, formula: 't*2' });
    expect(notices).toEqual([]);
  });

  test('out-of-range numbers are clamped, with a notice naming the parameter', () => {
    const { values, notices } = parse('c.n=999999&c.step=-1');
    expect(values.n).toBe(3000);
    expect(values.step).toBe(0.001);
    expect(notices).toEqual([
      { param: 'c.n', raw: '999999', kind: 'clamped', used: '3000' },
      { param: 'c.step', raw: '-1', kind: 'clamped', used: '0.001' },
    ]);
  });

  test('integers are rounded', () => {
    const { values, notices } = parse('c.n=12.6');
    expect(values.n).toBe(13);
    expect(notices[0].kind).toBe('clamped');
  });

  test.each([
    ['c.n=abc'], ['c.n='], ['c.n=0x10'], ['c.n=Infinity'], ['c.n=NaN'], ['c.n=1e'], ['c.n=%20'],
    ['c.kind=quadratic'], ['c.kind=__proto__'], ['c.show=yes'], [`c.formula=${'x'.repeat(21)}`],
  ])('garbage %s falls back to the default with an "invalid" notice', (q) => {
    const { values, notices } = parse(q);
    expect(values).toEqual(defaults(SPEC));
    expect(notices).toHaveLength(1);
    expect(notices[0].kind).toBe('invalid');
  });

  test('unknown keys in the namespace are reported and ignored, including prototype keys', () => {
    const { values, notices } = parse('c.evil=1&c.constructor=1&c.__proto__=1');
    expect(values).toEqual(defaults(SPEC));
    expect(notices.map((n) => n.param)).toEqual(['c.evil', 'c.constructor', 'c.__proto__']);
    expect(notices.every((n) => n.kind === 'unknown' && n.used === '')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('serializeParams', () => {
  test('round-trips every value through the URL', () => {
    const values = { n: 1234, step: 0.1 + 0.05, kind: 'cosine', show: false, formula: 'a&b=c' };
    const search = serializeParams(SPEC, values, 'c', new URLSearchParams(), { includeDefaults: true });
    expect(parseParams(SPEC, new URLSearchParams(search.toString()), 'c')).toEqual({ values, notices: [] });
  });

  test('omits defaults unless asked, and leaves other cells alone', () => {
    const base = new URLSearchParams('other.x=1&c.n=5');
    const search = serializeParams(SPEC, { ...defaults(SPEC), step: 0.05 }, 'c', base);
    expect(search.toString()).toBe('other.x=1&c.step=0.05');
    const full = serializeParams(SPEC, defaults(SPEC), 'c', new URLSearchParams(), { includeDefaults: true });
    expect([...full.keys()]).toEqual(['c.n', 'c.step', 'c.kind', 'c.show', 'c.formula']);
  });

  test('writes the shortest decimal that reads back exactly', () => {
    const search = serializeParams(SPEC, { ...defaults(SPEC), step: 0.1 }, 'c');
    expect(search.get('c.step')).toBe('0.1');
  });
});

test('parseValue accepts scientific notation within range', () => {
  expect(parseValue(SPEC.step, '2e-2')).toEqual({ value: 0.02 });
});

describe('reserved keys', () => {
  test('`<cell>.hide=controls` is not reported as an unknown parameter', () => {
    const search = new URLSearchParams('c.hide=controls&c.n=20');
    expect(parseParams(SPEC, search, 'c').notices).toEqual([]);
    expect(readHideControls(search, 'c')).toBe(true);
    expect(readHideControls(new URLSearchParams('c.hide=yes'), 'c')).toBe(false);
  });
});

describe('shared parameters', () => {
  const shared = {
    seed: seedParam(7), backend: backendParam(), w: guidanceParam(2.5), steps: stepsParam(250, { min: 2 }),
  } as const satisfies ParamSpecs;

  test('defaults: the given seed, automatic backend, the model\'s guidance, 50 steps', () => {
    expect(defaults(shared)).toEqual({ seed: 7, backend: 'auto', w: 2.5, steps: 50 });
  });

  test('every backend the selector knows is accepted, anything else falls back with a notice', () => {
    for (const b of BACKEND_PREFERENCES) expect(parseParams(shared, new URLSearchParams(`c.backend=${b}`), 'c').values.backend).toBe(b);
    const bad = parseParams(shared, new URLSearchParams('c.backend=cuda'), 'c');
    expect(bad.values.backend).toBe('auto');
    expect(bad.notices).toEqual([{ param: 'c.backend', raw: 'cuda', kind: 'invalid', used: 'auto' }]);
  });

  test('guidance is clamped to [0, 10]; steps to the cell\'s range, whole numbers', () => {
    const r = parseParams(shared, new URLSearchParams('c.w=-1&c.steps=1.6'), 'c');
    expect(r.values.w).toBe(0);
    expect(r.values.steps).toBe(2);
    expect(parseParams(shared, new URLSearchParams('c.w=99&c.steps=9999'), 'c').values).toMatchObject({ w: 10, steps: 250 });
  });
});
