/**
 * ONE backend decision per page, shared by every TF.js worker on it (the 2D model worker and the
 * image-model worker). Page side, no TF.js: the worker that measures first decides ("auto"), the
 * others reuse that decision instead of measuring again; a worker asking while the first one
 * still measures waits for it. A forced choice (the visible override) is the cell's own and
 * changes nothing here.
 */
import type { BackendName, BackendPreference, BackendWhy } from './decide';

/** A backend a worker runs on, with the human-readable reason shown in the cell. */
export interface BackendChoice {
  name: BackendName;
  /** English, for developers and logs; `why` is what the page words in the reader's language. */
  reason: string;
  why?: BackendWhy;
}

/** tf.memory() of a worker, as the tests and the tensor readouts see it. */
export interface MemoryReport {
  numTensors: number;
  numBytes: number;
  /** The worker's active backend (null: TF.js not loaded there yet). */
  backend: string | null;
}

/** Asks one worker to select a backend: `cached` is the page's decision for it to reuse. */
export type SelectInWorker = (preference: BackendPreference, cached: BackendChoice | null) => Promise<BackendChoice>;

let decided: BackendChoice | null = null;
let measuring: Promise<BackendChoice> | null = null;

/** The backend for `preference` in one worker, measured at most once per page for "auto". */
export async function pageBackend(preference: BackendPreference, select: SelectInWorker): Promise<BackendChoice> {
  if (preference !== 'auto') return select(preference, null);
  if (measuring) await measuring.catch(() => undefined);
  if (decided) return select('auto', decided);
  const p = select('auto', null);
  measuring = p;
  try {
    decided = await p;
    return decided;
  } finally {
    if (measuring === p) measuring = null;
  }
}

/** The page's decision so far (null before the first "auto" measurement finishes). */
export function pageBackendDecision(): BackendChoice | null {
  return decided;
}

/** Tests only: forget the decision. */
export function resetPageBackend(): void {
  decided = null;
  measuring = null;
}
