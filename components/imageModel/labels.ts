import type { Lang } from '@/lib/chapters';
import { COLOUR_NAMES, type ColourName, type PromptProblem } from '@/lib/imageSampling/prompt';

export const COLOUR_LABELS: Record<Lang, Record<ColourName, string>> = {
  en: { red: 'red', orange: 'orange', yellow: 'yellow', green: 'green', cyan: 'cyan', blue: 'blue', purple: 'purple', pink: 'pink', white: 'white' },
  zh: { red: '红', orange: '橙', yellow: '黄', green: '绿', cyan: '青', blue: '蓝', purple: '紫', pink: '粉', white: '白' },
};

export function colourLabel(lang: Lang, index: number | null): string {
  if (index === null) return lang === 'zh' ? '任意颜色' : 'any colour';
  const name = COLOUR_NAMES[index];
  return name ? COLOUR_LABELS[lang][name] : String(index);
}

export function digitLabel(lang: Lang, d: number | null): string {
  if (d === null) return lang === 'zh' ? '任意数字' : 'any digit';
  return String(d);
}

export function problemMessage(lang: Lang, p: PromptProblem): string {
  const colours = COLOUR_NAMES.map((c) => COLOUR_LABELS[lang][c]).join(lang === 'zh' ? '、' : ', ');
  switch (p.kind) {
    case 'nothing-understood':
      return lang === 'zh'
        ? '没有在这段文字里找到数字或九种颜色之一；下面的选择框保持“任意”，即无条件采样。'
        : 'No digit and none of the nine colours found in this text; the selects below say "any", which samples unconditionally.';
    case 'two-digits':
      return lang === 'zh'
        ? `出现了不止一个数字（${p.digits.join('、')}）：模型每张图只画一个数字，这里使用 ${p.digits[0]}。`
        : `More than one digit (${p.digits.join(', ')}): the model draws one digit per image, so ${p.digits[0]} is used.`;
    case 'two-colours':
      return lang === 'zh'
        ? `出现了不止一种颜色（${p.colours.map((c) => COLOUR_LABELS.zh[c]).join('、')}）：这里使用${COLOUR_LABELS.zh[p.colours[0]]}色。`
        : `More than one colour (${p.colours.join(', ')}): ${p.colours[0]} is used.`;
    case 'not-a-digit':
      return lang === 'zh' ? `“${p.text}”不是 0–9 中的单个数字，已忽略。` : `"${p.text}" is not a single digit (0–9) and is ignored.`;
    case 'unknown-colour':
      return lang === 'zh'
        ? `“${p.text}”不在模型学过的九种颜色里（${colours}），已忽略。`
        : `"${p.text}" is not one of the nine colours the model learned (${colours}) and is ignored.`;
    case 'too-long':
      return lang === 'zh' ? `只读取前 ${p.max} 个字符。` : `Only the first ${p.max} characters are read.`;
  }
}
