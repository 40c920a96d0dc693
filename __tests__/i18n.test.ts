/**
 * The message files (messages/en.tsx, messages/zh.tsx): zh is typed as en, so a missing key fails
 * the type check; this checks the same at run time, through nested objects and message functions,
 * and that the Chinese set is really translated (no English string copied over).
 */
import { MESSAGES, backendWhyText, dataLabelText, formulaProblemText, pointsProblemText, scheduleProblemText } from '@/messages';
import { tryMakeSchedule } from '@/lib/diffusion/schedule';
import { parseScheduleFormula } from '@/lib/diffusion/formula';
import { decideAuto, decideForced } from '@/lib/backend/decide';
import { parsePointsFile } from '@/lib/data2d/parse';
import { parsePrompt } from '@/lib/imageSampling/prompt';
import { en } from '@/messages/en';
import { zh } from '@/messages/zh';
import { fixed, grouped, percent, significant } from '@/messages/format';
import { colourLabel, problemMessage } from '@/components/imageModel/labels';

type Node = unknown;

/** Every leaf as [path, value]; functions and React elements count as leaves. */
function leaves(node: Node, path = ''): [string, unknown][] {
  if (node && typeof node === 'object' && !('$$typeof' in node)) {
    return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, node]];
}

/** Strings that are the same in both languages on purpose: names, symbols, backend ids. */
const SAME_IN_BOTH = [
  /^[\s\dA-Za-z_.:=()⁺₀₁²·×/−+*^|,'-]*[βᾱσηε][^\u4e00-\u9fff]*$/, // formulas and symbol labels (β₁, β_T, DDIM η)
  /^(webgpu|webgl|wasm|cpu|DDIM|x_t|t|S|η|x̂₀|σ_t z|ᾱ = 10⁻³)$/,
];

describe('message files', () => {
  const enLeaves = new Map(leaves(en));
  const zhLeaves = new Map(leaves(zh));

  test('en and zh have the same keys, nested objects included', () => {
    expect([...zhLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    expect(MESSAGES.en).toBe(en);
    expect(MESSAGES.zh).toBe(zh);
  });

  test('every entry has the same kind; a zh message function takes no parameter en lacks', () => {
    for (const [path, e] of enLeaves) {
      const z = zhLeaves.get(path);
      expect(`${path}: ${typeof z}`).toBe(`${path}: ${typeof e}`);
      // Fewer is allowed: a translation may leave out a developer detail that exists only in English.
      if (typeof e === 'function' && typeof z === 'function') expect(`${path}: ${z.length <= e.length}`).toBe(`${path}: true`);
    }
  });

  test('no string is empty, and Chinese strings are translated', () => {
    const copied: string[] = [];
    for (const [path, e] of enLeaves) {
      const z = zhLeaves.get(path);
      if (typeof e !== 'string' || typeof z !== 'string') continue;
      expect(`${path}: ${e.trim().length > 0}`).toBe(`${path}: true`);
      expect(`${path}: ${z.trim().length > 0}`).toBe(`${path}: true`);
      const sameOnPurpose = SAME_IN_BOTH.some((re) => re.test(z)) || path === 'languageName' || path === 'otherLanguage';
      if (z === e && !sameOnPurpose) copied.push(`${path} = ${JSON.stringify(z)}`);
    }
    expect(copied).toEqual([]);
  });

  test('message functions fill their parameters (numbers through the one formatter)', () => {
    expect(en.noticeClamped('t', '9999', '1000')).toContain('9999');
    expect(zh.noticeClamped('t', '9999', '1000')).toContain('9999');
    expect(zh.cells.brownian.stats(3, 0.012345, 0.0012)).toBe(`第 3 步 · 均方位移 ${fixed(0.012345, 4)}（理论值 2kσ² = ${fixed(0.0012, 4)}）`);
    expect(en.verdict.title(7, 0.982, 'red', 0.5)).toBe('classifier: digit 7 (98%), colour red (50%)');
    expect(zh.cells.modelStatus.ready(396659, 'wasm')).toContain('396,659');
  });
});

describe('format helpers', () => {
  test('fixed, percent, grouped, significant', () => {
    expect(fixed(-0.0001, 2)).toBe('0.00');
    expect(fixed(Number.NaN, 2)).toBe('—');
    expect(fixed(1.23456, 3)).toBe('1.235');
    expect(percent(0.982, 1)).toBe('98.2%');
    expect(grouped('en', 1234567)).toBe('1,234,567');
    expect(significant(0.000123)).toBe('0.000123');
    expect(significant(1.2e-7)).toBe('1.200e-7');
  });
});

describe('lookups that pick a message', () => {
  test('colour names and prompt problems in both languages', () => {
    expect(colourLabel('zh', 0)).toBe(zh.colours.red);
    expect(colourLabel('en', null)).toBe(en.anyColour);
    expect(problemMessage('zh', { kind: 'two-colours', colours: ['green', 'blue'] })).toBe(zh.promptProblems.twoColours('绿、蓝', '绿'));
    expect(problemMessage('en', { kind: 'two-digits', digits: [3, 7] })).toBe(en.promptProblems.twoDigits('3, 7', '3'));
  });

  test('each language starts the prompt cell with its own example, meaning the default red 7', () => {
    for (const m of [en, zh]) {
      const p = parsePrompt(m.cells.prompt.defaultText);
      expect([p.digit, p.colour]).toEqual([7, 'red']);
    }
  });

  test('a saved model names its data in the reader\'s language', () => {
    expect(dataLabelText(zh, 'dino')).toBe(zh.datasets.dino);
    expect(dataLabelText(zh, 'drawing')).toBe(zh.drawnData);
    expect(dataLabelText(en, 'upload: pts.csv')).toBe(en.uploadedData('pts.csv'));
  });
});

describe('codes from lib/ worded by the page', () => {
  const probes = [
    { name: 'webgpu' as const, available: true, software: true, adapter: 'google swiftshader', msPerStep: 420 },
    { name: 'webgl' as const, available: true, msPerStep: 45 },
    { name: 'wasm' as const, available: true, msPerStep: 19.5 },
    { name: 'cpu' as const, available: false, error: 'failed to initialize' },
  ];

  test('backend choice: the English wording matches the selector\'s own reason; Chinese says the same', () => {
    const d = decideAuto(probes);
    expect(d.name).toBe('wasm');
    // lib's reason names cpu's error too; the page leaves that developer detail out.
    expect(backendWhyText(en, d.why)).toBe(d.reason.replace(': failed to initialize', ''));
    const z = backendWhyText(zh, d.why);
    // The adapter's own (English, browser-made) description is left out of the Chinese text.
    expect(z).toContain('webgpu 是软件模拟的适配器：每步 420 ms，wasm 为 20 ms');
    expect(z).toContain('webgl 每步 45 ms');
    expect(z).toContain('cpu 不可用');
    expect(backendWhyText(zh, decideForced('webgpu', [{ name: 'webgpu', available: false }, { name: 'webgl', available: true }]).why))
      .toBe(zh.backendWhy.fallback('webgl', 'webgpu'));
  });

  test('points file problems: every code has a message in both languages, with the line', () => {
    const r = parsePointsFile('x,y\n1,abc\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(pointsProblemText(en, r.problem, r.line)).toBe(r.message);
    expect(pointsProblemText(zh, r.problem, r.line)).toBe('第 2 行：y 值 "abc" 不是数字。');
    for (const text of ['', 'a,b\n1,2', '1,2\n3,4', 'x,y\n1', 'x,y\n1,', 'x,y\n1,nan', 'x,y\n1,1e999', 'x,y\n1,2']) {
      const p = parsePointsFile(text);
      if (p.ok) throw new Error(`expected a problem for ${JSON.stringify(text)}`);
      expect(pointsProblemText(en, p.problem, p.line)).toBe(p.message);
      expect(pointsProblemText(zh, p.problem, p.line)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('schedule and formula problems: English as lib says it, Chinese translated', () => {
    const bad = [
      tryMakeSchedule({ kind: 'linear', T: 5000 }),
      tryMakeSchedule({ kind: 'scaled-linear', T: 10 }),
      tryMakeSchedule({ kind: 'custom-alphaBar', T: 100, alphaBarOf: (u) => u }),
      tryMakeSchedule({ kind: 'custom-beta', T: 100, betaOf: () => 2 }),
    ];
    for (const r of bad) {
      if (r.ok) throw new Error('expected a schedule problem');
      expect(scheduleProblemText(en, r.problem)).toBe(r.message.replace('betaEnd', 'β_T'));
      expect(scheduleProblemText(zh, r.problem)).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const f of ['', 'foo(u)', 'x + 1', 'u.a', 'a = 1', 'sqrt(u, 2)', '(u']) {
      const r = parseScheduleFormula(f, 'beta');
      if (r.ok) throw new Error(`expected a formula problem for ${f}`);
      expect(formulaProblemText(en, r.problem)).toBe(r.message);
      expect(formulaProblemText(zh, r.problem)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
