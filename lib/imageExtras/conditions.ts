/**
 * The requested digit and colour of every image in a job: a fixed choice, or `'random'` drawn
 * from the cell's seed (salted per cell, so two cells with the same seed ask for different digits).
 */
import { makeRng } from '../rng';
import { COLOUR_NAMES } from '../imageSampling/prompt';

export interface ConditionChoice {
  count: number;
  /** '0'…'9' or 'random'. */
  digit: string;
  /** a colour name or 'random'. */
  colour: string;
  seed: number;
}

export function drawConditions(v: ConditionChoice, salt: number): { digits: number[]; colours: number[] } {
  const rng = makeRng(v.seed ^ salt);
  const digits: number[] = [];
  const colours: number[] = [];
  for (let i = 0; i < v.count; i++) {
    const d = rng.int(0, 9);
    const c = rng.int(0, COLOUR_NAMES.length - 1);
    digits.push(v.digit === 'random' ? d : Number(v.digit));
    colours.push(v.colour === 'random' ? c : COLOUR_NAMES.indexOf(v.colour as (typeof COLOUR_NAMES)[number]));
  }
  return { digits, colours };
}
