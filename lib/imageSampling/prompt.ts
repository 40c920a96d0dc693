/**
 * A tiny prompt reader for the coloured-digit model: it finds which digit (0–9) and which of the
 * model's nine colours a short English or Chinese text asks for — "a red 7", "seven in blue",
 * "绿色的三", "蓝色 7", "紫色的九". It is a keyword matcher, not a language model: the page shows
 * what it understood and what it ignored, so the reader can see the (digit, colour) pair the
 * sampler is really conditioned on. `null` means "none": that attribute is left unconditional.
 * Pure: no DOM.
 */

export const COLOUR_NAMES = ['red', 'orange', 'yellow', 'green', 'cyan', 'blue', 'purple', 'pink', 'white'] as const;
export type ColourName = (typeof COLOUR_NAMES)[number];

export type PromptProblem =
  /** Nothing in the text named a digit or a colour. */
  | { kind: 'nothing-understood' }
  /** Two different digits were named; the first is used. */
  | { kind: 'two-digits'; digits: number[] }
  /** Two different colours were named; the first is used. */
  | { kind: 'two-colours'; colours: ColourName[] }
  /** A number that is not a single digit (e.g. "12"). */
  | { kind: 'not-a-digit'; text: string }
  /** A colour word the model was not trained on (e.g. "black"). */
  | { kind: 'unknown-colour'; text: string }
  /** The text was longer than MAX_PROMPT_LENGTH and was cut. */
  | { kind: 'too-long'; max: number };

export interface ParsedPrompt {
  /** 0..9, or null for "any digit" (unconditional). */
  digit: number | null;
  /** One of COLOUR_NAMES, or null for "any colour" (unconditional). */
  colour: ColourName | null;
  /** The words that set the digit or the colour, as written. */
  understood: string[];
  /** Words that were neither a digit, a colour nor a filler word, as written. */
  ignored: string[];
  problems: PromptProblem[];
}

export const MAX_PROMPT_LENGTH = 200;

const EN_DIGITS: Record<string, number> = {
  zero: 0, nought: 0, naught: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};

/** English colour words → the model's colour; includes a few near synonyms. */
const EN_COLOURS: Record<string, ColourName> = {
  red: 'red', scarlet: 'red', crimson: 'red',
  orange: 'orange',
  yellow: 'yellow', golden: 'yellow',
  green: 'green', lime: 'green',
  cyan: 'cyan', aqua: 'cyan', turquoise: 'cyan', teal: 'cyan',
  blue: 'blue', navy: 'blue',
  purple: 'purple', violet: 'purple',
  pink: 'pink', magenta: 'pink', rose: 'pink',
  white: 'white',
};

/** Colour words the model does not know (reported, not silently dropped). */
const EN_UNKNOWN_COLOURS = new Set(['black', 'grey', 'gray', 'brown', 'silver', 'gold', 'beige', 'maroon', 'olive', 'rainbow']);

const EN_FILLERS = new Set([
  'a', 'an', 'the', 'in', 'of', 'and', 'with', 'please', 'draw', 'make', 'show', 'me', 'generate', 'paint', 'give',
  'digit', 'digits', 'number', 'numeral', 'coloured', 'colored', 'colour', 'color', 'some', 'written', 'handwritten',
  'picture', 'image', 'is', 'it', 'that', 'as', 'on', 'to', 'i', 'want', 'like', 'would', 'no', 'nr', 'ink', 'letter',
]);

