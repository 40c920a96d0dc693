/** @jest-environment node */
import { parseScheduleFormula, MAX_FORMULA_LENGTH } from '@/lib/diffusion/formula';
import { makeSchedule, ScheduleError } from '@/lib/diffusion/schedule';

function okFn(text: string, variable: 'beta' | 'alphaBar' = 'beta') {
  const r = parseScheduleFormula(text, variable);
  if (!r.ok) throw new Error(`expected ok for ${text}: ${r.message}`);
  return r.fn;
}
function errMsg(text: string, variable: 'beta' | 'alphaBar' = 'beta') {
  const r = parseScheduleFormula(text, variable);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.message;
}

describe('valid formulas', () => {
  test('a typed linear β reproduces the linear table', () => {
    const fn = okFn('0.0001 + (0.02 - 0.0001) * (t - 1) / (T - 1)');
    const a = makeSchedule({ kind: 'custom-beta', T: 1000, betaOf: fn });
    const b = makeSchedule({ kind: 'linear', T: 1000 });
    let worst = 0;
    for (let i = 0; i < 1000; i++) worst = Math.max(worst, Math.abs(a.beta[i] - b.beta[i]));
    expect(worst).toBeLessThan(1e-15);
  });
  test('a typed cosine ᾱ reproduces the cosine table', () => {
    const fn = okFn('cos((u + 0.008) / 1.008 * pi / 2)^2', 'alphaBar');
    const a = makeSchedule({ kind: 'custom-alphaBar', T: 1000, alphaBarOf: fn });
    const b = makeSchedule({ kind: 'cosine', T: 1000 });
    expect(Math.abs(a.alphaBar[999] - b.alphaBar[999]) / b.alphaBar[999]).toBeLessThan(1e-9);
  });
  test('functions, implicit multiplication, constants, conditional', () => {
    expect(okFn('exp(-2u)')(0.5, 500, 1000)).toBeCloseTo(Math.exp(-1), 14);
    expect(okFn('min(0.02, 1e-4 * e^(8u))')(1, 1000, 1000)).toBeCloseTo(0.02, 14);
    expect(okFn('t < T/2 ? 0.001 : 0.02')(0.4, 400, 1000)).toBe(0.001);
    expect(okFn('sqrt(u) * 0.02')(0.25, 1, 4)).toBeCloseTo(0.01, 14);
  });
  test('a non-real result becomes NaN and the schedule names the step', () => {
    const fn = okFn('sqrt(0.5 - u) * 0.01 + 1e-4');
    expect(Number.isNaN(fn(0.6, 6, 10))).toBe(true);
    expect(() => makeSchedule({ kind: 'custom-beta', T: 10, betaOf: fn })).toThrow(/β is NaN at t = 6 \(u = 0.6\)/);
  });
  test('out-of-range β reports the location', () => {
    const fn = okFn('0.02 + 2 * u^50');
    try {
      makeSchedule({ kind: 'custom-beta', T: 1000, betaOf: fn });
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ScheduleError);
      const se = e as ScheduleError;
      // 0.02 + 2u^50 ≥ 1 first where u^50 ≥ 0.49, u ≥ 0.98583…: t = 986.
      expect(se.t).toBe(986);
      expect(se.message).toMatch(/^β is 1\.\d+ at t = 986 \(u = 0\.986\); β must lie in \(0, 1\) at every step/);
    }
  });
  test('compile + T = 1000 evaluations well under 16 ms', () => {
    // CPU time of this process, not wall time: the budget is about our work, and a shared
    // test machine under load stretches wall time by whatever else is running.
    const run = () => {
      const c0 = process.cpuUsage();
      const fn = okFn('1e-4 + (0.02 - 1e-4) * (1 - cos(u * pi)) / 2');
      makeSchedule({ kind: 'custom-beta', T: 1000, betaOf: fn });
      const c = process.cpuUsage(c0);
      return (c.user + c.system) / 1000;
    };
    run(); // warm the JIT
    const best = Math.min(run(), run(), run());
    expect(best).toBeLessThan(16);
  });
});

