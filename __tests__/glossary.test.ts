/** @jest-environment node */
import fs from 'node:fs';
import path from 'node:path';
import { CHAPTER_SLUGS, LANGS, extractSections, type ChapterSlug, type Lang } from '@/lib/chapters';
import { GLOSSARY, glossaryInOrder, glossaryTerm, termIdsIn } from '@/lib/glossary';

const chapter = (lang: Lang, slug: ChapterSlug) => fs.readFileSync(path.join('content', lang, `${slug}.mdx`), 'utf8');

/** Text with inline math and code replaced by a placeholder, so their dots and letters do not count. */
const withoutMathAndCode = (text: string) => text.replace(/\$[^$]*\$/g, '∗').replace(/`[^`]*`/g, '∗');

/** Sentences of an English definition: a full stop, ? or ! followed by a capital (or the end). */
function englishSentences(text: string): number {
  const plain = withoutMathAndCode(text).trim();
  return plain.match(/[.!?](?=\s+[A-Z(]|$)/g)?.length ?? 0;
}

function chineseSentences(text: string): number {
  return withoutMathAndCode(text).match(/[。？！]/g)?.length ?? 0;
}

/** Latin words a Chinese definition may keep (names of models, methods, people, formats), as zh-ui allows. */
const LATIN_IN_ZH = new Set(['DDPM', 'DDIM', 'GAN', 'VAE', 'KL', 'U-Net', 'U', 'NCSN', 'FID', 'IS', 'SNR', 'WebGPU', 'WebGL',
  'WebAssembly', 'JavaScript', 'Inception', 'Jensen', 'Tweedie', 'RePaint', 'Wasserstein']);

/** Where each `<Term id>` of a chapter sits: the id of the heading above it. */
function termSections(source: string): { id: string; section: string | null }[] {
  const headings = [...source.matchAll(/<H[23]\s+id="([^"]+)"/g)].map((m) => ({ at: m.index ?? 0, id: m[1] }));
  return [...source.matchAll(/<Term\s+id="([^"]*)"/g)].map((m) => {
    const above = headings.filter((h) => h.at < (m.index ?? 0)).at(-1);
    return { id: m[1], section: above?.id ?? null };
  });
}

describe('glossary data (lib/glossary.ts)', () => {
  test('at least 40 terms, ids unique and URL-safe', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(40);
    const ids = GLOSSARY.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(glossaryTerm('alpha-bar')?.id).toBe('alpha-bar');
    expect(glossaryTerm('no-such-term')).toBeUndefined();
  });

  test.each(GLOSSARY.map((t) => [t.id, t]))('%s: both names and a two-sentence definition in both languages', (_id, term) => {
    expect(term.name.en.trim().length).toBeGreaterThan(1);
    expect(term.name.en).not.toMatch(/\p{Script=Han}/u);
    expect(term.name.zh).toMatch(/\p{Script=Han}/u);
    expect(englishSentences(term.definition.en)).toBe(2);
    expect(term.definition.en).not.toMatch(/\p{Script=Han}/u);
    expect(term.definition.zh).toMatch(/\p{Script=Han}/u);
    expect(chineseSentences(term.definition.zh)).toBe(2);
    expect(withoutMathAndCode(term.definition.zh).trim().endsWith('。')).toBe(true);
    // The Chinese page shows this text as interface: no English words beyond names kept in Latin.
    for (const text of [term.name.zh, term.definition.zh]) {
      const latin = withoutMathAndCode(text).match(/[A-Za-z]+(?:-[A-Za-z]+)*/g) ?? [];
      expect(latin.filter((w) => !LATIN_IN_ZH.has(w))).toEqual([]);
    }
    // Balanced math delimiters (KaTeX typesets each pair).
    for (const lang of LANGS) expect((term.definition[lang].match(/\$/g)?.length ?? 0) % 2).toBe(0);
  });

  test('every first-use location is a heading id of that chapter, in both languages', () => {
    for (const term of GLOSSARY) {
      for (const lang of LANGS) {
        const ids = extractSections(chapter(lang, term.firstUse.chapter)).map((s) => s.id);
        expect({ term: term.id, lang, has: ids.includes(term.firstUse.section) }).toEqual({ term: term.id, lang, has: true });
      }
    }
  });

  test('the reading order lists every term once, alphabetical in English', () => {
    for (const lang of LANGS) expect(new Set(glossaryInOrder(lang).map((t) => t.id)).size).toBe(GLOSSARY.length);
    const en = glossaryInOrder('en').map((t) => t.name.en.toLowerCase());
    expect(en.indexOf('brownian motion')).toBeLessThan(en.indexOf('cell'));
    expect(en.indexOf('watermark')).toBe(en.length - 1);
  });
});

describe('<Term> in the chapters', () => {
  const files = LANGS.flatMap((lang) => CHAPTER_SLUGS.map((slug) => ({ lang, slug, text: chapter(lang, slug) })));

  test('termIdsIn reads the tags in order and skips fenced code', () => {
    expect(termIdsIn('a <Term id="x">b</Term> c\n```\n<Term id="y">\n```\n<Term id="z">d</Term>')).toEqual(['x', 'z']);
  });

  test('every <Term id> used in content/*/*.mdx exists in the glossary', () => {
    const unknown = files.flatMap((f) => termIdsIn(f.text).filter((id) => !glossaryTerm(id)).map((id) => `${f.lang}/${f.slug}: ${id}`));
    expect(unknown).toEqual([]);
  });

  test('a term is linked at most once per chapter (its first use there)', () => {
    const repeated = files.flatMap((f) => {
      const ids = termIdsIn(f.text);
      return ids.filter((id, i) => ids.indexOf(id) !== i).map((id) => `${f.lang}/${f.slug}: ${id}`);
    });
    expect(repeated).toEqual([]);
  });

  test('both languages link the same terms in each chapter', () => {
    for (const slug of CHAPTER_SLUGS) {
      const en = [...new Set(termIdsIn(chapter('en', slug)))].sort();
      const zh = [...new Set(termIdsIn(chapter('zh', slug)))].sort();
      expect({ slug, zh }).toEqual({ slug, zh: en });
    }
  });

  test('each term is linked at its first-use section, and no earlier chapter links it', () => {
    for (const term of GLOSSARY) {
      const firstIndex = CHAPTER_SLUGS.indexOf(term.firstUse.chapter);
      for (const lang of LANGS) {
        const uses = termSections(chapter(lang, term.firstUse.chapter)).filter((u) => u.id === term.id);
        expect({ term: term.id, lang, sections: uses.map((u) => u.section) }).toEqual({ term: term.id, lang, sections: [term.firstUse.section] });
        const earlier = CHAPTER_SLUGS.slice(0, firstIndex).filter((slug) => termIdsIn(chapter(lang, slug)).includes(term.id));
        expect({ term: term.id, lang, earlier }).toEqual({ term: term.id, lang, earlier: [] });
      }
    }
  });

  test('every <Term> has words outside math (a link of math alone has no accessible name)', () => {
    const mathOnly = files.flatMap((f) => [...f.text.matchAll(/<Term\s+id="([^"]*)">([\s\S]*?)<\/Term>/g)]
      .filter((m) => !/\p{L}/u.test(m[2].replace(/\$[^$]*\$/g, '').replace(/[*_]/g, '')))
      .map((m) => `${f.lang}/${f.slug}: ${m[1]}`));
    expect(mathOnly).toEqual([]);
  });

  test('no <Term> inside a heading or inside math', () => {
    for (const f of files) {
      for (const m of f.text.matchAll(/<H([23])\s[^>]*>([\s\S]*?)<\/H\1>/g)) expect({ where: `${f.lang}/${f.slug}`, heading: m[2].includes('<Term') }).toEqual({ where: `${f.lang}/${f.slug}`, heading: false });
      const all = termIdsIn(f.text).length;
      const outsideMath = termIdsIn(f.text.replace(/\$\$[\s\S]*?\$\$/g, '').replace(/\$[^$\n]*\$/g, '')).length;
      expect({ where: `${f.lang}/${f.slug}`, inMath: all - outsideMath }).toEqual({ where: `${f.lang}/${f.slug}`, inMath: 0 });
    }
  });
});
