/**
 * The parts of a chapter a handout prints, read from the chapter itself at build time (server
 * only): the content of its Recap section (the key equations, without the symbol tables) and its
 * exercises (the question, without hints, known mistakes or the answer). The chapter's MDX
 * component, called as a function, returns its element tree without rendering it; this picks
 * elements from that tree, so an exercise added to a chapter is in the handout at the next build.
 */
import { Children, Fragment, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import type { ChapterSlug, Lang } from '@/lib/chapters';
import { mdxComponentsFor } from '../mdx/registry';
import { Answer, Hint, Mistake } from '../exercise/Exercise';

export interface HandoutExercise {
  id: string;
  title: string;
  question: ReactNode[];
}

export interface ChapterParts {
  keyEquations: ReactNode[];
  exercises: HandoutExercise[];
}

type Components = ReturnType<typeof mdxComponentsFor>;
type ElementProps = { id?: string; title?: string; children?: ReactNode };
type MdxModule = { default: (props: { components: Components }) => ReactNode };

const isElement = (node: ReactNode): node is ReactElement<ElementProps> => isValidElement<ElementProps>(node);
const isType = (node: ReactNode, type: unknown): node is ReactElement<ElementProps> => isElement(node) && node.type === type;

/** The top-level blocks of a chapter, in order (the tree is one fragment; blank lines are dropped). */
function topLevel(tree: ReactNode): ReactNode[] {
  const nodes = isType(tree, Fragment) ? Children.toArray(tree.props.children) : [tree];
  return nodes.filter((n) => !(typeof n === 'string' && n.trim() === ''));
}

/** A chapter's in-page links (`#section`) point into the chapter from the handout. */
function rebaseHashLinks(node: ReactNode, chapterUrl: string): ReactNode {
  if (!isElement(node)) return node;
  const props: { href?: string; children?: ReactNode } = {};
  const href = (node.props as { href?: unknown }).href;
  if (typeof href === 'string' && href.startsWith('#')) props.href = `${chapterUrl}${href}`;
  if (node.props.children !== undefined) props.children = Children.map(node.props.children, (c) => rebaseHashLinks(c, chapterUrl));
  return Object.keys(props).length > 0 ? cloneElement(node, props) : node;
}

export async function chapterParts(lang: Lang, slug: ChapterSlug): Promise<ChapterParts> {
  const components = mdxComponentsFor(lang);
  // Fixed prefix and suffix, as the chapter route: the bundler enumerates every chapter file.
  const mdx = (await import(`../../content/${lang}/${slug}.mdx`)) as MdxModule;
  const blocks = topLevel(mdx.default({ components })).map((b) => rebaseHashLinks(b, `/${lang}/${slug}/`));
  const recapAt = blocks.findIndex((b) => isType(b, components.H2) && b.props.id === 'recap');
  const recap = recapAt < 0 ? [] : blocks.slice(recapAt + 1);
  const recapEnd = recap.findIndex((b) => isType(b, components.H2));
  const keyEquations = (recapEnd < 0 ? recap : recap.slice(0, recapEnd)).filter((b) => !isType(b, components.table));
  const exercises = blocks.filter((b) => isType(b, components.Exercise)).map((b) => {
    const { id = '', title = '', children } = (b as ReactElement<ElementProps>).props;
    const question = Children.toArray(children).filter((c) => !isType(c, Hint) && !isType(c, Answer) && !isType(c, Mistake));
    return { id, title, question };
  });
  return { keyEquations, exercises };
}
