'use client';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { checkNumeric, checkReading, type CheckVerdict, type ExerciseMistake } from '@/lib/exercises';
import { useStrings } from '../LangProvider';
import { useSolved } from './solvedStore';
import { CELL_CHECKS, type CellCheckId } from './cellChecks';

/** The chapter's hints for any answer above or below the right one, and for a cell set up otherwise than asked. */
export interface DirectionHints { above?: ReactNode; below?: ReactNode; setup?: ReactNode }

interface CheckProps {
  id: string;
  answer: number;
  tol: number;
  mistakes: readonly ExerciseMistake[];
  /** The chapter's hint for each known mistake, in the order of `mistakes` (rendered at build time). */
  mistakeHints: readonly ReactNode[];
  directionHints: DirectionHints;
  /** Read the answer from this cell check instead of a typed field. */
  cell?: CellCheckId;
}

/** What a check showed: the verdict, and for a cell check the value it read. */
interface Shown { verdict: CheckVerdict; read: number | null }

/**
 * The answer field of an exercise the page checks (or, for a cell check, one button that reads
 * the cell's current state): a verdict with a specific hint, and the solved mark.
 */
export function ExerciseCheck({ id, answer, tol, mistakes, mistakeHints, directionHints, cell }: CheckProps) {
  const t = useStrings().exercises;
  const inputId = useId();
  const [raw, setRaw] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [solved, setSolved] = useSolved(id);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const check = { answer, tol, mistakes };
    let next: Shown;
    if (cell) {
      const reading = CELL_CHECKS[cell].read(new URLSearchParams(window.location.search));
      next = { verdict: checkReading(reading, check), read: reading.kind === 'value' ? reading.value : null };
    } else {
      next = { verdict: checkNumeric(raw, check), read: null };
    }
    setShown(next);
    if (next.verdict.kind === 'correct') setSolved(true);
  };
  return (
    <form className="exercise-check" onSubmit={onSubmit}>
      {!cell && <label htmlFor={inputId}>{t.yourAnswer}</label>}
      {!cell && <input id={inputId} type="text" inputMode="decimal" autoComplete="off" value={raw}
        onChange={(e) => setRaw(e.target.value)} data-exercise-input="" />}
      <button type="submit" data-exercise-submit="">{cell ? t.checkCell : t.check}</button>
      {solved && <span className="exercise-solved" data-exercise-solved="">✓ {t.solved}</span>}
      <div role="status" className="exercise-verdict" data-verdict={shown?.verdict.kind ?? ''}>
        {shown && cell && shown.read !== null && <p data-exercise-read="">{t.cellRead[cell](shown.read)}</p>}
        {shown && <Verdict verdict={shown.verdict} mistakeHints={mistakeHints} directionHints={directionHints} />}
      </div>
    </form>
  );
}

function Verdict({ verdict, mistakeHints, directionHints }: { verdict: CheckVerdict; mistakeHints: readonly ReactNode[]; directionHints: DirectionHints }) {
  const t = useStrings().exercises;
  const hint = (node: ReactNode | undefined, fallback: string) =>
    (node ? <div className="exercise-mistake">{node}</div> : <p>{fallback}</p>);
  switch (verdict.kind) {
    case 'correct': return <p>{t.correct}</p>;
    case 'mistake': return <div className="exercise-mistake">{mistakeHints[verdict.index]}</div>;
    case 'too-high': return hint(directionHints.above, t.tooHigh);
    case 'too-low': return hint(directionHints.below, t.tooLow);
    case 'setup': return hint(directionHints.setup, t.setup);
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
