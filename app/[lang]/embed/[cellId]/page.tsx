import type { ComponentType } from 'react';
import type { Metadata } from 'next';
import { LANGS, isLang, type Lang } from '@/lib/chapters';
import { chapterOfCell } from '@/lib/cellChapter';
import { readChapterMeta } from '@/lib/content';
import { getStrings } from '@/messages';
import { CELLS, type CellEntry } from '@/components/cells/catalog';
import { mdxComponents } from '@/components/mdx/registry';
import { EmbedBackLink } from '@/components/embed/EmbedBackLink';
import styles from '@/components/embed/Embed.module.css';

/**
 * One catalog cell alone, for an iframe in a course page or a slide deck: no site header, no
 * table of contents. The cell is the chapter's own (the registry's component for its tag), so
 * its `?<id>.<param>=…` state, `hide=controls` and `run=1` work exactly as in the chapter.
 */
export const dynamicParams = false;

export function generateStaticParams() {
  return LANGS.flatMap((lang) => CELLS.map((c) => ({ lang, cellId: c.id })));
}

type Params = Promise<{ lang: string; cellId: string }>;

function resolve(lang: string, cellId: string): { lang: Lang; entry: CellEntry } {
  const entry = CELLS.find((c) => c.id === cellId);
  if (!isLang(lang) || !entry) throw new Error(`unknown embed ${lang}/${cellId}`);
  return { lang, entry };
}

function cellTitle(lang: Lang, id: string): string {
  const cell = (getStrings(lang).cells as Record<string, { title?: unknown }>)[id];
  return typeof cell?.title === 'string' ? cell.title : id;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await params;
  const { lang, entry } = resolve(p.lang, p.cellId);
  return { title: cellTitle(lang, entry.id), robots: { index: false } };
}

export default async function EmbedPage({ params }: { params: Params }) {
  const p = await params;
  const { lang, entry } = resolve(p.lang, p.cellId);
  const slug = chapterOfCell(lang, entry.tag);
  const CatalogCell = (mdxComponents as unknown as Record<string, ComponentType>)[entry.tag];
  return (
    <main id="main" className={styles.embed} data-embed={entry.id}>
      <CatalogCell />
      <EmbedBackLink href={`/${lang}/${slug}/`} cellId={entry.id} label={getStrings(lang).embed.openInChapter(readChapterMeta(lang, slug).title)} />
    </main>
  );
}
