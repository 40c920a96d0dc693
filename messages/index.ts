/**
 * The one i18n mechanism: typed message objects per language. Server components call
 * getStrings(lang); client components call useStrings() (components/LangProvider.tsx).
 */
import type { Lang } from '@/lib/chapters';
import type { BackendWhy } from '@/lib/backend/decide';
import type { PointsProblem } from '@/lib/data2d/parse';
import { en, type Messages } from './en';
import { millis } from './format';
import { zh } from './zh';

export type { Messages };

export const MESSAGES: Record<Lang, Messages> = { en, zh };

export function getStrings(lang: Lang): Messages {
  return MESSAGES[lang];
}

/** Why the page computes on this backend, in the reader's language (lib/backend/decide.ts). */
export function backendWhyText(ui: Messages, why: BackendWhy): string {
  const t = ui.backendWhy;
  if (why.kind === 'override') return t.override(why.name);
  if (why.kind === 'fallback') return t.fallback(why.name, why.requested);
  const time = (ms: number | undefined, capped = false) => (ms === undefined || !Number.isFinite(ms) ? '' : t.perStep(ms, capped));
  const notes = why.notes.map((n) => {
    if (!n.available) return t.unavailable(n.name);
    const own = n.msPerStep !== undefined ? time(n.msPerStep, n.capped) : n.skipped ? t.notTimed : '';
    if (!n.software) return own ? `${n.name} ${own}` : n.name;
    const adapter = [n.adapter, n.slowerThanWasm ? t.slowerThanWasm : undefined].filter(Boolean).join(ui.listSeparator);
    const wasm = n.msPerStep !== undefined && n.wasmMs !== undefined ? millis(n.wasmMs, n.wasmMs >= 10 ? 0 : 1) : '';
    return t.software(n.name, adapter, own, wasm);
  });
  return t.measured(why.name, time(why.msPerStep), notes.join(t.separator));
}

/** An uploaded points file's problem (lib/data2d/parse.ts) in the reader's language. */
export function pointsProblemText(ui: Messages, problem: PointsProblem, line?: number): string {
  const t = ui.pointsProblems;
  let text: string;
  switch (problem.code) {
    case 'not-text': case 'empty': text = t[problem.code]; break;
    case 'header-is-numbers': case 'no-xy-header': text = t[problem.code](problem.found); break;
    case 'too-many-rows': text = t[problem.code](problem.max); break;
    case 'column-count': text = t[problem.code](problem.expected, problem.found, problem.delimiter); break;
    case 'value-missing': text = t[problem.code](problem.column); break;
    case 'value-not-finite': case 'value-not-number': case 'value-too-large': text = t[problem.code](problem.column, problem.value); break;
    case 'too-few-points': text = t[problem.code](problem.min, problem.n); break;
  }
  return line !== undefined ? t.atLine(line, text) : text;
}

/**
 * The name of the data a saved 2D model was trained on. The model file stores a language-free
 * label (lib/train2d: a data set id, 'drawing', or 'upload: <file name>'); this says it in words.
 */
export function dataLabelText(ui: Messages, label: string): string {
  if (Object.hasOwn(ui.datasets, label)) return ui.datasets[label as keyof Messages['datasets']];
  if (label === 'drawing') return ui.drawnData;
  if (label.startsWith('upload: ')) return ui.uploadedData(label.slice('upload: '.length));
  return label;
}