/** Chinese / full-width entries, matched longest first. */
type ZhEntry = { digit: number } | { colour: ColourName } | { unknownColour: true } | { filler: true };
const ZH: Record<string, ZhEntry> = {
  零: { digit: 0 }, 〇: { digit: 0 }, 一: { digit: 1 }, 二: { digit: 2 }, 两: { digit: 2 }, 兩: { digit: 2 },
  三: { digit: 3 }, 四: { digit: 4 }, 五: { digit: 5 }, 六: { digit: 6 }, 七: { digit: 7 }, 八: { digit: 8 }, 九: { digit: 9 },
  壹: { digit: 1 }, 贰: { digit: 2 }, 叁: { digit: 3 }, 肆: { digit: 4 }, 伍: { digit: 5 }, 陆: { digit: 6 }, 柒: { digit: 7 }, 捌: { digit: 8 }, 玖: { digit: 9 },
  红色: { colour: 'red' }, 红: { colour: 'red' }, 紅色: { colour: 'red' }, 紅: { colour: 'red' },
  橙色: { colour: 'orange' }, 橙: { colour: 'orange' }, 橘色: { colour: 'orange' }, 橘黄色: { colour: 'orange' }, 橘黃色: { colour: 'orange' },
  黄色: { colour: 'yellow' }, 黄: { colour: 'yellow' }, 黃色: { colour: 'yellow' }, 黃: { colour: 'yellow' }, 金黄色: { colour: 'yellow' },
  绿色: { colour: 'green' }, 绿: { colour: 'green' }, 綠色: { colour: 'green' }, 綠: { colour: 'green' },
  青色: { colour: 'cyan' }, 青: { colour: 'cyan' }, 青绿色: { colour: 'cyan' }, 蓝绿色: { colour: 'cyan' },
  蓝色: { colour: 'blue' }, 蓝: { colour: 'blue' }, 藍色: { colour: 'blue' }, 藍: { colour: 'blue' },
  紫色: { colour: 'purple' }, 紫: { colour: 'purple' },
  粉红色: { colour: 'pink' }, 粉红: { colour: 'pink' }, 粉紅色: { colour: 'pink' }, 粉紅: { colour: 'pink' }, 粉色: { colour: 'pink' }, 粉: { colour: 'pink' },
  白色: { colour: 'white' }, 白: { colour: 'white' },
  黑色: { unknownColour: true }, 黑: { unknownColour: true }, 灰色: { unknownColour: true }, 灰: { unknownColour: true },
  棕色: { unknownColour: true }, 咖啡色: { unknownColour: true }, 金色: { unknownColour: true }, 银色: { unknownColour: true },
  的: { filler: true }, 个: { filler: true }, 個: { filler: true }, 只: { filler: true }, 张: { filler: true }, 張: { filler: true },
  数字: { filler: true }, 數字: { filler: true }, 画: { filler: true }, 畫: { filler: true }, 请: { filler: true }, 請: { filler: true },
  生成: { filler: true }, 写: { filler: true }, 寫: { filler: true }, 给我: { filler: true }, 給我: { filler: true }, 来: { filler: true }, 來: { filler: true },
  用: { filler: true }, 颜色: { filler: true }, 顏色: { filler: true }, 字: { filler: true }, 号: { filler: true }, 號: { filler: true }, 是: { filler: true }, 和: { filler: true },
  彩色: { filler: true }, 手写: { filler: true }, 手寫: { filler: true }, 图: { filler: true }, 圖: { filler: true }, 一下: { filler: true },
};
const ZH_KEYS = Object.keys(ZH).sort((a, b) => b.length - a.length);
const MEASURE_WORDS = new Set(['个', '個', '只', '张', '張', '幅', '位', '枚']);

