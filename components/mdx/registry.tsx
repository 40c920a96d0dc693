/**
 * The single registry mapping MDX tags to components. Chapter files in content/<lang>/ use only
 * these tags. Cells are not listed here one by one: every entry of the cell catalog
 * (components/cells/catalog.ts) becomes its tag, with its code panel read at build time.
 */
import { Children, isValidElement, type ComponentProps, type ReactNode } from 'react';
import { H2, H3 } from '../Heading';
import { Note, Warning } from '../Callout';
import { CodeBlock } from '../CodeBlock';
import { AlgorithmCode } from '../Algorithms';
import { Exercise, Hint, Answer, Mistake } from '../exercise/Exercise';
import { Term } from '../glossary/Term';
import type { Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { CELLS, type CellEntry } from '../cells/catalog';
import { LazyCell } from '../cells/LazyCell';
import { modelFactsAtBuild } from '../imageModel/manifestAtBuild';
import { TexMath } from './TexMath';

/**
 * Server component for one catalog cell, with its build-time props. Its code panel gets the names
 * of its functions; their sources are static files (app/code/[file]/route.ts) fetched on open.
 */
function catalogCell(entry: CellEntry) {
  function CatalogCell() {
    return <LazyCell cell={entry.id} id={entry.id} code={entry.code} {...entry.props?.(modelFactsAtBuild())} />;
  }
  CatalogCell.displayName = entry.tag;
  return CatalogCell;
}

/** remark-math writes `$…$` as `<code class="language-math math-inline">` and `$$…$$` as a `<pre>` around `math-display`. */
const hasClass = (className: unknown, name: string) => typeof className === 'string' && className.split(' ').includes(name);

/** A formula's TeX: the code element's text (one string, or strings once a handout has mapped its children). */
function texOf(children: ReactNode): string | null {
  const parts = Children.toArray(children);
  return parts.every((p) => typeof p === 'string') ? parts.join('') : null;
}

/** Inline code, or an inline formula (typeset by TexMath, whose payload is the TeX alone). */
function Code(props: ComponentProps<'code'>) {
  const tex = hasClass(props.className, 'math-inline') ? texOf(props.children) : null;
  return tex === null ? <code {...props} /> : <TexMath tex={tex} />;
}

/** A fenced code block, or a display formula. */
function Pre(props: ComponentProps<'pre'>) {
  const [child] = Children.toArray(props.children);
  const tex = isValidElement<ComponentProps<'code'>>(child) && hasClass(child.props.className, 'language-math') ? texOf(child.props.children) : null;
  return tex === null ? <CodeBlock {...props} /> : <TexMath display tex={tex} />;
}

const cellComponents: Record<string, () => React.JSX.Element> = Object.fromEntries(CELLS.map((c) => [c.tag, catalogCell(c)]));

export const mdxComponents = {
  H2,
  H3,
  Note,
  Warning,
  code: Code,
  pre: Pre,
  Hint,
  Answer,
  Mistake,
  ...cellComponents,
};

/** Server components that render text at build time need the page's language bound in. */
export function mdxComponentsFor(lang: Lang) {
  return {
    ...mdxComponents,
    table: (props: ComponentProps<'table'>) => (
      <div className="table-scroll" role="region" aria-label={getStrings(lang).tableRegion} tabIndex={0}>
        <table {...props} />
      </div>
    ),
    AlgorithmCode: (props: { algorithm: 'training' | 'sampling' }) => <AlgorithmCode lang={lang} {...props} />,
    Exercise: (props: Omit<ComponentProps<typeof Exercise>, 'lang'>) => <Exercise lang={lang} {...props} />,
    Term: (props: Omit<ComponentProps<typeof Term>, 'lang'>) => <Term lang={lang} {...props} />,
  };
}

