'use client';
import { useStrings } from '../LangProvider';
import { useSolvedSet } from './solvedStore';
import './exercise.css';

/** "k of n exercises solved" for one chapter on the home page, beside its reading progress. */
export function ExerciseProgress({ slug, ids }: { slug: string; ids: readonly string[] }) {
  const t = useStrings().exercises;
  const all = useSolvedSet();
  if (ids.length === 0) return null;
  return (
    <span className="exercise-progress" data-testid={`exercises-${slug}`}>
      {all === null ? '' : t.progress(ids.filter((id) => all.has(id)).length, ids.length)}
    </span>
  );
}
