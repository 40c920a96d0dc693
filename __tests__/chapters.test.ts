/** @jest-environment node */
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { CHAPTER_SLUGS, LANGS, extractSections } from '@/lib/chapters';

const read = (lang: string, slug: string) =>
  fs.readFileSync(path.join(process.cwd(), 'content', lang, `${slug}.mdx`), 'utf8');

describe('chapter registry', () => {
  test.each(CHAPTER_SLUGS.map((s) => [s]))('%s exists in every language with frontmatter', (slug) => {
    for (const lang of LANGS) {
      const { data } = matter(read(lang, slug));
      expect(typeof data.title).toBe('string');
      expect(String(data.title).length).toBeGreaterThan(1);
      expect(typeof data.summary).toBe('string');
      expect(data.order).toBe(CHAPTER_SLUGS.indexOf(slug) + 1);
    }
  });

  test.each(CHAPTER_SLUGS.map((s) => [s]))('%s has the same section ids, in the same order, in both languages', (slug) => {
    const en = extractSections(read('en', slug)).map((s) => `${s.level}:${s.id}`);
    const zh = extractSections(read('zh', slug)).map((s) => `${s.level}:${s.id}`);
    expect(en.length).toBeGreaterThanOrEqual(2);
    expect(zh).toEqual(en);
    expect(new Set(en).size).toBe(en.length);
  });

  test.each(CHAPTER_SLUGS.map((s) => [s]))('%s uses only id-carrying headings (no markdown #)', (slug) => {
    for (const lang of LANGS) {
      const { content } = matter(read(lang, slug));
      const outsideCode = content.replace(/```[\s\S]*?```/g, '');
      expect(outsideCode).not.toMatch(/^#{1,6}\s/m);
      for (const s of extractSections(content)) expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe('extractSections', () => {
  test('reads ids, levels and plain titles', () => {
    const src = '<H2 id="forward-process">The forward process $q(x_t \\mid x_0)$</H2>\ntext\n<H3 id="closed-form">Closed *form*</H3>';
    expect(extractSections(src)).toEqual([
      { level: 2, id: 'forward-process', title: 'The forward process q(x_t | x_0)' },
      { level: 3, id: 'closed-form', title: 'Closed form' },
    ]);
  });
});