describe('rejected formulas', () => {
  test('syntax errors carry a position', () => {
    const r = parseScheduleFormula('0.01 * (u + ', 'beta');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(typeof r.position).toBe('number');
      expect(r.message).toMatch(/character \d+/);
    }
    expect(errMsg('2 ** u')).toMatch(/character/);
  });
  test('empty input', () => {
    expect(errMsg('   ')).toMatch(/Type a formula/);
  });
  test('unknown symbols', () => {
    expect(errMsg('x * 2')).toMatch(/Unknown symbol "x"/);
    expect(errMsg('process')).toMatch(/Unknown symbol "process"/);
    expect(errMsg('this')).toMatch(/Unknown symbol "this"/);
    expect(errMsg('constructor')).toMatch(/Unknown symbol "constructor"/);
    expect(errMsg('__proto__')).toMatch(/Unknown symbol "__proto__"/);
    expect(errMsg('5 cm')).toMatch(/Unknown symbol "cm"/);
  });
  test('globals, constructors and escape hatches', () => {
    expect(errMsg('import("x")')).toMatch(/not allowed/);
    expect(errMsg('evaluate("1")')).toMatch(/not allowed/);
    expect(errMsg('parse("1")')).toMatch(/not allowed/);
    expect(errMsg('createUnit("foo")')).toMatch(/not allowed/);
    expect(errMsg('u.constructor')).toMatch(/Property access/);
    expect(errMsg('u["constructor"]')).toMatch(/Property access|not allowed/);
    // Rejected either by the parser (empty call) or by the tree check.
    expect(errMsg('cos.constructor("return process")()')).toBeTruthy();
    expect(errMsg('cos.constructor("return process")(1)')).toMatch(/Property access|named functions/);
    expect(errMsg('sin["constructor"]("return 1")(u)')).toMatch(/Property access|named functions/);
    expect(errMsg('f(x) = x; f(u)')).toMatch(/single expression|Assignments/);
    expect(errMsg('a = 1')).toMatch(/Assignments/);
    expect(errMsg('"abc"')).toMatch(/Only numbers/);
    expect(errMsg('[1, 2]')).toMatch(/not allowed/);
    expect(errMsg('{a: 1}')).toMatch(/not allowed/);
    expect(errMsg('u; u')).toMatch(/single expression/);
  });
  test('very long input', () => {
    const long = '1e-4+'.repeat(200) + 'u';
    expect(long.length).toBeGreaterThan(MAX_FORMULA_LENGTH);
    expect(errMsg(long)).toMatch(/too long/);
    // Deep nesting within the limit parses or is refused without a crash.
    const deep = '('.repeat(140) + 'u' + ')'.repeat(140);
    const r = parseScheduleFormula(deep, 'beta');
    expect(typeof r.ok).toBe('boolean');
  });
  test('the disabled public functions stay disabled after parsing', () => {
    // A formula cannot re-enable anything: calling evaluate is refused before evaluation.
    expect(errMsg('evaluate("process")')).toMatch(/not allowed/);
    expect(parseScheduleFormula('u', 'beta').ok).toBe(true);
  });
});

describe('evaluation semantics of the closure compiler', () => {
  const at = (text: string, u = 0.25, t = 250, T = 1000) => okFn(text)(u, t, T);
  test('operators, precedence, n-ary chains, functions', () => {
    expect(at('1 + 2 * 3 ^ 2')).toBe(19);
    expect(at('-2^2')).toBe(-4);
    expect(at('2 * 3 * 4 + 1 + 1')).toBe(26);
    expect(at('u + t + T')).toBe(1250.25);
    expect(at('-7 mod 3')).toBe(2); // mathjs mod: x − y·floor(x/y)
    expect(at('log(8, 2)')).toBeCloseTo(3, 14);
    expect(at('round(3.14159, 2)')).toBe(3.14);
    expect(at('max(1, u, 3, 2)')).toBe(3);
    expect(at('atan2(1, 1)')).toBeCloseTo(Math.PI / 4, 14);
    expect(at('(t > 100) * 0.5')).toBe(0.5);
    expect(at('e')).toBe(Math.E);
  });
  test('non-real results are NaN; wrong arity is refused', () => {
    expect(Number.isNaN(at('sqrt(-1)'))).toBe(true);
    expect(Number.isNaN(at('(-8)^(1/3)'))).toBe(true);
    expect(Number.isNaN(at('u < 1'))).toBe(true); // a boolean is not a β
    expect(errMsg('sin(1, 2)')).toMatch(/sin takes 1 argument/);
    expect(errMsg('pow(2)')).toMatch(/pow takes 2 arguments/);
    expect(errMsg('hasOwnProperty(1)')).toMatch(/not allowed/);
    expect(errMsg('toString(1)')).toMatch(/not allowed/);
  });
});
