import type { Lang } from '@/lib/chapters';
import type { GlossaryTerm } from '@/lib/glossary';
import type { ChapterMeta } from '@/lib/content';
import { getStrings } from '@/messages';
import { GlossaryText, typeset } from './GlossaryText';
import './glossary.css';

/**
 * One glossary entry: both names, the definition in the page's language and then in the other
 * one (marked with its language), and a link to the section that first uses the term.
 */
export function GlossaryEntry({ term, lang, chapter }: { term: GlossaryTerm; lang: Lang; chapter: ChapterMeta }) {
  const t = getStrings(lang).glossary;
  const other: Lang = lang === 'en' ? 'zh' : 'en';
  const otherLocale = getStrings(other).locale;
  const section = chapter.sections.find((s) => s.id === term.firstUse.section);
  if (!section) throw new Error(`glossary ${term.id}: no section #${term.firstUse.section} in ${lang}/${chapter.slug}`);
  return (
    <section id={`term-${term.id}`} data-term={term.id} className="glossary-entry" aria-labelledby={`term-${term.id}-name`}>
      <h2 id={`term-${term.id}-name`}>
        <span>{term.name[lang]}</span>
        <span className="glossary-other-name" lang={otherLocale}>{term.name[other]}</span>
        {term.symbol && <span className="glossary-symbol" dangerouslySetInnerHTML={{ __html: typeset(term.symbol) }} />}
      </h2>
      <p className="glossary-definition"><GlossaryText text={term.definition[lang]} /></p>
      <p className="glossary-other" lang={otherLocale}><GlossaryText text={term.definition[other]} /></p>
      <p className="glossary-first-use">
        {t.firstUse}{' '}
        <a href={`/${lang}/${chapter.slug}/#${section.id}`} data-first-use="">{chapter.title} › {section.title}</a>
      </p>
    </section>
  );
}
