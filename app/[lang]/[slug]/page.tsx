import Link from 'next/link';
import type { Metadata } from 'next';
import { CHAPTER_SLUGS, LANGS, isChapterSlug, isLang, neighbours, type ChapterSlug, type Lang } from '@/lib/chapters';
import { readChapterMeta } from '@/lib/content';
import { getStrings } from '@/messages';
import { SiteHeader } from '@/components/SiteHeader';
import { Toc } from '@/components/Toc';
import { ReadingProgressTracker } from '@/components/ReadingProgress';
import { KeepHashInView } from '@/components/KeepHashInView';
import { ScrollableMath } from '@/components/ScrollableMath';
import { PresenterView } from '@/components/presenter/PresenterView';
import { mdxComponentsFor } from '@/components/mdx/registry';

export const dynamicParams = false;

export function generateStaticParams() {
  return LANGS.flatMap((lang) => CHAPTER_SLUGS.map((slug) => ({ lang, slug })));
}

type Params = Promise<{ lang: string; slug: string }>;

function resolve(lang: string, slug: string): { lang: Lang; slug: ChapterSlug } {
  if (!isLang(lang) || !isChapterSlug(slug)) throw new Error(`unknown chapter ${lang}/${slug}`);
  return { lang, slug };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await params;
  const { lang, slug } = resolve(p.lang, p.slug);
  const meta = readChapterMeta(lang, slug);
  return { title: meta.title, description: meta.summary };
}

export default async function ChapterPage({ params }: { params: Params }) {
  const p = await params;
  const { lang, slug } = resolve(p.lang, p.slug);
  const t = getStrings(lang);
  const meta = readChapterMeta(lang, slug);
  // Fixed prefix and suffix so the bundler can enumerate every chapter file.
  const { default: Content } = await import(`../../../content/${lang}/${slug}.mdx`);
  const { prev, next } = neighbours(slug);
  const prevMeta = prev ? readChapterMeta(lang, prev) : null;
  const nextMeta = next ? readChapterMeta(lang, next) : null;
  return (
    <>
      <SiteHeader lang={lang} path={`${slug}/`} presentable />
      <div className="chapter-layout">
        <aside className="chapter-sidebar">
          <Link href={`/${lang}/`} className="sidebar-home">← {t.chapters}</Link>
          <Toc sections={meta.sections} label={t.onThisPage} />
          <Link href={`/${lang}/glossary/`} className="sidebar-glossary">{t.glossary.title} →</Link>
        </aside>
        <main id="main" className="chapter">
          <p className="chapter-eyebrow">{meta.order} / {CHAPTER_SLUGS.length}</p>
          <h1>{meta.title}</h1>
          <p className="lede">{meta.summary}</p>
          <article className="prose">
            <Content components={mdxComponentsFor(lang)} />
          </article>
          <nav className="chapter-pager" aria-label={`${t.previous} / ${t.next}`}>
            {prevMeta ? (
              <Link href={`/${lang}/${prevMeta.slug}/`} rel="prev" className="pager-prev">
                <span>← {t.previous}</span><strong>{prevMeta.title}</strong>
              </Link>
            ) : <span />}
            {nextMeta ? (
              <Link href={`/${lang}/${nextMeta.slug}/`} rel="next" className="pager-next">
                <span>{t.next} →</span><strong>{nextMeta.title}</strong>
              </Link>
            ) : <span />}
          </nav>
        </main>
      </div>
      <ReadingProgressTracker slug={slug} />
      <KeepHashInView />
      <ScrollableMath />
      <PresenterView />
    </>
  );
}
