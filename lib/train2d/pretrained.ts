/**
 * The shipped 2D models (public/models/2d/), one per built-in data set for the sampling cell and
 * one per memorization data set: which points each was trained on and how. The training script
 * (training/pretrained2d/) and the cells both read this list, so a cell only offers a pretrained
 * model for the data it was really trained on.
 */
import { DATASETS, type DatasetId } from '../data2d';
import type { ModelFileData } from './modelFile';

const PRETRAINED_2D_DIR = '/models/2d';

export type PretrainedPurpose = 'sample' | 'memorize';

export interface PretrainedRecipe {
  purpose: PretrainedPurpose;
  dataset: DatasetId;
  /** File name inside PRETRAINED_2D_DIR. */
  file: string;
  /** The training points (what the training or memorization cell would draw by default). */
  data: ModelFileData;
  /** Points the recipe stands for (the cells' `n` / `points` parameter). */
  n: number;
  seed: number;
}

/** The training cell's default draw: 1,000 points with seed 1; the dino is the 142 Datasaurus points. */
const SAMPLE_N = 1000, SAMPLE_SEED = 1;
/** The memorization cell's defaults: 20 points, seed 2. */
const MEMORIZE_N = 20, MEMORIZE_SEED = 2;
const MEMORIZE_SETS: readonly DatasetId[] = ['moons', 'swiss-roll', 'circles', 'eight-gaussians', 'two-spirals', 'dino'];

export const PRETRAINED_2D: readonly PretrainedRecipe[] = [
  ...DATASETS.map((d): PretrainedRecipe => ({
    purpose: 'sample', dataset: d.id, file: `${d.id}.json`, n: SAMPLE_N, seed: SAMPLE_SEED,
    data: d.id === 'dino' ? { kind: 'dino' } : { kind: 'dataset', id: d.id, n: SAMPLE_N, seed: SAMPLE_SEED },
  })),
  ...MEMORIZE_SETS.map((id): PretrainedRecipe => ({
    purpose: 'memorize', dataset: id, file: `memorize-${id}.json`, n: MEMORIZE_N, seed: MEMORIZE_SEED,
    data: { kind: 'dataset', id, n: MEMORIZE_N, seed: MEMORIZE_SEED },
  })),
];

export function pretrainedRecipe(purpose: PretrainedPurpose, dataset: string): PretrainedRecipe | null {
  return PRETRAINED_2D.find((r) => r.purpose === purpose && r.dataset === dataset) ?? null;
}

export function pretrainedUrl(r: PretrainedRecipe): string {
  return `${PRETRAINED_2D_DIR}/${r.file}`;
}
