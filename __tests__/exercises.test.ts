/** @jest-environment node */
import fs from 'node:fs';
import path from 'node:path';
import { CHAPTER_SLUGS, LANGS } from '@/lib/chapters';
import { checkNumeric, checkReading, checkValue, exerciseIdsIn, linearAlphaBarT, parseAnswer, parseSolved, serializeSolved } from '@/lib/exercises';
import { makeSchedule } from '@/lib/diffusion/schedule';
import { superResolutionOperator } from '@/lib/imageSampling/operators';
import { presetHole } from '@/lib/imageSampling/maskPresets';

const check = { answer: 0.0786, tol: 0.001, mistakes: [{ value: 0.99, tol: 0.002 }, { value: 0.28, tol: 0.003 }] };

describe('checkNumeric', () => {
  test('right within tolerance, at the edge included', () => {
    expect(checkNumeric('0.0786', check)).toEqual({ kind: 'correct' });
    expect(checkNumeric('0.0796', check)).toEqual({ kind: 'correct' });
    expect(checkNumeric('7.86e-2', check)).toEqual({ kind: 'correct' });
    expect(checkNumeric('7,86 %', check)).toEqual({ kind: 'correct' });
  });
  test('a known mistake gets its own index, before the direction of the miss', () => {
    expect(checkNumeric('0.990', check)).toEqual({ kind: 'mistake', index: 0 });
    expect(checkNumeric('0.2803', check)).toEqual({ kind: 'mistake', index: 1 });
  });
  test('otherwise too high or too low', () => {
    expect(checkNumeric('0.5', check)).toEqual({ kind: 'too-high' });
    expect(checkNumeric('0.07', check)).toEqual({ kind: 'too-low' });
    expect(checkNumeric('-1', check)).toEqual({ kind: 'too-low' });
  });
  test('text that is not a number is said so, never a crash', () => {
    for (const raw of ['', '  ', 'abc', '0.1.2', '1/0', 'Infinity', 'NaN', '1e999', '--1']) {
      expect(checkNumeric(raw, check)).toEqual({ kind: 'not-a-number' });
    }
  });
  test('parseAnswer reads fractions, percents, commas and the minus sign', () => {
    expect(parseAnswer('1/4')).toBe(0.25);
    expect(parseAnswer('25%')).toBe(0.25);
    expect(parseAnswer(' 0,25 ')).toBe(0.25);
    expect(parseAnswer('−2')).toBe(-2);
    expect(parseAnswer('.5')).toBe(0.5);
  });
});

describe('checks on a cell\'s state', () => {
  const want = { T: 1000, b1: 1e-4 };
  test('linearAlphaBarT agrees with the schedule code for the asked setup', () => {
    for (const bT of [0.002, 0.02, 0.005]) {
      const r = linearAlphaBarT({ kind: 'linear', T: 1000, b1: 1e-4, bT }, want);
      const table = makeSchedule({ kind: 'linear', T: 1000, betaStart: 1e-4, betaEnd: bT });
      expect(r.kind).toBe('value');
      if (r.kind === 'value') expect(r.value).toBeCloseTo(table.alphaBar[999], 10);
    }
  });
  test('another kind, T or β_1 is a setup problem, not a number', () => {
    expect(linearAlphaBarT({ kind: 'cosine', T: 1000, b1: 1e-4, bT: 0.002 }, want)).toEqual({ kind: 'setup' });
    expect(linearAlphaBarT({ kind: 'linear', T: 100, b1: 1e-4, bT: 0.002 }, want)).toEqual({ kind: 'setup' });
    expect(linearAlphaBarT({ kind: 'linear', T: 1000, b1: 1e-3, bT: 0.002 }, want)).toEqual({ kind: 'setup' });
    expect(linearAlphaBarT({ kind: 'linear', T: 1000, b1: 1e-4, bT: NaN }, want)).toEqual({ kind: 'setup' });
  });
  test('a reading gets the same verdicts as a typed number', () => {
    const c = { answer: 0.35, tol: 0.02, mistakes: [] };
    expect(checkReading({ kind: 'value', value: 0.36 }, c)).toEqual({ kind: 'correct' });
    expect(checkReading({ kind: 'value', value: 0.58 }, c)).toEqual({ kind: 'too-high' });
    expect(checkReading({ kind: 'value', value: 4e-5 }, c)).toEqual({ kind: 'too-low' });
    expect(checkReading({ kind: 'setup' }, c)).toEqual({ kind: 'setup' });
    expect(checkValue(NaN, c)).toEqual({ kind: 'not-a-number' });
  });
});

