import Link from 'next/link';
import type { Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { LanguageSwitch } from './LanguageSwitch';
import { ThemeToggle } from './ThemeToggle';
import { PresentButton } from './presenter/PresentButton';
import './glossary/glossary.css';
import '../app/print.css';
import './teach/teachLink.css';

/** `presentable`: a chapter, which the presenter view can project (components/presenter/). */
export function SiteHeader({ lang, path, presentable = false }: { lang: Lang; path: string; presentable?: boolean }) {
  const t = getStrings(lang);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">{t.skipToContent}</a>
      <Link href={`/${lang}/`} className="site-title">{t.siteTitle}</Link>
      <Link href={`/${lang}/glossary/`} className="site-glossary-link" data-testid="glossary-link">{t.glossary.title}</Link>
      <Link href={`/${lang}/teach/`} className="site-glossary-link site-teach-link" data-testid="teach-link">{t.teach.nav}</Link>
      <nav className="site-header-tools" aria-label={t.language}>
        {presentable && <PresentButton />}
        <LanguageSwitch lang={lang} path={path} />
        <ThemeToggle />
      </nav>
    </header>
  );
}
