import type { Metadata } from 'next';
import { LANGS, isLang, type Lang } from '@/lib/chapters';
import { glossaryInOrder, GLOSSARY } from '@/lib/glossary';
import { readAllChapterMeta } from '@/lib/content';
import { getStrings } from '@/messages';
import { SiteHeader } from '@/components/SiteHeader';
import { GlossaryEntry } from '@/components/glossary/GlossaryEntry';

/** The bilingual glossary (lib/glossary.ts), one static page per language. */
export const dynamicParams = false;

export function generateStaticParams() {
  return LANGS.map((lang) => ({ lang }));
}

type Params = Promise<{ lang: string }>;

function resolve(lang: string): Lang {
  if (!isLang(lang)) throw new Error(`unknown glossary language ${lang}`);
  return lang;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const lang = resolve((await params).lang);
  const t = getStrings(lang).glossary;
  return { title: t.title, description: t.lede(GLOSSARY.length) };
}

export default async function GlossaryPage({ params }: { params: Params }) {
  const lang = resolve((await params).lang);
  const t = getStrings(lang).glossary;
  const chapters = new Map(readAllChapterMeta(lang).map((c) => [c.slug, c]));
  const terms = glossaryInOrder(lang);
  return (
    <>
      <SiteHeader lang={lang} path="glossary/" />
      <main id="main" className="glossary">
        <h1>{t.title}</h1>
        <p className="lede">{t.lede(terms.length)}</p>
        <nav aria-label={t.index}>
          <ul className="glossary-index">
            {terms.map((term) => <li key={term.id}><a href={`#term-${term.id}`}>{term.name[lang]}</a></li>)}
          </ul>
        </nav>
        <div className="glossary-entries">
          {terms.map((term) => <GlossaryEntry key={term.id} term={term} lang={lang} chapter={chapters.get(term.firstUse.chapter)!} />)}
        </div>
      </main>
    </>
  );
}
