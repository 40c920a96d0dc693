import Link from 'next/link';
import type { Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { LanguageSwitch } from './LanguageSwitch';
import { ThemeToggle } from './ThemeToggle';

export function SiteHeader({ lang, path }: { lang: Lang; path: string }) {
  const t = getStrings(lang);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">{t.skipToContent}</a>
      <Link href={`/${lang}/`} className="site-title">{t.siteTitle}</Link>
      <nav className="site-header-tools" aria-label={t.language}>
        <LanguageSwitch lang={lang} path={path} />
        <ThemeToggle />
      </nav>
    </header>
  );
}
