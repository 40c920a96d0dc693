import katex from 'katex';
import type { ReactNode } from 'react';

/** How a `$…$` formula becomes markup (the glossary page typesets it here; a chapter's tooltip passes TexMath). */
type Formula = (tex: string, key: number) => ReactNode;

const serverFormula: Formula = (tex, key) => <span key={key} dangerouslySetInnerHTML={{ __html: typeset(tex) }} />;

/**
 * A glossary text (lib/glossary.ts) as markup: `$…$` typeset with KaTeX at build time (the same
 * HTML + MathML output as the chapters' formulas), `…` in backticks as code, the rest as text.
 * A chapter's tooltips (components/glossary/Term.tsx) pass `formula` to make each one a TexMath
 * like the chapter's own: the chapter loads KaTeX anyway, and its RSC payload then carries the TeX,
 * not the markup a second time. The glossary page keeps the default, so its JavaScript stays
 * free of KaTeX.
 */
export function GlossaryText({ text, formula = serverFormula }: { text: string; formula?: Formula }) {
  const parts = text.split(/(\$[^$]+\$|`[^`]+`)/).filter(Boolean);
  return (
    <>
      {parts.map((part, i) => {
        if (part.startsWith('$')) return formula(part.slice(1, -1), i);
        if (part.startsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
        return part;
      })}
    </>
  );
}

export function typeset(tex: string): string {
  return katex.renderToString(tex, { throwOnError: false, strict: false, output: 'htmlAndMathml' });
}
