import { applyRules, givenParams, ruleNotices, type ParamRule } from '@/lib/paramRules';
import { parseParams, type ParamSpecs } from '@/lib/urlState';

const SPEC = {
  T: { kind: 'number', default: 1000, min: 10, max: 4000, integer: true },
  t: { kind: 'number', default: 100, min: 0, max: 4000, integer: true },
} as const satisfies ParamSpecs;
const tWithinT: ParamRule<typeof SPEC> = (v) => (v.t > v.T ? { t: v.T } : {});

describe('parameter rules', () => {
  it('clamps t to T and reports it when the URL set t', () => {
    const search = new URLSearchParams('forward.T=10&forward.t=4000');
    const parsed = parseParams(SPEC, search, 'forward');
    expect(parsed.notices).toEqual([]);
    const fixed = applyRules(parsed.values, [tWithinT], givenParams(search, 'forward'));
    expect(fixed.values).toEqual({ T: 10, t: 10 });
    expect(fixed.corrected).toEqual(['t']);
    expect(ruleNotices(SPEC, 'forward', search, fixed.corrected, fixed.values)).toEqual([
      { param: 'forward.t', raw: '4000', kind: 'clamped', used: '10' },
    ]);
  });

  it('corrects a default silently (the URL did not ask for it)', () => {
    const search = new URLSearchParams('forward.T=10');
    const fixed = applyRules(parseParams(SPEC, search, 'forward').values, [tWithinT], givenParams(search, 'forward'));
    expect(fixed.values.t).toBe(10);
    expect(ruleNotices(SPEC, 'forward', search, fixed.corrected, fixed.values)).toEqual([]);
  });

  it('changes nothing when the values already hold', () => {
    const v = { T: 1000, t: 5 };
    const fixed = applyRules(v, [tWithinT]);
    expect(fixed.values).toBe(v);
    expect(fixed.corrected).toEqual([]);
  });

  it('passes the names the URL gave', () => {
    expect([...givenParams(new URLSearchParams('a.x=1&b.y=2&a.z=&a=3'), 'a')].sort()).toEqual(['x', 'z']);
  });
});
