/** The fixed chapter list and languages. URL slugs are part of the product: never rename them. */

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export const CHAPTER_SLUGS = [
  'background',
  'intuition',
  'theory',
  'features',
  'applications',
  'ethics',
  'references',
] as const;
export type ChapterSlug = (typeof CHAPTER_SLUGS)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function isChapterSlug(value: unknown): value is ChapterSlug {
  return typeof value === 'string' && (CHAPTER_SLUGS as readonly string[]).includes(value);
}

export function neighbours(slug: ChapterSlug): { prev?: ChapterSlug; next?: ChapterSlug } {
  const i = CHAPTER_SLUGS.indexOf(slug);
  return { prev: CHAPTER_SLUGS[i - 1], next: CHAPTER_SLUGS[i + 1] };
}

export interface Section {
  id: string;
  title: string;
  level: 2 | 3;
}

/**
 * Headings in chapter MDX are written as `<H2 id="forward-process">…</H2>` so that the id is
 * the same in every language. This reads them from the MDX source (used at build time for the
 * table of contents, and by the registry test).
 */
export function extractSections(mdxSource: string): Section[] {
  const sections: Section[] = [];
  const re = /<H([23])\s+id="([^"]+)"\s*>([\s\S]*?)<\/H\1>/g;
  for (const m of mdxSource.matchAll(re)) {
    sections.push({ level: Number(m[1]) as 2 | 3, id: m[2], title: plainHeadingText(m[3]) });
  }
  return sections;
}

/** Heading text for the table of contents: drop math delimiters and markdown emphasis. */
function plainHeadingText(raw: string): string {
  // Strip emphasis outside math only, so x_t keeps its underscore.
  return raw
    .split(/(\$[^$]*\$)/)
    .map((part) => (part.startsWith('$') ? texToPlain(part.slice(1, -1)) : part.replace(/[*_`]/g, '')))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

const TEX_SYMBOLS: Record<string, string> = {
  '\\beta': 'β', '\\alpha': 'α', '\\bar\\alpha': 'ᾱ', '\\epsilon': 'ε', '\\varepsilon': 'ε',
  '\\theta': 'θ', '\\mu': 'μ', '\\sigma': 'σ', '\\tilde\\mu': 'μ̃', '\\tilde\\beta': 'β̃',
  '\\mid': '|', '\\eta': 'η', '\\mathcal{N}': 'N', '\\hat x': 'x̂',
};

function texToPlain(tex: string): string {
  let out = tex;
  for (const key of Object.keys(TEX_SYMBOLS).sort((a, b) => b.length - a.length)) {
    out = out.split(key).join(TEX_SYMBOLS[key]);
  }
  return out.replace(/[{}\\]/g, '').replace(/\s+/g, ' ').trim();
}
