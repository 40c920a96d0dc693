/**
 * The "real or generated?" quiz: a seeded, balanced plan (half real held-out digits, half model
 * samples, shuffled) and its scoring. Pure: no DOM.
 */
import { makeRng } from '../rng';
import { drawJitter, type Jitter, type JitterSpec } from './colouring';

export type Kind = 'real' | 'generated';

export interface QuizItem {
  kind: Kind;
  digit: number;
  colour: number;
  /** 'real': index into the held-out list; −1 for a generated item. */
  heldout: number;
  /** 'real': the colour jitter of the training colouring; null for a generated item. */
  jitter: Jitter | null;
}

/**
 * `rounds` items, floor(rounds/2) real and the rest generated (so answering "real" every time
 * scores about 50%), in a seeded random order. Real items take distinct held-out digits while
 * there are enough; every item gets a random colour; generated items ask the model for a random
 * digit in their colour.
 */
export function planQuiz(
  seed: number, rounds: number, heldoutDigits: readonly number[], numColours: number, jitter: JitterSpec,
): QuizItem[] {
  if (!(Number.isInteger(rounds) && rounds >= 2)) throw new RangeError(`A quiz needs at least 2 rounds (got ${rounds}).`);
  if (heldoutDigits.length === 0) throw new RangeError('No held-out digits to show.');
  const rng = makeRng(seed);
  const nReal = Math.floor(rounds / 2);
  const kinds: Kind[] = [...Array(nReal).fill('real'), ...Array(rounds - nReal).fill('generated')];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const pool = heldoutDigits.map((_, i) => i);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  let next = 0;
  return kinds.map((kind) => {
    const colour = rng.int(0, numColours - 1);
    if (kind === 'real') {
      const h = pool[next++ % pool.length];
      return { kind, digit: heldoutDigits[h], colour, heldout: h, jitter: drawJitter(rng, jitter) };
    }
    return { kind, digit: rng.int(0, 9), colour, heldout: -1, jitter: null };
  });
}

export interface QuizScore {
  answered: number;
  correct: number;
  total: number;
  /** Of the real items: how many the reader called real. Of the generated: how many called generated. */
  realCorrect: number;
  realTotal: number;
  generatedCorrect: number;
  generatedTotal: number;
}

export function scoreQuiz(items: readonly { kind: Kind }[], guesses: readonly (Kind | null)[]): QuizScore {
  const s: QuizScore = { answered: 0, correct: 0, total: items.length, realCorrect: 0, realTotal: 0, generatedCorrect: 0, generatedTotal: 0 };
  items.forEach((it, i) => {
    const g = guesses[i] ?? null;
    if (it.kind === 'real') s.realTotal++; else s.generatedTotal++;
    if (g === null) return;
    s.answered++;
    if (g === it.kind) {
      s.correct++;
      if (it.kind === 'real') s.realCorrect++; else s.generatedCorrect++;
    }
  });
  return s;
}
