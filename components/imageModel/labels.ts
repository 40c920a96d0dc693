/**
 * Names of the image model's conditions and verdicts in the page's language. The words live in
 * messages/<lang>.tsx; these functions only pick the entry (a colour index, "any", a prompt problem).
 */
import type { Lang } from '@/lib/chapters';
import { COLOUR_NAMES, type PromptProblem } from '@/lib/imageSampling/prompt';
import type { Verdict } from '@/lib/imageSampling/tfAdapters';
import { MESSAGES } from '@/messages';

export function colourLabel(lang: Lang, index: number | null): string {
  const m = MESSAGES[lang];
  if (index === null) return m.anyColour;
  const name = COLOUR_NAMES[index];
  return name ? m.colours[name] : String(index);
}

export function digitLabel(lang: Lang, d: number | null): string {
  return d === null ? MESSAGES[lang].anyDigit : String(d);
}

/** The classifier's verdict under an image: short text and the longer title with probabilities. */
export function verdictLabels(lang: Lang): { text: (v: Verdict) => string; title: (v: Verdict) => string } {
  const m = MESSAGES[lang].verdict;
  return {
    text: (v) => m.short(v.digit, colourLabel(lang, v.colour)),
    title: (v) => m.title(v.digit, v.digitProb, colourLabel(lang, v.colour), v.colourProb),
  };
}

export function problemMessage(lang: Lang, p: PromptProblem): string {
  const m = MESSAGES[lang];
  const list = (items: readonly string[]) => items.join(m.listSeparator);
  const t = m.promptProblems;
  switch (p.kind) {
    case 'nothing-understood': return t.nothingUnderstood;
    case 'two-digits': return t.twoDigits(list(p.digits.map(String)), String(p.digits[0]));
    case 'two-colours': return t.twoColours(list(p.colours.map((c) => m.colours[c])), m.colours[p.colours[0]]);
    case 'not-a-digit': return t.notADigit(p.text);
    case 'unknown-colour': return t.unknownColour(p.text, list(COLOUR_NAMES.map((c) => m.colours[c])));
    case 'too-long': return t.tooLong(p.max);
  }
}