const isCjk = (ch: string) => /[\u3007\u3400-\u9fff\uf900-\ufaff]/.test(ch);
const isWordChar = (ch: string) => /[A-Za-z0-9'\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/.test(ch);

/** Full-width ASCII letters and digits → ASCII. */
function halfWidth(s: string): string {
  return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export function parsePrompt(text: string): ParsedPrompt {
  const problems: PromptProblem[] = [];
  let input = typeof text === 'string' ? text : '';
  if (input.length > MAX_PROMPT_LENGTH) {
    input = input.slice(0, MAX_PROMPT_LENGTH);
    problems.push({ kind: 'too-long', max: MAX_PROMPT_LENGTH });
  }
  const digits: number[] = [];
  const colours: ColourName[] = [];
  const understood: string[] = [];
  const ignored: string[] = [];
  const addDigit = (d: number, word: string) => { digits.push(d); understood.push(word); };
  const addColour = (c: ColourName, word: string) => { colours.push(c); understood.push(word); };

  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (isWordChar(ch)) {
      let j = i;
      while (j < input.length && isWordChar(input[j])) j++;
      const word = input.slice(i, j);
      if (isQuantity(word, nextWords(input, j, 2))) ignored.push(word); // "two sevens", "3 red 7s"
      else readLatinWord(word, addDigit, addColour, ignored, problems);
      i = j;
      continue;
    }
    if (isCjk(ch)) {
      const key = ZH_KEYS.find((k) => input.startsWith(k, i));
      if (!key) {
        // Collect a run of unknown CJK characters as one ignored piece.
        let j = i + 1;
        while (j < input.length && isCjk(input[j]) && !ZH_KEYS.some((k) => input.startsWith(k, j))) j++;
        ignored.push(input.slice(i, j));
        i = j;
        continue;
      }
      const entry = ZH[key];
      const next = input[i + key.length] ?? '';
      if ('digit' in entry && MEASURE_WORDS.has(next)) {
        // "一个红色的七": 一 + measure word is the article "a", not the digit 1.
        if (entry.digit !== 1) ignored.push(key + next);
        i += key.length + 1;
        continue;
      }
      if ('digit' in entry) addDigit(entry.digit, key);
      else if ('colour' in entry) addColour(entry.colour, key);
      else if ('unknownColour' in entry) { problems.push({ kind: 'unknown-colour', text: key }); ignored.push(key); }
      i += key.length;
      continue;
    }
    i++; // spaces and punctuation
  }

  const distinctDigits = [...new Set(digits)];
  const distinctColours = [...new Set(colours)];
  if (distinctDigits.length > 1) problems.push({ kind: 'two-digits', digits: distinctDigits });
  if (distinctColours.length > 1) problems.push({ kind: 'two-colours', colours: distinctColours });
  if (understood.length === 0 && input.trim().length > 0) problems.push({ kind: 'nothing-understood' });
  return {
    digit: distinctDigits.length > 0 ? distinctDigits[0] : null,
    colour: distinctColours.length > 0 ? distinctColours[0] : null,
    understood,
    ignored,
    problems,
  };
}

/** The next `k` Latin words after position `from`. */
function nextWords(input: string, from: number, k: number): string[] {
  const words: string[] = [];
  const re = /[A-Za-z0-9'\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while (words.length < k && (m = re.exec(input))) words.push(m[0]);
  return words;
}

/** A digit word in its plural form: "sevens", "7s", "7's". */
function isPluralDigit(raw: string): boolean {
  const w = halfWidth(raw).toLowerCase();
  if (/^\d'?s$/.test(w)) return true;
  const base = w.replace(/'s$/, '');
  return (base.endsWith('es') && base.slice(0, -2) in EN_DIGITS) || (base.endsWith('s') && base.slice(0, -1) in EN_DIGITS);
}

/** A number word directly before a plural digit (optionally with a colour between) is a count, not the digit. */
function isQuantity(raw: string, next: string[]): boolean {
  const w = halfWidth(raw).toLowerCase();
  if (!(w in EN_DIGITS || /^\d+$/.test(w))) return false;
  if (next[0] && isPluralDigit(next[0])) return true;
  return !!next[0] && next[0].toLowerCase() in EN_COLOURS && !!next[1] && isPluralDigit(next[1]);
}

function readLatinWord(
  raw: string,
  addDigit: (d: number, w: string) => void,
  addColour: (c: ColourName, w: string) => void,
  ignored: string[],
  problems: PromptProblem[],
): void {
  const word = halfWidth(raw);
  const lower = word.toLowerCase();
  if (/^\d+$/.test(word)) {
    if (word.length === 1) addDigit(Number(word), raw);
    else { problems.push({ kind: 'not-a-digit', text: raw }); ignored.push(raw); }
    return;
  }
  // "7s", "7's" (plural of a digit)
  const plural = /^(\d)'?s$/.exec(lower);
  if (plural) { addDigit(Number(plural[1]), raw); return; }
  const base = lower.replace(/'s$/, '');
  const singular = base.endsWith('es') && base.slice(0, -2) in EN_DIGITS ? base.slice(0, -2) : base.endsWith('s') && base.slice(0, -1) in EN_DIGITS ? base.slice(0, -1) : base;
  if (singular in EN_DIGITS) { addDigit(EN_DIGITS[singular], raw); return; }
  if (base in EN_COLOURS) { addColour(EN_COLOURS[base], raw); return; }
  if (base.endsWith('ish') && base.slice(0, -3) in EN_COLOURS) { addColour(EN_COLOURS[base.slice(0, -3)], raw); return; }
  if (EN_UNKNOWN_COLOURS.has(base)) { problems.push({ kind: 'unknown-colour', text: raw }); ignored.push(raw); return; }
  if (EN_FILLERS.has(lower)) return;
  ignored.push(raw);
}

/** Index of a colour name in the model's vocabulary order (red = 0 … white = 8), or null. */
export function colourIndex(name: ColourName | null): number | null {
  return name === null ? null : COLOUR_NAMES.indexOf(name);
}
