'use client';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { checkNumeric, type CheckVerdict, type ExerciseMistake } from '@/lib/exercises';
import { useStrings } from '../LangProvider';
import { useSolved } from './solvedStore';

interface CheckProps {
  id: string;
  answer: number;
  tol: number;
  mistakes: readonly ExerciseMistake[];
  /** The chapter's hint for each known mistake, in the order of `mistakes` (rendered at build time). */
  mistakeHints: readonly ReactNode[];
}

/** The answer field of an exercise the page checks: a verdict with a specific hint, and the solved mark. */
export function ExerciseCheck({ id, answer, tol, mistakes, mistakeHints }: CheckProps) {
  const t = useStrings().exercises;
  const inputId = useId();
  const [raw, setRaw] = useState('');
  const [verdict, setVerdict] = useState<CheckVerdict | null>(null);
  const [solved, setSolved] = useSolved(id);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = checkNumeric(raw, { answer, tol, mistakes });
    setVerdict(v);
    if (v.kind === 'correct') setSolved(true);
  };
  return (
    <form className="exercise-check" onSubmit={onSubmit}>
      <label htmlFor={inputId}>{t.yourAnswer}</label>
      <input id={inputId} type="text" inputMode="decimal" autoComplete="off" value={raw}
        onChange={(e) => setRaw(e.target.value)} data-exercise-input="" />
      <button type="submit">{t.check}</button>
      {solved && <span className="exercise-solved" data-exercise-solved="">✓ {t.solved}</span>}
      <div role="status" className="exercise-verdict" data-verdict={verdict?.kind ?? ''}>
        {verdict && <Verdict verdict={verdict} mistakeHints={mistakeHints} />}
      </div>
    </form>
  );
}

function Verdict({ verdict, mistakeHints }: { verdict: CheckVerdict; mistakeHints: readonly ReactNode[] }) {
  const t = useStrings().exercises;
  switch (verdict.kind) {
    case 'correct': return <p>{t.correct}</p>;
    case 'mistake': return <div className="exercise-mistake">{mistakeHints[verdict.index]}</div>;
    case 'too-high': return <p>{t.tooHigh}</p>;
    case 'too-low': return <p>{t.tooLow}</p>;
    case 'not-a-number': return <p>{t.notANumber}</p>;
  }
}

/** For an exercise the page cannot check: the reader marks it solved themselves. */
export function ExerciseSelfMark({ id }: { id: string }) {
  const t = useStrings().exercises;
  const [solved, setSolved] = useSolved(id);
  if (solved === null) return <div className="exercise-check" />;
  return (
    <div className="exercise-check">
      <button type="button" aria-pressed={solved} onClick={() => setSolved(!solved)} data-exercise-mark="">
        {solved ? t.unmarkSolved : t.markSolved}
      </button>
      {solved && <span className="exercise-solved" data-exercise-solved="">✓ {t.solved}</span>}
    </div>
  );
}
