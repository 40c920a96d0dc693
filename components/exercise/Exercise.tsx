import { Children, isValidElement, type ReactElement, type ReactNode } from 'react';
import type { Lang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { ExerciseCheck, ExerciseSelfMark } from './ExerciseCheck';
import './exercise.css';

/**
 * An exercise in a chapter:
 *   <Exercise id="…" title="…" answer={0.25} tol={0.01}> question <Hint>…</Hint>
 *   <Mistake value={0.5} tol={0.01}>what that wrong answer suggests</Mistake> <Answer>…</Answer></Exercise>
 * All prose is the chapter's; Hint, Answer and Mistake only mark which part is which. With
 * `answer` the page checks a typed number; without it the reader marks the exercise solved.
 */
export function Hint({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

export function Answer({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

export function Mistake({ children }: { value: number; tol: number; children: ReactNode }) {
  return <>{children}</>;
}

interface ExerciseProps {
  id: string;
  title: string;
  lang: Lang;
  answer?: number;
  tol?: number;
  children: ReactNode;
}

type Part<P> = ReactElement<P & { children: ReactNode }>;
const isPart = <P,>(node: ReactNode, type: (p: P & { children: ReactNode }) => ReactNode): node is Part<P> =>
  isValidElement(node) && node.type === type;

export function Exercise({ id, title, lang, answer, tol, children }: ExerciseProps) {
  if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`Exercise id "${id}" must be lower-case letters, digits and hyphens.`);
  if (answer !== undefined && !(Number.isFinite(answer) && typeof tol === 'number' && tol > 0)) {
    throw new Error(`Exercise "${id}": a checked answer needs a finite answer and a positive tol.`);
  }
  const t = getStrings(lang).exercises;
  const parts = Children.toArray(children);
  const hints = parts.filter((p) => isPart(p, Hint));
  const answers = parts.filter((p) => isPart(p, Answer));
  const mistakes = parts.filter((p): p is Part<{ value: number; tol: number }> => isPart(p, Mistake));
  const question = parts.filter((p) => !isPart(p, Hint) && !isPart(p, Answer) && !isPart(p, Mistake));
  return (
    <section id={`exercise-${id}`} className="exercise" data-exercise={id} data-exercise-check={answer !== undefined ? '' : undefined}
      aria-labelledby={`exercise-${id}-title`}>
      <h3 id={`exercise-${id}-title`} className="exercise-title"><span className="exercise-kind">{t.label}</span>{title}</h3>
      {question}
      {answer !== undefined && tol !== undefined ? (
        <ExerciseCheck id={id} answer={answer} tol={tol}
          mistakes={mistakes.map((m) => ({ value: m.props.value, tol: m.props.tol }))}
          mistakeHints={mistakes.map((m) => m.props.children)} />
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
