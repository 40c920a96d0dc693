/**
 * Build-time: which chapter shows a catalog cell (server only, reads content/<lang>/*.mdx). The
 * embed route links each cell back to its place in a chapter; the chapters are the only record of
 * where a cell sits, so this reads them rather than keeping a second list that could drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CHAPTER_SLUGS, type ChapterSlug, type Lang } from './chapters';

/** The first chapter (in reading order) whose source writes the tag `<tag` as an element. */
export function chapterOfCell(lang: Lang, tag: string): ChapterSlug {
  const element = new RegExp(`<${tag}[\\s/>]`);
  for (const slug of CHAPTER_SLUGS) {
    const source = fs.readFileSync(path.join(process.cwd(), 'content', lang, `${slug}.mdx`), 'utf8');
    if (element.test(source)) return slug;
  }
  throw new Error(`chapterOfCell: no chapter in content/${lang}/ writes <${tag} />`);
}