describe('solved set in storage', () => {
  test('round-trips, sorted', () => {
    expect(serializeSolved(new Set(['b', 'a']))).toBe('["a","b"]');
    expect([...parseSolved(serializeSolved(new Set(['th-x', 'bg-y'])))].sort()).toEqual(['bg-y', 'th-x']);
  });
  test('malformed storage reads as nothing solved', () => {
    for (const raw of [null, '', '{', '{"a":true}', '42', '[1,null]', '["<script>"]']) expect(parseSolved(raw).size).toBe(0);
  });
});

// The chapters, read as text: where the exercises sit and what their checked answers say.
const source = (lang: string, slug: string) => fs.readFileSync(path.join('content', lang, `${slug}.mdx`), 'utf8');
// Every chapter ends with exercises; the references are a bibliography.
const EXERCISE_CHAPTERS = CHAPTER_SLUGS.filter((s) => s !== 'references');
const checkedAnswer = (text: string, id: string) => {
  const m = new RegExp(`<Exercise id="${id}"[^>]*?answer=\\{([^}]+)\\} tol=\\{([^}]+)\\}`).exec(text);
  return m ? { answer: Number(m[1]), tol: Number(m[2]) } : null;
};

/** The smallest S of the chapter's DDIM table (the one whose header row starts "| $\\eta$") at which some row's FID is below `limit`. */
function fewestStepsBelow(text: string, limit: number): number {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => l.startsWith('| $\\eta$'));
  const steps = lines[head].split('|').slice(2, -1).map((c) => Number(c.trim()));
  const end = lines.findIndex((l, i) => i > head && !l.startsWith('|'));
  const rows = lines.slice(head + 2, end).map((l) => l.split('|').slice(2, -1).map((c) => Number(c.replace(/\*/g, '').trim())));
  expect(rows.length).toBe(5);
  const column = steps.findIndex((_, j) => rows.some((r) => r[j] < limit));
  return steps[column];
}

