'use client';
import type { Lang } from '@/lib/chapters';
import { useStrings } from './LangProvider';

/**
 * Switches language and keeps the chapter, the section (hash) and the cells' parameters
 * (query): section ids and cell namespaces are the same in every language. The query and hash
 * are added on click by the inline script in ThemeScript (`data-keep-location`), which works
 * before this component has hydrated.
 */
export function LanguageSwitch({ lang, path }: { lang: Lang; path: string }) {
  const t = useStrings();
  const other: Lang = lang === 'en' ? 'zh' : 'en';
  return (
    <a
      className="language-switch"
      href={`/${other}/${path}`}
      hrefLang={other}
      lang={other}
      aria-label={t.otherLanguageLabel}
      data-keep-location=""
      data-testid="language-switch"
    >
      {t.otherLanguage}
    </a>
  );
}
