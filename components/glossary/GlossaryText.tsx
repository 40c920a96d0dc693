import katex from 'katex';

/**
 * A glossary text (lib/glossary.ts) as markup: `$…$` typeset with KaTeX at build time (the same
 * HTML + MathML output as the chapters' rehype-katex), `…` in backticks as code, the rest as text.
 */
export function GlossaryText({ text }: { text: string }) {
  const parts = text.split(/(\$[^$]+\$|`[^`]+`)/).filter(Boolean);
  return (
    <>
      {parts.map((part, i) => {
        if (part.startsWith('$')) return <span key={i} dangerouslySetInnerHTML={{ __html: typeset(part.slice(1, -1)) }} />;
        if (part.startsWith('`')) return <code key={i}>{part.slice(1, -1)}</code>;
        return part;
      })}
    </>
  );
}

export function typeset(tex: string): string {
  return katex.renderToString(tex, { throwOnError: false, strict: false, output: 'htmlAndMathml' });
}
