/**
 * Exercises a cell verifies: what each one reads from its cell's current state (the same URL
 * parameters that the cell's copy link carries, written by useCellParams) when the reader presses
 * Check. The quantity itself is computed in lib/exercises.
 */
import { linearAlphaBarT, type CellReading } from '@/lib/exercises';
import { parseParams } from '@/lib/urlState';
import { SCHEDULE_CELL_ID, SCHEDULE_SPEC } from '../cells/catalog';

interface CellCheck {
  /** The cell whose state is read (its id, the URL namespace). */
  cell: string;
  read(search: URLSearchParams): CellReading;
}

export const CELL_CHECKS = {
  /** ᾱ_T of the β-explorer's slot A, when it is the linear schedule with T = 1000 and β_1 = 10⁻⁴. */
  'schedule-alphabar-T': {
    cell: SCHEDULE_CELL_ID,
    read(search) {
      const v = parseParams(SCHEDULE_SPEC, search, SCHEDULE_CELL_ID).values;
      return linearAlphaBarT({ kind: v.kind, T: v.T, b1: v.b1, bT: v.bT }, { T: 1000, b1: 1e-4 });
    },
  },
} as const satisfies Record<string, CellCheck>;

export type CellCheckId = keyof typeof CELL_CHECKS;

export function isCellCheckId(id: string): id is CellCheckId {
  return Object.prototype.hasOwnProperty.call(CELL_CHECKS, id);
}