describe('exercises in the chapters', () => {
  test.each(EXERCISE_CHAPTERS)('%s: at least 3, one checked, same ids in both languages, section just before the recap', (slug) => {
    const en = exerciseIdsIn(source('en', slug));
    expect(en.length).toBeGreaterThanOrEqual(3);
    for (const lang of LANGS) {
      const text = source(lang, slug);
      expect(exerciseIdsIn(text)).toEqual(en);
      expect(en.some((id) => checkedAnswer(text, id) !== null)).toBe(true);
      const headings = [...text.matchAll(/<H2 id="([^"]+)"/g)].map((m) => m[1]);
      expect(headings.slice(-2)).toEqual(['exercises', 'recap']);
    }
  });
  test('ids are unique across chapters (one solved set for the whole site)', () => {
    const all = EXERCISE_CHAPTERS.flatMap((slug) => exerciseIdsIn(source('en', slug)));
    expect(new Set(all).size).toBe(all.length);
  });
  test('known mistakes are the same in both languages and never within the tolerance of the right answer', () => {
    const blocks = (text: string) => new Map([...text.matchAll(/<Exercise id="([a-z0-9-]+)"[\s\S]*?<\/Exercise>/g)].map((m) => [m[1], m[0]]));
    const mistakes = (block: string) => [...block.matchAll(/<Mistake value=\{([^}]+)\} tol=\{([^}]+)\}>/g)].map((m) => ({ value: Number(m[1]), tol: Number(m[2]) }));
    for (const slug of EXERCISE_CHAPTERS) {
      const [en, zh] = LANGS.map((lang) => blocks(source(lang, slug)));
      for (const [id, block] of en) {
        const found = mistakes(block);
        expect(mistakes(zh.get(id) ?? '')).toEqual(found);
        const check = checkedAnswer(block, id);
        if (!check) { expect(found).toEqual([]); continue; }
        for (const m of found) {
          expect(Number.isFinite(m.value) && m.tol > 0).toBe(true);
          expect(checkNumeric(String(m.value), { ...check, mistakes: found })).toEqual({ kind: 'mistake', index: found.indexOf(m) });
        }
      }
    }
  });
  test('every checked exercise has a hint for answers too high and too low, a cell check one for a cell set up otherwise, in both languages', () => {
    for (const slug of EXERCISE_CHAPTERS) {
      for (const lang of LANGS) {
        const text = source(lang, slug);
        for (const [, id, attrs, body] of text.matchAll(/<Exercise id="([a-z0-9-]+)"([^>]*)>([\s\S]*?)<\/Exercise>/g)) {
          const whens = [...body.matchAll(/<Mistake when="([a-z]+)">/g)].map((m) => m[1]).sort();
          const expected = !attrs.includes('answer=') ? [] : attrs.includes('cell=') ? ['above', 'below', 'setup'] : ['above', 'below'];
          expect({ lang, id, whens }).toEqual({ lang, id, whens: expected });
        }
      }
    }
    expect(source('en', 'theory')).toMatch(/<Exercise id="th-find-beta-t"[^>]*cell="schedule-alphabar-T"/);
  });
  test('checked answers are the same in both languages and agree with the project\'s own code and cited facts', () => {
    const linear = makeSchedule({ kind: 'linear', T: 1000 });
    const computed: Record<string, number> = {
      'bg-pixel-count': 28 * 28 * 3,
      'bg-prompt-count': 10 * 9,
      'th-alphabar-500': linear.alphaBar[499],
      'th-half-signal': linear.alphaBar.findIndex((v) => v < 0.5) + 1,
      'int-brownian-spread': Math.sqrt(100 * 0.1 ** 2),
      // DDPM's T = 1000 network passes against DDIM's S = 50.
      'feat-ddim-speedup': 1000 / 50,
      'feat-fewest-steps': fewestStepsBelow(source('en', 'features'), 5),
      'app-superres-known': superResolutionOperator(4).outSize / superResolutionOperator(4).inSize,
      // Observed numbers with the "centre" mask: visible pixels × 3 channels.
      'app-inpaint-known': presetHole('centre').filter((hole) => hole === 0).length * 3,
      // Stable Diffusion's default scale 7.5 = 1 + w (CompVis/stable-diffusion README).
      'app-guidance-scale': 7.5 - 1,
      // At least one of 20 independent digits below a line that 5 % of new digits fall below.
      'eth-false-alarms': 1 - 0.95 ** 20,
      // DDPM §4.3: ≤ 0.03 bits/dim on a 32 × 32 × 3 CIFAR10 image.
      'eth-codelength-bits': 0.03 * 32 * 32 * 3,
      // A cell check: the β_T its answer names (0.002) must reach the asked ᾱ_T, by the schedule code.
      'th-find-beta-t': makeSchedule({ kind: 'linear', T: 1000, betaStart: 1e-4, betaEnd: 0.002 }).alphaBar[999],
    };
    for (const slug of EXERCISE_CHAPTERS) {
      for (const id of exerciseIdsIn(source('en', slug))) {
        const [en, zh] = LANGS.map((lang) => checkedAnswer(source(lang, slug), id));
        expect(zh).toEqual(en);
        if (!en) continue;
        expect(computed[id]).toBeDefined();
        expect(Math.abs(en.answer - computed[id])).toBeLessThanOrEqual(en.tol / 2);
      }
    }
  });
});
