import Link from 'next/link';
import type { Metadata } from 'next';
import { isLang, type Lang } from '@/lib/chapters';
import { readAllChapterMeta } from '@/lib/content';
import { getStrings } from '@/messages';
import { SiteHeader } from '@/components/SiteHeader';
import { ChapterProgress } from '@/components/ReadingProgress';
import { ExerciseProgress } from '@/components/exercise/ExerciseProgress';
import { AvatarStrip } from '@/components/AvatarStrip';
import { GLOSSARY } from '@/lib/glossary';

export async function generateMetadata({ params }: { params: Promise<{ lang: string }> }): Promise<Metadata> {
  const { lang } = await params;
  return { title: { absolute: getStrings(isLang(lang) ? lang : 'en').siteTitle } };
}

export default async function Home({ params }: { params: Promise<{ lang: string }> }) {
  const { lang: raw } = await params;
  const lang: Lang = isLang(raw) ? raw : 'en';
  const t = getStrings(lang);
  const chapters = readAllChapterMeta(lang);
  return (
    <>
      <SiteHeader lang={lang} path="" />
      <main id="main" className="home">
        <h1>{t.siteTitle}</h1>
        <p className="lede">{t.siteTagline}</p>
        <AvatarStrip lang={lang} />
        <h2 id="chapters">{t.chapters}</h2>
        <ol className="chapter-list">
          {chapters.map((c) => (
            <li key={c.slug}>
              <Link href={`/${lang}/${c.slug}/`} className="chapter-card">
                <span className="chapter-number">{c.order}</span>
                <span className="chapter-card-body">
                  <strong>{c.title}</strong>
                  <span>{c.summary}</span>
                </span>
              </Link>
              <ChapterProgress slug={c.slug} lang={lang} />
              <ExerciseProgress slug={c.slug} ids={c.exerciseIds} />
            </li>
          ))}
        </ol>
        <p className="home-glossary"><Link href={`/${lang}/glossary/`}>{t.glossary.title}</Link>: {t.glossary.lede(GLOSSARY.length)}</p>
        <p className="home-glossary"><Link href={`/${lang}/teach/`} data-testid="home-teach-link">{t.teach.nav}</Link>: {t.teach.homeLink}</p>
      </main>
    </>
  );
}
