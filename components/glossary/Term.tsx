import type { ReactNode } from 'react';
import type { Lang } from '@/lib/chapters';
import { glossaryTerm } from '@/lib/glossary';
import { GlossaryText } from './GlossaryText';
import { TermLink } from './TermLink';
import { TexMath } from '../mdx/TexMath';
import './glossary.css';

/** A formula in a tooltip, typeset like the chapter's own (its payload is the TeX). */
const chapterFormula = (tex: string, key: number) => <TexMath key={key} tex={tex} />;

/**
 * The first use of a glossary term in a chapter: `<Term id="alpha-bar">running product</Term>`.
 * A link to the term's glossary entry whose definition shows on hover, on keyboard focus and on a
 * first tap (components/glossary/TermLink.tsx); the definition is typeset here, at build time.
 */
export function Term({ id, lang, children }: { id: string; lang: Lang; children: ReactNode }) {
  const term = glossaryTerm(id);
  if (!term) throw new Error(`<Term id="${id}">: no such term in lib/glossary.ts.`);
  return (
    <TermLink href={`/${lang}/glossary/#term-${id}`} tipId={`term-tip-${id}`} termId={id}
      tip={<><strong className="term-tip-name">{term.name[lang]}</strong> <GlossaryText text={term.definition[lang]} formula={chapterFormula} /></>}>
      {children}
    </TermLink>
  );
}
