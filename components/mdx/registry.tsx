/**
 * The single registry mapping MDX tags to components. Chapter files in content/<lang>/ use only
 * these tags. Cells are not listed here one by one: every entry of the cell catalog
 * (components/cells/catalog.ts) becomes its tag, with its code panel read at build time.
 */
import type { ComponentProps } from 'react';
import { H2, H3 } from '../Heading';
import { Note, Warning } from '../Callout';
import { CodeBlock } from '../CodeBlock';
import { AlgorithmCode } from '../Algorithms';
import { Exercise, Hint, Answer, Mistake } from '../exercise/Exercise';
import { Term } from '../glossary/Term';
import type { Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { readFunctionSource } from '@/lib/content';
import { CELLS, type CellEntry } from '../cells/catalog';
import { LazyCell } from '../cells/LazyCell';
import { modelFactsAtBuild } from '../imageModel/manifestAtBuild';

/** Server component for one catalog cell: the real source of its functions, its build-time props. */
function catalogCell(entry: CellEntry) {
  function CatalogCell() {
    const code = entry.code.map((c) => ({ ...c, source: readFunctionSource(c.file, c.name) }));
    return <LazyCell cell={entry.id} id={entry.id} code={code} {...entry.props?.(modelFactsAtBuild())} />;
  }
  CatalogCell.displayName = entry.tag;
  return CatalogCell;
}

const cellComponents: Record<string, () => React.JSX.Element> = Object.fromEntries(CELLS.map((c) => [c.tag, catalogCell(c)]));

export const mdxComponents = {
  H2,
  H3,
  Note,
  Warning,
  pre: (props: ComponentProps<'pre'>) => <CodeBlock {...props} />,
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

