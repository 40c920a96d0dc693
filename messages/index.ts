/**
 * The one i18n mechanism: typed message objects per language. Server components call
 * getStrings(lang); client components call useStrings() (components/LangProvider.tsx).
 */
import type { Lang } from '@/lib/chapters';
import { en, type Messages } from './en';
import { zh } from './zh';

export type { Messages };

export const MESSAGES: Record<Lang, Messages> = { en, zh };

export function getStrings(lang: Lang): Messages {
  return MESSAGES[lang];
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
