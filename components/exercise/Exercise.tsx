import { Children, isValidElement, type ReactElement, type ReactNode } from 'react';
import type { Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { ExerciseCheck, ExerciseSelfMark, type DirectionHints } from './ExerciseCheck';
import { isCellCheckId } from './cellChecks';
import './exercise.css';

/**
 * An exercise in a chapter:
 *   <Exercise id="…" title="…" answer={0.25} tol={0.01}> question <Hint>…</Hint>
 *   <Mistake value={0.5} tol={0.01}>what that wrong answer suggests</Mistake>
 *   <Mistake when="above">what any answer that is too high suggests</Mistake> (and when="below")
 *   <Answer>…</Answer></Exercise>
 * All prose is the chapter's; Hint, Answer and Mistake only mark which part is which. With
 * `answer` the page checks a typed number; with `cell="<check id>"` as well (components/exercise/
 * cellChecks.ts) it reads that quantity from a cell's current state instead, and
 * <Mistake when="setup"> says how to set the cell up. Without `answer` the reader marks it solved.
 */
export function Hint({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

export function Answer({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

type MistakeProps = { value: number; tol: number; when?: undefined } | { when: 'above' | 'below' | 'setup'; value?: undefined; tol?: undefined };

export function Mistake({ children }: MistakeProps & { children: ReactNode }) {
  return <>{children}</>;
}

interface ExerciseProps {
  id: string;
  title: string;
  lang: Lang;
  answer?: number;
  tol?: number;
  /** A cell check (components/exercise/cellChecks.ts): the page reads the answer from that cell. */
  cell?: string;
  children: ReactNode;
}

type Part<P> = ReactElement<P & { children: ReactNode }>;
const isPart = <P,>(node: ReactNode, type: (p: P & { children: ReactNode }) => ReactNode): node is Part<P> =>
  isValidElement(node) && node.type === type;

export function Exercise({ id, title, lang, answer, tol, cell, children }: ExerciseProps) {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`Exercise id "${id}" must be lower-case letters, digits and hyphens.`);
  if (answer !== undefined && !(Number.isFinite(answer) && typeof tol === 'number' && tol > 0)) {
    throw new Error(`Exercise "${id}": a checked answer needs a finite answer and a positive tol.`);
  }
  if (cell !== undefined && !(isCellCheckId(cell) && answer !== undefined)) throw new Error(`Exercise "${id}": unknown cell check "${cell}", or no answer.`);
  const t = getStrings(lang).exercises;
  const parts = Children.toArray(children);
  const hints = parts.filter((p) => isPart(p, Hint));
  const answers = parts.filter((p) => isPart(p, Answer));
  const allMistakes = parts.filter((p): p is Part<MistakeProps> => isPart(p, Mistake));
  const mistakes = allMistakes.filter((m): m is Part<{ value: number; tol: number }> => m.props.when === undefined);
  const directions: DirectionHints = Object.fromEntries(allMistakes.flatMap((m) => (m.props.when ? [[m.props.when, m.props.children]] : [])));
  const question = parts.filter((p) => !isPart(p, Hint) && !isPart(p, Answer) && !isPart(p, Mistake));
  return (
    <section id={`exercise-${id}`} className="exercise" data-exercise={id} data-exercise-check={answer !== undefined ? '' : undefined} data-exercise-cell={cell}
      aria-labelledby={`exercise-${id}-title`}>
      <h3 id={`exercise-${id}-title`} className="exercise-title"><span className="exercise-kind">{t.label}</span>{title}</h3>
      {question}
      {answer !== undefined && tol !== undefined ? (
        <ExerciseCheck id={id} answer={answer} tol={tol} cell={cell !== undefined && isCellCheckId(cell) ? cell : undefined}
          mistakes={mistakes.map((m) => ({ value: m.props.value, tol: m.props.tol }))}
          mistakeHints={mistakes.map((m) => m.props.children)} directionHints={directions} />
      ) : <ExerciseSelfMark id={id} />}
      {hints.map((h, i) => (
        <details key={`h${i}`} className="exercise-hint" data-exercise-hint=""><summary>{t.hint}</summary>{h.props.children}</details>
      ))}
      {answers.map((a, i) => (
        <details key={`a${i}`} className="exercise-answer" data-exercise-answer=""><summary>{t.answer}</summary>{a.props.children}</details>
      ))}
    </section>
  );
}
