/** @jest-environment node */
/**
 * The teacher's guide (content/<lang>/teach/guide.mdx): every link it makes reaches a section, a
 * cell or an exercise of a chapter, and every prepared state in a link is one the cell accepts
 * as given (parsed with the cell's own spec: no notice, no value clamped or corrected by a rule).
 * Both languages make the same links. The browser test e2e/tests/teach.test.mjs opens each one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CELLS, specOf } from '@/components/cells/catalog';
import { CHAPTER_SLUGS, LANGS, extractSections, isChapterSlug } from '@/lib/chapters';
import { exerciseIdsIn } from '@/lib/exercises';
import { guideLinks, readTeachGuide } from '@/lib/teachGuide';
import { parseParams } from '@/lib/urlState';

const chapter = (lang: string, slug: string) => fs.readFileSync(path.join('content', lang, `${slug}.mdx`), 'utf8');

/** What is wrong with one link of the guide ('' when it is fine). */
function problemOf(lang: string, href: string): string {
  const u = new URL(href, 'http://x');
  const [, linkLang, slug, ...rest] = u.pathname.split('/');
  if (linkLang !== lang || !isChapterSlug(slug) || rest.join('') !== '') return `not a ${lang} chapter`;
  const source = chapter(lang, slug);
  const hash = decodeURIComponent(u.hash.slice(1));
  const sections = extractSections(source).map((s) => s.id);
  const cellHere = CELLS.find((c) => hash === `cell-${c.id}`);
  const ok = sections.includes(hash)
    || (cellHere && new RegExp(`<${cellHere.tag}[\\s/>]`).test(source))
    || exerciseIdsIn(source).some((id) => hash === `exercise-${id}`);
  if (!ok) return `#${hash} is not a section, cell or exercise of ${slug}`;
  for (const key of new Set([...u.searchParams.keys()].map((k) => k.split('.')[0]))) {
    const cell = CELLS.find((c) => c.id === key);
    if (!cell) return `no cell ${key}`;
    if (!new RegExp(`<${cell.tag}[\\s/>]`).test(source)) return `cell ${key} is not in ${slug}`;
    const spec = specOf(cell, 3);
    const parsed = parseParams(spec, u.searchParams, key);
    if (parsed.notices.length > 0) return `notices: ${JSON.stringify(parsed.notices)}`;
    for (const [k, raw] of u.searchParams) {
      const name = k.slice(key.length + 1);
      if (!k.startsWith(`${key}.`) || name === 'hide' || name === 'run') continue;
      const v = (parsed.values as Record<string, unknown>)[name];
      if (String(typeof v === 'boolean' ? (v ? '1' : '0') : v) !== raw) return `${k}=${raw} read as ${String(v)}`;
    }
  }
  return '';
}

describe("teacher's guide", () => {
  test.each(LANGS)('%s: two lesson plans and questions, every link reaches its target in a state the cell accepts', (lang) => {
    const guide = readTeachGuide(lang);
    expect(guide.title.length).toBeGreaterThan(2);
    for (const id of ['lesson-45', 'lesson-90', 'discussion-questions']) expect(extractSections(guide.body).map((s) => s.id)).toContain(id);
    const links = guideLinks(guide.body);
    expect(links.filter((l) => l.href.includes('?')).length).toBeGreaterThanOrEqual(15);
    const problems = links.map((l) => ({ href: l.href, problem: problemOf(lang, l.href) })).filter((p) => p.problem);
    expect(problems).toEqual([]);
  });

  test('both languages make the same links, and the lessons reach most chapters', () => {
    const hrefs = LANGS.map((lang) => guideLinks(readTeachGuide(lang).body).map((l) => l.href.replace(`/${lang}/`, '/<lang>/')));
    expect(hrefs[1]).toEqual(hrefs[0]);
    const slugs = new Set(hrefs[0].map((h) => h.split('/')[2]));
    expect(CHAPTER_SLUGS.filter((s) => slugs.has(s)).length).toBeGreaterThanOrEqual(5);
  });

  test('the link checker rejects what a cell would not accept', () => {
    expect(problemOf('en', '/en/theory/?sample2d.S=0#cell-sample2d')).toMatch(/notices/);
    expect(problemOf('en', '/en/theory/?sample2d.sampler=nope#cell-sample2d')).toMatch(/notices/);
    expect(problemOf('en', '/en/theory/#no-such-section')).toMatch(/not a section/);
    expect(problemOf('en', '/en/intuition/?sample2d.S=5#cell-brownian')).toMatch(/not in intuition/);
    expect(problemOf('en', '/en/theory/?sample2d.S=5#cell-sample2d')).toBe('');
  });
});
