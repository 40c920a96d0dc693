'use client';
import type { Lang } from '@/lib/chapters';
import { useStrings } from './LangProvider';

/**
 * Switches language and keeps the chapter, the section (hash) and the cells' parameters
 * (query): section ids and cell namespaces are the same in every language.
 */
export function LanguageSwitch({ lang, path }: { lang: Lang; path: string }) {
  const t = useStrings();
  const other: Lang = lang === 'en' ? 'zh' : 'en';
  const href = `/${other}/${path}`;
  return (
    <a
      className="language-switch"
      href={href}
      hrefLang={other}
      lang={other}
      aria-label={t.otherLanguageLabel}
      data-testid="language-switch"
      onClick={(e) => {
        e.preventDefault();
        try { localStorage.setItem('ddpm-lang', other); } catch { /* private mode */ }
        window.location.href = `${href}${window.location.search}${window.location.hash}`;
      }}
    >
      {t.otherLanguage}
    </a>
  );
}
