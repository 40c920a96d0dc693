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
