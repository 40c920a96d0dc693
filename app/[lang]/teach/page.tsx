import Link from 'next/link';
import type { Metadata } from 'next';
import { isLang, type Lang } from '@/lib/chapters';
import { readAllChapterMeta } from '@/lib/content';
import { readTeachGuide } from '@/lib/teachGuide';
import { getStrings } from '@/messages';
import { SiteHeader } from '@/components/SiteHeader';
import { mdxComponentsFor } from '@/components/mdx/registry';
import { chapterParts } from '@/components/teach/chapterParts';
import { Handouts } from '@/components/teach/Handouts';
import { PrintButton } from '@/components/teach/PrintButton';
import '@/components/teach/teach.css';

/**
 * The teacher's guide: lesson plans whose steps are links to sections and to cells in prepared
 * states (content/<lang>/teach/guide.mdx), then one printable handout per chapter, read from the
 * chapter at build time (its Recap's key equations and its exercises, without the answers).
 */
type Params = Promise<{ lang: string }>;
const langOf = (raw: string): Lang => (isLang(raw) ? raw : 'en');

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const guide = readTeachGuide(langOf((await params).lang));
  return { title: guide.title, description: guide.summary };
}

export default async function TeachPage({ params }: { params: Params }) {
  const lang = langOf((await params).lang);
  const t = getStrings(lang);
  const guide = readTeachGuide(lang);
  const { default: Guide } = await import(`../../../content/${lang}/teach/guide.mdx`);
  const chapters = await Promise.all(readAllChapterMeta(lang).map(async (meta) => ({ meta, ...(await chapterParts(lang, meta.slug)) })));
  return (
    <>
      <SiteHeader lang={lang} path="teach/" />
      <main id="main" className="teach">
        <p className="sidebar-home no-print"><Link href={`/${lang}/`}>← {t.chapters}</Link></p>
        <h1>{guide.title}</h1>
        <p className="lede">{guide.summary}</p>
        <PrintButton label={t.teach.print} />
        <article className="prose teach-guide">
          <Guide components={mdxComponentsFor(lang)} />
        </article>
        <Handouts lang={lang} chapters={chapters} />
      </main>
    </>
  );
}
